// Runs a model bundle's runs over worker threads (or in this thread when one worker is all it needs).
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker, type ResourceLimits } from "node:worker_threads";
import { ModelError, Results, planRuns, rowsPerRun, type LoadedModel, type ModelErrorInfo, type Overrides, type RunData, type RunKey, type SimulationInfo } from "../engine";
import type { ModelBundle } from "../loader";
import { assertNever, type FromWorker, type ToWorker } from "./protocol";
import { ModelSession } from "./session";

/** How to run. */
export interface RunOptions {
  overrides?: Overrides;
  /** Worker threads; default: as many as pay for the work, at most the machine's cores. */
  workers?: number;
  /** Allow running in the calling thread when one worker would do (the CLI; never the extension host). */
  inProcess?: boolean;
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

/** What a validation finds: problems, and (when the model loads) its blocks with the signals seen. */
export interface Validation {
  errors: ModelErrorInfo[];
  loaded?: LoadedModel[];
}

/** What a run gives back. */
export interface RunOutcome {
  results: Results;
  /** Worker threads used (0: ran in the calling thread). */
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

/** Runs every run of the bundle's experiment with a one-off pool. Load and validation problems reject with a ModelError. */
export async function runBundle(bundle: ModelBundle, options: RunOptions = {}): Promise<RunOutcome> {
  const pool = new WorkerPool(options);
  try {
    return await pool.run(bundle, options);
  } finally {
    pool.dispose();
  }
}

/** Settings fixed for a pool's life. */
export interface PoolOptions {
  resourceLimits?: ResourceLimits;
  workerScript?: string;
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
    let simulations: SimulationInfo[];
    let local: ModelSession | undefined;
    const used: WorkerHandle[] = [];
    const take = (): WorkerHandle => {
      const w = this.idle.pop() ?? startWorker(this.settings);
      used.push(w);
      return w;
    };
    let healthy = false;
    try {
      if (options.inProcess) {
        local = new ModelSession(bundle, overrides);
        simulations = local.simulations;
      } else {
        simulations = await untilAborted(take().load(bundle, overrides), options.signal);
      }
      const keys = planRuns(simulations.map((s) => ({ simulation: s.simulation, runs: s.runs, subsets: s.subsets })));
      const rowsOf = (key: RunKey): number => rowsPerRun(simulations[key.simulation]!);
      const total = keys.reduce((n, k) => n + rowsOf(k), 0);
      const workers = planWorkers(total, keys.length, options.workers);
      options.onPlan?.(simulations, local && workers === 1 ? 0 : workers);
      if (local && workers === 1) {
        const runs = local.run(keys, (rows) => options.onProgress?.(rows, total), () => options.signal?.aborted === true);
        healthy = true;
        return { results: new Results(simulations, runs), workers: 0, cancelled: options.signal?.aborted === true };
      }
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
  async describe(bundle: ModelBundle, signal?: AbortSignal): Promise<SimulationInfo[]> {
    const worker = this.idle.pop() ?? startWorker(this.settings);
    let healthy = false;
    try {
      const simulations = await untilAborted(worker.load(bundle, {}), signal);
      healthy = true;
      return simulations;
    } finally {
      if (healthy && worker.usable()) this.idle.push(worker);
      else worker.terminate();
    }
  }

  /**
   * Loads the model with `overrides` (a dry run: one timestep of one run per subset, say) in a worker, runs
   * it, and gives its problems and its blocks as loaded, with the signals each policy returned.
   */
  async validate(bundle: ModelBundle, overrides: Overrides, signal?: AbortSignal): Promise<Validation> {
    const worker = this.idle.pop() ?? startWorker(this.settings);
    let healthy = false;
    try {
      const validation = await untilAborted(worker.validate(bundle, overrides), signal);
      healthy = validation.errors.length === 0;
      return validation;
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
  const runs: RunData[] = [];
  let doneRows = 0;
  let failed = false;
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
  // Each worker has its next batch queued before it finishes the current one: no idle round trip. After a
  // failure or a stop, a batch that was only queued is not waited for (its worker is not reused).
  const work = async (worker: WorkerHandle): Promise<void> => {
    const queued: Promise<void>[] = [];
    const start = (): void => {
      const batch = failed || cancelled ? undefined : batches.shift();
      if (!batch) return;
      queued.push(
        worker
          .run(batch, (rows) => {
            inFlight.set(worker, rows);
            report();
          })
          .then((got) => {
            if (settled) return;
            inFlight.delete(worker);
            for (const r of got) {
              runs.push(r);
              doneRows += r.rows;
              if (r.error) failed = true;
            }
            report();
          }),
      );
    };
    start();
    start();
    while (queued.length) {
      await queued.shift();
      if (failed || cancelled) return;
      start();
    }
  };
  await Promise.race([Promise.all(pool.map(work)), abort.then(() => (cancelled = true))]);
  settled = true;
  return { results: new Results(simulations, runs), workers: pool.length, cancelled };
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

/** Consecutive runs grouped so each worker gets several batches (balance) of a useful size (few messages). */
function makeBatches(keys: RunKey[], rowsOf: (key: RunKey) => number, total: number, workers: number): RunKey[][] {
  const target = Math.max(1, Math.min(100_000, Math.ceil(total / (workers * 4))));
  const batches: RunKey[][] = [];
  let current: RunKey[] = [];
  let rows = 0;
  for (const key of keys) {
    current.push(key);
    rows += rowsOf(key);
    if (rows >= target) {
      batches.push(current);
      current = [];
      rows = 0;
    }
  }
  if (current.length) batches.push(current);
  return batches;
}

/** The worker script: beside the bundled runner in dist, or dist/ when running from sources (tests). */
function defaultWorkerScript(): string {
  const beside = join(__dirname, "worker.js");
  return existsSync(beside) ? beside : join(__dirname, "..", "..", "dist", "worker.js");
}

/** One worker thread and the request it is serving. */
interface WorkerHandle {
  /** Alive and not serving a request. */
  usable(): boolean;
  load(bundle: ModelBundle, overrides: Overrides): Promise<SimulationInfo[]>;
  run(keys: RunKey[], onRows: (rows: number) => void): Promise<RunData[]>;
  validate(bundle: ModelBundle, overrides: Overrides): Promise<Validation>;
  terminate(): void;
}

/** A request sent to a worker and waiting for its answer; a worker answers in the order it was sent them. */
interface Request {
  onMessage: (m: FromWorker) => boolean;
  /** The worker died: `info` says why for the request it was serving, undefined for those still queued. */
  onFailure: (info: ModelErrorInfo | undefined) => void;
  /** The first run of a batch: a crash is reported on it. */
  firstRun?: RunKey;
}

function startWorker(options: PoolOptions): WorkerHandle {
  const worker = new Worker(options.workerScript ?? defaultWorkerScript(), {
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    stdout: false,
    stderr: false,
  });
  const queue: Request[] = [];
  let terminated = false;
  // A worker can also die between requests (a timer in model code running out of memory, say).
  let dead = false;
  // onMessage says when the message ended its request.
  worker.on("message", (m: FromWorker) => {
    if (queue[0]?.onMessage(m)) queue.shift();
  });
  // Only the request being served failed; those queued behind it never started.
  const fail = (info: (first: RunKey | undefined) => ModelErrorInfo): void => {
    dead = true;
    queue.splice(0).forEach((request, i) => request.onFailure(i === 0 ? info(request.firstRun) : undefined));
  };
  worker.on("error", (err: Error & { code?: string }) => {
    const outOfMemory = err.code === "ERR_WORKER_OUT_OF_MEMORY";
    fail((place) => ({
      kind: "run",
      message: outOfMemory
        ? `the model ran out of memory (limit ${options.resourceLimits?.maxOldGenerationSizeMb ?? "default"} MB): does a state variable grow without end?`
        : `the simulation worker failed: ${err.message}`,
      ...(place ? { place } : {}),
    }));
  });
  worker.on("exit", (code) => {
    if (!terminated) fail((place) => ({ kind: "run", message: `the simulation worker exited (code ${code})`, ...(place ? { place } : {}) }));
  });
  const send = (message: ToWorker, request: Request): void => {
    queue.push(request);
    worker.postMessage(message);
  };
  const handle: WorkerHandle = {
    usable: () => !terminated && !dead && queue.length === 0,
    load(bundle, overrides) {
      return new Promise((resolve, reject) => {
        send(
          { type: "load", bundle, overrides },
          {
            onMessage: (m) => {
              if (m.type === "loaded") resolve(m.simulations);
              else if (m.type === "loadFailed") reject(new ModelError(m.error));
              else return false;
              return true;
            },
            onFailure: (info) => reject(new ModelError({ ...(info ?? { message: "the simulation worker stopped before loading the model" }), kind: "load" })),
          },
        );
      });
    },
    run(keys, onRows) {
      return new Promise((resolve) => {
        send(
          { type: "run", keys },
          {
            firstRun: keys[0]!,
            onMessage: (m) => {
              switch (m.type) {
                case "progress":
                  onRows(m.rows);
                  return false;
                case "ran":
                  resolve(m.runs);
                  return true;
                case "loaded":
                case "loadFailed":
                case "validated":
                  return false;
                default:
                  return assertNever(m);
              }
            },
            // A crashed worker: the batch it was running reports the error on its first run, with no
            // rows; a batch queued behind it never ran and reports nothing.
            onFailure: (info) => {
              if (!info) return resolve([]);
              const at = performance.timeOrigin + performance.now();
              resolve([{ ...keys[0]!, rows: 0, columns: [], startedAt: at, endedAt: at, error: info }]);
            },
          },
        );
      });
    },
    validate(bundle, overrides) {
      return new Promise((resolve) => {
        send(
          { type: "validate", bundle, overrides },
          {
            onMessage: (m) => {
              if (m.type !== "validated") return false;
              resolve({ errors: m.errors, ...(m.loaded ? { loaded: m.loaded } : {}) });
              return true;
            },
            onFailure: (info) => resolve({ errors: [info ?? { kind: "run", message: "the simulation worker stopped before validating the model" }] }),
          },
        );
      });
    },
    terminate() {
      if (terminated) return;
      terminated = true;
      void worker.terminate();
    },
  };
  return handle;
}
