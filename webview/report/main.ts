// The HTML report's renderer: reads the embedded chart data, builds the controls and draws the charts, offline.
import type { View } from "vega";
import type { TopLevelSpec } from "vega-lite";
import { overlayChartSpec, userChartSpec, variableChartSpec, type ChartOptions } from "../../src/shared/chartSpecs";
import { REPORT_CHARTS_ID, REPORT_DATA_ID, type ReportPayload } from "../../src/shared/reportPayload";
import { themeFromCss } from "../shared/cssTheme";
import { renderVegaLite } from "../shared/vegaView";
import { buildControls, type ControlState } from "./controls";

const root = document.getElementById(REPORT_CHARTS_ID);
const source = document.getElementById(REPORT_DATA_ID);
if (root && source?.textContent) start(root, JSON.parse(source.textContent) as ReportPayload);

function start(root: HTMLElement, payload: ReportPayload): void {
  const state: ControlState = { variables: new Set(payload.variables), mode: payload.mode, layout: payload.layout };
  const controls = buildControls(payload.data, state, () => void draw());
  const charts = document.createElement("div");
  charts.className = "charts";
  root.replaceChildren(controls, charts);

  let views: View[] = [];
  let generation = 0;
  let drawnWidth = 0;

  async function draw(): Promise<void> {
    const mine = ++generation;
    root.dataset.state = "rendering";
    for (const v of views) v.finalize();
    views = [];
    // Less the figure's padding and border, so the SVG never needs a scrollbar.
    drawnWidth = Math.floor(charts.clientWidth);
    const width = Math.max(320, drawnWidth - 16);
    const options: ChartOptions = { mode: state.mode, layout: state.layout, theme: themeFromCss(root), width };
    const specs: { title: string; spec: () => TopLevelSpec }[] = [];
    if (payload.overlay.length >= 2) specs.push({ title: payload.overlay.join(", "), spec: () => overlayChartSpec(payload.data, payload.overlay, options) });
    for (const v of payload.data.variables) {
      if (state.variables.has(v)) specs.push({ title: v, spec: () => variableChartSpec(payload.data, v, options) });
    }
    payload.data.userCharts.forEach((chart, i) => {
      specs.push({ title: `model chart ${i + 1}`, spec: () => userChartSpec(payload.data, chart, options.theme, width) });
    });
    // Vega labels its container for assistive tech itself, so it draws into an inner element and the figure keeps the title.
    const figures = specs.map((s) => {
      const figure = document.createElement("figure");
      figure.className = "chart";
      figure.dataset.title = s.title;
      figure.append(document.createElement("div"));
      return figure;
    });
    const boxes = figures.map((f) => f.firstElementChild as HTMLElement);
    charts.replaceChildren(...figures);
    if (specs.length === 0) charts.append(note(payload.data.variables.length ? "No variables selected." : "Nothing to chart: the results hold no numeric variables."));
    let failed = false;
    for (let i = 0; i < specs.length; i++) {
      try {
        const view = await renderVegaLite(boxes[i]!, specs[i]!.spec());
        if (mine !== generation) {
          view.finalize();
          return;
        }
        views.push(view);
      } catch (err) {
        if (mine !== generation) return;
        failed = true;
        console.error(`substep: chart '${specs[i]!.title}' failed`, err);
        boxes[i]!.replaceChildren(note(`This chart could not be drawn: ${err instanceof Error ? err.message : String(err)}`, "chart-error"));
      }
    }
    root.dataset.state = failed ? "error" : "ready";
  }

  // Charts are sized in pixels when drawn, so a new width or colour scheme means drawing them again.
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  new ResizeObserver(() => {
    if (Math.abs(Math.floor(charts.clientWidth) - drawnWidth) < 8) return;
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => void draw(), 150);
  }).observe(charts);
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => void draw());
  void draw();
}

function note(text: string, className = "note"): HTMLElement {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = text;
  return p;
}
