// CodeLens above each model in a model file: "▶ Run Simulation", and the last run's summary.
import * as vscode from "vscode";
import { lineColumn, lineStartsOf } from "../../source/lines";
import { commandLink } from "../common/commands";
import { Disposable } from "../common/dispose";
import type { ResultsStore } from "../results/resultsStore";
import { RunController } from "./runController";

export class ModelCodeLens extends Disposable implements vscode.CodeLensProvider {
  private readonly onDidChangeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.onDidChangeEmitter.event;

  constructor(
    private readonly store: ResultsStore,
    private readonly runs: RunController,
  ) {
    super();
    this.register(store.onDidChange(() => this.onDidChangeEmitter.fire()));
    this.register(runs.onDidStart(() => this.onDidChangeEmitter.fire()));
    this.register(runs.onDidEnd(() => this.onDidChangeEmitter.fire()));
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const file = doc.uri.fsPath;
    const lines = modelLines(doc.getText());
    const stored = this.store.get(file);
    const running = this.runs.running.includes(file);
    const lenses: vscode.CodeLens[] = [];
    for (const line of lines) {
      const range = new vscode.Range(line, 0, line, 0);
      lenses.push(
        running
          ? new vscode.CodeLens(range, commandLink("substep.stopSimulation", "$(debug-stop) Stop Simulation", doc.uri))
          : new vscode.CodeLens(range, commandLink("substep.runSimulation", "▶ Run Simulation", doc.uri)),
      );
      lenses.push(new vscode.CodeLens(range, commandLink("substep.runSimulationWithOptions", "Run with Options…", doc.uri)));
      if (stored && !running) {
        lenses.push(
          new vscode.CodeLens(range, {
            ...commandLink(
              "substep.openResults",
              `${stored.errors.length ? "$(warning) " : stored.cancelled ? "$(debug-stop) " : ""}${RunController.summary(stored.results, stored.engineMs)}`,
              doc.uri,
            ),
            tooltip: "Open the results",
          }),
        );
      }
    }
    return lenses;
  }
}

/**
 * The lines where models start: each `defineModel(` call, else the `export default` line (a plain
 * object literal is a model too).
 */
function modelLines(text: string): number[] {
  const lines: number[] = [];
  const starts = lineStartsOf(text);
  const lineOf = (offset: number): number => lineColumn(starts, offset).line - 1;
  // Comments are blanked first so a commented-out call gets no lens.
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m) => m.replace(/[^\n]/g, " "));
  for (const m of code.matchAll(/\bdefineModel\s*(<[^>]*>)?\s*\(/g)) {
    if (!/import\s*\{[^}]*$/.test(code.slice(Math.max(0, m.index - 200), m.index))) lines.push(lineOf(m.index));
  }
  if (lines.length === 0) {
    const m = /\bexport\s+default\b/.exec(code);
    if (m) lines.push(lineOf(m.index));
  }
  return [...new Set(lines)];
}
