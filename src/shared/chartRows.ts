// Tidy rows for Vega-Lite from the columnar chart data; no engine code, so the webview bundle stays small.
import type { ChartData, RowTable } from "./chartData";

/** A tidy row of statistics, as Vega-Lite reads it. */
export interface StatRow {
  variable: string;
  group: string;
  timestep: number;
  mean: number;
  median: number;
  p5: number;
  p95: number;
  runs: number;
}

/** A tidy row of one run's value. */
export interface RunRow {
  variable: string;
  group: string;
  run: number;
  timestep: number;
  value: number;
}

/** The rows of a row table as objects, for Vega-Lite. */
export function tableRows(table: RowTable): Record<string, unknown>[] {
  const count = table.values[0]?.length ?? 0;
  const out = new Array<Record<string, unknown>>(count);
  for (let r = 0; r < count; r++) {
    const row: Record<string, unknown> = {};
    table.columns.forEach((name, c) => (row[name] = table.values[c]![r]));
    out[r] = row;
  }
  return out;
}

/** Tidy statistics rows of `variables` (default all) for every group; timesteps where nothing is known are left out. */
export function statRows(data: ChartData, variables: readonly string[] = data.variables): StatRow[] {
  const out: StatRow[] = [];
  for (const group of data.groups) {
    for (const variable of variables) {
      const s = group.series[variable];
      if (!s) continue;
      group.timesteps.forEach((timestep, t) => {
        const mean = s.mean[t];
        if (mean === null || mean === undefined) return;
        out.push({ variable, group: group.label, timestep, mean, median: s.median[t]!, p5: s.p5[t]!, p95: s.p95[t]!, runs: s.n[t]! });
      });
    }
  }
  return out;
}

/**
 * Tidy rows of the kept runs' own values of `variables` (default all); missing values are left out. With `stride`
 * k > 1 only every k-th kept timestep is taken, and each group's last.
 */
export function runRows(data: ChartData, variables: readonly string[] = data.variables, stride = 1): RunRow[] {
  const out: RunRow[] = [];
  for (const group of data.groups) {
    const last = group.timesteps.length - 1;
    for (const variable of variables) {
      const s = group.series[variable];
      if (!s) continue;
      s.runs.forEach((values, i) => {
        const run = group.runs[i]!;
        group.timesteps.forEach((timestep, t) => {
          if (t % stride !== 0 && t !== last) return;
          const value = values[t];
          if (value !== null && value !== undefined) out.push({ variable, group: group.label, run, timestep, value });
        });
      });
    }
  }
  return out;
}

/** The smallest stride that keeps the run rows of `variables` near `maxRows` (1: all of them). */
export function runStride(data: ChartData, variables: readonly string[], maxRows: number): number {
  let total = 0;
  for (const group of data.groups) {
    for (const variable of variables) if (group.series[variable]) total += group.runs.length * group.timesteps.length;
  }
  return Math.max(1, Math.ceil(total / Math.max(1, maxRows)));
}

/** Numeric variables whose value changes somewhere (in any group, run or timestep), in order. */
export function varyingVariables(data: ChartData): string[] {
  return data.variables.filter((v) =>
    data.groups.some((g) => {
      const s = g.series[v];
      if (!s) return false;
      const first = s.runs[0]?.find((x) => x !== null) ?? null;
      return s.runs.some((r) => r.some((x) => x !== null && x !== first)) || s.p5.some((x, t) => x !== s.p95[t]);
    }),
  );
}

/** Largest ratio between the scales of two variables drawn on one axis: beyond it one of them is a flat line. */
const OVERLAY_SCALE_RATIO = 100;

/**
 * The overlay chart's variables (the seed notebook's plot of tokens and community_treasury): the first
 * variable that changes and the next one on a comparable scale; none when no other is comparable.
 */
export function overlayVariables(data: ChartData, varying: readonly string[] = varyingVariables(data)): string[] {
  const scale = (v: string): number => {
    let max = 0;
    for (const g of data.groups) {
      const s = g.series[v];
      for (const values of s ? [...s.runs, s.p5, s.p95] : []) for (const x of values) if (x !== null && Math.abs(x) > max) max = Math.abs(x);
    }
    return max;
  };
  const [first, ...rest] = varying;
  if (first === undefined) return [];
  const a = scale(first);
  const partner = rest.find((v) => {
    const b = scale(v);
    return a > 0 && b > 0 && Math.max(a, b) / Math.min(a, b) <= OVERLAY_SCALE_RATIO;
  });
  return partner === undefined ? [] : [first, partner];
}
