// Runs a model bundle's runs over worker threads.
import { availableParallelism } from "node:os";
import type { ResourceLimits } from "node:worker_threads";
import { Results, planRuns, rowsPerRun, type Overrides, type RunData, type RunKey, type SimulationInfo } from "../engine";
import type { ModelBundle } from "../loader";
import { startWorker, type PoolOptions, type Validation, type WorkerHandle } from "./workerHandle";

/** How to run. */
export interface RunOptions {
  overrides?: Overrides;
  /** Worker threads; default: as many as pay for the work, at most the machine's cores. */
  workers?: number;
  signal?: AbortSignal;
  /** Rows done so far and rows expected in all. */
  onProgress?: (done: number, total: number) => void;
  /** Called once the model is loaded and validated, before any run. */
  onPlan?: (simulations: SimulationInfo[], workers: number) => void;
  /** Limits of each worker's heap (one-off pools of runBundle only). */
  resourceLimits?: ResourceLimits;
  /** The worker script (one-off pools of runBundle only; default: worker.js beside this bundle). */
  workerScript?: string;
}

/** What a run gives back. */
export interface RunOutcome {
  results: Results;
  /** Worker threads used. */
  workers: number;
  cancelled: boolean;
}

/** Rows one worker should have before another is worth starting (a worker costs tens of ms to start). */
const ROWS_PER_WORKER = 250_000;

/** How many workers to use for this much work. */
export function planWorkers(totalRows: number, runs: number, requested: number | undefined): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, runs));
  return Math.max(1, Math.min(availableParallelism(), runs, Math.ceil(totalRows / ROWS_PER_WORKER)));
}

export type { PoolOptions, Validation } from "./workerHandle";

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
 * pays no start-up. A cancelled or failed simulation terminates its workers; new ones start on demand.
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
      const simulations = await untilAborted(take().load(bundle, overrides), options.signal);
      const keys = planRuns(simulations.map((s) => ({ simulation: s.simulation, runs: s.runs, subsets: s.subsets })));
      const rowsOf = (key: RunKey): number => rowsPerRun(simulations[key.simulation]!);
      const total = keys.reduce((n, k) => n + rowsOf(k), 0);
      const workers = planWorkers(total, keys.length, options.workers);
      options.onPlan?.(simulations, workers);
      while (used.length < workers) take();
      await untilAborted(Promise.all(used.map((w) => w.load(bundle, overrides))), options.signal);
      const outcome = await dispatch(used, keys, rowsOf, total, simulations, options);
      healthy = !outcome.cancelled && outcome.results.errors.length === 0;
      return outcome;
    } finally {
      // Workers of a cancelled or failed simulation may be stuck in model code: never reuse them.
      for (const w of used) {
        if (healthy && w.usable()) this.idle.push(w);
        else w.terminate();
      }
    }
  }

  /** Loads and validates the model in a worker and describes its models, as they are without overrides; runs nothing. */
  describe(bundle: ModelBundle, signal?: AbortSignal): Promise<SimulationInfo[]> {
    return this.withOneWorker(
      (w) => w.load(bundle, {}),
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

async function dispatch(
  pool: WorkerHandle[],
  keys: RunKey[],
  rowsOf: (key: RunKey) => number,
  total: number,
  simulations: SimulationInfo[],
  options: RunOptions,
): Promise<RunOutcome> {
  const batches = makeBatches(keys, rowsOf, total, pool.length);
  const runs: { index: number; data: RunData }[] = [];
  let doneRows = 0;
  // After a failure the result is what one worker gives: every run before the first failing run (in the
  // plan's order), then that run's rows up to its error. So runs before it are still waited for, and
  // runs after it are neither started nor kept, whichever worker had them.
  let failedAt = Infinity;
  let failure = signal();
  let cancelled = false;
  const inFlight = new Map<WorkerHandle, number>();
  const report = (): void => {
    let rows = doneRows;
    for (const n of inFlight.values()) rows += n;
    options.onProgress?.(rows, total);
  };
  const abort = new Promise<void>((resolve) => {
    if (options.signal?.aborted) resolve();
    options.signal?.addEventListener("abort", () => resolve(), { once: true });
  });
  let settled = false;
  const wanted = (batch: Batch): boolean => !cancelled && batch.first < failedAt;
  // Each worker has its next batch queued before it finishes the current one: no idle round trip. A
  // batch that is no longer wanted is not waited for (its worker is not reused).
  const work = async (worker: WorkerHandle): Promise<void> => {
    const queued: { batch: Batch; done: Promise<void> }[] = [];
    const start = (): void => {
      const batch = batches[0] && wanted(batches[0]) ? batches.shift() : undefined;
      if (!batch) return;
      const done = worker
        .run(batch.keys, (rows) => {
          inFlight.set(worker, rows);
          report();
        })
        .then((got) => {
          if (settled) return;
          inFlight.delete(worker);
          got.forEach((data, i) => {
            runs.push({ index: batch.first + i, data });
            doneRows += data.rows;
            if (data.error && batch.first + i < failedAt) {
              failedAt = batch.first + i;
              failure.fire();
              failure = signal();
            }
          });
          report();
        });
      queued.push({ batch, done });
    };
    start();
    start();
    while (queued.length && wanted(queued[0]!.batch)) {
      const head = queued[0]!;
      // A failure elsewhere may make the running batch unwanted: stop waiting for it then.
      if (await Promise.race([head.done.then(() => true), failure.fired.then(() => false)])) {
        queued.shift();
        start();
      }
    }
  };
  await Promise.race([Promise.all(pool.map(work)), abort.then(() => (cancelled = true))]);
  settled = true;
  const kept = runs.filter((r) => r.index <= failedAt).map((r) => r.data);
  return { results: new Results(simulations, kept), workers: pool.length, cancelled };
}

/** A one-time event to wait for. */
function signal(): { fired: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fired, fire };
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

/** Consecutive runs of the plan, from its index `first`. */
interface Batch {
  first: number;
  keys: RunKey[];
}

/** Consecutive runs grouped so each worker gets several batches (balance) of a useful size (few messages). */
function makeBatches(keys: RunKey[], rowsOf: (key: RunKey) => number, total: number, workers: number): Batch[] {
  const target = Math.max(1, Math.min(100_000, Math.ceil(total / (workers * 4))));
  const batches: Batch[] = [];
  let current: Batch = { first: 0, keys: [] };
  let rows = 0;
  keys.forEach((key, i) => {
    current.keys.push(key);
    rows += rowsOf(key);
    if (rows >= target) {
      batches.push(current);
      current = { first: i + 1, keys: [] };
      rows = 0;
    }
  });
  if (current.keys.length) batches.push(current);
  return batches;
}
