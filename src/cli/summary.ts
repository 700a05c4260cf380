// The readable summary printed after a run: dimensions, timings, final values per run and their mean.
import type { Results, RunData, SimulationInfo } from "../engine";
import { columnValue, flatten, resultsTitle, runTotals, valueText } from "../engine";
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
  lines.push(`${resultsTitle(sims)} (${file})`);
  const { subsets, runs } = runTotals(sims);
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
      lines.push(...finalValuesTable(results, sim, runsHere));
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

/** Final values of each run: numeric series in a table, other values listed once (as the first run ended). */
function finalValuesTable(results: Results, sim: SimulationInfo, runs: RunData[]): string[] {
  const finals = runs.map((run) => results.finalValues(run));
  const numeric = [...finals[0]!.keys()].filter((n) => finals.every((f) => f.has(n)));
  const first = runs[0]!;
  const other: Record<string, unknown> = {};
  sim.variables.forEach((name, v) => {
    if (first.columns[v]!.kind === "any") flatten(columnValue(first.columns[v]!, first.rows - 1), name, other);
  });
  const out: string[] = [];
  const partial = runs.some((r) => r.rows < sim.timesteps * sim.blocks + 1);
  if (numeric.length > 0) {
    const mean = (n: string): number => finals.reduce((s, f) => s + f.get(n)!, 0) / finals.length;
    if (numeric.length <= MAX_WIDE_COLUMNS && runs.length <= MAX_RUN_ROWS) {
      const header = ["run", ...numeric];
      const body = finals.map((f, i) => [String(runs[i]!.run), ...numeric.map((n) => formatNumber(f.get(n)!))]);
      if (runs.length > 1) body.push(["mean", ...numeric.map((n) => formatNumber(mean(n)))]);
      out.push(...table(header, body));
    } else {
      const values = (n: string): number[] => finals.map((f) => f.get(n)!);
      const header = ["variable", "mean", "min", "max"];
      const body = numeric.map((n) => [n, formatNumber(mean(n)), formatNumber(Math.min(...values(n))), formatNumber(Math.max(...values(n)))]);
      out.push(`  over ${plural(runs.length, "run")}:`);
      out.push(...table(header, body));
    }
  }
  for (const [n, value] of Object.entries(other)) out.push(`  ${n} (run ${first.run}): ${short(value, 70)}`);
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
