// The readable summary printed after a run: dimensions, timings, and each group's final values, kept short
// (a few dozen lines whatever the state holds; `--out` writes every value).
import type { Results, RunData, SimulationInfo } from "../engine";
import { columnValue, describe, resultsTitle, rowMeta, rowsPerRun, runTotals, valueText } from "../engine";
import { subsetName } from "../engine/subsets";
import { formatCount, formatDuration, formatNumber, plural } from "../export/format";

/** Timings shown in the summary header. */
export interface SummaryTimes {
  engineMs: number;
  loadMs: number;
  workers: number;
}

/** Most runs in a table of one row per run (more: mean, min and max over the runs). */
const MAX_RUN_ROWS = 10;
/** Most numbers in a table of one row per run. */
const MAX_WIDE_COLUMNS = 6;
/** Most lines of the mean/min/max table. */
const MAX_TABLE_ROWS = 12;
/** Most variables that are not numbers, listed with their value. */
const MAX_OTHER_VALUES = 4;
/** A record with more numbers than this is summarised per field (`agents.*.balance`), not one line per number. */
const MAX_RECORD_LEAVES = 3;
/** Most subsets (or simulations) shown. */
const MAX_GROUPS = 8;

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
  let groups = 0;
  let hidden = 0;
  for (const sim of sims) {
    sim.subsets.forEach((params, subset) => {
      const runsHere = results.runs.filter((r) => r.simulation === sim.simulation && r.subset === subset && r.rows > 0);
      if (runsHere.length === 0) return;
      if (groups++ >= MAX_GROUPS) {
        hidden++;
        return;
      }
      lines.push("");
      lines.push(groupTitle(sim, subset, params, sims.length > 1, runsHere));
      lines.push(...finalValues(results, sim, runsHere));
    });
  }
  if (hidden > 0) lines.push("", `… and ${plural(hidden, "more subset")} with rows: --out writes them all`);
  return lines.join("\n");
}

/** Where a run's last row is: its timestep and substep, and whether the run went to the model's last timestep. */
interface RunEnd {
  timestep: number;
  substep: number;
  complete: boolean;
}

function runEnd(sim: SimulationInfo, run: RunData): RunEnd {
  return { ...rowMeta(run.rows - 1, sim.blocks), complete: run.rows >= rowsPerRun(sim) };
}

/** "4", or "4 (substep 1)" for a timestep whose later substeps were not computed. */
function endText(end: RunEnd, blocks: number): string {
  return end.substep === 0 || end.substep === blocks ? String(end.timestep) : `${end.timestep} (substep ${end.substep})`;
}

/** The timestep the values are at: the model's last, the one where every run ended early, or each run's own. */
function endsText(sim: SimulationInfo, ends: RunEnd[]): string {
  const early = ends.filter((e) => !e.complete).length;
  if (early === 0) return `timestep ${sim.timesteps}`;
  const first = endText(ends[0]!, sim.blocks);
  if (ends.every((e) => endText(e, sim.blocks) === first)) {
    return `timestep ${first} of ${sim.timesteps}, where ${ends.length === 1 ? "the run" : `the ${ends.length} runs`} ended early`;
  }
  return `each run's last computed timestep: ${formatCount(early)} of ${plural(ends.length, "run")} ended early`;
}

function groupTitle(sim: SimulationInfo, subset: number, params: Record<string, unknown>, many: boolean, runs: RunData[]): string {
  const head = many ? `${sim.name} (simulation ${sim.simulation})` : "Final values";
  const p = Object.entries(params)
    .map(([k, v]) => `${k}=${short(v)}`)
    .join(", ");
  const last = endsText(
    sim,
    runs.map((r) => runEnd(sim, r)),
  );
  // A subset is named by the parameters that set it apart ("apr = 0.05"); a lone subset lists them all.
  return sim.subsets.length > 1 ? `${head}, ${subsetName(sim, subset)}, ${last}` : `${head}, ${last}${p ? ` (${p})` : ""}`;
}

/** A line of the final values: one number per run, or a record's field pooled over its keys (several per run). */
interface Entry {
  label: string;
  perRun: number[][];
  /** The record whose keys this line pools, when it does. */
  pooled?: { variable: string; count: number };
}

