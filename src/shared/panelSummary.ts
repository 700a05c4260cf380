// The Summary tab's data, built on the host on request: per subset (named by its parameters), each number's
// values over the runs at one timestep described, and one chosen number's values for its histogram.
import { describe, valuesAt, type Results } from "../engine";
import type { Distribution } from "../engine/distribution";
import { groupLabel } from "./chartData";

/** What the panel asks for: a number (default: the first) at a timestep (default: each run's last row). */
export interface SummaryRequest {
  variable?: string | undefined;
  timestep?: number | undefined;
}

/** One subset's outcome. */
export interface SummaryGroup {
  label: string;
  simulation: number;
  subset: number;
  distributions: Distribution[];
  /** The chosen number's value in each run with a finite one, in run order. */
  values: number[];
}

/** The Summary tab's content for one request. */
export interface PanelSummary {
  /** The numbers that can be chosen (flattened names), in the model's order. */
  variables: string[];
  variable: string;
  /** The timestep described; undefined: each run's last computed row. */
  timestep?: number;
  /** The last timestep of the longest model (the timestep input's bound). */
  maxTimestep: number;
  groups: SummaryGroup[];
}

/** Most runs' values sent for a histogram per group: beyond, an even sample (the statistics use every run). */
const MAX_VALUES = 20_000;

export function buildPanelSummary(results: Results, request: SummaryRequest = {}): PanelSummary {
  const sims = results.simulations;
  const maxTimestep = Math.max(0, ...sims.map((s) => s.timesteps));
  const timestep = request.timestep === undefined ? undefined : Math.max(0, Math.min(maxTimestep, Math.floor(request.timestep)));
  const variables: string[] = [];
  const groups: SummaryGroup[] = [];
  for (const info of sims) {
    info.subsets.forEach((_, subset) => {
      const at = valuesAt(results, info.simulation, subset, timestep);
      if (at.size === 0) return;
      for (const name of at.keys()) if (!variables.includes(name)) variables.push(name);
      const distributions = [...at].map(([name, values]) => {
        const finite = values.filter(Number.isFinite);
        return describe(name, finite, values.length - finite.length);
      });
      groups.push({ label: groupLabel(info, subset, sims), simulation: info.simulation, subset, distributions, values: [] });
    });
  }
  const variable = request.variable && variables.includes(request.variable) ? request.variable : (variables[0] ?? "");
  for (const g of groups) {
    const values = (valuesAt(results, g.simulation, g.subset, timestep).get(variable) ?? []).filter(Number.isFinite);
    g.values = values.length <= MAX_VALUES ? values : Array.from({ length: MAX_VALUES }, (_, i) => values[Math.floor((i * values.length) / MAX_VALUES)]!);
  }
  return { variables, variable, ...(timestep !== undefined ? { timestep } : {}), maxTimestep, groups };
}
