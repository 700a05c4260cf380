// What the models of a result add up to (subsets, runs, the longest run) and what the result is called.
import type { SimulationInfo } from "./results";

/** The dimensions of an experiment, over all its models. */
export interface RunTotals {
  simulations: number;
  /** Parameter subsets, over all models. */
  subsets: number;
  /** Runs planned: each model's subsets × its Monte Carlo runs, summed. */
  runs: number;
  /** The most timesteps of any model. */
  timesteps: number;
  /** The most blocks of any model. */
  blocks: number;
}

/** Totals of `sims` (the runs planned, not the runs kept after a failure). */
export function runTotals(sims: readonly Pick<SimulationInfo, "subsets" | "runs" | "timesteps" | "blocks">[]): RunTotals {
  return {
    simulations: sims.length,
    subsets: sims.reduce((n, s) => n + s.subsets.length, 0),
    runs: sims.reduce((n, s) => n + s.subsets.length * s.runs, 0),
    timesteps: Math.max(...sims.map((s) => s.timesteps)),
    blocks: Math.max(...sims.map((s) => s.blocks)),
  };
}

/** The model's name, or "3 models" for an experiment. */
export function resultsTitle(sims: readonly Pick<SimulationInfo, "name">[]): string {
  return sims.length === 1 ? sims[0]!.name : `${sims.length} models`;
}
