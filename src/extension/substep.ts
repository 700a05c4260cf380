// The extension's parts wired together: models, runs, panels, editor features and commands.
import { dirname, join, sep } from "node:path";
import * as vscode from "vscode";
import { Disposable } from "./common/dispose";
import { ModelDiagnostics } from "./authoring/diagnostics";
import { DiagramView } from "./diagram/diagramView";
import { exportResult } from "./results/exportResults";
import { ModelCodeLens } from "./run/codeLens";
import { InlineValues } from "./results/inlineValues";
import { ModelFiles } from "./models/modelFiles";
import { ModelHover } from "./authoring/modelHover";
import { askRunOptions } from "./run/runOptions";
import { PANEL_VIEW_TYPE, ResultsPanel, panelTitle } from "./results/resultsPanel";
import { ModelQuickFixes } from "./authoring/quickFixes";
import { ResultsStore } from "./results/resultsStore";
import { RunController } from "./run/runController";
import { isModelFile, readSettings } from "./common/settings";
import { RunStatusBar } from "./run/statusBar";
import { TEMPLATES } from "./models/templates";
import { ModelValidation } from "./authoring/validation";
import { ModelsTree, RunsTree } from "./models/trees";
import { webviewOptions } from "./common/webviewHtml";
import type { Overrides } from "../engine";
import type { PanelViewState } from "../shared/protocol";

/** How long a run may take before a progress notification with Cancel appears. */
const NOTIFY_AFTER_MS = 700;

export class Substep extends Disposable {
  private readonly output = this.register(vscode.window.createOutputChannel("Substep", { log: true }));
  private readonly store: ResultsStore;
  private readonly files = this.register(new ModelFiles());
  private readonly diagnostics = this.register(new ModelDiagnostics());
  private readonly status = this.register(new RunStatusBar());
  private readonly runs: RunController;
  private readonly panels = new Map<string, ResultsPanel>();
  private readonly progressWaiters = new Map<string, (done: number, total: number) => void>();
  /** The model file whose editor was active last: what a command means when a webview or the Welcome page is active. */
  private lastModel: string | undefined;
  private readonly validation: ModelValidation;

