// The Summary tab: the Monte Carlo outcome. Per subset (named by its parameters), each number's values over the
// runs at a timestep (default: the final values) described, and a histogram of one chosen number. The host
// computes it on request (`summary` messages): the page never holds the runs' rows.
import type { VscodeSingleSelect } from "@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js";
import type { VscodeTextfield } from "@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js";
import { formatCount, formatNumber } from "../../src/export/format";
import type { PanelSummary } from "../../src/shared/panelSummary";
import type { PanelComparison, PanelViewState } from "../../src/shared/protocol";
import { histogramSpec } from "../../src/shared/summarySpec";
import { themeFromCss } from "../shared/cssTheme";
import { renderVegaLite } from "../shared/vegaView";
import { labelled, select } from "./controls";
import { button, h } from "./dom";

/** What the tab needs from the panel. */
export interface SummaryTabHost {
  state(): PanelViewState;
  update(change: Partial<PanelViewState>): void;
  /** Posts a `summary` request to the host. */
  requestSummary(requestId: number, variable: string | undefined, timestep: number | undefined): void;
}

/** Rows of one subset's table at most (a model of hundreds of agents lists the first ones). */
const MAX_ROWS = 40;
const STATS = ["mean", "sd", "min", "p5", "p50", "p95", "max"] as const;

export class SummaryTab {
  readonly element: HTMLElement;
  private readonly variableSlot = h("div", { className: "control-slot" });
  private readonly timestep: VscodeTextfield;
  private readonly chart = h("div", { className: "summary-chart", attrs: { role: "img" } });
  private readonly tables = h("div", { className: "summary-tables" });
  private readonly note = h("p", { className: "summary-note" });
  /** A comparison's final values side by side, above the per-run tables. */
  private readonly compared = h("section", { className: "compare-finals" });
  private requestId = 0;
  private summary: PanelSummary | undefined;
  private visible = false;
  /** A result arrived while hidden: asked for when the tab is shown. */
  private stale = false;

  constructor(private readonly host: SummaryTabHost) {
    this.timestep = h("vscode-textfield", { attrs: { type: "number", min: "0", placeholder: "final", "aria-label": "Timestep" } });
    this.timestep.addEventListener("change", () => {
      const t = this.timestep.value === "" ? undefined : Number(this.timestep.value);
      this.ask({ summaryTimestep: t !== undefined && Number.isInteger(t) && t >= 0 ? t : undefined });
    });
    const final = button("Final values", () => this.ask({ summaryTimestep: undefined }), { secondary: true, title: "Each run's last computed row" });
    this.element = h(
      "div",
      { className: "summary-tab" },
      h("div", { className: "toolbar" }, this.variableSlot, labelled("At timestep", this.timestep), final),
      this.compared,
      this.chart,
      this.note,
      this.tables,
    );
    this.compared.hidden = true;
  }

