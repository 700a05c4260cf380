// Each number's final values over the runs of one model, per parameter subset: what the editor's inline
// values and hovers show. A swept model's subsets are never pooled: "apr = 0.05" and "apr = 0.1" differ.
import type { Results } from "./results";
import { subsetName } from "./subsets";

/** One number (a variable or a nested number, by its flattened name) of one subset, at the end of its runs. */
export interface FinalStats {
  name: string;
  variable: string;
  subset: number;
  /** The subset's parameters that differ between subsets ("apr = 0.05"); "" for a model with one subset. */
  subsetLabel: string;
  mean: number;
  min: number;
  max: number;
  /** The runs averaged, and how many of them ended early (failed or stopped): their last computed row counts. */
  runs: number;
  partialRuns: number;
  /** Mean over runs at each end of timestep, thinned for a sparkline. */
  trend: number[];
}

const SPARK_POINTS = 32;

/** Final values of every numeric series of model `simulation`, one entry per series and subset. */
export function finalStats(results: Results, simulation = 0): FinalStats[] {
  const sim = results.simulations.find((s) => s.simulation === simulation);
  if (!sim) return [];
  const fullRows = sim.timesteps * sim.blocks + 1;
  const out: FinalStats[] = [];
  for (let subset = 0; subset < sim.subsets.length; subset++) {
    const runs = results.runs.filter((r) => r.simulation === simulation && r.subset === subset && r.rows > 0);
    if (runs.length === 0) continue;
    const lastByRun = runs.map((r) => results.finalValues(r));
    const seriesByRun = runs.map((r) => new Map(results.numericSeries(r).map((s) => [s.name, s.values])));
    const steps = Math.floor((runs[0]!.rows - 1) / sim.blocks);
    const points = Math.min(steps + 1, SPARK_POINTS);
    const partialRuns = runs.filter((r) => r.rows < fullRows).length;
    for (const { name, variable } of results.numericSeries(runs[0]!)) {
      const lasts = lastByRun.map((last) => last.get(name) ?? NaN).filter(Number.isFinite);
      if (lasts.length === 0) continue;
      const trend: number[] = [];
      for (let p = 0; p < points; p++) {
        const row = (points === 1 ? 0 : Math.round((p * steps) / (points - 1))) * sim.blocks;
        const vals = seriesByRun
          .map((series, i) => (row < runs[i]!.rows ? series.get(name)?.[row] : undefined))
          .filter((x): x is number => x !== undefined && Number.isFinite(x));
        trend.push(vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : NaN);
      }
      out.push({
        name,
        variable,
        subset,
        subsetLabel: subsetName(sim, subset),
        mean: lasts.reduce((a, b) => a + b, 0) / lasts.length,
        min: Math.min(...lasts),
        max: Math.max(...lasts),
        runs: runs.length,
        partialRuns,
        trend,
      });
    }
  }
  return out;
}
