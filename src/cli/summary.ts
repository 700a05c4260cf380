// The readable summary printed after a run: dimensions, timings, final values per run and their mean.
import type { Results, RunData, SimulationInfo } from "../engine";
import { columnValue, flatten, valueText } from "../engine";
import { formatDuration, formatNumber, plural } from "../export/format";

/** Timings shown in the summary header. */
export interface SummaryTimes {
  engineMs: number;
  loadMs: number;
  workers: number;
}

const MAX_RUN_ROWS = 10;
const MAX_WIDE_COLUMNS = 6;

/** The whole summary as text (no trailing newline). */
export function renderSummary(results: Results, file: string, times: SummaryTimes): string {
  const lines: string[] = [];
  const sims = results.simulations;
  const title = sims.length === 1 ? sims[0]!.name : `${sims.length} models`;
  lines.push(`${title} (${file})`);
  const subsets = sims.reduce((n, s) => n + s.subsets.length, 0);
  const runs = sims.reduce((n, s) => n + s.subsets.length * s.runs, 0);
  const dims = [
    ...(sims.length > 1 ? [`${sims.length} simulations`] : []),
    plural(subsets, "subset"),
    plural(runs, "run"),
    ...(sims.length === 1 ? [plural(sims[0]!.timesteps, "timestep"), plural(sims[0]!.blocks, "block")] : []),
    plural(results.rowCount, "row"),
    ...(sims.length === 1 ? [`seed ${sims[0]!.seed}`] : []),
  ];
  lines.push(`  ${dims.join(" · ")}`);
  lines.push(
    `  engine ${formatDuration(times.engineMs)} · load ${formatDuration(times.loadMs)} · ${times.workers === 0 ? "in process" : plural(times.workers, "worker")}`,
  );
  for (const sim of sims) {
    sim.subsets.forEach((params, subset) => {
      const runsHere = results.runs.filter((r) => r.simulation === sim.simulation && r.subset === subset && r.rows > 0);
      if (runsHere.length === 0) return;
      lines.push("");
      lines.push(groupTitle(sim, subset, params, sims.length > 1));
      lines.push(...finalValuesTable(sim, runsHere));
    });
  }
  return lines.join("\n");
}

function groupTitle(sim: SimulationInfo, subset: number, params: Record<string, unknown>, many: boolean): string {
  const head = many ? `${sim.name} (simulation ${sim.simulation})` : "Final values";
  const p = Object.entries(params)
    .map(([k, v]) => `${k}=${short(v)}`)
    .join(", ");
  const last = `timestep ${sim.timesteps}`;
  return sim.subsets.length > 1 ? `${head}, subset ${subset} (${p}), ${last}` : `${head}, ${last}${p ? ` (${p})` : ""}`;
}

/** Final rows of each run, flattened: numeric columns in a table, others listed once. */
function finalValuesTable(sim: SimulationInfo, runs: RunData[]): string[] {
  const finals = runs.map((run) => {
    const row: Record<string, unknown> = {};
    sim.variables.forEach((name, v) => flatten(columnValue(run.columns[v]!, run.rows - 1), name, row));
    return row;
  });
  const names = Object.keys(finals[0] ?? {});
  const numeric = names.filter((n) => finals.every((f) => typeof f[n] === "number"));
  const other = names.filter((n) => !numeric.includes(n));
  const out: string[] = [];
  const partial = runs.some((r) => r.rows < sim.timesteps * sim.blocks + 1);
  if (numeric.length > 0) {
    const mean = (n: string): number => finals.reduce((s, f) => s + (f[n] as number), 0) / finals.length;
    if (numeric.length <= MAX_WIDE_COLUMNS && runs.length <= MAX_RUN_ROWS) {
      const header = ["run", ...numeric];
      const body = finals.map((f, i) => [String(runs[i]!.run), ...numeric.map((n) => formatNumber(f[n] as number))]);
      if (runs.length > 1) body.push(["mean", ...numeric.map((n) => formatNumber(mean(n)))]);
      out.push(...table(header, body));
    } else {
      const values = (n: string): number[] => finals.map((f) => f[n] as number);
      const header = ["variable", "mean", "min", "max"];
      const body = numeric.map((n) => [n, formatNumber(mean(n)), formatNumber(Math.min(...values(n))), formatNumber(Math.max(...values(n)))]);
      out.push(`  over ${plural(runs.length, "run")}:`);
      out.push(...table(header, body));
    }
  }
  for (const n of other) out.push(`  ${n} (run ${runs[0]!.run}): ${short(finals[0]![n], 70)}`);
  if (partial) out.push("  (some runs stopped early: their last computed row is shown)");
  return out;
}

function table(header: string[], body: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c]!.length)));
  const line = (cells: string[]): string => `  ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ")}`;
  return [line(header), ...body.map(line)];
}

function short(value: unknown, max = 30): string {
  const text = typeof value === "string" ? value : typeof value === "bigint" ? `${value}n` : (valueText(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
