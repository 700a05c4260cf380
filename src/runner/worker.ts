// A run worker: loads one model bundle, then runs the batches of runs it is sent.
import { parentPort, workerData } from "node:worker_threads";
import { Where } from "../engine/kernel";
import { columnBuffersOf } from "./transfer";
import type { RunData } from "../engine";
import { assertNever, type FromWorker, type ToWorker } from "./protocol";
import { ModelSession, loadFailure, validateBundle } from "./session";
import { clonableSimulations, cutAtUnclonable } from "./unclonable";

const port = parentPort!;
let session: ModelSession | undefined;
// The same bundle and overrides again (a re-run) keeps the loaded session: its code is already compiled
// and optimized. Module-level variables of model code persist across runs in a worker in any case.
let sessionKey = "";
// Shared with the host, which reads where a run is when it must stop this thread, and asks it to stop.
const position = new Int32Array((workerData as { position?: SharedArrayBuffer } | undefined)?.position ?? new SharedArrayBuffer(Where.Length * 4));
const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

// Model code that calls process.exit() would end this thread with no word of where: it throws instead, so the
// run fails located at the call like any other throw.
// (Node's own handler of an uncaught exception exits through it too, outside any request: that exit is kept.)
const exit = process.exit.bind(process);
let serving = false;
process.exit = (code?: number) => {
  if (!serving) return exit(code);
  throw new Error(`process.exit(${code ?? ""}) was called: model code cannot end the simulation; throw an Error to stop a run`);
};

/** Posts a finished run; one holding a value the host cannot receive is cut before that row and fails there (false). */
function postRun(run: RunData, current: ModelSession): boolean {
  try {
    post({ type: "finished", run }, columnBuffersOf(run));
    return true;
  } catch {
    // Nothing was sent (the clone failed before any transfer).
  }
  const model = current.models[run.simulation]!;
  const cutRun = cutAtUnclonable(run, model, current.locator) ?? {
    ...run,
    rows: 0,
    columns: [],
    error: {
      kind: "run" as const,
      message: "the run's rows could not be sent to the host",
      place: { simulation: run.simulation, subset: run.subset, run: run.run },
    },
  };
  try {
    post({ type: "finished", run: cutRun }, columnBuffersOf(cutRun));
  } catch (err) {
    const { warnings: _, ...bare } = cutRun;
    post({ type: "finished", run: { ...bare, rows: 0, columns: [], error: { ...cutRun.error!, message: `${cutRun.error!.message} (${String(err)})` } } });
  }
  return false;
}

port.on("message", (message: ToWorker) => {
  serving = true;
  try {
    serve(message);
  } finally {
    serving = false;
  }
});

function serve(message: ToWorker): void {
  switch (message.type) {
    case "load":
      try {
        const key = `${message.bundle.file}\u0000${JSON.stringify(message.overrides)}\u0000${message.bundle.code}`;
        if (!session || key !== sessionKey) {
          session = undefined;
          session = new ModelSession(message.bundle, message.overrides);
          sessionKey = key;
        }
        post({ type: "loaded", simulations: clonableSimulations(session.simulations), functions: session.functions() });
      } catch (err) {
        post({ type: "loadFailed", error: loadFailure(err) });
      }
      return;
    case "run": {
      let lastReport = 0;
      // Each run is posted as it ends: if a later run never returns, the host still has it.
      const current = session!;
      current.run(message.keys, {
        position,
        shouldStop: () => Atomics.load(position, Where.Stop) !== 0,
        onRun: (run) => postRun(run, current),
        onRows: (rows) => {
          const t = Date.now();
          if (t - lastReport >= 100) {
            lastReport = t;
            post({ type: "progress", rows });
          }
        },
      });
      post({ type: "ran" });
      return;
    }
    case "validate":
      // The last run's session goes first: two copies of a big model could exceed the heap limit.
      session = undefined;
      sessionKey = "";
      post({ type: "validated", ...validateBundle(message.bundle, message.overrides) });
      return;
    default:
      assertNever(message);
  }
}