  constructor(private readonly context: vscode.ExtensionContext) {
    super();
    this.store = new ResultsStore(vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, "results"));
    this.register(this.store);
    this.runs = this.register(
      new RunController(this.store, this.output, {
        onStart: (file, title) => {
          this.status.running(title);
          this.panels.get(file)?.showRunning(title);
        },
        onProgress: (file, done, total) => {
          this.panels.get(file)?.showProgress(done, total);
          this.progressWaiters.get(file)?.(done, total);
        },
        onResult: (result) => {
          this.diagnostics.set(result.file, result.results.errors);
          this.panelFor(result.file).showResult(result);
          const title = result.results.simulations.length === 1 ? result.results.simulations[0]!.name : vscode.workspace.asRelativePath(result.file);
          const summary = RunController.summary(result.results, result.engineMs);
          if (result.cancelled) this.status.stopped(title, summary);
          else this.status.finished(title, summary, result.errors.length === 0);
        },
        onFailure: (file, message, errors, result) => {
          if (errors.length) this.diagnostics.set(file, errors);
          // A result's header already shows its errors, with where they happened.
          if (!result) this.panels.get(file)?.showFailure(message);
          this.status.failed(vscode.workspace.asRelativePath(file));
          void vscode.window.showErrorMessage(message.split("\n")[0]!, "Show Problems").then((pick) => {
            if (pick) void vscode.commands.executeCommand("workbench.actions.view.problems");
          });
        },
        // A stop is not a failure: nothing to fix, so no error and no Problems. The user who pressed Stop
        // needs no message either; a stop by the time limit says which setting did it.
        onStopped: (file, message, reason, result) => {
          if (!result) {
            this.panels.get(file)?.showStopped(message);
            this.status.stopped(vscode.workspace.asRelativePath(file), "no rows");
          }
          if (reason === "timeout") void vscode.window.showWarningMessage(message);
        },
      }),
    );
    const tree = this.register(new ModelsTree(this.files, this.store, this.runs));
    this.register(vscode.window.registerTreeDataProvider("substep.models", tree));
    this.register(vscode.window.registerTreeDataProvider("substep.runs", this.register(new RunsTree(this.runs))));
    const modelSelector: vscode.DocumentSelector = [{ scheme: "file", pattern: "**/*.sim.{ts,mts,js,mjs}" }];
    this.register(vscode.languages.registerCodeLensProvider(modelSelector, this.register(new ModelCodeLens(this.store, this.runs))));
    this.register(new InlineValues(this.store));
    // Authoring: quick fixes on validation problems, hovers on keys, the Model Diagram view (substep.showDiagram).
    this.register(vscode.languages.registerCodeActionsProvider(modelSelector, new ModelQuickFixes(), ModelQuickFixes.metadata));
    this.register(vscode.languages.registerHoverProvider(modelSelector, new ModelHover(this.store)));
    const diagram = this.register(new DiagramView(this.store, vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, "diagrams")));
    this.validation = new ModelValidation(this.runs, this.diagnostics, diagram, this.output);
    this.register(
      vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state) => this.revive(panel, state as PanelViewState | undefined),
      }),
    );
    this.register(vscode.workspace.onDidSaveTextDocument((doc) => this.onSave(doc)));
    this.lastModel = activeModelFile();
    this.register(vscode.window.onDidChangeActiveTextEditor(() => (this.lastModel = activeModelFile() ?? this.lastModel)));
    // A model deleted or renamed away takes its problems with it; a renamed one keeps its results and panel.
    this.register(this.files.onDidDelete((file) => this.diagnostics.clear(file)));
    this.register(vscode.workspace.onDidRenameFiles((e) => void this.renamed(e.files)));
    this.register(vscode.workspace.onDidOpenTextDocument((doc) => this.validation.check(doc)));
    for (const doc of vscode.workspace.textDocuments) this.validation.check(doc);
    this.registerCommands();
  }

  private registerCommands(): void {
    const command = (id: string, fn: (...args: any[]) => unknown): void => {
      this.register(vscode.commands.registerCommand(id, fn));
    };
    command("substep.runSimulation", (uri?: vscode.Uri) => this.runCommand(uri));
    command("substep.runSimulationWithOptions", async (uri?: vscode.Uri) => {
      const file = await this.pickModel(uri);
      if (!file || !this.checkTrust()) return;
      const overrides = await askRunOptions(file, () => this.runs.describe(file));
      if (overrides) await this.run(file, overrides);
    });
    command("substep.stopSimulation", (uri?: vscode.Uri) => this.runs.stop(uri?.fsPath));
    command("substep.openResults", async (uri?: vscode.Uri) => {
      const file = await this.pickModel(uri, true);
      if (!file) return;
      const stored = await this.store.load(file);
      if (!stored) {
        void vscode.window.showInformationMessage(`No results yet for ${vscode.workspace.asRelativePath(file)}: run it first.`);
        return;
      }
      const panel = this.panelFor(file);
      panel.showResult(stored);
      panel.reveal();
    });
    command("substep.exportResults", async (arg?: vscode.Uri | { format: string; path: string; file?: string }) => {
      const given = arg && !(arg instanceof vscode.Uri) ? arg : undefined;
      const file = await this.pickModel(given?.file ? vscode.Uri.file(given.file) : (arg as vscode.Uri | undefined), true);
      const stored = file && (await this.store.load(file));
      if (!stored) {
        void vscode.window.showInformationMessage("No results to export: run a model first.");
        return undefined;
      }
      const format =
        given?.format ??
        (
          await vscode.window.showQuickPick(
            [
              { label: "CSV", description: "one column per flattened variable", format: "csv" },
              { label: "JSON", description: "rows, nested state kept nested", format: "json" },
              { label: "HTML report", description: "charts and final values, works offline", format: "html" },
            ],
            { title: "Export Results" },
          )
        )?.format;
      if (!format) return undefined;
      return this.exportFile(file!, format, given?.path ? { path: given.path } : {});
    });
    // The walkthrough passes { openExisting: true }: its "Open the example" opens the example when it is there.
    command("substep.newModel", (templateId?: string, options?: { openExisting?: boolean }) => this.newModel(templateId, options?.openExisting === true));
    command("substep.refreshModels", () => this.files.rescan());
  }

  /** Runs from the palette, CodeLens, tree or keybinding. */
  private async runCommand(uri?: vscode.Uri): Promise<void> {
    const file = await this.pickModel(uri);
    if (!file || !this.checkTrust()) return;
    await this.run(file);
  }

  private async run(file: string, overrides: Overrides = {}): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
    if (doc?.isDirty) await doc.save();
    const panel = this.panelFor(file);
    panel.reveal();
    const running = this.runs.run(file, overrides);
    // A progress notification with Cancel, only for runs longer than a moment.
    const timer = setTimeout(() => {
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Substep: running ${vscode.workspace.asRelativePath(file)}`, cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => this.runs.stop(file));
          let last = 0;
          this.progressWaiters.set(file, (done, total) => {
            const pct = total ? (100 * done) / total : 0;
            progress.report({ increment: pct - last, message: `${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} rows` });
            last = pct;
          });
          return running.finally(() => this.progressWaiters.delete(file));
        },
      );
    }, NOTIFY_AFTER_MS);
    try {
      await running;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The panel of a model file, created beside the editor when there is none. */
  private panelFor(file: string): ResultsPanel {
    let panel = this.panels.get(file);
    if (!panel || panel.isDisposed) {
      const webview = vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        panelTitle(file),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        webviewOptions(this.context.extensionUri),
      );
      panel = this.adopt(webview, file);
    }
    return panel;
  }

  private adopt(webview: vscode.WebviewPanel, file: string): ResultsPanel {
    const panel = new ResultsPanel(webview, file, {
      extensionUri: this.context.extensionUri,
      rerun: (f) => void this.runCommand(vscode.Uri.file(f)),
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
    const file = state?.file;
    if (!file) {
      webview.dispose();
      return;
    }
    const panel = this.adopt(webview, file);
    const stored = await this.store.load(file);
    if (stored) panel.showResult(stored);
    else panel.showFailure(`No saved results for ${vscode.workspace.asRelativePath(file)}: run the model again.`);
  }

  private async exportFile(file: string, format: string, options: { path?: string; data?: string; name?: string }): Promise<string | undefined> {
    const stored = await this.store.load(file);
    if (!stored) return undefined;
    try {
      const path = await exportResult(stored, format, options);
      if (path) this.output.info(`exported ${format} to ${path}`);
      if (path && !options.path) {
        void vscode.window.showInformationMessage(`Exported ${vscode.workspace.asRelativePath(path)}`, "Open").then((pick) => {
          if (pick) void vscode.commands.executeCommand("vscode.open", vscode.Uri.file(path));
        });
      }
      return path;
    } catch (err) {
      void vscode.window.showErrorMessage(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  /** The model file to act on: the argument, the active model editor, else a quick pick. */
  private async pickModel(uri?: vscode.Uri, withResults = false): Promise<string | undefined> {
    if (uri instanceof vscode.Uri) return uri.fsPath;
    const active = activeModelFile();
    if (active) return active;
    await this.files.ready;
    const files = this.files.list.filter((f) => !withResults || this.store.get(f));
    if (files.length === 1) return files[0];
    // No text editor has the focus (a results panel, the Welcome page): the model shown beside it, else
    // the one last worked on.
    if (!vscode.window.activeTextEditor) {
      const shown = [...new Set(vscode.window.visibleTextEditors.map((e) => e.document.uri.fsPath))].filter((f) => files.includes(f));
      if (shown.length === 1) return shown[0];
      if (this.lastModel && files.includes(this.lastModel)) return this.lastModel;
    }
    if (files.length === 0) {
      const create = await vscode.window.showInformationMessage("No model files (*.sim.ts) in this workspace.", "New Model…");
      if (create) await this.newModel();
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      files.map((f) => ({ label: vscode.workspace.asRelativePath(f), file: f })),
      { title: "Which model?", placeHolder: "Pick a model file" },
    );
    return pick?.file;
  }

  /** Model code is workspace code: it runs only when the workspace is trusted. */
  private checkTrust(): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window
      .showWarningMessage(
        "Substep runs model files only in a trusted workspace: a model file is code. Trust this workspace to run it.",
        "Manage Workspace Trust",
      )
      .then((pick) => {
        if (pick) void vscode.commands.executeCommand("workbench.trust.manage");
      });
    this.output.warn("a run was refused: the workspace is not trusted");
    return false;
  }

  private onSave(doc: vscode.TextDocument): void {
    const file = doc.uri.fsPath;
    if (doc.uri.scheme !== "file" || !isModelFile(file) || !vscode.workspace.isTrusted) return;
    if (readSettings(doc.uri).runOnSave) {
      // The run reports the problems; the dry run still loads the model for the diagram.
      this.validation.check(doc, false);
      void this.run(file);
    } else this.validation.check(doc);
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
      for (const [file, panel] of [...this.panels]) {
        const to = moved(file);
        if (!to) continue;
        this.panels.delete(file);
        this.panels.set(to, panel);
        panel.file = to;
        const stored = await this.store.move(file, to);
        if (stored) panel.showResult(stored);
      }
      if (isModelFile(from) && !this.panels.has(newUri.fsPath)) await this.store.move(from, newUri.fsPath);
    }
  }

  private async newModel(templateId?: string, openExisting = false): Promise<void> {
    const template =
      TEMPLATES.find((t) => t.id === templateId) ??
      (await vscode.window.showQuickPick(
        TEMPLATES.map((t) => ({ ...t, description: t.fileName })),
        { title: "New Model", placeHolder: "Start from a template" },
      ));
    if (!template) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    let target: vscode.Uri | undefined;
    if (folder && openExisting && (await exists(join(folder, template.fileName)))) {
      await vscode.window.showTextDocument(vscode.Uri.file(join(folder, template.fileName)), { preview: false });
      return;
    }
    if (folder) {
      let name = template.fileName;
      for (let i = 2; await exists(join(folder, name)); i++) name = template.fileName.replace(/\.sim\./, `${i}.sim.`);
      target = vscode.Uri.file(join(folder, name));
    } else {
      target = await vscode.window.showSaveDialog({ title: "New Model", filters: { "Model file": ["sim.ts"] } });
    }
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(template.text, "utf8"));
    await vscode.window.showTextDocument(target, { preview: false });
    void this.files.rescan();
    this.output.info(`created ${target.fsPath} from the ${template.id} template (${dirname(target.fsPath)})`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(vscode.Uri.file(path));
    return true;
  } catch {
    return false;
  }
}

/**
 * The model file of the active editor. Just after a file is opened the extension host may know its tab
 * before its text editor (the editor waits for the document): the tab then says which file the user means.
 */
function activeModelFile(): string | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri ?? tabUri(vscode.window.tabGroups.activeTabGroup.activeTab);
  return uri && uri.scheme === "file" && isModelFile(uri.fsPath) ? uri.fsPath : undefined;
}

function tabUri(tab: vscode.Tab | undefined): vscode.Uri | undefined {
  return tab?.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
}
