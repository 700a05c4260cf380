// Checking model files on open and save: a dry run (one timestep) in a worker, its problems in the
// Problems panel, and the model's blocks as loaded for the Model Diagram.
import * as vscode from "vscode";
import { Disposable } from "../common/dispose";
import type { DiagramView } from "../diagram/diagramView";
import type { ModelFiles } from "../models/modelFiles";
import type { ModelDiagnostics } from "./diagnostics";
import type { RunController } from "../run/runController";
import { plural } from "../../export/format";
import { isModelFile } from "../../shared/modelFilePattern";
import { readSettings } from "../common/settings";

/** A model file's text to check: an editor's document, or the file as it is on disk. */
export interface ModelText {
  readonly uri: vscode.Uri;
  getText(): string;
}

/** A check in progress; `again`: a newer text to check once this one has stopped. */
interface Check {
  stop: AbortController;
  again?: { doc: ModelText; report: boolean };
}

export class ModelValidation extends Disposable {
  private readonly checking = new Map<string, Check>();
  /** The text each model file was last checked with: a change on disk that brings nothing new is not checked again. */
  private readonly checkedText = new Map<string, string>();

  constructor(
    private readonly runs: RunController,
    private readonly diagnostics: ModelDiagnostics,
    private readonly diagram: DiagramView,
    private readonly output: vscode.LogOutputChannel,
    files: ModelFiles,
  ) {
    super();
    // Saves are checked by RunOnSave, which knows whether the save also runs the model.
    this.register(vscode.workspace.onDidOpenTextDocument((doc) => this.check(doc)));
    for (const doc of vscode.workspace.textDocuments) this.check(doc);
    // A model changed outside the editor: a closed file is read from disk; an open one that VS Code
    // reloads (it had no unsaved edits) changes without a save.
    this.register(files.onDidChangeOnDisk((uri) => void this.changedOnDisk(uri)));
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!e.document.isDirty && e.contentChanges.length > 0) this.checkIfNew(e.document);
      }),
    );
  }

  private async changedOnDisk(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return; // its editor's text is what counts: a reload fires onDidChangeTextDocument
    if (!this.checkedText.has(uri.fsPath)) return; // never worked on here: files a checkout brings in are not run
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return; // deleted meanwhile: the deletion clears its problems
    }
    this.checkIfNew({ uri, getText: () => text });
  }

  /** Checks `doc` unless its text is the one its last check saw (a save also changes the file on disk). */
  private checkIfNew(doc: ModelText): void {
    if (this.checkedText.get(doc.uri.fsPath) === doc.getText()) return;
    this.check(doc);
  }

  /**
   * Checks a model file (trusted workspaces only: checking runs its code): its problems (unless `report`
   * is false: a run reports them) and its blocks as loaded, for the diagram.
   */
  check(doc: ModelText, report = true): void {
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
    this.checkedText.set(file, doc.getText());
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
