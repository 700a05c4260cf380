// The Monte Carlo outcome of a subset: each number's values over the runs at one timestep (the final one by
// default), summarised as pandas' `describe()` would (mean, sample sd, min, percentiles, max).
import type { Results } from "./results";

/**
 * The `p` quantile (0..1) of ascending `sorted` values by linear interpolation between closest ranks:
 * numpy's default (`method="linear"`), R's type 7.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** One number's values over a subset's runs, described. Non-finite values are counted apart, not averaged. */
export interface Distribution {
  /** Flattened name (`contributors.token_balance`). */
  name: string;
  /** Runs with a finite value. */
  count: number;
  /** Runs whose value was NaN or ±Infinity. */
  nonFinite: number;
  mean: number;
  /** Sample standard deviation (n − 1, as pandas); NaN for a single run. */
  sd: number;
  min: number;
  p5: number;
  p50: number;
  p95: number;
  max: number;
}

/** Describes finite `values` (any order); `nonFinite` is passed through. */
export function describe(name: string, values: readonly number[], nonFinite = 0): Distribution {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = n ? sum / n : NaN;
  let squares = 0;
  for (const v of sorted) squares += (v - mean) ** 2;
  return {
    name,
    count: n,
    nonFinite,
    mean,
    sd: n > 1 ? Math.sqrt(squares / (n - 1)) : NaN,
    min: n ? sorted[0]! : NaN,
    p5: percentile(sorted, 0.05),
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    max: n ? sorted[n - 1]! : NaN,
  };
}

/**
 * Each numeric series of one subset's runs at `timestep` (default: each run's last computed row, so a run that
 * ended early counts with its last value), by flattened name, in the model's order.
 */
export function valuesAt(results: Results, simulation: number, subset: number, timestep?: number): Map<string, number[]> {
  const sim = results.simulations.find((s) => s.simulation === simulation);
  const out = new Map<string, number[]>();
  if (!sim) return out;
  for (const run of results.runs) {
    if (run.simulation !== simulation || run.subset !== subset || run.rows === 0) continue;
    // The end of `timestep` is its last substep's row; timestep 0 is the initial row.
    const row = timestep === undefined ? run.rows - 1 : timestep === 0 ? 0 : timestep * sim.blocks;
    if (row >= run.rows) continue;
    for (const s of results.numericSeries(run)) {
      const list = out.get(s.name) ?? [];
      list.push(s.values[row]!);
      out.set(s.name, list);
    }
  }
  return out;
}

/** `describe` of every numeric series of one subset at `timestep` (default: the runs' final values). */
export function subsetDistributions(results: Results, simulation: number, subset: number, timestep?: number): Distribution[] {
  return [...valuesAt(results, simulation, subset, timestep)].map(([name, values]) => {
    const finite = values.filter(Number.isFinite);
    return describe(name, finite, values.length - finite.length);
  });
}
