// The results panel as the webview draws it (its host side is src/extension/results/resultsPanel.ts): the
// header, the status strip and the Charts, Table and Summary tabs, driven by the host's messages.
import type { VscodeTabs } from "@vscode-elements/elements/dist/vscode-tabs/vscode-tabs.js";
import { assertNever, type ExportFormat, type HostMessage, type PanelResults, type PanelViewState } from "../../src/shared/protocol";
import { ChartsTab } from "./chartsTab";
import { button, h } from "./dom";
import { ExportMenu } from "./exportMenu";
import { Header } from "./header";
import { updateViewState } from "./state";
import { StatusArea } from "./status";
import { SummaryTab } from "./summaryTab";
import { TableTab } from "./tableTab";
import type { VsCodeApi } from "./vscodeApi";

/** The tabs in their order. */
const TABS: readonly PanelViewState["tab"][] = ["charts", "table", "summary"];

/** The whole panel, mounted in the host page's `#app`. */
export class PanelApp {
  private state: PanelViewState;
  private results: PanelResults | undefined;
  private readonly header: Header;
  private readonly rerun: HTMLElement;
  private readonly exportMenu: ExportMenu;
  private readonly status: StatusArea;
  private readonly waiting = h("p", { className: "waiting", text: "Waiting for results…" });
  private readonly tabs: VscodeTabs;
  private readonly charts: ChartsTab;
  private readonly table: TableTab;
  private readonly summary: SummaryTab;

  constructor(
    private readonly vscode: VsCodeApi,
    root: HTMLElement,
    state: PanelViewState,
  ) {
    this.state = state;
    this.rerun = button("Re-run", () => this.vscode.postMessage({ type: "rerun" }), { title: "Run the model again" });
    this.exportMenu = new ExportMenu((format) => void this.export(format));
    this.exportMenu.disabled = true;
    this.header = new Header([this.rerun, this.exportMenu.element], {
      openLocation: ({ file, line, column }) => this.vscode.postMessage({ type: "openLocation", file, line, column }),
      showRow: (row) => this.showRow(row),
      showProblems: () => this.vscode.postMessage({ type: "showProblems" }),
    });
    this.header.element.hidden = true;
    this.status = new StatusArea(() => this.vscode.postMessage({ type: "stop" }));
    const panelHost = { state: () => this.state, update: (change: Partial<PanelViewState>) => this.update(change) };
    this.charts = new ChartsTab({ ...panelHost, exportImage: (format, data, name) => this.vscode.postMessage({ type: "export", format, data, name }) });
    this.table = new TableTab({
      ...panelHost,
      requestQuery: (queryId, query) => this.vscode.postMessage({ type: "tableQuery", queryId, query }),
      requestRows: (requestId, queryId, start, count) => this.vscode.postMessage({ type: "tableRows", requestId, queryId, start, count }),
      copyRows: (queryId, start, end, columns) => this.vscode.postMessage({ type: "copyRows", queryId, start, end, columns }),
    });
    this.summary = new SummaryTab({
      ...panelHost,
      requestSummary: (requestId, variable, timestep) =>
        this.vscode.postMessage({
          type: "summary",
          requestId,
          ...(variable !== undefined ? { variable } : {}),
          ...(timestep !== undefined ? { timestep } : {}),
        }),
    });
    this.tabs = h(
      "vscode-tabs",
      { className: "tabs" },
      h("vscode-tab-header", { text: "Charts", attrs: { slot: "header" } }),
      h("vscode-tab-panel", { className: "tab-panel" }, this.charts.element),
      h("vscode-tab-header", { text: "Table", attrs: { slot: "header" } }),
      h("vscode-tab-panel", { className: "tab-panel" }, this.table.element),
      h("vscode-tab-header", { text: "Summary", attrs: { slot: "header" } }),
      h("vscode-tab-panel", { className: "tab-panel" }, this.summary.element),
    );
    this.tabs.selectedIndex = TABS.indexOf(state.tab);
    this.tabs.hidden = true;
    this.tabs.addEventListener("vsc-tabs-select", (event) => this.selectTab(TABS[event.detail.selectedIndex] ?? "charts"));
    root.replaceChildren(this.header.element, this.status.element, this.waiting, this.tabs);
    this.charts.setVisible(state.tab === "charts");
    this.table.setVisible(state.tab === "table");
    this.summary.setVisible(state.tab === "summary");
  }

