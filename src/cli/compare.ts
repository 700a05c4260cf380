// `substep compare <a> <b> ...`: results files read back and model files run alike, then their final values side by
// side on stdout and the comparison written by `--out`; exit 0, 1 (a model run failed) or 2 (bad usage, unreadable input).
import { availableParallelism } from "node:os";
import { readFile } from "node:fs/promises";
import { basename, extname, relative, resolve } from "node:path";
import {
  ModelError,
  RowsError,
  combineResults,
  compareFinals,
  distinctLabels,
  formatModelError,
  formatRunWarning,
  resultsFromJson,
  type CompareInput,
  type FinalsComparison,
  type Results,
} from "../engine";
import { bundleModelFile } from "../loader";
import { CancelledError, runBundle } from "../runner/pool";
import type { CompareCommand } from "./args";
import { csvChunks } from "../export/csv";
import { jsonChunks } from "../export/json";
import { plural } from "../export/format";
import { renderComparisonText } from "../export/compareText";
import { renderHtmlReport } from "../export/htmlReport";
import { ProgressBar } from "./progress";
import { relativeLocation, unwritable } from "./paths";
import { warningLines } from "./warnings";
import { writeChunks } from "../export/writeChunks";

/** An input as loaded: its results, and what the header says of it. */
interface Loaded extends CompareInput {
  shown: string;
  about: string;
}

/** Why an input gave no results: the message for stderr and the exit code. */
class InputFailed extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

export async function compare(cmd: CompareCommand): Promise<number> {
  for (const out of cmd.outputs) {
    const problem = await unwritable(resolve(out));
    if (problem) {
      process.stderr.write(`substep: cannot write ${out}: ${problem}\n`);
      return 2;
    }
  }
  const labels = distinctLabels(cmd.inputs.map((file, i) => cmd.labels[i] ?? basename(file)));
  const loaded: Loaded[] = [];
  let failedRuns = false;
  for (const [i, input] of cmd.inputs.entries()) {
    const file = resolve(input);
    const shown = shownPath(file);
    try {
      const fromRows = extname(file).toLowerCase() === ".json";
      const results = fromRows ? await readResults(file, shown) : await runModel(file, cmd);
      loaded.push({ label: labels[i]!, results, shown, about: aboutText(results, fromRows) });
      // A run that failed keeps its rows, as `substep run` does: they are compared, and the exit code is 1.
      for (const line of warningLines(results.warnings, (w) => formatRunWarning(relativeLocation(w)))) process.stderr.write(`${line}\n`);
      for (const error of results.errors) process.stderr.write(`substep: ${formatModelError(relativeLocation(error))}\n`);
      failedRuns ||= results.errors.length > 0;
    } catch (err) {
      if (!(err instanceof InputFailed)) throw err;
      process.stderr.write(`substep: ${err.message}\n`);
      return err.code;
    }
  }
  const comparison = compareFinals(loaded);
  const combined = combineResults(loaded);
  let unwritten = 0;
  const written: string[] = [];
  for (const out of cmd.outputs) {
    try {
      await writeOutput(resolve(out), combined, comparison, cmd, loaded);
      written.push(resolve(out));
    } catch (err) {
      unwritten++;
      process.stderr.write(`substep: cannot write ${out}: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  if (!cmd.quiet) {
    const width = Math.max(...loaded.map((x) => x.label.length));
    const header = loaded.map((x) => `  ${x.label.padEnd(width)}  ${x.shown} (${x.about})`);
    process.stdout.write(`Comparing ${plural(loaded.length, "result")}:\n${header.join("\n")}\n\n${renderComparisonText(comparison)}\n`);
    for (const w of written) process.stdout.write(`\nwrote ${w}`);
    if (written.length) process.stdout.write("\n");
  }
  if (failedRuns) return 1;
  return unwritten > 0 ? 2 : 0;
}

async function readResults(file: string, shown: string): Promise<Results> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputFailed(`cannot read the results file ${shown}: ${code === "ENOENT" ? "no such file" : (err as Error).message}`, 2);
  }
  try {
    return resultsFromJson(text, { file: shown, name: basename(file) });
  } catch (err) {
    if (err instanceof RowsError) throw new InputFailed(err.message, 2);
    throw err;
  }
}

/** Runs a model input as `substep run` does (same bundle, workers and overrides); a stop is a failure here. */
async function runModel(file: string, cmd: CompareCommand): Promise<Results> {
  const controller = new AbortController();
  let timedOut = false;
  const onSigint = (): void => controller.abort();
  process.once("SIGINT", onSigint);
  const timer =
    cmd.timeoutSeconds === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, cmd.timeoutSeconds * 1000);
  const bar = ProgressBar.forStderr(!cmd.quiet);
  const shown = shownPath(file);
  try {
    const outcome = await runBundle(await bundleModelFile(file), {
      overrides: cmd.overrides,
      signal: controller.signal,
      workers: cmd.workers ?? availableParallelism(),
      onProgress: (done, total) => bar?.update(done, total),
    });
    if (outcome.cancelled) throw new CancelledError();
    return outcome.results;
  } catch (err) {
    if (err instanceof ModelError) throw new InputFailed(formatModelError(relativeLocation(err.info)), err.info.kind === "run" ? 1 : 2);
    if (err instanceof CancelledError) {
      // Half a simulation compared with a whole one would say the models differ where only the stop did.
      const why = timedOut ? `did not finish within ${cmd.timeoutSeconds} s (--timeout)` : "was interrupted";
      throw new InputFailed(`${shown}: the simulation ${why}: stopped, and nothing is compared`, timedOut ? 1 : 130);
    }
    throw err;
  } finally {
    bar?.clear();
    process.off("SIGINT", onSigint);
    clearTimeout(timer);
  }
}

/** A file as the user would type it here: relative to the working directory when inside it, else absolute. */
function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

/** "seed 1 · 3 runs · 52 timesteps" for a model run now; "315 rows · 3 runs · 52 timesteps" for rows read back. */
function aboutText(results: Results, fromRows: boolean): string {
  const sims = results.simulations;
  const first = sims[0];
  if (!first) return plural(results.rowCount, "row");
  const same = <T>(pick: (s: (typeof sims)[number]) => T): T | undefined => (sims.every((s) => pick(s) === pick(first)) ? pick(first) : undefined);
  const seed = same((s) => s.seed);
  const runs = same((s) => s.runs);
  const timesteps = same((s) => s.timesteps);
  return [
    ...(sims.length > 1 ? [`${sims.length} models`] : []),
    ...(fromRows ? [plural(results.rowCount, "row")] : seed === undefined ? [] : [`seed ${seed}`]),
    ...(runs === undefined ? [] : [plural(runs, "run")]),
    ...(timesteps === undefined ? [] : [plural(timesteps, "timestep")]),
  ].join(" · ");
}

async function writeOutput(path: string, combined: Results, comparison: FinalsComparison, cmd: CompareCommand, loaded: Loaded[]): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext === ".html" || ext === ".htm") {
    const file = loaded.map((x) => x.shown).join(" vs ");
    const title = `Comparison: ${comparison.labels.join(" vs ")}`;
    // Each input's own engine time: rows read back took none, and the runs did not run at once.
    const engineMs = loaded.reduce((ms, x) => ms + x.results.engineMs, 0);
    await writeChunks(path, [renderHtmlReport(combined, { file, engineMs, title, comparison })]);
    return;
  }
  await writeChunks(path, ext === ".json" ? jsonChunks(combined, { params: cmd.paramsColumns === true }) : csvChunks(combined, { nameColumn: "input" }));
}
