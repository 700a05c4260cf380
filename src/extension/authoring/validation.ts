// Checking model files on open and save: a dry run (one timestep) in a worker, its problems in the
// Problems panel, and the model's blocks as loaded for the Model Diagram.
import * as vscode from "vscode";
import { Disposable } from "../common/dispose";
import type { DiagramView } from "../diagram/diagramView";
import type { ModelDiagnostics } from "./diagnostics";
import type { RunController } from "../run/runController";
import { plural } from "../../export/format";
import { isModelFile } from "../../shared/modelFilePattern";
import { readSettings } from "../common/settings";

/** A check in progress; `again`: a newer text to check once this one has stopped. */
interface Check {
  stop: AbortController;
  again?: { doc: vscode.TextDocument; report: boolean };
}

export class ModelValidation extends Disposable {
  private readonly checking = new Map<string, Check>();

  constructor(
    private readonly runs: RunController,
    private readonly diagnostics: ModelDiagnostics,
    private readonly diagram: DiagramView,
    private readonly output: vscode.LogOutputChannel,
  ) {
    super();
    // Saves are checked by RunOnSave, which knows whether the save also runs the model.
    this.register(vscode.workspace.onDidOpenTextDocument((doc) => this.check(doc)));
    for (const doc of vscode.workspace.textDocuments) this.check(doc);
  }

  /**
   * Checks a model file (trusted workspaces only: checking runs its code): its problems (unless `report`
   * is false: a run reports them) and its blocks as loaded, for the diagram.
   */
  check(doc: vscode.TextDocument, report = true): void {
    const file = doc.uri.fsPath;
    if (doc.uri.scheme !== "file" || !isModelFile(file) || !vscode.workspace.isTrusted || !readSettings(doc.uri).validateOnSave) return;
    if (report && this.runs.running.includes(file)) return;
    const current = this.checking.get(file);
    if (current) {
      // A newer text (a fix saved while a slow check runs, say): stop that check, then check this one.
      current.again = { doc, report: report || current.again?.report === true };
      current.stop.abort();
      return;
    }
    const entry: Check = { stop: new AbortController() };
    this.checking.set(file, entry);
    void this.runs
      .validate(file, entry.stop.signal)
      .then(({ errors, loaded }) => {
        if (entry.stop.signal.aborted) return; // superseded: its result describes an older text
        this.diagram.setLoaded(file, loaded);
        if (!report) return;
        // A run that finished meanwhile has reported on the same code: keep its diagnostics.
        if (!this.runs.running.includes(file)) this.diagnostics.set(file, errors);
        if (errors.length) this.output.info(`validation of ${vscode.workspace.asRelativePath(file)}: ${plural(errors.length, "problem")}`);
      })
      .finally(() => {
        this.checking.delete(file);
        if (entry.again) this.check(entry.again.doc, entry.again.report);
      });
  }
}
