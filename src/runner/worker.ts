// A run worker: loads one model bundle, then runs the batches of runs it is sent.
import { parentPort, workerData } from "node:worker_threads";
import { Where } from "../engine/kernel";
import { columnBuffersOf } from "./transfer";
import { assertNever, type FromWorker, type ToWorker } from "./protocol";
import { ModelSession, loadFailure, validateBundle } from "./session";

const port = parentPort!;
let session: ModelSession | undefined;
// The same bundle and overrides again (a re-run) keeps the loaded session: its code is already compiled
// and optimized. Module-level variables of model code persist across runs in a worker in any case.
let sessionKey = "";
// Shared with the host, which reads where a run is when it must stop this thread, and asks it to stop.
const position = new Int32Array((workerData as { position?: SharedArrayBuffer } | undefined)?.position ?? new SharedArrayBuffer(Where.Length * 4));
const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

port.on("message", (message: ToWorker) => {
  switch (message.type) {
    case "load":
      try {
        const key = `${message.bundle.file}\u0000${JSON.stringify(message.overrides)}\u0000${message.bundle.code}`;
        if (!session || key !== sessionKey) {
          session = undefined;
          session = new ModelSession(message.bundle, message.overrides);
          sessionKey = key;
        }
        post({ type: "loaded", simulations: session.simulations, functions: session.functions() });
      } catch (err) {
        post({ type: "loadFailed", error: loadFailure(err) });
      }
      return;
    case "run": {
      let lastReport = 0;
      // Each run is posted as it ends: if a later run never returns, the host still has it.
      session!.run(message.keys, {
        position,
        shouldStop: () => Atomics.load(position, Where.Stop) !== 0,
        onRun: (run) => post({ type: "finished", run }, columnBuffersOf(run)),
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
});
