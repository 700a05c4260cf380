// Model problems in the Problems panel, at their source line.
import * as vscode from "vscode";
import { formatPlace, groupWarnings, type ModelErrorInfo, type RunWarning, type WarningGroup } from "../../engine";
import { plural } from "../../export/format";
import { Disposable } from "../common/dispose";
import type { ModelFiles } from "../models/modelFiles";
import type { RunController } from "../run/runController";

/** Diagnostics of source "substep", per model file: replaced by each load or run of that file. */
export class ModelDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection("substep"));
  /** The files each model's problems were put on (itself, and imported files where errors were located). */
  private readonly targets = new Map<string, string[]>();

  constructor(runs: RunController, files: ModelFiles) {
    super();
    // A run's result carries its errors; a run that failed before it had one reports them alone.
    this.register(
      runs.onDidEnd((end) => {
        if (end.result) this.set(end.file, end.result.results.errors, end.result.results.warnings);
        if (end.outcome === "failed" && end.errors.length) this.set(end.file, end.errors, end.result?.results.warnings);
      }),
    );
    // A model deleted or renamed away takes its problems with it.
    this.register(files.onDidDelete((file) => this.clear(file)));
  }

  /**
   * Replaces the problems reported for `file` (the model run or validated) with `errors`, and the run's
   * `warnings` (a NaN, a kind change) at their updates, one per warning however many runs repeat it.
   */
  set(file: string, errors: readonly ModelErrorInfo[], warnings: readonly RunWarning[] = []): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    byFile.set(file, []);
    const add = (target: string, d: vscode.Diagnostic): void => {
      const list = byFile.get(target) ?? [];
      list.push(d);
      byFile.set(target, list);
    };
    for (const e of errors) add(e.location?.file ?? file, toDiagnostic(e));
    for (const group of groupWarnings(warnings)) add(group.first.location?.file ?? file, warningDiagnostic(group));
    // Problems located in imported files are cleared with the model's next load too.
    for (const target of this.targets.get(file) ?? []) if (!byFile.has(target)) this.collection.delete(vscode.Uri.file(target));
    for (const [target, list] of byFile) this.collection.set(vscode.Uri.file(target), list);
    this.targets.set(file, [...byFile.keys()]);
  }

  /** Removes every problem reported for the model `file` (deleted or renamed). */
  clear(file: string): void {
    for (const target of this.targets.get(file) ?? [file]) this.collection.delete(vscode.Uri.file(target));
    this.targets.delete(file);
  }
}

function warningDiagnostic({ first, otherRuns }: WarningGroup): vscode.Diagnostic {
  const range = rangeAt(first.location);
  const more = otherRuns ? `, and the same in ${plural(otherRuns, "more run")}` : "";
  const d = new vscode.Diagnostic(range, `${first.message}\nat ${formatPlace(first.place)}${more}`, vscode.DiagnosticSeverity.Warning);
  d.source = "substep";
  d.code = first.kind;
  return d;
}

function rangeAt(location: ModelErrorInfo["location"]): vscode.Range {
  const line = Math.max(0, (location?.line ?? 1) - 1);
  const column = Math.max(0, (location?.column ?? 1) - 1);
  return wordRange(location?.file, line, column);
}

function toDiagnostic(e: ModelErrorInfo): vscode.Diagnostic {
  const range = rangeAt(e.location);
  const where = [e.fn ? `in ${e.fn}` : "", e.place && e.kind === "run" ? `at ${formatPlace(e.place)}` : ""].filter(Boolean).join(" ");
  const d = new vscode.Diagnostic(range, where ? `${e.message}\n${where}` : e.message, vscode.DiagnosticSeverity.Error);
  d.source = "substep";
  d.code = e.kind === "run" ? "run-error" : e.kind === "load" ? "load-error" : "invalid-model";
  return d;
}

/** The word at the location when the document is open, else the rest of the line. */
function wordRange(file: string | undefined, line: number, column: number): vscode.Range {
  const doc = file ? vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file) : undefined;
  if (doc && line < doc.lineCount) {
    const word = doc.getWordRangeAtPosition(new vscode.Position(line, column));
    if (word) return word;
    return new vscode.Range(line, column, line, doc.lineAt(line).range.end.character);
  }
  return new vscode.Range(line, column, line, column + 1);
}
