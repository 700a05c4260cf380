// Runs yielding work (a generator) in slices between which the extension host's event loop turns: sorting or
// filtering ten million rows never keeps the host busy for more than a slice.
import type { Work } from "../../shared/table/rowOrder";

/** Longest slice of work before the event loop gets a turn, ms: well under the 100 ms a user notices. */
const SLICE_MS = 25;

/** Stopped work: a newer request replaced it. */
export class Superseded extends Error {
  constructor() {
    super("superseded");
    this.name = "Superseded";
  }
}

/** Runs `work` to its end in slices of `sliceMs`; rejects with Superseded as soon as `stale()` holds between slices. */
export function runInSlices<T>(work: Work<T>, stale: () => boolean = () => false, sliceMs = SLICE_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const slice = (): void => {
      if (stale()) {
        work.return(undefined as T);
        reject(new Superseded());
        return;
      }
      const until = performance.now() + sliceMs;
      try {
        for (;;) {
          const step = work.next();
          if (step.done) {
            resolve(step.value);
            return;
          }
          if (performance.now() >= until) break;
        }
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      setImmediate(slice);
    };
    slice();
  });
}
