// The results panels, one per model file: created beside the editor, fed by run events, revived after a
// window reload, and following their model when it is renamed.
import { sep } from "node:path";
import * as vscode from "vscode";
import type { PanelViewState } from "../../shared/protocol";
import { executeCommand } from "../common/commands";
import { Disposable } from "../common/dispose";
import { isModelFile } from "../../shared/modelFilePattern";
import { webviewOptions } from "../common/webviewHtml";
import type { RunController } from "../run/runController";
import type { RunEnd } from "../run/runEvents";
import { PANEL_VIEW_TYPE, ResultsPanel, panelTitle, type RunLabel } from "./resultsPanel";
import type { ResultsStore, StoredResult } from "./resultsStore";
import type { Comparison } from "../compare/comparison";
import type { ReportExtras } from "./exportResults";

/** Reopens a comparison of runs of the history (after a window reload); false when one of them is gone. */
export type ReopenComparison = (historyIds: string[]) => Promise<Comparison | undefined>;

/** Exports a model's stored results; for png/svg, `data` is the image the webview drew. */
export type ExportFile = (
  file: string,
  format: string,
  /** `result`: what to write instead of the model's stored results (a comparison's); `report`: its HTML report's title and table. */
  options: { path?: string; data?: string; name?: string; result?: StoredResult; report?: ReportExtras },
) => Promise<string | undefined>;

