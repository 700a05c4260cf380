// A run worker: loads one model bundle, then runs the batches of runs it is sent.
import { parentPort } from "node:worker_threads";
import { columnBuffersOf } from "./transfer";
import { assertNever, type FromWorker, type ToWorker } from "./protocol";
import { ModelSession, loadFailure, validateBundle } from "./session";

const port = parentPort!;
let session: ModelSession | undefined;
// The same bundle and overrides again (a re-run) keeps the loaded session: its code is already compiled
// and optimized. Module-level variables of model code persist across runs in a worker in any case.
let sessionKey = "";
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
        post({ type: "loaded", simulations: session.simulations });
      } catch (err) {
        post({ type: "loadFailed", error: loadFailure(err) });
      }
      return;
    case "run": {
      let lastReport = 0;
      const runs = session!.run(message.keys, (rows) => {
        const t = Date.now();
        if (t - lastReport >= 100) {
          lastReport = t;
          post({ type: "progress", rows });
        }
      });
      post({ type: "ran", runs }, runs.flatMap(columnBuffersOf));
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
