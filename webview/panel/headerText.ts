// The header's texts: the run's dimensions, durations and times, the errors' and warnings' summaries. Pure, so it is tested in Node.
import { formatCount, formatDuration, plural } from "../../src/export/format";
import type { PanelLocation, PanelWarning, ResultsHeader } from "../../src/shared/protocol";
import { moreRuns } from "../../src/shared/warningText";

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
  const declared = header.declared ?? {};
  // An overridden value names the model's own beside it: "600 (model: 60)".
  const model = (value: number | string | undefined): string =>
    value === undefined ? "" : ` (model: ${typeof value === "number" ? formatCount(value) : value})`;
  if (header.runName) out.push(["Run", header.older ? `${header.runName} (a newer run exists)` : header.runName]);
  // A comparison's models are its runs; their seeds and options are listed run by run above the facts.
  if (header.comparedRuns) out.push(["Compared", plural(header.comparedRuns, "run")]);
  else if (header.simulations > 1) out.push(["Simulations", formatCount(header.simulations)]);
  out.push(
    ["Subsets", formatCount(header.subsets)],
    // A simulation that ended early (a failure, a stop) says how many of its planned runs it holds rows of.
    [
      "Runs",
      (header.runsKept < header.runs ? `${formatCount(header.runsKept)} of ${formatCount(header.runs)}` : formatCount(header.runs)) + model(declared.runs),
    ],
    ["Timesteps", formatCount(header.timesteps) + model(declared.timesteps)],
    ["Blocks", formatCount(header.blocks)],
    ["Rows", formatCount(header.rows)],
  );
  if (!header.comparedRuns) out.push(["Seed", String(header.seed) + (declared.seed === undefined ? "" : ` (model: ${declared.seed})`)]);
  if (declared.sweep) out.push(["Sweep", `${declared.sweep === "zip" ? "cartesian" : "zip"}${model(declared.sweep)}`]);
  if (declared.params?.length) out.push(["Overridden", declared.params.join(", ")]);
  out.push(["Engine", formatDuration(header.engineMs)], ["Finished", finished(header.finishedAt)]);
  return out;
}

/** "1 run failed", "3 runs failed", and whether the simulation stopped there ("1 of 3 runs not run"). */
export function errorsTitle(errors: readonly string[], header?: Pick<ResultsHeader, "runs" | "runsKept">): string {
  const failed = `${plural(errors.length, "run")} failed`;
  const notRun = header ? header.runs - header.runsKept : 0;
  return notRun > 0 ? `${failed}, and the simulation stopped there (${formatCount(notRun)} of ${formatCount(header!.runs)} runs not run)` : failed;
}

/** "⚠ 6 warnings": how many warnings all the runs gave. */
export function warningsTitle(count: number): string {
  return `⚠ ${plural(count, "warning")}`;
}

/** A warning as one line: its message, where it first happened, and how many other runs had the same. */
export function warningLine(w: PanelWarning): string {
  return `${w.message} at ${w.place}${moreRuns(w.otherRuns)}`;
}

/** A link's text for a place in the source: "misspelt.sim.ts:19:17". */
export function locationText(location: PanelLocation): string {
  return `${location.display}:${location.line}:${location.column}`;
}

/** "ran with 2 type errors", or undefined when the model had none. */
export function typeErrorsText(count: number): string | undefined {
  return count > 0 ? `ran with ${plural(count, "type error")}` : undefined;
}