/** The numbers every run ends with, a variable or record leaf each, and a record's many leaves as one line per field. */
function numericEntries(results: Results, runs: RunData[]): Entry[] {
  const finals = runs.map((run) => results.finalValues(run));
  const byVariable = new Map<string, string[]>();
  for (const s of results.numericSeries(runs[0]!)) {
    if (!finals.every((f) => f.has(s.name))) continue;
    const names = byVariable.get(s.variable) ?? [];
    names.push(s.name);
    byVariable.set(s.variable, names);
  }
  const entries: Entry[] = [];
  for (const [variable, names] of byVariable) {
    if (names.length <= MAX_RECORD_LEAVES) {
      for (const n of names) entries.push({ label: n, perRun: finals.map((f) => [f.get(n)!]) });
      continue;
    }
    // `agents.agent7.balance` → `agents.*.balance`: the record's first key stands for every key.
    const fields = new Map<string, string[]>();
    for (const n of names) {
      const rest = n.slice(variable.length + 1);
      const dot = rest.indexOf(".");
      const field = `${variable}.*${dot < 0 ? "" : rest.slice(dot)}`;
      fields.set(field, [...(fields.get(field) ?? []), n]);
    }
    for (const [field, leaves] of fields) {
      const perRun = finals.map((f) => leaves.map((n) => f.get(n)!));
      entries.push({ label: `${field} (${formatCount(leaves.length)})`, perRun, pooled: { variable, count: leaves.length } });
    }
  }
  return entries;
}

/** Final values of a group's runs: numbers in a table, other values listed once (as the first run ended). */
function finalValues(results: Results, sim: SimulationInfo, runs: RunData[]): string[] {
  const entries = numericEntries(results, runs);
  const ends = runs.map((r) => runEnd(sim, r));
  const mixedEnds = new Set(ends.map((e) => endText(e, sim.blocks))).size > 1;
  const out: string[] = [];
  let notShown = 0;
  const wide = entries.length <= MAX_WIDE_COLUMNS && runs.length <= MAX_RUN_ROWS && entries.every((e) => !e.pooled);
  if (entries.length > 0 && wide) {
    const header = ["run", ...(mixedEnds ? ["timestep"] : []), ...entries.map((e) => e.label)];
    const body = runs.map((run, i) => [
      String(run.run),
      ...(mixedEnds ? [endText(ends[i]!, sim.blocks)] : []),
      ...entries.map((e) => formatNumber(e.perRun[i]![0]!)),
    ]);
    if (runs.length > 1) body.push(["mean", ...(mixedEnds ? [""] : []), ...entries.map((e) => formatNumber(mean(e.perRun.flat())))]);
    out.push(...table(header, body));
  } else if (entries.length > 0) {
    const shown = entries.slice(0, MAX_TABLE_ROWS);
    notShown += entries.length - shown.length;
    // The Monte Carlo outcome, as the panel's Summary tab and the HTML report describe it.
    const header = ["variable", "mean", "sd", "min", "p5", "p50", "p95", "max"];
    const body = shown.map((e) => {
      const values = e.perRun.flat();
      const finite = values.filter(Number.isFinite);
      const d = describe(e.label, finite, values.length - finite.length);
      const stats = [d.mean, d.sd, d.min, d.p5, d.p50, d.p95, d.max].map(formatNumber);
      return [e.label + (d.nonFinite ? ` (${formatCount(d.nonFinite)} not finite)` : ""), ...stats];
    });
    out.push(`  over ${plural(runs.length, "run")}${mixedEnds ? `, each at its last computed timestep (${timestepRange(ends)})` : ""}:`);
    out.push(...table(header, body));
    const pooled = shown.find((e) => e.pooled)?.pooled;
    if (pooled) out.push(`  (${pooled.variable}.*: every key of the record, ${plural(pooled.count, "number")} a run)`);
  }
  const first = runs[0]!;
  const other = sim.variables.flatMap((name, v) =>
    first.columns[v]!.kind === "any" ? [`  ${name} (run ${first.run}): ${short(columnValue(first.columns[v]!, first.rows - 1), 70)}`] : [],
  );
  out.push(...other.slice(0, MAX_OTHER_VALUES));
  notShown += Math.max(0, other.length - MAX_OTHER_VALUES);
  if (notShown > 0) out.push(`  … and ${notShown} more: --out writes every variable`);
  const missing = sim.runs - runs.length;
  if (missing > 0) out.push(`  (${formatCount(missing)} of ${plural(sim.runs, "run")} ${missing === 1 ? "has" : "have"} no rows: not shown)`);
  return out;
}

function timestepRange(ends: RunEnd[]): string {
  const steps = ends.map((e) => e.timestep);
  const lo = Math.min(...steps);
  const hi = Math.max(...steps);
  return lo === hi ? `timestep ${lo}` : `timesteps ${lo}–${hi}`;
}

function mean(values: number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

function table(header: string[], body: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c]!.length)));
  const line = (cells: string[]): string => `  ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ")}`;
  return [line(header), ...body.map(line)];
}

/** A value in at most `max` characters; control characters escaped, so a model's string cannot drive the terminal. */
function short(value: unknown, max = 30): string {
  const raw = typeof value === "string" ? value : typeof value === "bigint" ? `${value}n` : (valueText(value) ?? String(value));
  // eslint-disable-next-line no-control-regex
  const text = /[\u0000-\u001f\u007f-\u009f]/.test(raw) ? JSON.stringify(raw).slice(1, -1) : raw;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
