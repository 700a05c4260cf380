// One worker thread as the pool sees it: its requests (load, run a batch, validate) answered in the order
// they were sent, and a crash reported on the request it was serving.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { getHeapStatistics } from "node:v8";
import { Worker, type ResourceLimits } from "node:worker_threads";
import { ModelError, type LoadedModel, type ModelErrorInfo, type Overrides, type RunData, type RunKey, type SimulationInfo } from "../engine";
import type { ModelBundle } from "../loader";
import { Where } from "../engine/kernel";
import { assertNever, type BlockFunctions, type FromWorker, type ToWorker } from "./protocol";

/** What a validation finds: problems, and (when the model loads) its blocks with the signals seen. */
export interface Validation {
  errors: ModelErrorInfo[];
  loaded?: LoadedModel[];
}

/** Settings fixed for a pool's life. */
export interface PoolOptions {
  resourceLimits?: ResourceLimits;
  workerScript?: string;
}

/** The worker script: beside the bundled runner in dist, or dist/ when running from sources (tests). */
function defaultWorkerScript(): string {
  const beside = join(__dirname, "worker.js");
  return existsSync(beside) ? beside : join(__dirname, "..", "..", "dist", "worker.js");
}

/** A loaded model as the host knows it: its description and the names and places of its functions. */
export interface Loaded {
  simulations: SimulationInfo[];
  functions: BlockFunctions[][];
}

/** One worker thread and the request it is serving. */
export interface WorkerHandle {
  /** Alive and not serving a request. */
  usable(): boolean;
  load(bundle: ModelBundle, overrides: Overrides): Promise<Loaded>;
  /** Runs a batch: `onRun` gets each run as it ends; settles when the batch is over (or the worker died). */
  run(keys: RunKey[], onRows: (rows: number) => void, onRun: (data: RunData) => void): Promise<void>;
  validate(bundle: ModelBundle, overrides: Overrides): Promise<Validation>;
  /** Asks the running batch to end at the next timestep (its run so far is sent) and the queued ones not to start. */
  stop(): void;
  /** Resolves once the worker serves no request (or has died), or after `ms`. */
  idleWithin(ms: number): Promise<void>;
  /** A copy of the worker's position (slots `Where`), readable while its model code is stuck. */
  position(): Int32Array;
  terminate(): void;
}

/** A request sent to a worker and waiting for its answer; a worker answers in the order it was sent them. */
interface Request {
  onMessage: (m: FromWorker) => boolean;
  /** The worker died: `info` says why for the request it was serving, undefined for those still queued. */
  onFailure: (info: ModelErrorInfo | undefined) => void;
  /** The run a crash is reported on: the batch's first run not yet sent. */
  current?: () => RunKey;
}

export function startWorker(options: PoolOptions): WorkerHandle {
  const shared = new SharedArrayBuffer(Where.Length * Int32Array.BYTES_PER_ELEMENT);
  const where = new Int32Array(shared);
  const worker = new Worker(options.workerScript ?? defaultWorkerScript(), {
    workerData: { position: shared },
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    stdout: false,
    stderr: false,
  });
  const queue: Request[] = [];
  let terminated = false;
  // A worker can also die between requests (a timer in model code running out of memory, say).
  let dead = false;
  // onMessage says when the message ended its request.
  let onIdle: (() => void)[] = [];
  const idleNow = (): void => {
    const waiting = onIdle;
    onIdle = [];
    waiting.forEach((f) => f());
  };
  worker.on("message", (m: FromWorker) => {
    if (queue[0]?.onMessage(m)) queue.shift();
    if (queue.length === 0) idleNow();
  });
  // Only the request being served failed; those queued behind it never started.
  const fail = (info: (first: RunKey | undefined) => ModelErrorInfo): void => {
    dead = true;
    queue.splice(0).forEach((request, i) => request.onFailure(i === 0 ? info(request.current?.()) : undefined));
    idleNow();
  };
  worker.on("error", (err: Error & { code?: string }) => {
    const outOfMemory = err.code === "ERR_WORKER_OUT_OF_MEMORY";
    fail((place) => ({
      kind: "run",
      message: outOfMemory
        ? `the model ran out of memory (${heapLimit(options)}): does a state variable grow without end? The rows of this run are lost`
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
      // A simulation starts with a load: a stop asked of this worker's last simulation no longer holds.
      if (queue.length === 0) Atomics.store(where, Where.Stop, 0);
      return new Promise((resolve, reject) => {
        send(
          { type: "load", bundle, overrides },
          {
            onMessage: (m) => {
              if (m.type === "loaded") resolve({ simulations: m.simulations, functions: m.functions });
              else if (m.type === "loadFailed") reject(new ModelError(m.error));
              else return false;
              return true;
            },
            onFailure: (info) => reject(new ModelError({ ...(info ?? { message: "the simulation worker stopped before loading the model" }), kind: "load" })),
          },
        );
      });
    },
    run(keys, onRows, onRun) {
      let sent = 0;
      return new Promise((resolve) => {
        send(
          { type: "run", keys },
          {
            current: () => keys[Math.min(sent, keys.length - 1)]!,
            onMessage: (m) => {
              switch (m.type) {
                case "progress":
                  onRows(m.rows);
                  return false;
                case "finished":
                  sent++;
                  onRun(m.run);
                  return false;
                case "ran":
                  resolve();
                  return true;
                case "loaded":
                case "loadFailed":
                case "validated":
                  return false;
                default:
                  return assertNever(m);
              }
            },
            // A crashed worker: the batch it was running reports the error on the run it was running, with
            // no rows (those before it were sent); a batch queued behind it never ran and reports nothing.
            onFailure: (info) => {
              if (info && sent < keys.length) {
                const at = performance.timeOrigin + performance.now();
                onRun({ ...keys[sent]!, rows: 0, columns: [], startedAt: at, endedAt: at, error: info });
              }
              resolve();
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
    stop: () => Atomics.store(where, Where.Stop, 1),
    idleWithin(ms) {
      if (queue.length === 0 || dead || terminated) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        onIdle.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    position: () => Int32Array.from({ length: Where.Length }, (_, i) => Atomics.load(where, i)),
    terminate() {
      if (terminated) return;
      terminated = true;
      void worker.terminate();
    },
  };
  return handle;
}

/** The heap limit a worker ran into, as said to the user. */
function heapLimit(options: PoolOptions): string {
  const mb = options.resourceLimits?.maxOldGenerationSizeMb;
  return mb !== undefined ? `limit ${mb} MB` : `the worker's heap limit, about ${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)} MB`;
}
