// A saved model file is checked again, or run again when substep.runOnSave is on (the run then reports
// its problems, and the check only loads the model for the diagram).
import * as vscode from "vscode";
import type { ModelValidation } from "../authoring/validation";
import { Disposable } from "../common/dispose";
import { isModelFile } from "../../shared/modelFilePattern";
import { readSettings } from "../common/settings";
import type { RunCommands } from "./runCommands";

export class RunOnSave extends Disposable {
  constructor(
    private readonly validation: ModelValidation,
    private readonly commands: RunCommands,
  ) {
    super();
    this.register(vscode.workspace.onDidSaveTextDocument((doc) => this.saved(doc)));
  }

  private saved(doc: vscode.TextDocument): void {
    const file = doc.uri.fsPath;
    if (doc.uri.scheme !== "file" || !isModelFile(file) || !vscode.workspace.isTrusted) return;
    if (readSettings(doc.uri).runOnSave) {
      this.validation.check(doc, false);
      void this.commands.run(file);
    } else this.validation.check(doc);
  }
}