export class ResultsPanels extends Disposable {
  private readonly panels = new Map<string, ResultsPanel>();
  /** The one comparison panel: a new comparison replaces the one shown. */
  private comparisonPanel: ResultsPanel | undefined;
  /** Set by the compare commands: how a comparison panel restored after a reload gets its runs back. */
  reopenComparison: ReopenComparison | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: ResultsStore,
    private readonly runs: RunController,
    private readonly exportFile: ExportFile,
  ) {
    super();
    this.register(runs.onDidStart(({ file, title }) => this.panels.get(file)?.showRunning(title)));
    this.register(runs.onDidProgress(({ file, done, total }) => this.panels.get(file)?.showProgress(done, total)));
    this.register(runs.onDidEnd((end) => this.ended(end)));
    this.register(
      vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state) => this.revive(panel, state as PanelViewState | undefined),
      }),
    );
    this.register(vscode.workspace.onDidRenameFiles((e) => void this.renamed(e.files)));
  }

  /** Shows the panel of `file` (created beside the editor when there is none). */
  open(file: string): ResultsPanel {
    const panel = this.panelFor(file);
    panel.reveal();
    return panel;
  }

  private ended(end: RunEnd): void {
    // A result's header shows its errors, with where they happened.
    if (end.result) this.panelFor(end.file).showResult(end.result, this.label(end.result));
    else if (end.outcome === "failed") this.panels.get(end.file)?.showFailure(end.message);
    else if (end.outcome === "stopped" && end.reason !== "superseded") this.panels.get(end.file)?.showStopped(end.message);
  }

  /** Shows a run of the history in its model's panel, named, and marked when a newer run exists. */
  async showRun(id: string): Promise<boolean> {
    // Reading it loads the history's index, which `label` reads.
    const result = await this.store.history.result(id);
    if (!result) return false;
    this.open(result.file).showResult(result, this.label(result));
    return true;
  }

  /** Shows a comparison of runs in the comparison panel (created beside the editor when there is none). */
  showComparison(comparison: Comparison): ResultsPanel {
    let panel = this.comparisonPanel;
    if (!panel || panel.isDisposed) {
      const webview = vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        comparison.title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        webviewOptions(this.extensionUri),
      );
      panel = this.adoptComparison(webview, comparison.result.file);
    }
    panel.showComparison(comparison);
    panel.reveal();
    return panel;
  }

  private adoptComparison(webview: vscode.WebviewPanel, file: string): ResultsPanel {
    const panel = new ResultsPanel(webview, file, {
      extensionUri: this.extensionUri,
      rerun: () => {},
      stop: () => {},
      exportResults: () => Promise.resolve(undefined),
      exportComparison: (comparison, format, data, name) =>
        this.exportFile(comparison.result.file, format, {
          result: comparison.result,
          report: { title: comparison.title, comparison: comparison.finals },
          ...(data !== undefined ? { data } : {}),
          name: name ?? "comparison",
        }),
      displayPath: (f) => vscode.workspace.asRelativePath(f),
    });
    this.comparisonPanel = panel;
    panel.onDidDispose(() => {
      if (this.comparisonPanel === panel) this.comparisonPanel = undefined;
    });
    return panel;
  }

  /** Shows a model's latest result (Open Results, a reload). */
  showLatest(file: string, result: StoredResult): void {
    this.open(file).showResult(result, this.label(result));
  }

  /** The header's name for a result of the history ("Run 12", "Run baseline (12)"); older when the model has a newer run with results. */
  private label(result: StoredResult): RunLabel {
    const entries = this.store.history.loaded;
    const entry = entries.find((e) => e.id === result.historyId);
    if (!entry) return {};
    const newest = entries.find((e) => e.file === entry.file && e.hasResult);
    return { runName: entry.name ? `${entry.name} (${entry.number})` : String(entry.number), ...(newest && newest !== entry ? { older: true } : {}) };
  }

  private panelFor(file: string): ResultsPanel {
    let panel = this.panels.get(file);
    if (!panel || panel.isDisposed) {
      const webview = vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        panelTitle(file),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        webviewOptions(this.extensionUri),
      );
      panel = this.adopt(webview, file);
    }
    return panel;
  }

  private adopt(webview: vscode.WebviewPanel, file: string): ResultsPanel {
    const panel = new ResultsPanel(webview, file, {
      extensionUri: this.extensionUri,
      rerun: (f, overrides) => void executeCommand("substep.rerunWithOptions", { file: f, ...(overrides ? { overrides } : {}) }),
      stop: (f) => this.runs.stop(f),
      exportResults: (f, format, data, name) => this.exportFile(f, format, { ...(data !== undefined ? { data } : {}), ...(name ? { name } : {}) }),
      displayPath: (f) => vscode.workspace.asRelativePath(f),
    });
    this.panels.set(file, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(file) === panel) this.panels.delete(file);
    });
    return panel;
  }

  /** A panel restored after a window reload: show the model's last results from disk. */
  private async revive(webview: vscode.WebviewPanel, state: PanelViewState | undefined): Promise<void> {
    if (state?.compare) return this.reviveComparison(webview, state.compare, state.file);
    const file = state?.file;
    if (!file) {
      webview.dispose();
      return;
    }
    const panel = this.adopt(webview, file);
    const stored = await this.store.load(file);
    await this.store.history.entries();
    if (stored) panel.showResult(stored, this.label(stored));
    else panel.showFailure(`No saved results for ${vscode.workspace.asRelativePath(file)}: run the model again.`);
  }

  /** A comparison panel restored after a reload: the same runs compared again, read from the history. */
  private async reviveComparison(webview: vscode.WebviewPanel, ids: string[], file: string): Promise<void> {
    const panel = this.adoptComparison(webview, file);
    const comparison = ids.length > 1 ? await this.reopenComparison?.(ids) : undefined;
    if (comparison) panel.showComparison(comparison);
    else panel.showFailure("This comparison's runs are no longer all in the history (a comparison with HEAD is not kept): compare again.");
  }

  /**
   * Model files (or folders of them) renamed in VS Code: their panels and stored results follow. (Their
   * problems go with the old name's deletion, which the file watcher reports.)
   */
  private async renamed(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<void> {
    for (const { oldUri, newUri } of files) {
      const from = oldUri.fsPath;
      const moved = (file: string): string | undefined =>
        file === from ? newUri.fsPath : file.startsWith(from + sep) ? newUri.fsPath + file.slice(from.length) : undefined;
      await this.store.history.renameFile(moved).catch(() => {});
      for (const [file, panel] of [...this.panels]) {
        const to = moved(file);
        if (!to) continue;
        this.panels.delete(file);
        this.panels.set(to, panel);
        panel.file = to;
        const stored = await this.store.move(file, to);
        if (stored) panel.showResult(stored, this.label(stored));
      }
      if (isModelFile(from) && !this.panels.has(newUri.fsPath)) await this.store.move(from, newUri.fsPath);
    }
  }

  override dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
    this.comparisonPanel?.dispose();
    this.panels.clear();
    super.dispose();
  }
}
