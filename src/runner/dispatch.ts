// Hands one simulation's runs to its workers in batches and keeps every run as soon as it finishes.
import { Results, type RunData, type RunKey } from "../engine";
import { answeredRun, stuckRun, type InterruptedRun } from "./interrupted";
import type { Loaded, WorkerHandle } from "./workerHandle";

/** How long stopped workers have to send their runs so far before they count as stuck (and are terminated). */
const STOP_GRACE_MS = 300;

/** What the dispatcher is told beyond the plan. */
export interface DispatchOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number, total: number, running: number) => void) | undefined;
}

/** What a dispatch gives back. */
export interface Dispatched {
  results: Results;
  cancelled: boolean;
  interrupted: InterruptedRun[];
  missing: RunKey[];
}

/** A batch given to a worker, and what of it has come back. */
interface Flight {
  batch: Batch;
  /** Runs of the batch received (a worker sends them in the batch's order). */
  sent: number;
  sentRows: number;
  /** Rows of the run being computed, not yet received. */
  running: number;
  done: boolean;
  settled?: Promise<void>;
}

/**
 * Runs the plan `keys` on `pool`. Every run received is kept unless a failure rules it out: after a failure the
 * result is what one worker gives (every run before the first failing run in plan order, then that run up to
 * its error), so runs before it are waited for, and runs after it are neither started nor kept. After a stop,
 * every run received is kept, gaps in plan order and all; the workers are asked to send the run they are in.
 */
export async function dispatch(
  pool: WorkerHandle[],
  keys: RunKey[],
  rowsOf: (key: RunKey) => number,
  total: number,
  loaded: Loaded,
  options: DispatchOptions,
): Promise<Dispatched> {
  const batches = makeBatches(keys, rowsOf, total, pool.length);
  const kept: (RunData | undefined)[] = new Array<RunData | undefined>(keys.length);
  let keptRows = 0;
  let failedAt = Infinity;
  let cancelled = false;
  let settled = false;
  const flights = new Map<WorkerHandle, Flight[]>(pool.map((w) => [w, []]));
  let wake = signal();
  const poke = (): void => {
    const w = wake;
    wake = signal();
    w.fire();
  };
  // Progress counts the rows kept; rows of runs still running are told apart (a stuck run's are lost).
  const report = (): void => {
    let running = 0;
    for (const fs of flights.values()) for (const f of fs) running += f.running;
    options.onProgress?.(keptRows, total, running);
  };
  const arrive = (flight: Flight, data: RunData): void => {
    if (settled) return;
    const index = flight.batch.first + flight.sent++;
    flight.sentRows += data.rows;
    flight.running = 0;
    if (index <= failedAt) {
      kept[index] = data;
      keptRows += data.rows;
      if (data.error && index < failedAt) {
        failedAt = index;
        keptRows = 0;
        kept.forEach((r, i) => {
          if (i > index) kept[i] = undefined;
          else if (r) keptRows += r.rows;
        });
      }
    }
    report();
    poke();
  };
  // A flight is waited for while the run it will send next comes before any failure.
  const needed = (f: Flight): boolean => !f.done && f.batch.first + f.sent < failedAt;
  // Each worker has its next batch queued before it finishes the current one: no idle round trip.
  const fill = (worker: WorkerHandle): void => {
    const fs = flights.get(worker)!;
    while (fs.length < 2 && !cancelled && batches[0] && batches[0].first < failedAt) {
      const flight: Flight = { batch: batches.shift()!, sent: 0, sentRows: 0, running: 0, done: false };
      fs.push(flight);
      const onRows = (rows: number): void => {
        if (settled) return;
        flight.running = Math.max(0, rows - flight.sentRows);
        report();
      };
      flight.settled = worker
        .run(flight.batch.keys, onRows, (data) => arrive(flight, data))
        .then(() => {
          flight.done = true;
          fs.splice(fs.indexOf(flight), 1);
          poke();
        });
    }
  };
  const onAbort = (): void => {
    cancelled = true;
    poke();
  };
  if (options.signal?.aborted) cancelled = true;
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (;;) {
      const woken = wake.fired;
      pool.forEach(fill);
      if (cancelled) break;
      let busy = false;
      for (const [worker, fs] of flights) {
        if (fs.some(needed)) busy = true;
        // A worker whose batches all lie after a failure is not waited for: it stops computing them.
        else if (fs.length) worker.stop();
      }
      if (!busy) break;
      await woken;
    }
    if (cancelled) {
      // Each worker sends the run it is in, stopped at its next timestep; one that cannot is stuck in model code.
      for (const w of pool) w.stop();
      const open = [...flights.values()].flat().flatMap((f) => (f.done || !f.settled ? [] : [f.settled]));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(open), new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)))]);
      clearTimeout(timer);
    }
  } finally {
    settled = true;
    options.signal?.removeEventListener("abort", onAbort);
  }
  const interrupted: InterruptedRun[] = [];
  if (cancelled) {
    const indexOf = (k: RunKey): number => keys.findIndex((p) => p.simulation === k.simulation && p.subset === k.subset && p.run === k.run);
    kept.forEach((r, i) => {
      if (r && !r.error && r.rows < rowsOf(keys[i]!)) interrupted.push(answeredRun(r, r.rows, loaded.simulations[r.simulation]!.blocks));
    });
    for (const [worker, fs] of flights) {
      const stuck = fs.some((f) => !f.done) ? stuckRun(worker.position(), loaded.functions) : undefined;
      if (stuck && indexOf(stuck) <= failedAt && !kept[indexOf(stuck)]) interrupted.push(stuck);
    }
    interrupted.sort((a, b) => indexOf(a) - indexOf(b));
  }
  const runs = kept.filter((r): r is RunData => r !== undefined);
  const missing = keys.filter((_, i) => !kept[i]);
  return { results: new Results(loaded.simulations, runs), cancelled, interrupted, missing };
}

/** A one-time event to wait for. */
function signal(): { fired: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fired, fire };
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
