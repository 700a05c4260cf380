// Results panels: one per model file, beside the editor, reused on re-run and revived after a reload.
import { basename, resolve } from "node:path";
import * as vscode from "vscode";
import { buildPanelResults } from "../../shared/panelResults";
import { assertNever, type HostMessage, type WebviewMessage } from "../../shared/protocol";
import { buildPanelSummary } from "../../shared/panelSummary";
import type { Overrides } from "../../engine";
import type { Comparison } from "../compare/comparison";
import { executeCommand } from "../common/commands";
import { Disposable } from "../common/dispose";
import type { StoredResult } from "./resultsStore";
import { readSettings } from "../common/settings";
import { MAX_COPY_ROWS, TableSession } from "./tableSession";
import { panelHtml, webviewOptions } from "../common/webviewHtml";

export const PANEL_VIEW_TYPE = "substep.results";

/** What a panel asks of the rest of the extension. */
export interface PanelHost {
  extensionUri: vscode.Uri;
  /** Runs the model again with the options of the result shown (none: the model's own). */
  rerun(file: string, overrides: Overrides | undefined): void;
  stop(file: string): void;
  /** Exports the model's results; for png/svg, `data` is the image from the webview. */
  exportResults(file: string, format: string, data?: string, name?: string): Promise<string | undefined>;
  /** Exports a comparison's combined results (a comparison panel's Export menu). */
  exportComparison?(comparison: Comparison, format: string, data?: string, name?: string): Promise<string | undefined>;
  displayPath(file: string): string;
}

/** How the header names the run shown: its name or number in the history, and whether a newer run exists. */
export interface RunLabel {
  runName?: string;
  older?: boolean;
}