  /** A new result: its summary is asked for now, or when the tab is next shown. */
  resultsChanged(comparison?: PanelComparison): void {
    this.showComparison(comparison);
    this.summary = undefined;
    if (this.visible) this.request();
    else this.stale = true;
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.stale) this.request();
  }

  /** The host's answer; an answer to an older request is dropped. */
  receive(requestId: number, summary: PanelSummary): void {
    if (requestId !== this.requestId) return;
    this.summary = summary;
    this.draw();
  }

  /** Charts follow the page's colours: draw again after a theme change. */
  redraw(): void {
    if (this.summary) this.draw();
  }

  private ask(change: Partial<PanelViewState>): void {
    this.host.update(change);
    this.request();
  }

  private request(): void {
    this.stale = false;
    const state = this.host.state();
    this.element.dataset.state = "loading";
    this.host.requestSummary(++this.requestId, state.summaryVariable, state.summaryTimestep);
  }

  private draw(): void {
    const summary = this.summary!;
    this.timestep.value = summary.timestep === undefined ? "" : String(summary.timestep);
    this.timestep.setAttribute("max", String(summary.maxTimestep));
    const pick: VscodeSingleSelect = select(
      "Variable",
      summary.variables.map((v) => [v, v]),
      (v) => this.ask({ summaryVariable: v }),
    );
    pick.value = summary.variable;
    this.variableSlot.replaceChildren(labelled("Variable", pick));
    const runs = summary.groups.reduce((n, g) => n + (g.distributions[0]?.count ?? 0) + (g.distributions[0]?.nonFinite ?? 0), 0);
    const at = summary.timestep === undefined ? "each run's final value (a run that ended early: its last computed one)" : `timestep ${summary.timestep}`;
    this.note.textContent =
      summary.groups.length === 0
        ? "Nothing to summarise: the results hold no numbers."
        : `At ${at}, over ${formatCount(runs)} runs. sd is the sample standard deviation; percentiles interpolate linearly (numpy's default).`;
    this.tables.replaceChildren(...summary.groups.map((g) => this.groupTable(g, summary.groups.length > 1)));
    if (summary.groups.length === 0) {
      this.chart.replaceChildren();
      this.element.dataset.state = "empty";
      return;
    }
    const width = Math.max(280, Math.min(760, this.element.clientWidth - 40));
    this.chart.setAttribute("aria-label", `Histogram of ${summary.variable}`);
    void renderVegaLite(this.chart, histogramSpec(summary, themeFromCss(this.element), width)).then(
      () => (this.element.dataset.state = "drawn"),
      (err: unknown) => {
        console.error("substep: drawing the histogram failed", err);
        this.element.dataset.state = "error";
      },
    );
  }

  /** The final-value table of a comparison: each run's mean final value, and each later run's difference from the first. */
  private showComparison(comparison: PanelComparison | undefined): void {
    this.compared.hidden = !comparison;
    if (!comparison) return this.compared.replaceChildren();
    const { header, rows, grouped } = comparison.finals;
    const textColumns = grouped ? 2 : 1;
    const cell = (tag: "th" | "td", text: string, i: number): HTMLElement =>
      h(tag, {
        text,
        ...(i >= textColumns ? { className: "num" } : {}),
        ...(i >= textColumns + comparison.runs.length ? { attrs: { "data-difference": "" } } : {}),
      });
    const shown = rows.slice(0, MAX_ROWS * 5);
    const more = rows.length - shown.length;
    this.compared.replaceChildren(
      h("h3", { text: "Final values compared" }),
      h(
        "table",
        { className: "summary-table compare-table" },
        h("thead", {}, h("tr", {}, ...header.map((text, i) => cell("th", text, i)))),
        h("tbody", {}, ...shown.map((row) => h("tr", {}, ...row.map((text, i) => cell("td", text, i))))),
      ),
      h("p", {
        className: "summary-note",
        text: `Each value is the mean over a run's Monte Carlo runs of its final value; differences are from ${comparison.runs[0]?.label ?? "the first run"}.${more > 0 ? ` ${formatCount(more)} more rows are not listed.` : ""}`,
      }),
    );
  }

  private groupTable(group: PanelSummary["groups"][number], named: boolean): HTMLElement {
    const shown = group.distributions.slice(0, MAX_ROWS);
    const head = h(
      "tr",
      {},
      h("th", { text: "variable" }),
      h("th", { className: "num", text: "runs" }),
      ...STATS.map((s) => h("th", { className: "num", text: s })),
    );
    const rows = shown.map((d) =>
      h(
        "tr",
        { className: d.name === this.summary?.variable ? "chosen" : "" },
        h("td", { text: d.name }),
        h("td", { className: "num", text: d.nonFinite ? `${formatCount(d.count)} (+${formatCount(d.nonFinite)} not finite)` : formatCount(d.count) }),
        ...STATS.map((s) => h("td", { className: "num", text: formatNumber(d[s]) })),
      ),
    );
    const more = group.distributions.length - shown.length;
    return h(
      "section",
      { className: "summary-group" },
      ...(named ? [h("h3", { text: group.label })] : []),
      h("table", { className: "summary-table" }, h("thead", {}, head), h("tbody", {}, ...rows)),
      ...(more > 0 ? [h("p", { className: "summary-note", text: `${formatCount(more)} more numbers are not listed.` })] : []),
    );
  }
}
