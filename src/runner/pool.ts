// Runs a model bundle's runs over worker threads.
import { availableParallelism } from "node:os";
import type { ResourceLimits } from "node:worker_threads";
import { ModelError, planRuns, rowsPerRun, type Overrides, type Results, type RunKey, type SimulationInfo } from "../engine";
import type { ModelBundle } from "../loader";
import { dispatch } from "./dispatch";
import type { InterruptedRun } from "./interrupted";
import { startWorker, type PoolOptions, type Validation, type WorkerHandle } from "./workerHandle";

/** How to run. */
export interface RunOptions {
  overrides?: Overrides;
  /** Worker threads; default: as many as pay for the work, at most the machine's cores. */
  workers?: number;
  signal?: AbortSignal;
  /**
   * Rows kept so far (of runs that finished: what a stop now would keep at least) and rows expected in all;
   * `running`: rows of the runs in progress, kept only if they finish or their worker answers a stop.
   */
  onProgress?: (done: number, total: number, running: number) => void;
  /** Called once the model is loaded and validated, before any run. */
  onPlan?: (simulations: SimulationInfo[], workers: number) => void;
  /** Limits of each worker's heap (one-off pools of runBundle only). */
  resourceLimits?: ResourceLimits;
  /** The worker script (one-off pools of runBundle only; default: worker.js beside this bundle). */
  workerScript?: string;
}

/** What a run gives back. */
export interface RunOutcome {
  /** Every run kept, in plan order; after a stop, with gaps where runs had not finished (see `missing`). */
  results: Results;
  /** Worker threads used. */
  workers: number;
  cancelled: boolean;
  /** After a stop: the runs that were running, where each was, and what of it is kept (in plan order). */
  interrupted: InterruptedRun[];
  /** The plan's runs with no rows in `results`, in plan order: empty when the simulation finished. */
  missing: RunKey[];
}

/** Rows one worker should have before another is worth starting (a worker costs tens of ms to start). */
const ROWS_PER_WORKER = 250_000;

/** How long a failed simulation waits for its workers to end the batches they were told to skip (so they are reused). */
const SETTLE_MS = 100;

/** How many workers to use for this much work. */
export function planWorkers(totalRows: number, runs: number, requested: number | undefined): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, runs));
  return Math.max(1, Math.min(availableParallelism(), runs, Math.ceil(totalRows / ROWS_PER_WORKER)));
}

export type { PoolOptions, Validation } from "./workerHandle";
export type { InterruptedRun } from "./interrupted";

/** Runs every run of the bundle's experiment with a one-off pool. Load and validation problems reject with a ModelError. */
export async function runBundle(bundle: ModelBundle, options: RunOptions = {}): Promise<RunOutcome> {
  const pool = new WorkerPool(options);
  try {
    return await pool.run(bundle, options);
  } finally {
    pool.dispose();
  }
}

/**
 * Worker threads kept between simulations (warm: started, JIT-compiled, the model loaded), so a re-run
 * pays no start-up. A cancelled simulation terminates its workers, a failed one those still busy or crashed; new ones
 * start on demand.
 */
export class WorkerPool {
  private idle: WorkerHandle[] = [];

  constructor(private readonly settings: PoolOptions = {}) {}

  /** Runs every run of the bundle's experiment. Load and validation problems reject with a ModelError. */
  async run(bundle: ModelBundle, options: RunOptions = {}): Promise<RunOutcome> {
    const overrides = options.overrides ?? {};
    const used: WorkerHandle[] = [];
    const take = (): WorkerHandle => {
      const w = this.idle.pop() ?? startWorker(this.settings);
      used.push(w);
      return w;
    };
    let healthy = false;
    try {
      const loaded = await untilAborted(take().load(bundle, overrides), options.signal);
      const simulations = loaded.simulations;
      const keys = planRuns(simulations.map((s) => ({ simulation: s.simulation, runs: s.runs, subsets: s.subsets })));
      const rowsOf = (key: RunKey): number => rowsPerRun(simulations[key.simulation]!);
      const total = keys.reduce((n, k) => n + rowsOf(k), 0);
      const workers = planWorkers(total, keys.length, options.workers);
      options.onPlan?.(simulations, workers);
      while (used.length < workers) take();
      await untilAborted(Promise.all(used.map((w) => w.load(bundle, overrides))), options.signal);
      const outcome = await dispatch(used, keys, rowsOf, total, loaded, options);
      // After a model error the workers that are idle again are reused (the error was caught and reported);
      // one still busy, or crashed, is not usable and is terminated.
      healthy = !outcome.cancelled;
      // Workers told to skip the batches after a failure end them at once: wait a moment so they are reused.
      if (healthy && outcome.results.errors.length > 0) await Promise.all(used.map((w) => w.idleWithin(SETTLE_MS)));
      return { ...outcome, workers };
    } catch (err) {
      // A model that does not load or validate was answered by its workers: they are fine (a crashed one is not usable).
      if (err instanceof ModelError) healthy = true;
      throw err;
    } finally {
      // Workers of a cancelled simulation may be stuck in model code: never reuse them.
      for (const w of used) {
        if (healthy && w.usable()) this.idle.push(w);
        else w.terminate();
      }
    }
  }

  /** Loads and validates the model in a worker and describes its models, as they are without overrides; runs nothing. */
  describe(bundle: ModelBundle, signal?: AbortSignal): Promise<SimulationInfo[]> {
    return this.withOneWorker(
      async (w) => (await w.load(bundle, {})).simulations,
      () => true,
      signal,
    );
  }

  /**
   * Loads the model with `overrides` (a dry run: one timestep of one run per subset, say) in a worker, runs
   * it, and gives its problems and its blocks as loaded, with the signals each policy returned.
   */
  validate(bundle: ModelBundle, overrides: Overrides, signal?: AbortSignal): Promise<Validation> {
    return this.withOneWorker(
      (w) => w.validate(bundle, overrides),
      (v) => v.errors.length === 0,
      signal,
    );
  }

  /** `task` on an idle (or new) worker, which goes back to the pool only if the task went well. */
  private async withOneWorker<T>(task: (w: WorkerHandle) => Promise<T>, wentWell: (value: T) => boolean, signal: AbortSignal | undefined): Promise<T> {
    const worker = this.idle.pop() ?? startWorker(this.settings);
    let healthy = false;
    try {
      const value = await untilAborted(task(worker), signal);
      healthy = wentWell(value);
      return value;
    } finally {
      if (healthy && worker.usable()) this.idle.push(worker);
      else worker.terminate();
    }
  }

  /** Terminates every idle worker. */
  dispose(): void {
    for (const w of this.idle) w.terminate();
    this.idle = [];
  }
}

/** Thrown when a simulation is cancelled while its model is still loading (its code may be stuck). */
export class CancelledError extends Error {
  constructor() {
    super("the simulation was stopped while its model was loading");
    this.name = "CancelledError";
  }
}

/** `promise`, or a CancelledError as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new CancelledError());
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}