/** One results panel, for one model file. */
export class ResultsPanel extends Disposable {
  private result: StoredResult | undefined;
  private runLabel: RunLabel = {};
  private comparison: Comparison | undefined;
  private table: TableSession | undefined;
  private ready = false;
  private queue: HostMessage[] = [];
  private readonly onDidDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDidDisposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    /** The model file this panel shows (a rename moves it: Re-run and Export follow). */
    public file: string,
    private readonly host: PanelHost,
  ) {
    super();
    panel.webview.options = webviewOptions(host.extensionUri);
    panel.webview.html = panelHtml(panel.webview, host.extensionUri, panel.title);
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, "media", "substep.svg");
    this.register(panel.webview.onDidReceiveMessage((m: WebviewMessage) => void this.onMessage(m)));
    this.register(
      panel.onDidDispose(() => {
        this.onDidDisposeEmitter.fire();
        this.dispose();
      }),
    );
    this.register(this.onDidDisposeEmitter);
  }

  /** Shows a result: the latest of this model, or one from the history (`label` names it). */
  showResult(result: StoredResult, label: RunLabel = {}): void {
    this.comparison = undefined;
    this.show(result, label);
  }

  /** Shows several runs as one: a comparison panel's content. */
  showComparison(comparison: Comparison): void {
    this.comparison = comparison;
    this.show(comparison.result, {});
  }

  private show(result: StoredResult, label: RunLabel): void {
    this.result = result;
    this.runLabel = label;
    const { results, file: _, interrupted: _i, overrides: _o, historyId: _h, modelHash: _m, ...facts } = result;
    const comparison = this.comparison;
    const payload = buildPanelResults(results, {
      ...facts,
      ...label,
      file: comparison
        ? comparison.panel.runs
            .map((r) => r.file)
            .filter((f, i, all) => all.indexOf(f) === i)
            .join(", ")
        : this.host.displayPath(this.file),
      path: this.file,
      maxTimesteps: readSettings().maxPanelRows,
      displayPath: (path) => this.host.displayPath(path),
      ...(comparison ? { comparison: comparison.panel, title: comparison.title } : {}),
    });
    this.table = new TableSession(results, payload.table.columns);
    this.panel.title = comparison ? comparison.title : `Results: ${payload.header.title}`;
    this.post({ type: "results", results: payload });
  }

  showRunning(title: string): void {
    this.post({ type: "running", title, file: this.host.displayPath(this.file) });
  }

  showProgress(done: number, total: number): void {
    this.post({ type: "progress", done, total });
  }

  showFailure(message: string): void {
    this.post({ type: "failed", message });
  }

  /** A run stopped before it had results (still loading): the panel leaves its running state. */
  showStopped(message: string): void {
    this.post({ type: "stopped", message });
  }

  reveal(): void {
    this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
  }

  private post(message: HostMessage): void {
    // Messages wait for the webview's `ready`: a hidden or reloading webview would drop them.
    if (!this.ready) {
      if (message.type === "results" || message.type === "running" || message.type === "failed") this.queue = this.queue.filter((m) => m.type !== "progress");
      this.queue.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case "ready": {
        this.ready = true;
        const queued = this.queue;
        this.queue = [];
        // A reload of the webview asks again: send the current result even if nothing is queued.
        if (queued.length === 0 && this.result) this.show(this.result, this.runLabel);
        for (const m of queued) void this.panel.webview.postMessage(m);
        return;
      }
      case "tableQuery": {
        const outcome = await this.table?.query(message.queryId, message.query);
        if (!outcome) return; // a newer query replaced it
        this.post(
          "error" in outcome
            ? { type: "tableView", queryId: message.queryId, rowCount: 0, error: { message: outcome.error, index: outcome.index } }
            : { type: "tableView", queryId: message.queryId, rowCount: outcome.rowCount },
        );
        return;
      }
      case "tableRows": {
        const count = Math.max(0, Math.min(message.count, 2000));
        const page = await this.table?.rows(message.queryId, message.start, count);
        if (page)
          this.post({ type: "tableRows", requestId: message.requestId, start: message.start, rows: page.rows.map((r) => r.map(cell)), indexes: page.indexes });
        return;
      }
      case "copyRows": {
        const copied = await this.table?.copy(message.queryId, message.start, message.end, message.columns);
        if (!copied) return;
        await vscode.env.clipboard.writeText(copied.text);
        this.post({ type: "copied", rows: copied.rows, selected: copied.selected });
        if (copied.rows < copied.selected) {
          void vscode.window.showWarningMessage(
            `Copied the first ${copied.rows.toLocaleString("en-US")} of ${copied.selected.toLocaleString("en-US")} selected rows (a copy holds at most ${MAX_COPY_ROWS.toLocaleString("en-US")}): Export CSV writes them all.`,
          );
        }
        return;
      }
      case "summary": {
        if (!this.result) return;
        const summary = buildPanelSummary(this.result.results, { variable: message.variable, timestep: message.timestep });
        this.post({ type: "summary", requestId: message.requestId, summary });
        return;
      }
      case "export": {
        const path = this.comparison
          ? await this.host.exportComparison?.(this.comparison, message.format, message.data, message.name)
          : await this.host.exportResults(this.file, message.format, message.data, message.name);
        if (path) this.post({ type: "exported", path });
        return;
      }
      case "rerun":
        // A comparison has no one model to re-run (its panel shows no Re-run).
        if (!this.comparison) this.host.rerun(this.file, this.result?.overrides);
        return;
      case "stop":
        this.host.stop(this.file);
        return;
      case "openLocation":
        return this.openLocation(message.file, message.line, message.column);
      case "showProblems":
        void executeCommand("workbench.actions.view.problems");
        return;
      default:
        assertNever(message);
    }
  }

  /** Opens a place the panel links to, in the editor beside the panel: only a file the shown result names, never any path a webview sends. */
  private openLocation(file: string, line: number, column: number): void {
    const wanted = resolve(file);
    if (!this.result || !sourcesOf(this.result).some((f) => resolve(f) === wanted)) return;
    const at = new vscode.Position(Math.max(0, Math.floor(line) - 1), Math.max(0, Math.floor(column) - 1));
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === wanted);
    void executeCommand("vscode.open", vscode.Uri.file(wanted), {
      selection: new vscode.Range(at, at),
      viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One,
    });
  }

  override dispose(): void {
    this.ready = false;
    super.dispose();
  }
}

/** A table cell that survives postMessage and reads well: non-finite numbers and bigints as text. */
function cell(value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "[function]";
  return value;
}

/** The files a result names: its model file and those its errors, warnings and interrupted runs are located in. */
function sourcesOf(result: StoredResult): string[] {
  const { results } = result;
  const located = [...results.errors, ...results.warnings, ...(result.interrupted ?? [])].flatMap((p) => (p.location ? [p.location.file] : []));
  return [result.file, ...located];
}

/** The panel's title for a model file before its result is known. */
export function panelTitle(file: string): string {
  return `Results: ${basename(file)}`;
}
