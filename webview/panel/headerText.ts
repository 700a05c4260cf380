// The header's texts: the run's dimensions, durations and times, the errors' summary. Pure, so it is tested in Node.
import type { ResultsHeader } from "../../src/shared/protocol";

/** `n` with thousands separators. */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** "12.5 ms", "3.42 s", "2 min 5 s". */
export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Number(ms.toPrecision(3))} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toPrecision(3))} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/** When a run finished: the time of day when it was today (by `now`), else the date and time. */
function finished(at: number, now = Date.now()): string {
  const when = new Date(at);
  if (Number.isNaN(when.getTime())) return "—";
  const sameDay = when.toDateString() === new Date(now).toDateString();
  return sameDay ? when.toLocaleTimeString() : when.toLocaleString();
}

/** The header's facts as label and value, in reading order; simulations only for an experiment. */
export function facts(header: ResultsHeader): [string, string][] {
  const out: [string, string][] = [];
  if (header.simulations > 1) out.push(["Simulations", count(header.simulations)]);
  out.push(
    ["Subsets", count(header.subsets)],
    ["Runs", count(header.runs)],
    ["Timesteps", count(header.timesteps)],
    ["Blocks", count(header.blocks)],
    ["Rows", count(header.rows)],
    ["Seed", String(header.seed)],
    ["Engine", duration(header.engineMs)],
    ["Finished", finished(header.finishedAt)],
  );
  return out;
}

/** "1 run failed", "3 runs failed", and whether the simulation stopped there ("1 of 3 runs not run"). */
export function errorsTitle(errors: readonly string[], header?: Pick<ResultsHeader, "runs" | "runsKept">): string {
  const failed = errors.length === 1 ? "1 run failed" : `${count(errors.length)} runs failed`;
  const notRun = header ? header.runs - header.runsKept : 0;
  return notRun > 0 ? `${failed}, and the simulation stopped there (${count(notRun)} of ${count(header!.runs)} runs not run)` : failed;
}
