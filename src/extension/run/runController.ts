// Running simulations from the editor: bundle in the host (esbuild, no model code), run in workers with
// a time and memory limit, report progress, keep the results, and tell everyone who shows them.
import { readFile } from "node:fs/promises";
import * as vscode from "vscode";
import { ModelError, formatModelError, resultsTitle, runTotals, type ModelErrorInfo, type Overrides, type Results, type SimulationInfo } from "../../engine";
import { formatDuration, plural, runsBySteps } from "../../export/format";
import { bundleModelFile, type ModelBundle } from "../../loader";
import { interruptedInfo } from "../../runner/interrupted";
import { CancelledError, WorkerPool, type Validation } from "../../runner/pool";
import { Disposable } from "../common/dispose";
import { modelTextHash, type ResultsStore, type StoredResult } from "../results/resultsStore";
import { readSettings } from "../common/settings";
import type { RunEnd, RunProgress, RunStart, StopReason } from "./runEvents";
import { stopMessage, typeErrorCount } from "./runNotes";

/** One simulation started from the editor, as the Runs view lists it. */
export interface RunRecord {
  id: number;
  file: string;
  title: string;
  /** "3 runs × 52 steps". */
  dimensions: string;
  seed: number;
  startedAt: number;
  durationMs: number;
  rows: number;
  engineMs: number;
  status: "running" | "done" | "failed" | "stopped";
  message?: string;
}

/** The time a validation (load and one timestep) may take. */
const VALIDATION_MS = 10_000;

/** Starts, tracks and stops simulations, one at a time per model file. */
export class RunController extends Disposable {
  private pool: WorkerPool | undefined;
  private poolMemory = 0;
  private readonly active = new Map<string, { controller: AbortController; reason?: StopReason; done: Promise<void> }>();
  private nextId = 1;
  readonly records: RunRecord[] = [];
  private readonly startEmitter = this.register(new vscode.EventEmitter<RunStart>());
  /** A run started (again with the model's name once it is loaded); its record is in `records`. */
  readonly onDidStart = this.startEmitter.event;
  private readonly progressEmitter = this.register(new vscode.EventEmitter<RunProgress>());
  readonly onDidProgress = this.progressEmitter.event;
  private readonly endEmitter = this.register(new vscode.EventEmitter<RunEnd>());
  /** A run ended, however it ended; the file is no longer in `running`. */
  readonly onDidEnd = this.endEmitter.event;

  constructor(
    private readonly store: ResultsStore,
    private readonly output: vscode.LogOutputChannel,
    /** Kept with each run in the history (what computed it). */
    private readonly engineVersion: string,
  ) {
    super();
    this.register({ dispose: () => this.pool?.dispose() });
    this.register({ dispose: () => this.stopAll() });
  }

  /** Model files with a run in progress. */
  get running(): string[] {
    return [...this.active.keys()];
  }

  /** Stops the run of `file` (or every run). */
  stop(file?: string, reason: StopReason = "user"): void {
    for (const [f, run] of this.active) {
      if (file === undefined || f === file) {
        run.reason = reason;
        run.controller.abort();
      }
    }
  }

  private stopAll(): void {
    this.stop(undefined, "user");
  }

