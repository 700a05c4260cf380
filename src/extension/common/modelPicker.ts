// Which model file a command means: its argument, the active model editor, the model shown beside a
// webview or the Welcome page, the one last worked on, else the user's pick.
import * as vscode from "vscode";
import type { ModelFiles } from "../models/modelFiles";
import type { ResultsStore } from "../results/resultsStore";
import { executeCommand, targetFile, type ModelTarget } from "./commands";
import { Disposable } from "./dispose";
import { isModelFile } from "../../shared/modelFilePattern";

export class ModelPicker extends Disposable {
  /** The model file whose editor was active last: what a command means when a webview or the Welcome page is active. */
  private lastModel: string | undefined = activeModelFile();

  constructor(
    private readonly files: ModelFiles,
    private readonly store: ResultsStore,
  ) {
    super();
    this.register(vscode.window.onDidChangeActiveTextEditor(() => (this.lastModel = activeModelFile() ?? this.lastModel)));
  }

  /** The model file to act on (`withResults`: only models that have results). */
  async pick(target?: ModelTarget, withResults = false): Promise<string | undefined> {
    const given = targetFile(target);
    if (given) return given;
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
      if (create) await executeCommand("substep.newModel");
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      files.map((f) => ({ label: vscode.workspace.asRelativePath(f), file: f })),
      { title: "Which model?", placeHolder: "Pick a model file" },
    );
    return pick?.file;
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
