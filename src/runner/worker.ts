// A run worker: loads one model bundle, then runs the batches of runs it is sent.
import { parentPort } from "node:worker_threads";
import { columnBuffersOf } from "./transfer";
import { assertNever, type FromWorker, type ToWorker } from "./protocol";
import { ModelSession, loadFailure } from "./session";

const port = parentPort!;
let session: ModelSession | undefined;
const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

port.on("message", (message: ToWorker) => {
  switch (message.type) {
    case "load":
      try {
        session = new ModelSession(message.bundle, message.overrides);
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
    default:
      assertNever(message);
  }
});
