// The composition root: constructs each feature, hands it what it needs, and owns it. Features talk
// through run events (RunController) and the command table (common/commands.ts), not through this file.
import * as vscode from "vscode";
import { ModelDiagnostics } from "./authoring/diagnostics";
import { CompareCommands } from "./compare/compareCommands";
import { ModelHover } from "./authoring/modelHover";
import { ModelQuickFixes } from "./authoring/quickFixes";
import { ModelValidation } from "./authoring/validation";
import { Disposable } from "./common/dispose";
import { ModelPicker } from "./common/modelPicker";
import { MODEL_SELECTOR, readSettings } from "./common/settings";
import { DiagramView } from "./diagram/diagramView";
import { ModelCommands } from "./models/modelCommands";
import { ModelFiles } from "./models/modelFiles";
import { ModelsTree } from "./models/modelsTree";
import { InlineValues } from "./results/inlineValues";
import { NotebookHandOff } from "./results/notebookHandOff";
import { ResultsCommands, storedResultsExporter } from "./results/resultsCommands";
import { ResultsPanels } from "./results/resultsPanels";
import { ResultsStore } from "./results/resultsStore";
import { RunHistory } from "./results/runHistory";
import { ModelCodeLens } from "./run/codeLens";
import { RunCommands } from "./run/runCommands";
import { RunController } from "./run/runController";
import { RunHistoryCommands } from "./run/runHistoryCommands";
import { RunNotifications } from "./run/runNotifications";
import { RunOnSave } from "./run/runOnSave";
import { RunsTree } from "./run/runsTree";
import { RunStatusBar } from "./run/statusBar";

export class Substep extends Disposable {
  constructor(context: vscode.ExtensionContext) {
    super();
    const storage = context.storageUri ?? context.globalStorageUri;
    const output = this.register(vscode.window.createOutputChannel("Substep", { log: true }));
    const history = new RunHistory(
      vscode.Uri.joinPath(storage, "history").fsPath,
      (line) => output.info(line),
      () => readSettings().maxRunsPerModel,
    );
    const store = this.register(new ResultsStore(history, vscode.Uri.joinPath(storage, "results")));
    const files = this.register(new ModelFiles());
    const runs = this.register(new RunController(store, output, String((context.extension.packageJSON as { version?: unknown }).version)));
    const picker = this.register(new ModelPicker(files, store));

    // Running: who shows a run as it goes subscribes to the controller's events.
    const diagnostics = this.register(new ModelDiagnostics(runs, files));
    const exportFile = storedResultsExporter(store, output);
    const panels = this.register(new ResultsPanels(context.extensionUri, store, runs, exportFile));
    this.register(new RunStatusBar(runs));
    this.register(new RunNotifications(runs));
    const runCommands = this.register(new RunCommands(runs, panels, picker, output));
    this.register(new ResultsCommands(store, panels, picker, exportFile));
    this.register(new NotebookHandOff(store, picker, output));

    // Views and editor features.
    this.register(vscode.window.registerTreeDataProvider("substep.models", this.register(new ModelsTree(files, store, runs))));
    const runsTree = this.register(new RunsTree(runs, history));
    this.register(vscode.window.createTreeView("substep.runs", { treeDataProvider: runsTree, canSelectMany: true }));
    this.register(new RunHistoryCommands(history, store, panels, runCommands, runsTree, output));
    this.register(new CompareCommands(history, panels, runs, picker, output));
    this.register(vscode.languages.registerCodeLensProvider(MODEL_SELECTOR, this.register(new ModelCodeLens(store, runs))));
    this.register(new InlineValues(store));
    this.register(new ModelCommands(files, output));

    // Authoring: quick fixes on validation problems, hovers on keys, the Model Diagram, checks on open and save.
    this.register(vscode.languages.registerCodeActionsProvider(MODEL_SELECTOR, new ModelQuickFixes(), ModelQuickFixes.metadata));
    this.register(vscode.languages.registerHoverProvider(MODEL_SELECTOR, new ModelHover(store)));
    const diagram = this.register(new DiagramView(store, vscode.Uri.joinPath(storage, "diagrams")));
    const validation = this.register(new ModelValidation(runs, diagnostics, diagram, output, files));
    this.register(new RunOnSave(validation, runCommands));
  }
}