  /** The pool for the current memory setting (workers stay warm between runs). */
  private workerPool(maxMemoryMb: number): WorkerPool {
    if (!this.pool || this.poolMemory !== maxMemoryMb) {
      this.pool?.dispose();
      this.pool = new WorkerPool({ resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb } });
      this.poolMemory = maxMemoryMb;
    }
    return this.pool;
  }

  /**
   * Runs the model file (after stopping a run of it still in progress). Resolves when the run has
   * ended, however it ended; model problems are reported, never thrown.
   */
  async run(file: string, overrides: Overrides = {}): Promise<StoredResult | undefined> {
    const previous = this.active.get(file);
    if (previous) {
      this.stop(file, "superseded");
      await previous.done;
    }
    const settings = readSettings(vscode.Uri.file(file));
    const controller = new AbortController();
    let finish!: () => void;
    const entry = { controller, reason: undefined as StopReason | undefined, done: new Promise<void>((r) => (finish = r)) };
    this.active.set(file, entry);
    const record: RunRecord = {
      id: this.nextId++,
      file,
      title: vscode.workspace.asRelativePath(file),
      dimensions: "",
      seed: 0,
      startedAt: Date.now(),
      durationMs: 0,
      rows: 0,
      engineMs: 0,
      status: "running",
    };
    this.records.unshift(record);
    this.records.splice(50);
    const timer = setTimeout(() => {
      entry.reason = "timeout";
      controller.abort();
    }, settings.timeoutSeconds * 1000);
    const withSeed = withDefaultSeed(overrides, settings.defaultSeed);
    this.output.info(`run ${record.id}: ${record.title}${Object.keys(withSeed).length ? ` ${JSON.stringify(withSeed)}` : ""}`);
    // How the run ended, told once it no longer counts as running.
    let end: RunEnd | undefined;
    // What the editor said of the model's types as it ran: the panel says "ran with 2 type errors".
    const typeErrors = typeErrorCount(file);
    try {
      this.startEmitter.fire({ file, title: record.title });
      const open = openText(file);
      const modelText = open ?? (await readFile(file, "utf8").catch(() => ""));
      const bundle = await bundleModelFile(file, open);
      const outcome = await this.workerPool(settings.maxMemoryMb).run(bundle, {
        overrides: withSeed,
        signal: controller.signal,
        ...(settings.workers !== undefined ? { workers: settings.workers } : {}),
        onPlan: (sims, workers) => {
          record.title = resultsTitle(sims);
          record.seed = sims[0]!.seed;
          record.dimensions = dimensions(sims);
          this.output.info(`run ${record.id}: ${record.dimensions} on ${plural(workers, "worker")}`);
          this.startEmitter.fire({ file, title: record.title });
        },
        onProgress: (done, total) => this.progressEmitter.fire({ file, done, total }),
      });
      const results = outcome.results;
      const errors = results.errors;
      const stopped = outcome.cancelled ? stopMessage(entry.reason, settings.timeoutSeconds, outcome, (i) => this.relative(i)) : undefined;
      const ran: StoredResult = {
        file,
        results,
        seed: results.simulations[0]?.seed ?? 0,
        engineMs: results.engineMs,
        finishedAt: Date.now(),
        cancelled: outcome.cancelled,
        ...(stopped ? { stopped } : {}),
        errors: errors.map((e) => formatModelError(this.relative(e))),
        typeErrors,
        interrupted: outcome.interrupted.map(interruptedInfo),
        modelHash: modelTextHash(modelText),
        overrides: withSeed,
      };
      Object.assign(record, {
        status: errors.length ? "failed" : outcome.cancelled ? "stopped" : "done",
        rows: results.rowCount,
        engineMs: results.engineMs,
        durationMs: Date.now() - record.startedAt,
        ...(stopped || errors[0] ? { message: stopped ?? errors[0]!.message } : {}),
      });
      this.output.info(
        `run ${record.id}: ${record.status}, ${results.rowCount} rows, engine ${results.engineMs.toFixed(1)} ms, ${record.durationMs} ms in all`,
      );
      for (const e of errors) this.output.error(formatModelError(this.relative(e)));
      if (stopped) this.output.warn(stopped);
      // With its history id: the panel names it ("run 12").
      const result = (await this.remember(record, withSeed, ran)) ?? ran;
      this.store.set(result);
      end = errors.length
        ? { outcome: "failed", file, message: formatModelError(this.relative(errors[0]!)), errors, result }
        : stopped
          ? { outcome: "stopped", file, message: stopped, reason: entry.reason ?? "user", result }
          : { outcome: "done", file, result };
      return result;
    } catch (err) {
      const info: ModelErrorInfo | undefined = err instanceof ModelError ? err.info : undefined;
      const message =
        err instanceof CancelledError
          ? stopMessage(entry.reason, settings.timeoutSeconds, undefined)
          : info
            ? formatModelError(this.relative(info))
            : `Substep failed to run the model: ${err instanceof Error ? err.message : String(err)}`;
      Object.assign(record, { status: err instanceof CancelledError ? "stopped" : "failed", durationMs: Date.now() - record.startedAt, message });
      this.output.error(`run ${record.id}: ${message}`);
      // A run that never had results is in the history too: the Runs view still says how it ended after a reload.
      await this.remember(record, withSeed);
      end =
        err instanceof CancelledError
          ? { outcome: "stopped", file, message, reason: entry.reason ?? "user" }
          : { outcome: "failed", file, message, errors: info ? [info] : [] };
      return undefined;
    } finally {
      clearTimeout(timer);
      if (this.active.get(file) === entry) this.active.delete(file);
      finish();
      if (end) this.endEmitter.fire(end);
    }
  }

  /**
   * Adds the ended run to the history (with its results, when it has any) and takes its live record off the
   * Runs view, where the history's entry now stands; returns the result with its history id.
   */
  private async remember(record: RunRecord, overrides: Overrides, result?: StoredResult): Promise<StoredResult | undefined> {
    const { id: _, status, ...facts } = record;
    try {
      const entry = await this.store.history.add(
        {
          ...facts,
          status: status === "running" ? "stopped" : status,
          overrides,
          engineVersion: this.engineVersion,
          ...(result?.modelHash ? { modelHash: result.modelHash } : {}),
        },
        result,
      );
      const at = this.records.indexOf(record);
      if (at >= 0) this.records.splice(at, 1);
      return result && { ...result, historyId: entry.id };
    } catch (err) {
      this.output.warn(`run ${record.id}: not saved in the run history: ${err instanceof Error ? err.message : String(err)}`);
      return result;
    }
  }

  /**
   * Runs a model apart from the history, the Runs view and its panel (a comparison's side): `text` is the model's
   * text to run (HEAD's, say; default: the editor's or the disk's), with the same seed setting and limits as a run.
   * Throws a ModelError when the model cannot be loaded, a CancelledError when stopped or out of time.
   */
  async runApart(file: string, text: string | undefined, overrides: Overrides, signal: AbortSignal): Promise<StoredResult> {
    const settings = readSettings(vscode.Uri.file(file));
    const withSeed = withDefaultSeed(overrides, settings.defaultSeed);
    const bundle = await bundleModelFile(file, text ?? openText(file));
    const outcome = await this.workerPool(settings.maxMemoryMb).run(bundle, {
      overrides: withSeed,
      signal: AbortSignal.any([signal, AbortSignal.timeout(settings.timeoutSeconds * 1000)]),
      ...(settings.workers !== undefined ? { workers: settings.workers } : {}),
    });
    const { results } = outcome;
    return {
      file,
      results,
      seed: results.simulations[0]?.seed ?? 0,
      engineMs: results.engineMs,
      finishedAt: Date.now(),
      cancelled: outcome.cancelled,
      errors: results.errors.map((e) => formatModelError(this.relative(e))),
      interrupted: outcome.interrupted.map(interruptedInfo),
      overrides: withSeed,
    };
  }

  /** Loads and validates the model in a worker, without running it, and describes its models. */
  async describe(file: string): Promise<SimulationInfo[]> {
    const settings = readSettings(vscode.Uri.file(file));
    const bundle = await bundleOpen(file);
    return this.workerPool(settings.maxMemoryMb).describe(bundle, AbortSignal.timeout(15_000));
  }

  /**
   * Loads the model in a worker and runs one timestep of one run per subset, with a time limit: the
   * problems a full run would meet first, without its cost. `superseded` stops it early (a newer text).
   */
  async validate(file: string, superseded: AbortSignal): Promise<Validation> {
    const settings = readSettings(vscode.Uri.file(file));
    try {
      const bundle = await bundleOpen(file);
      return await this.workerPool(settings.maxMemoryMb).validate(
        bundle,
        { timesteps: 1, runs: 1 },
        AbortSignal.any([AbortSignal.timeout(VALIDATION_MS), superseded]),
      );
    } catch (err) {
      if (err instanceof ModelError) return { errors: [err.info] };
      if (err instanceof CancelledError) {
        return {
          errors: [
            {
              kind: "run",
              message: `validation stopped: loading the model and its first timestep took more than ${VALIDATION_MS / 1000} s (does the model loop forever?)`,
            },
          ],
        };
      }
      return { errors: [{ kind: "load", message: err instanceof Error ? err.message : String(err) }] };
    }
  }

  /** The error with its file relative to the workspace, as the output channel and panel show it. */
  relative(info: ModelErrorInfo): ModelErrorInfo {
    return info.location ? { ...info, location: { ...info.location, file: vscode.workspace.asRelativePath(info.location.file) } } : info;
  }

  /** Reads a result's summary line for CodeLens and the status bar: "3 runs × 52 steps · 315 rows · 4 ms". */
  static summary(results: Results, engineMs: number): string {
    const { runs, timesteps } = runTotals(results.simulations);
    return `${runsBySteps(runs, timesteps)} · ${plural(results.rowCount, "row")} · ${formatDuration(engineMs)}`;
  }
}

/** The options a run uses: `substep.defaultSeed` for a run that names no seed (a comparison's sides alike). */
function withDefaultSeed(overrides: Overrides, defaultSeed: number | undefined): Overrides {
  return overrides.seed === undefined && defaultSeed !== undefined ? { ...overrides, seed: defaultSeed } : { ...overrides };
}

function dimensions(sims: SimulationInfo[]): string {
  const { subsets, runs, timesteps } = runTotals(sims);
  return `${subsets > 1 ? `${plural(subsets, "subset")} · ` : ""}${runsBySteps(runs, timesteps)}`;
}

/** The model file bundled from its editor's text when one has it open (what the user sees), else from disk. */
function bundleOpen(file: string): Promise<ModelBundle> {
  return bundleModelFile(file, openText(file));
}

/** The text of the model file's editor, when one has it open. */
function openText(file: string): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === "file" && d.uri.fsPath === file)?.getText();
}
