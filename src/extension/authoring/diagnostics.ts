// Model problems in the Problems panel, at their source line: errors of the last load or run, and the
// warnings of the last run (a value that became NaN, a run stuck in model code when it was stopped).
import * as vscode from "vscode";
import { formatPlace, runTotals, type ModelErrorInfo } from "../../engine";
import { groupWarnings, warningText } from "../../shared/runWarnings";
import { Disposable } from "../common/dispose";
import type { ModelFiles } from "../models/modelFiles";
import type { StoredResult } from "../results/resultsStore";
import type { RunController } from "../run/runController";
import { typescriptShows } from "./typescriptShows";

/** A diagnostic and the file it goes on; `error`: the model error it shows. */
interface Placed {
  file: string;
  diagnostic: vscode.Diagnostic;
  error?: ModelErrorInfo;
}

/**
 * Diagnostics of source "substep", per model file. Its errors are replaced by each load or run of that file;
 * its warnings by each run (a check on open or save runs one timestep, too little to say a run's warnings are gone).
 */
export class ModelDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection("substep"));
  private readonly errors = new Map<string, Placed[]>();
  private readonly warnings = new Map<string, Placed[]>();
  /** The files each model's problems were put on (itself, and imported files where problems were located). */
  private readonly targets = new Map<string, string[]>();

  constructor(runs: RunController, files: ModelFiles) {
    super();
    // A run's result carries its errors; a run that failed before it had one reports them alone.
    this.register(
      runs.onDidEnd((end) => {
        this.warnings.set(end.file, end.result ? runWarnings(end.result) : []);
        const errors = end.outcome === "failed" && end.errors.length ? end.errors : end.result?.results.errors;
        if (errors) this.set(end.file, errors);
        else this.publish(end.file);
      }),
    );
    // A model deleted or renamed away takes its problems with it.
    this.register(files.onDidDelete((file) => this.clear(file)));
    // Whether TypeScript shows a syntax error itself depends on its file being open: decided again on open and close.
    this.register(vscode.workspace.onDidOpenTextDocument((doc) => this.republish(doc.uri.fsPath)));
    this.register(vscode.workspace.onDidCloseTextDocument((doc) => this.republish(doc.uri.fsPath)));
  }

  /** Replaces the errors reported for `file` (the model run or validated) with `errors`. */
  set(file: string, errors: readonly ModelErrorInfo[]): void {
    this.errors.set(
      file,
      errors.map((e) => ({ file: e.location?.file ?? file, diagnostic: toDiagnostic(e, vscode.DiagnosticSeverity.Error), error: e })),
    );
    this.publish(file);
  }

  /** Removes every problem reported for the model `file` (deleted or renamed). */
  clear(file: string): void {
    for (const target of this.targets.get(file) ?? [file]) this.collection.delete(vscode.Uri.file(target));
    this.targets.delete(file);
    this.errors.delete(file);
    this.warnings.delete(file);
  }

  /** Publishes again the errors of the models that have one located in `target` (opened or closed). */
  private republish(target: string): void {
    for (const [file, placed] of this.errors) if (placed.some((p) => p.file === target)) this.publish(file);
  }

  private publish(file: string): void {
    const byFile = new Map<string, vscode.Diagnostic[]>([[file, []]]);
    // A syntax error TypeScript lists itself is listed once: the CLI, the panel and the output channel still say it.
    const errors = (this.errors.get(file) ?? []).filter((p) => !(p.error && typescriptValidates() && typescriptShows(p.error, openText)));
    for (const { file: target, diagnostic } of [...errors, ...(this.warnings.get(file) ?? [])]) {
      byFile.set(target, [...(byFile.get(target) ?? []), diagnostic]);
    }
    // Problems located in imported files are cleared with the model's next load too.
    for (const target of this.targets.get(file) ?? []) if (!byFile.has(target)) this.collection.delete(vscode.Uri.file(target));
    for (const [target, list] of byFile) this.collection.set(vscode.Uri.file(target), list);
    this.targets.set(file, [...byFile.keys()]);
  }
}

/**
 * A result's warnings as diagnostics: each distinct warning (the same in several runs is one, as the CLI
 * prints it) at its update, and each run stuck in model code at the function it was in when it was stopped.
 */
function runWarnings(result: StoredResult): Placed[] {
  const shape = runTotals(result.results.simulations);
  const out: Placed[] = groupWarnings(result.results.warnings).map((group) => {
    const w = group.first;
    const d = new vscode.Diagnostic(rangeAt(w.location?.file ?? result.file, w.location), warningText(group, shape), vscode.DiagnosticSeverity.Warning);
    d.source = "substep";
    d.code = w.kind === "non-finite" ? "non-finite-value" : "value-kind-change";
    return { file: w.location?.file ?? result.file, diagnostic: d };
  });
  for (const info of result.interrupted ?? []) {
    if (!info.location) continue;
    const d = toDiagnostic(info, vscode.DiagnosticSeverity.Warning);
    d.code = "stuck-run";
    out.push({ file: info.location.file, diagnostic: d });
  }
  return out;
}

function toDiagnostic(e: ModelErrorInfo, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
  const where = [e.fn ? `in ${e.fn}` : "", e.place && e.kind === "run" ? `at ${formatPlace(e.place)}` : ""].filter(Boolean).join(" ");
  const d = new vscode.Diagnostic(rangeAt(e.location?.file, e.location), where ? `${e.message}\n${where}` : e.message, severity);
  d.source = "substep";
  d.code = e.kind === "run" ? "run-error" : e.kind === "load" ? "load-error" : "invalid-model";
  return d;
}

/** The text of `file` in an open editor; undefined when no editor has it. */
function openText(file: string): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file)?.getText();
}

/** VS Code's TypeScript reports TS files' syntax errors unless the user turned its validation off. */
function typescriptValidates(): boolean {
  return vscode.workspace.getConfiguration("typescript").get<boolean>("validate.enable", true);
}

/** The word at a 1-based location when the document is open, else the rest of the line; the file's start without one. */
function rangeAt(file: string | undefined, location: { line: number; column: number } | undefined): vscode.Range {
  const line = Math.max(0, (location?.line ?? 1) - 1);
  const column = Math.max(0, (location?.column ?? 1) - 1);
  const doc = file ? vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file) : undefined;
  if (doc && line < doc.lineCount) {
    const word = doc.getWordRangeAtPosition(new vscode.Position(line, column));
    if (word) return word;
    return new vscode.Range(line, column, line, doc.lineAt(line).range.end.character);
  }
  return new vscode.Range(line, column, line, column + 1);
}
