// A comparison of several runs as the results panel shows it: the runs combined into one result (each a named
// model, so charts colour and the table's `simulation` column tell them apart) and their final values side by side.
import { combineResults, compareFinals, distinctLabels, runTotals, type FinalsComparison } from "../../engine";
import { comparisonTable } from "../../export/compareText";
import { runsBySteps } from "../../export/format";
import type { PanelComparison } from "../../shared/protocol";
import type { StoredResult } from "../results/resultsStore";

/** One run to compare: its result, its name in the legends, and what tells it apart besides. */
export interface ComparedResult {
  label: string;
  result: StoredResult;
  /** Options or source beyond the label ("runs 2, timesteps 10"); "" for none. */
  note: string;
}

/** What a comparison panel shows. */
export interface Comparison {
  /** The runs combined: what the panel's charts, table, Summary tab and exports read. */
  result: StoredResult;
  panel: PanelComparison;
  /** The final values compared, as numbers (the HTML report's table). */
  finals: FinalsComparison;
  /** "Compare run 1 · run 2". */
  title: string;
}

/** The comparison of `inputs` (two or more), the first the baseline the differences are taken from. */
export function buildComparison(inputs: readonly ComparedResult[], displayPath: (file: string) => string, historyIds?: string[]): Comparison {
  const labels = distinctLabels(inputs.map((i) => i.label));
  const named = inputs.map((input, i) => ({ label: labels[i]!, results: input.result.results }));
  const results = combineResults(named);
  const first = inputs[0]!.result;
  const result: StoredResult = {
    file: first.file,
    results,
    seed: first.seed,
    engineMs: inputs.reduce((ms, i) => ms + i.result.engineMs, 0),
    finishedAt: Math.max(...inputs.map((i) => i.result.finishedAt)),
    cancelled: inputs.some((i) => i.result.cancelled),
    // Each run's errors, said of the run they belong to.
    errors: inputs.flatMap((input, i) => input.result.errors.map((e) => `${labels[i]}: ${e}`)),
    interrupted: inputs.flatMap((i) => i.result.interrupted ?? []),
  };
  const runs = inputs.map((input, i) => {
    const r = input.result;
    const { runs: planned, timesteps } = runTotals(r.results.simulations);
    const detail = [
      runsBySteps(planned, timesteps),
      `seed ${r.seed}`,
      ...(input.note ? [input.note] : []),
      ...(r.cancelled ? ["stopped early"] : []),
      new Date(r.finishedAt).toLocaleTimeString(),
    ].join(" · ");
    return { label: labels[i]!, file: displayPath(r.file), detail };
  });
  const finals = compareFinals(named);
  return {
    result,
    finals,
    panel: { runs, finals: comparisonTable(finals), ...(historyIds ? { historyIds } : {}) },
    title: `Compare ${labels.join(" · ")}`,
  };
}
