// The Charts tab: the variable picker, mode and layout, then the overlay, one chart per chosen variable and the model's own charts.
import type { View } from "vega";
import type { VscodeSingleSelect } from "@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js";
import { LAYOUT_LABELS as LAYOUTS, MODE_LABELS as MODES, type ChartOptions } from "../../src/shared/chartOptions";
import type { PanelResults, PanelViewState } from "../../src/shared/protocol";
import { ChartBoard } from "../shared/chartBoard";
import { planCharts, type ChartPlan } from "../shared/chartPlan";
import { themeFromCss } from "../shared/cssTheme";
import { chartImage, lightChartImage, pageBackground, type ImageBackground } from "./chartExport";
import { Checklist } from "./checklist";
import { labelled, select } from "./controls";
import { button, h } from "./dom";
import { chartedVariables, defaultVariables } from "./state";

/** Charts fit the panel down to this width in px; a narrower panel scrolls them (media/panel.css). */
const MIN_CHART_WIDTH = 200;

/** What the tab needs from the panel. */
export interface ChartsTabHost {
  state(): PanelViewState;
  update(change: Partial<PanelViewState>): void;
  /** Sends a chart's image to the host to save. */
  exportImage(format: "png" | "svg", data: string, name: string): void;
}

/** The Charts tab's content. */
export class ChartsTab {
  readonly element: HTMLElement;
  private readonly charts = h("div", { id: "substep-charts", className: "charts" });
  private readonly board: ChartBoard;
  private readonly picker: Checklist;
  private readonly mode: VscodeSingleSelect;
  private readonly layout: VscodeSingleSelect;
  private readonly images: VscodeSingleSelect;
  private readonly resetZoom = button("Show All Timesteps", () => this.zoom(undefined), {
    secondary: true,
    title: "Undo the zoom to a brushed time range (or double-click a chart)",
  });
  /** The options the charts were last drawn with: a light-background image is drawn again with them. */
  private drawnOptions: ChartOptions | undefined;
  private results: PanelResults | undefined;
  private version = 0;
  private visible = true;
  /** Something changed while the tab was hidden: draw when it shows. */
  private stale = false;
  private drawnWidth = 0;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ChartsTabHost) {
    this.picker = new Checklist({
      caption: (n, total) => `Variables: ${n} of ${total}`,
      label: "Variables to chart",
      actions: [
        { label: "All", pick: (items) => [...items] },
        { label: "None", pick: () => [] },
        { label: "Default", pick: () => (this.results ? defaultVariables(this.results.charts) : []) },
      ],
      onChange: (selected) => {
        this.host.update({ variables: selected });
        this.draw();
      },
    });
    this.mode = select("Show", MODES, (mode) => {
      this.host.update({ mode });
      this.draw();
    });
    this.layout = select("Groups", LAYOUTS, (layout) => {
      this.host.update({ layout });
      this.draw();
    });
    const backgrounds: [ImageBackground, string][] = [
      ["theme", "Theme background"],
      ["light", "Light background"],
    ];
    this.images = select("Images", backgrounds, (imageBackground) => this.host.update({ imageBackground }));
    this.images.title = "What PNG and SVG exports are drawn on";
    const controls = h(
      "div",
      { className: "toolbar chart-controls", attrs: { role: "toolbar", "aria-label": "Chart options" } },
      this.picker.element,
      labelled("Show", this.mode),
      labelled("Groups", this.layout),
      labelled("Images", this.images),
      this.resetZoom,
    );
    this.resetZoom.hidden = true;
    // A double click on a chart shows every timestep again.
    this.charts.addEventListener("dblclick", () => this.zoom(undefined));
    this.board = new ChartBoard(
      this.charts,
      (figure, plan, view) => this.decorate(figure, plan, view),
      (range) => this.zoom([Math.floor(range[0]), Math.ceil(range[1])]),
    );
    this.charts.dataset.state = "empty";
    this.element = h("div", { className: "charts-tab" }, controls, this.charts);
    new ResizeObserver(() => this.resized()).observe(this.charts);
  }

  /** New results: the controls follow them, the charts are drawn again with the current choices. */
  setResults(results: PanelResults): void {
    this.results = results;
    this.version++;
    const state = this.host.state();
    this.picker.set(results.charts.variables, chartedVariables(state.variables, results.charts));
    this.picker.disabled = results.charts.variables.length === 0;
    this.mode.value = state.mode;
    this.layout.value = state.layout;
    this.images.value = state.imageBackground ?? "theme";
    const single = results.charts.groups.length < 2;
    this.layout.toggleAttribute("disabled", single);
    this.layout.title = single ? "There is a single parameter subset" : "";
    this.draw();
  }

  /** The tab shows or hides: hidden charts are not drawn (they have no width), and are drawn on showing if stale. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    // The tab panel shows on its next update: its charts are drawn once it has a width (see `resized`).
    if (visible && this.stale) requestAnimationFrame(() => this.stale && this.draw());
  }

  /** Draws again with the page's current colours (the theme changed). */
  redraw(): void {
    this.draw();
  }

  /** Exports the first chart, as from the header's menu; false when it is not drawn (yet). */
  async exportFirst(format: "png" | "svg"): Promise<boolean> {
    const first = this.board.viewAt(0);
    if (first) await this.exportView(first.view, first.plan, format);
    return first !== undefined;
  }

  private draw(): void {
    const results = this.results;
    if (!results) return;
    if (!this.visible || this.charts.clientWidth === 0) {
      this.stale = true;
      return;
    }
    this.stale = false;
    const state = this.host.state();
    this.drawnWidth = Math.floor(this.charts.clientWidth);
    this.resetZoom.hidden = !state.timeRange;
    const options: ChartOptions = {
      mode: state.mode,
      layout: state.layout,
      brush: true,
      ...(state.timeRange ? { timeRange: state.timeRange } : {}),
      theme: themeFromCss(this.charts),
      width: Math.max(MIN_CHART_WIDTH, this.drawnWidth - 18),
    };
    this.drawnOptions = options;
    const plans = planCharts(results.charts, results.overlay, chartedVariables(state.variables, results.charts));
    const empty =
      results.header.rows === 0
        ? "Nothing to chart: the results have no rows."
        : results.charts.variables.length
          ? "No variables chosen: pick some with Variables above."
          : "Nothing to chart: the results hold no numeric variables.";
    this.charts.dataset.state = "rendering";
    void this.board.draw(plans, options, this.version, empty).then((outcome) => {
      if (outcome !== "superseded") this.charts.dataset.state = outcome;
    });
  }

  /** Zooms every chart to a time range (undefined: all timesteps). */
  private zoom(range: [number, number] | undefined): void {
    if (!range && !this.host.state().timeRange) return;
    this.host.update({ timeRange: range });
    this.draw();
  }

  /** Charts are drawn to a width in pixels: a wider or narrower panel draws them again (once it settles). */
  private resized(): void {
    const width = Math.floor(this.charts.clientWidth);
    if (width === 0) return;
    if (this.stale) return this.draw();
    if (Math.abs(width - this.drawnWidth) < 8) return;
    clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => this.draw(), this.drawnWidth === 0 ? 0 : 150);
  }

  /** Each figure names its chart for tests and tools, and gets its own export buttons. */
  private decorate(figure: HTMLElement, plan: ChartPlan, view: () => View | undefined): void {
    figure.dataset.testid = "chart";
    figure.dataset.variable = plan.variable;
    figure.dataset.kind = plan.kind;
    figure.setAttribute("aria-label", plan.title);
    const tools = h("div", { className: "chart-tools" });
    for (const format of ["png", "svg"] as const) {
      const b = h("button", {
        className: "chart-tool",
        text: format.toUpperCase(),
        title: `Save this chart as ${format.toUpperCase()}`,
        attrs: { type: "button", "aria-label": `Save chart ${plan.title} as ${format.toUpperCase()}` },
      });
      b.addEventListener("click", () => {
        const v = view();
        if (v) void this.exportView(v, plan, format);
      });
      tools.append(b);
    }
    figure.append(tools);
  }

  private async exportView(view: View, plan: ChartPlan, format: "png" | "svg"): Promise<void> {
    try {
      const light = this.host.state().imageBackground === "light" && this.drawnOptions;
      const image = light ? await lightChartImage(plan, light, format) : await chartImage(view, format, pageBackground());
      this.host.exportImage(format, image, plan.title);
    } catch (err) {
      console.error(`substep: exporting chart '${plan.title}' failed`, err);
    }
  }
}
