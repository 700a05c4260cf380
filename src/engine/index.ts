// The engine's public API: pure TypeScript, no vscode, DOM, fs or process.
import { compileExperiment, type Overrides } from "./compile";
import type { Locator } from "./locate";
import { Results, planRuns, rowsPerRun, simulationInfo } from "./results";
import { simulateRun, type RunData } from "./simulate";

export { add, aggregateSignals } from "./aggregate";
export { columnBuffers, columnValue, isObjectLiteral } from "./columns";
export { compileExperiment, type CompiledModel, type Declared, type Overrides } from "./compile";
export { ModelError, formatModelError, formatPlace, valueText, type ModelErrorInfo, type Place } from "./errors";
export type { Locator, ModelFunction, SourceLocation } from "./locate";
export { watchSignals, type LoadedModel } from "./observe";
export { createRandom, setAmbientRandom } from "./random";
export { Results, flatten, planRuns, rowMeta, rowsPerRun, simulationInfo, type RowOptions, type SimulationInfo } from "./results";
export { simulateRun, type RunData, type RunKey } from "./simulate";
export { formatRunWarning, groupWarnings, type RunWarning, type WarningGroup } from "./warnings";
export { countSubsets, expandSweep, SweepError } from "./sweep";
export { resultsTitle, runTotals } from "./totals";
export { finalStats, type FinalStats } from "./finals";
export { describe, subsetDistributions, valuesAt } from "./distribution";
export { subsetName } from "./subsets";
export type * from "./types";

/** Options of an in-process simulation. */
export interface SimulateOptions {
  overrides?: Overrides;
  locator?: Locator;
  /** Called after each run with the rows done and the rows expected. */
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
  /** True stops the simulation between timesteps. */
  shouldStop?: () => boolean;
}

/** Runs every run of an experiment in this thread, in order, stopping at the first failed run. */
export function simulate(exported: unknown, options: SimulateOptions = {}): Results {
  const models = compileExperiment(exported, options.overrides, options.locator);
  const keys = planRuns(models);
  const total = keys.reduce((n, k) => n + rowsPerRun({ timesteps: models[k.simulation]!.timesteps, blocks: models[k.simulation]!.blocks.length }), 0);
  const runs: RunData[] = [];
  let done = 0;
  for (const key of keys) {
    if (options.shouldStop?.()) break;
    const data = simulateRun(models[key.simulation]!, key, {
      ...(options.locator ? { locator: options.locator } : {}),
      ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    });
    runs.push(data);
    done += data.rows;
    options.onProgress?.(done, total);
    if (data.error) break;
  }
  return new Results(models.map(simulationInfo), runs);
}
export { combineResults, compareFinals, distinctLabels, type CompareInput, type FinalsComparison } from "./compare";
export { RowsError, resultsFromJson, resultsFromRows } from "./fromRows";