  /** Acts on one message from the host. */
  handle(message: HostMessage): void {
    switch (message.type) {
      case "results":
        return this.showResults(message.results);
      case "running":
        this.setRunning(true);
        this.status.running(message.title);
        // The badge and errors shown describe the previous run, not this one.
        this.header.clearRunNotes();
        if (!this.results) {
          this.header.showRunning(message.title, message.file);
          this.header.element.hidden = false;
        }
        return;
      case "progress":
        this.setRunning(true);
        return this.status.progress(message.done, message.total);
      // A run that ends with no results of its own: the last results stay, with their own notes again.
      case "failed":
        this.setRunning(false);
        this.waiting.hidden = true; // nothing more is coming
        if (this.results) this.header.showResults(this.results.header);
        return this.status.failed(message.message);
      case "stopped":
        this.setRunning(false);
        this.waiting.hidden = true;
        if (this.results) this.header.showResults(this.results.header);
        return this.status.stoppedBecause(this.results ? `${message.message} The results shown are from the previous run.` : message.message);
      case "tableView":
        return this.table.viewReady(message.queryId, message.rowCount, message.error);
      case "tableRows":
        return this.table.receive(message.requestId, message.start, message.rows, message.indexes);
      case "copied":
        return this.table.copied(message.rows, message.selected);
      case "summary":
        return this.summary.receive(message.requestId, message.summary);
      case "exported":
        return this.status.say(`Exported to ${message.path}`);
      default:
        return assertNever(message);
    }
  }

  /** Charts and fonts follow the page's colours: draw again after a theme change. */
  themeChanged(): void {
    this.charts.redraw();
    this.summary.redraw();
  }

  private showResults(results: PanelResults): void {
    this.results = results;
    this.setRunning(false);
    this.status.clearFailure();
    this.status.stoppedBecause(results.header.stopped);
    // The absolute path, which lets VS Code's serializer reopen this panel after a reload.
    this.update({ file: results.header.path || results.header.file });
    this.header.showResults(results.header);
    this.header.showComparison(results.comparison);
    this.header.element.hidden = false;
    // A comparison is of runs already made: there is no one model to run again.
    this.rerun.hidden = results.comparison !== undefined;
    this.update({ compare: results.comparison ? (results.comparison.historyIds ?? []) : undefined });
    this.exportMenu.disabled = false;
    this.waiting.hidden = true;
    this.tabs.hidden = false;
    this.charts.setResults(results);
    this.table.setResults(results.table);
    this.summary.resultsChanged(results.comparison);
  }

  private setRunning(running: boolean): void {
    if (!running) this.status.stopped();
    this.rerun.toggleAttribute("disabled", running);
    // The status strip says a run is on: the placeholder only waits when nothing is.
    this.waiting.hidden = running || this.results !== undefined;
  }

  /** The Table tab, scrolled to a row (a warning's) and marking it. */
  private showRow(row: { all: number; dropped: number }): void {
    this.table.showRow(row);
    this.tabs.selectedIndex = TABS.indexOf("table");
    this.selectTab("table");
  }

  private selectTab(tab: PanelViewState["tab"]): void {
    this.update({ tab });
    this.charts.setVisible(tab === "charts");
    this.table.setVisible(tab === "table");
    this.summary.setVisible(tab === "summary");
  }

  private async export(format: ExportFormat): Promise<void> {
    if (format === "png" || format === "svg") {
      if (!(await this.charts.exportFirst(format))) this.status.say("No chart is drawn to export: open the Charts tab, with a variable chosen.");
      return;
    }
    this.vscode.postMessage({ type: "export", format });
  }

  /** Changes the view state and hands it to VS Code, which keeps it across hiding and reloads. */
  private update(change: Partial<PanelViewState>): void {
    this.state = updateViewState(this.state, change);
    this.vscode.setState(this.state);
  }
}
