// The runs a stop or a timeout interrupted: where each was, what of it is kept, and how to say so.
import { formatModelError, formatPlace, type ModelErrorInfo, type Place, type RunKey, type SourceLocation } from "../engine";
import { AT_BLOCK, AT_PHASE, Phase, Where } from "../engine/kernel";
import type { BlockFunctions } from "./protocol";

/** A run that was running when the simulation was stopped. */
export interface InterruptedRun extends RunKey {
  /** Rows of it in the results: its initial row and the timesteps it completed; 0 when its worker was stuck. */
  rowsKept: number;
  /** Its worker did not answer the stop in time (model code still running: an infinite loop?) and was terminated. */
  stuck: boolean;
  /**
   * Where it was. Stuck: the timestep being computed, the substep (block) and, in `fn`, the model function
   * last entered. Answered: the last timestep it completed (its rows end there).
   */
  place: Place;
  /** The model function it was in (stuck runs): "policy 'do_work'", "state update 'tokens'". */
  fn?: string;
  /** Where that function is defined in the user's source. */
  location?: SourceLocation;
  blockLabel?: string;
}

/** The run a stuck worker was in, read from its position; undefined when it was between runs. */
export function stuckRun(position: Int32Array, functions: BlockFunctions[][]): InterruptedRun | undefined {
  if (position[Where.Running] !== 1) return undefined;
  const key = { simulation: position[Where.Simulation]!, subset: position[Where.Subset]!, run: position[Where.Run]! };
  const timestep = position[Where.Timestep]!;
  // At holds the last function entered (its block, phase and index), -1 when it cannot be numbered.
  const at = position[Where.At]!;
  const substep = at >= 0 ? Math.floor(at / AT_BLOCK) : 0;
  const phase = Math.floor((at % AT_BLOCK) / AT_PHASE);
  const index = at % AT_PHASE;
  const place: Place = { ...key, timestep, ...(timestep > 0 && substep > 0 ? { substep } : {}) };
  const block = timestep > 0 ? functions[key.simulation]?.[substep - 1] : undefined;
  const f = phase === Phase.Policy ? block?.policies[index] : phase === Phase.Aggregate ? block?.aggregation : block?.updates[index];
  return {
    ...key,
    rowsKept: 0,
    stuck: true,
    place,
    ...(f ? { fn: f.fn } : {}),
    ...(f?.location ? { location: f.location } : {}),
    ...(block?.label ? { blockLabel: block.label } : {}),
  };
}

/** A run its worker stopped between two timesteps, its rows so far kept. */
export function answeredRun(key: RunKey, rows: number, blocks: number): InterruptedRun {
  const completed = Math.max(0, Math.floor((rows - 1) / Math.max(1, blocks)));
  const { simulation, subset, run } = key;
  return { simulation, subset, run, rowsKept: rows, stuck: false, place: { simulation, subset, run, timestep: completed } };
}

/** An interrupted run as a located message in the form of a model error (`file:line:column: ...` then the place). */
export function interruptedInfo(run: InterruptedRun): ModelErrorInfo {
  const message = run.stuck
    ? "was still running when the simulation was stopped (does it loop forever?); its worker was stopped, so this run's rows are lost"
    : `stopped after timestep ${run.place.timestep ?? 0}: its ${run.rowsKept} rows so far (timesteps 0–${run.place.timestep ?? 0}) are kept, a partial run`;
  return {
    kind: "run",
    message: run.stuck ? message : `${formatPlace({ simulation: run.simulation, subset: run.subset, run: run.run })} ${message}`,
    ...(run.fn ? { fn: run.fn } : {}),
    ...(run.location ? { location: run.location } : {}),
    ...(run.stuck ? { place: run.place } : {}),
    ...(run.blockLabel ? { blockLabel: run.blockLabel } : {}),
  };
}

/** Plan-ordered run keys as ranges: "simulation 0, subset 0, runs 3–4; simulation 0, subset 1, run 1". */
function describeRuns(keys: readonly RunKey[]): string {
  const groups: { sim: number; subset: number; runs: [number, number][] }[] = [];
  for (const k of keys) {
    let g = groups[groups.length - 1];
    if (!g || g.sim !== k.simulation || g.subset !== k.subset) groups.push((g = { sim: k.simulation, subset: k.subset, runs: [] }));
    const last = g.runs[g.runs.length - 1];
    if (last && last[1] + 1 === k.run) last[1] = k.run;
    else g.runs.push([k.run, k.run]);
  }
  return groups
    .map((g) => {
      const single = g.runs.length === 1 && g.runs[0]![0] === g.runs[0]![1];
      const runs = g.runs.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(", ");
      return `${formatPlace({ simulation: g.sim, subset: g.subset })}, ${single ? "run" : "runs"} ${runs}`;
    })
    .join("; ");
}

/**
 * The lines to print after a stop, with the interrupted runs' messages shown by `show` (files relative, say):
 * one line per run. A stuck run has no rows either, but its own line already says so ("this run's rows are
 * lost"), so the "no rows kept" line names only the other runs.
 */
export function stopReport(outcome: { interrupted: InterruptedRun[]; missing: RunKey[] }, show: (info: ModelErrorInfo) => ModelErrorInfo = (i) => i): string[] {
  const lines = outcome.interrupted.map((run) => formatModelError(show(interruptedInfo(run))));
  const named = new Set(outcome.interrupted.map(runId));
  const missing = outcome.missing.filter((k) => !named.has(runId(k)));
  if (missing.length) lines.push(`no rows kept of ${describeRuns(missing)} (not finished or not started)`);
  return lines;
}

function runId(k: RunKey): string {
  return `${k.simulation}/${k.subset}/${k.run}`;
}
