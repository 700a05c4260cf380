// Chart data of an experiment's results: Monte Carlo statistics per parameter subset over timesteps, columnar and JSON-ready.
import { percentile } from "../engine/distribution";
import { modelName, paramsText, subsetName } from "../engine/subsets";
import { columnValue, flatten, resultsTitle, rowMeta, type Results, type RunData, type SimulationInfo } from "../engine";

/** Limits that keep chart data small whatever the size of the results. */
export interface ChartDataOptions {
  /** Timesteps kept per series, evenly spaced, first and last always kept (default 1000). */
  maxTimesteps?: number;
  /** Individual runs kept per group, the first ones; statistics still use every run (default 50). */
  maxRuns?: number;
  /** Tidy rows kept per simulation for the model's own charts, the first ones (default 10000). */
  maxRows?: number;
}

const DEFAULT_MAX_TIMESTEPS = 1000;
const DEFAULT_MAX_RUNS = 50;
const DEFAULT_MAX_ROWS = 10_000;

/** Everything the charts of an experiment need, as plain JSON. */
export interface ChartData {
  /** The model's name, or "N models" for an experiment. */
  title: string;
  /** Every numeric series (nested ones flattened with dots), in the models' order. */
  variables: string[];
  /** How p5, median and p95 are computed: linear interpolation between closest ranks (numpy's default). */
  percentiles: "linear";
  /** One group per (simulation, subset), in cadCAD's order. */
  groups: ChartGroup[];
  /** The models' own Vega-Lite specs, without data. */
  userCharts: UserChart[];
  /** The tidy rows the model's own charts read, one table per simulation that has charts. */
  rowTables: RowTable[];
}

/** The runs of one parameter subset of one simulation. */
export interface ChartGroup {
  simulation: number;
  subset: number;
  /** The subset by its parameter values ("apr = 0.05"), after the model's name in an experiment (`groupLabel`). */
  label: string;
  /** The subset's parameter values, made JSON-safe. */
  params: Record<string, unknown>;
  /** Runs with at least one row: the statistics are taken over all of them. */
  runCount: number;
  /** Run numbers whose own values are in `series[v].runs`: the first `maxRuns` runs. */
  runs: number[];
  /** True when `runs` holds fewer runs than `runCount`. */
  runsCapped: boolean;
  /** The timesteps kept (end-of-timestep rows: the initial row, then each timestep's last substep). */
  timesteps: number[];
  /** Timesteps the group has before decimation (0 included). */
  timestepCount: number;
  /** Per numeric variable; arrays are indexed like `timesteps`. Null where no run has a finite value. */
  series: Record<string, SeriesStats>;
}

/** One variable of one group over the kept timesteps. */
export interface SeriesStats {
  mean: (number | null)[];
  median: (number | null)[];
  p5: (number | null)[];
  p95: (number | null)[];
  /** Runs with a finite value at each timestep. */
  n: number[];
  /** `runs[i][t]`: run `group.runs[i]` at `group.timesteps[t]`. */
  runs: (number | null)[][];
}

/** A model's own chart: a Vega-Lite spec without data, fed its simulation's tidy rows. */
export interface UserChart {
  simulation: number;
  /** Position in the model's `charts`. */
  index: number;
  spec: Record<string, unknown>;
}

/** Tidy rows stored column by column: `values[c][r]` is column `columns[c]` of row `r`. */
export interface RowTable {
  simulation: number;
  columns: string[];
  values: unknown[][];
  /** Rows the simulation has; more than the stored ones when capped. */
  totalRows: number;
}

/** Builds the chart data of `results`. */
export function buildChartData(results: Results, options: ChartDataOptions = {}): ChartData {
  const maxTimesteps = Math.max(2, options.maxTimesteps ?? DEFAULT_MAX_TIMESTEPS);
  const maxRuns = Math.max(1, options.maxRuns ?? DEFAULT_MAX_RUNS);
  const maxRows = Math.max(0, options.maxRows ?? DEFAULT_MAX_ROWS);
  const sims = results.simulations;
  const variables: string[] = [];
  const seen = new Set<string>();
  const groups: ChartGroup[] = [];
  for (const info of sims) {
    info.subsets.forEach((params, subset) => {
      const runs = results.runs.filter((r) => r.simulation === info.simulation && r.subset === subset && r.rows > 0);
      if (runs.length === 0) return;
      const group = buildGroup(results, info, subset, params, runs, sims, maxTimesteps, maxRuns);
      for (const v of Object.keys(group.series)) {
        if (!seen.has(v)) {
          seen.add(v);
          variables.push(v);
        }
      }
      groups.push(group);
    });
  }
  const userCharts: UserChart[] = sims.flatMap((info) =>
    info.charts.map((spec, index) => ({ simulation: info.simulation, index, spec: jsonSafe(spec) as Record<string, unknown> })),
  );
  const rowTables = sims.filter((info) => info.charts.length > 0).map((info) => buildRowTable(results, info, maxRows));
  return {
    title: resultsTitle(sims),
    variables,
    percentiles: "linear",
    groups,
    userCharts,
    rowTables,
  };
}

