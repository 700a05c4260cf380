// What a run's result says beyond its rows: why it stopped and what of its runs it kept, and how many
// TypeScript errors the model file had when it ran.
import * as vscode from "vscode";
import type { ModelErrorInfo } from "../../engine";
import { formatCount, plural } from "../../export/format";
import { stopReport } from "../../runner/interrupted";
import type { RunOutcome } from "../../runner/pool";
import type { StopReason } from "./runEvents";

/** The TypeScript errors VS Code reports for the model file now (source "ts", severity Error). */
export function typeErrorCount(file: string): number {
  return vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((d) => d.source === "ts" && d.severity === vscode.DiagnosticSeverity.Error).length;
}

/**
 * Why a run stopped, and what is left of it: the rows of the runs that finished and of those stopped
 * part-way, then where each interrupted run was and which runs have no rows (`stopReport`, files shown by
 * `show`). `outcome` undefined: it stopped while its model was loading.
 */
export function stopMessage(
  reason: StopReason | undefined,
  timeoutSeconds: number,
  outcome: Pick<RunOutcome, "results" | "interrupted" | "missing"> | undefined,
  show: (info: ModelErrorInfo) => ModelErrorInfo = (i) => i,
): string {
  if (reason === "superseded") return "The simulation was replaced by a newer run.";
  const why =
    reason === "timeout"
      ? `The simulation was stopped after ${timeoutSeconds} s (setting substep.timeoutSeconds): does the model loop forever?`
      : "The simulation was stopped.";
  if (!outcome) return `${why} It was still loading the model.`;
  const { results } = outcome;
  const partial = outcome.interrupted.filter((r) => r.rowsKept > 0).length;
  const finished = results.runs.length - partial;
  const planned = results.runs.length + outcome.missing.length;
  const kept =
    results.rowCount > 0
      ? ` The ${formatCount(results.rowCount)} rows of the ${formatCount(finished)} of ${formatCount(planned)} runs that had finished${
          partial ? ` and of ${plural(partial, "run")} stopped part-way` : ""
        } are kept.`
      : " No run had finished, so there are no rows to show.";
  return [`${why}${kept}`, ...stopReport(outcome, show)].join("\n");
}
