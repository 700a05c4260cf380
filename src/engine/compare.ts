// Comparing results: several results made one (each its own model of an experiment, so every chart, table and
// export tells them apart by name), and a table of their final values with the differences from the first.
import { finalStats } from "./finals";
import { Results, type SimulationInfo } from "./results";
import { modelName } from "./subsets";

/** One result to compare, under the name its charts and columns give it ("run 3", "HEAD (4f2a1c9)"). */
export interface CompareInput {
  label: string;
  results: Results;
}

/**
 * The inputs as one result: each simulation of each input becomes a simulation of its own, numbered in order and
 * named by its input's label (with the model's name when an input holds several), so that chart groups,
 * legends, the table's `simulation` column and the exports say which run each row came from. The models' own
 * charts are left out: one chart per input would repeat, not compare.
 */
export function combineResults(inputs: readonly CompareInput[]): Results {
  const simulations: SimulationInfo[] = [];
  const runs: Results["runs"] = [];
  for (const { label, results } of inputs) {
    for (const info of results.simulations) {
      const simulation = simulations.length;
      const name = results.simulations.length > 1 ? `${label} · ${modelName(results.simulations, info.simulation)}` : label;
      const { declared: _, ...plain } = info;
      simulations.push({ ...plain, simulation, name, charts: [] });
      for (const run of results.runs) if (run.simulation === info.simulation) runs.push({ ...run, simulation });
    }
  }
  return new Results(simulations, runs);
}

/** One number of one subset at the end of the runs, in each input. */
export interface CompareRow {
  /** The flattened name ("tokens", "pool.reserve"). */
  name: string;
  /** The subset by its varying parameters ("apr = 0.05"), and the model's name in an experiment; "" when neither is needed. */
  group: string;
  /** The mean over the runs of the final value, per input in order; null where the input has no such number. */
  means: (number | null)[];
  /** Runs averaged, per input. */
  runs: number[];
  /** `means[i] - means[0]` (null where either is missing); `differences[0]` is 0 or null. */
  differences: (number | null)[];
  /** The difference relative to the first input's magnitude; null where that is 0 or missing. */
  relative: (number | null)[];
}

/** Final values of several results side by side, the first one the baseline. */
export interface FinalsComparison {
  labels: string[];
  rows: CompareRow[];
}

/**
 * Matches each number by its name and its subset's name across the inputs: two seeds of one model line up subset
 * by subset, and a model with one subset lines up whatever its overrides.
 */
export function compareFinals(inputs: readonly CompareInput[]): FinalsComparison {
  const rows = new Map<string, CompareRow>();
  const empty = (): CompareRow["means"] => inputs.map(() => null);
  inputs.forEach(({ results }, i) => {
    for (const info of results.simulations) {
      const model = results.simulations.length > 1 ? modelName(results.simulations, info.simulation) : "";
      for (const s of finalStats(results, info.simulation)) {
        const group = [model, s.subsetLabel].filter(Boolean).join(" · ");
        const key = `${group}\u0000${s.name}`;
        let row = rows.get(key);
        if (!row) {
          row = { name: s.name, group, means: empty(), runs: inputs.map(() => 0), differences: [], relative: [] };
          rows.set(key, row);
        }
        row.means[i] = s.mean;
        row.runs[i] = s.runs;
      }
    }
  });
  for (const row of rows.values()) {
    const base = row.means[0] ?? null;
    row.differences = row.means.map((m) => (m === null || base === null ? null : m - base));
    row.relative = row.differences.map((d) => (d === null || !base ? null : d / Math.abs(base)));
  }
  return { labels: inputs.map((x) => x.label), rows: [...rows.values()] };
}

/**
 * Labels that tell the inputs apart: as given, with " (2)", " (3)" after a repeated one, so that no two runs
 * share a legend entry.
 */
export function distinctLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return n === 1 ? label : `${label} (${n})`;
  });
}