function buildGroup(
  results: Results,
  info: SimulationInfo,
  subset: number,
  params: Record<string, unknown>,
  runs: RunData[],
  sims: readonly SimulationInfo[],
  maxTimesteps: number,
  maxRuns: number,
): ChartGroup {
  const blocks = info.blocks;
  // A run cut short by an error may end mid-timestep: only its complete timesteps have an end row.
  const lastTimestep = (run: RunData): number => (blocks === 0 ? 0 : Math.floor((run.rows - 1) / blocks));
  const timestepCount = runs.reduce((most, run) => Math.max(most, lastTimestep(run)), 0) + 1;
  const timesteps = decimate(timestepCount, maxTimesteps);
  const perRun = runs.map((run) => ({ last: lastTimestep(run), series: new Map(results.numericSeries(run).map((s) => [s.name, s.values])) }));
  const names: string[] = [];
  for (const r of perRun) for (const name of r.series.keys()) if (!names.includes(name)) names.push(name);
  const kept = perRun.slice(0, maxRuns);
  const series: Record<string, SeriesStats> = {};
  const scratch = new Float64Array(runs.length);
  for (const name of names) {
    const s: SeriesStats = { mean: [], median: [], p5: [], p95: [], n: [], runs: kept.map(() => []) };
    for (const t of timesteps) {
      let n = 0;
      for (const r of perRun) {
        const v = valueAt(r, name, t, blocks);
        if (v !== null) scratch[n++] = v;
      }
      const sorted = scratch.subarray(0, n).sort();
      let sum = 0;
      for (let i = 0; i < n; i++) sum += sorted[i]!;
      s.mean.push(n ? sum / n : null);
      s.median.push(n ? percentile(sorted, 0.5) : null);
      s.p5.push(n ? percentile(sorted, 0.05) : null);
      s.p95.push(n ? percentile(sorted, 0.95) : null);
      s.n.push(n);
      kept.forEach((r, i) => s.runs[i]!.push(valueAt(r, name, t, blocks)));
    }
    series[name] = s;
  }
  return {
    simulation: info.simulation,
    subset,
    label: groupLabel(info, subset, sims),
    params: jsonSafe(params) as Record<string, unknown>,
    runCount: runs.length,
    runs: kept.map((_, i) => runs[i]!.run),
    runsCapped: kept.length < runs.length,
    timesteps,
    timestepCount,
    series,
  };
}

/** A run's end-of-timestep value, or null when missing or not finite (JSON has no NaN). */
function valueAt(r: { last: number; series: Map<string, Float64Array> }, name: string, t: number, blocks: number): number | null {
  if (t > r.last) return null;
  const v = r.series.get(name)?.[t * blocks];
  return v !== undefined && Number.isFinite(v) ? v : null;
}

/**
 * A series group's legend entry: the subset by its parameter values ("apr = 0.05"); in an experiment of several
 * models, the model's name first ("staking · apr = 0.05"). A model's only subset lists its parameters, if any.
 */
export function groupLabel(info: SimulationInfo, subset: number, sims: readonly SimulationInfo[]): string {
  const name = subsetName(info, subset) || paramsText(info.subsets[subset] ?? {});
  if (sims.length > 1) {
    const model = modelName(sims, info.simulation);
    return name ? `${model} · ${name}` : model;
  }
  return name || info.name;
}

/** At most `max` indexes of `0..count-1`, evenly spaced, always the first and the last. */
export function decimate(count: number, max: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  const out: number[] = [];
  for (let k = 0; k < max; k++) {
    const i = Math.round((k * (count - 1)) / (max - 1));
    if (out[out.length - 1] !== i) out.push(i);
  }
  return out;
}

function buildRowTable(results: Results, info: SimulationInfo, maxRows: number): RowTable {
  const index = new Map<string, number>();
  const columns: string[] = [];
  const values: unknown[][] = [];
  const runs = results.runs.filter((r) => r.simulation === info.simulation);
  const totalRows = runs.reduce((n, r) => n + r.rows, 0);
  let rows = 0;
  const set = (key: string, value: unknown): void => {
    let c = index.get(key);
    if (c === undefined) {
      c = columns.length;
      index.set(key, c);
      columns.push(key);
      values.push(new Array(rows).fill(null));
    }
    values[c]![rows] = jsonSafe(value);
  };
  // Built from the columns directly: Results.flatRows would build every other simulation's rows too.
  for (const run of runs) {
    for (let r = 0; r < run.rows && rows < maxRows; r++) {
      const flat: Record<string, unknown> = {};
      info.variables.forEach((name, v) => flatten(columnValue(run.columns[v]!, r), name, flat));
      for (const [key, value] of Object.entries(flat)) set(key, value);
      const meta = rowMeta(r, info.blocks);
      set("simulation", run.simulation);
      set("subset", run.subset);
      set("run", run.run);
      set("timestep", meta.timestep);
      set("substep", meta.substep);
      rows++;
      for (const col of values) if (col.length < rows) col.push(null);
    }
  }
  return { simulation: info.simulation, columns, values, totalRows };
}

/**
 * A JSON-ready copy: non-finite numbers become null, bigints and functions strings, cycles and
 * very deep values cut, so that JSON.stringify never throws or silently drops a value.
 */
export function jsonSafe(value: unknown, depth = 0): unknown {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? value : null;
    case "bigint":
      return value.toString();
    case "function":
      return value.name ? `[function ${value.name}]` : "[function]";
    case "symbol":
      return value.toString();
    case "undefined":
      return null;
    case "object": {
      if (value === null) return null;
      if (depth > 20) return "[too deep]";
      if (Array.isArray(value)) return value.map((v) => jsonSafe(v, depth + 1));
      if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>, (v) => jsonSafe(v, depth + 1));
      if (value instanceof Date) return value.toISOString();
      if (value instanceof Map) return jsonSafe(Object.fromEntries(value), depth + 1);
      if (value instanceof Set) return jsonSafe([...value], depth + 1);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = jsonSafe(v, depth + 1);
      return out;
    }
    default:
      return value;
  }
}
