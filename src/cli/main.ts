// `substep run <model file>`: load, run over workers, write outputs, print a summary; exit 0, 1 or 2.
// (`substep compare` is in compare.ts.)
import { availableParallelism } from "node:os";
import { extname, relative, resolve } from "node:path";
import { ModelError, formatModelError, formatRunWarning, runTotals, type ModelErrorInfo, type Results } from "../engine";
import { bundleModelFile } from "../loader";
import { stopReport } from "../runner/interrupted";
import { CancelledError, runBundle } from "../runner/pool";
import { USAGE, UsageError, parseArgs, type RunCommand } from "./args";
import { csvChunks } from "../export/csv";
import { jsonChunks } from "../export/json";
import { ProgressBar } from "./progress";
import { compare } from "./compare";
import { renderHtmlReport } from "../export/htmlReport";
import { renderSummary } from "./summary";
import { warningLines } from "./warnings";
import { relativeLocation, unwritable } from "./paths";
import { writeChunks } from "../export/writeChunks";

declare const SUBSTEP_VERSION: string | undefined;

async function main(argv: string[]): Promise<number> {
  let cmd;
  try {
    cmd = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`substep: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (cmd.command === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (cmd.command === "version") {
    process.stdout.write(`${typeof SUBSTEP_VERSION === "string" ? SUBSTEP_VERSION : "dev"}\n`);
    return 0;
  }
  return cmd.command === "compare" ? compare(cmd) : run(cmd);
}

async function run(cmd: RunCommand): Promise<number> {
  const file = resolve(cmd.file);
  const display = (info: ModelErrorInfo): string => formatModelError(relativeLocation(info));
  // A path that cannot be written is said before the simulation runs, not after.
  for (const out of [...cmd.outputs, ...(cmd.stats ? [cmd.stats] : [])]) {
    const problem = await unwritable(resolve(out));
    if (problem) {
      process.stderr.write(`substep: cannot write ${out}: ${problem}\n`);
      return 2;
    }
  }
  const loadStart = performance.now();
  const controller = new AbortController();
  let stopReason = "interrupted" as "interrupted" | "timeout";
  const onSigint = (): void => controller.abort();
  process.once("SIGINT", onSigint);
  const timer =
    cmd.timeoutSeconds === undefined
      ? undefined
      : setTimeout(() => {
          stopReason = "timeout";
          controller.abort();
        }, cmd.timeoutSeconds * 1000);
  const stopped = (what: string): string =>
    stopReason === "timeout"
      ? `substep: the simulation did not finish within ${cmd.timeoutSeconds} s (--timeout): stopped; ${what}\n`
      : `substep: stopped (interrupted); ${what}\n`;
  const bar = ProgressBar.forStderr(!cmd.quiet);
  let outcome;
  let loadMs = 0;
  try {
    const bundle = await bundleModelFile(file);
    outcome = await runBundle(bundle, {
      overrides: cmd.overrides,
      signal: controller.signal,
      // The contract's default: the machine's cores (no more threads than runs).
      workers: cmd.workers ?? availableParallelism(),
      onPlan: () => (loadMs = performance.now() - loadStart),
      onProgress: (done, total) => bar?.update(done, total),
    });
  } catch (err) {
    bar?.clear();
    if (err instanceof ModelError) {
      process.stderr.write(`substep: ${display(err.info)}\n`);
      return err.info.kind === "run" ? 1 : 2;
    }
    if (err instanceof CancelledError) {
      process.stderr.write(stopped("the model was still loading, so there are no rows"));
      return stopReason === "timeout" ? 1 : 130;
    }
    throw err;
  } finally {
    process.off("SIGINT", onSigint);
    clearTimeout(timer);
  }
  bar?.clear();
  const { results, workers, cancelled } = outcome;
  const engineMs = results.engineMs;
  const writeStart = performance.now();
  const written: string[] = [];
  let unwritten = 0;
  // Each output's folder was made before the run (`unwritable`); a write that fails still leaves the others.
  const write = async (out: string, task: (path: string) => Promise<void>): Promise<boolean> => {
    try {
      await task(resolve(out));
      return true;
    } catch (err) {
      unwritten++;
      process.stderr.write(`substep: cannot write ${out}: ${err instanceof Error ? err.message : String(err)}\n`);
      return false;
    }
  };
  for (const out of cmd.outputs) if (await write(out, (path) => writeOutput(path, results, cmd, file, engineMs))) written.push(resolve(out));
  const writeMs = performance.now() - writeStart;
  if (cmd.stats) {
    const totals = runTotals(results.simulations);
    const stats = {
      rows: results.rowCount,
      simulations: totals.simulations,
      subsets: totals.subsets,
      runs: results.runs.length,
      timesteps: totals.timesteps,
      engineMs,
      loadMs,
      writeMs,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      workers,
      warnings: results.warnings.length,
    };
    await write(cmd.stats, (path) => writeChunks(path, [`${JSON.stringify(stats, null, 2)}\n`]));
  }
  if (!cmd.quiet) {
    process.stdout.write(`${renderSummary(results, relative(process.cwd(), file) || file, { engineMs, loadMs, workers })}\n`);
    for (const w of written) process.stdout.write(`\nwrote ${w}`);
    if (written.length) process.stdout.write("\n");
  }
  // Warnings, like errors, are printed with --quiet too: they say the rows may not be what was meant.
  const warnings = results.warnings;
  for (const line of warningLines(warnings, (w) => formatRunWarning(relativeLocation(w)))) process.stderr.write(`${line}\n`);
  for (const error of results.errors) process.stderr.write(`substep: ${display(error)}\n`);
  if (cancelled) {
    const partial = outcome.interrupted.filter((r) => r.rowsKept > 0).length;
    const planned = results.runs.length + outcome.missing.length;
    const parts = partial ? ` and of ${partial} run${partial === 1 ? "" : "s"} stopped part-way` : "";
    process.stderr.write(
      stopped(
        results.rowCount > 0
          ? `kept the rows of the ${results.runs.length - partial} of ${planned} runs that had finished${parts} (${results.rowCount} rows)`
          : "no run had finished, so there are no rows",
      ),
    );
    for (const line of stopReport(outcome, relativeLocation)) process.stderr.write(`substep: ${line}\n`);
    return stopReason === "timeout" ? 1 : 130;
  }
  if (results.errors.length > 0) return 1;
  if (cmd.strict && warnings.length > 0) {
    process.stderr.write(`substep: --strict: ${warnings.length === 1 ? "a warning" : `${warnings.length} warnings`}, so the exit code is 1\n`);
    return 1;
  }
  return unwritten > 0 ? 2 : 0;
}

async function writeOutput(path: string, results: Results, cmd: RunCommand, file: string, engineMs: number): Promise<void> {
  const ext = extname(path).toLowerCase();
  const options = { dropSubsteps: cmd.dropSubsteps };
  if (ext === ".html" || ext === ".htm") {
    await writeChunks(path, [renderHtmlReport(results, { file: relative(process.cwd(), file) || file, engineMs })]);
    return;
  }
  await writeChunks(
    path,
    ext === ".json"
      ? jsonChunks(results, { ...options, params: cmd.paramsColumns === true })
      : csvChunks(results, { ...options, formulaSafe: cmd.csvSafe === true }),
  );
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`substep: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
