// Which buffers of a run can move between threads without a copy.
import { columnBuffers, type RunData } from "../engine";

/** The ArrayBuffers of a run's numeric columns (each owned by that run alone). */
export function columnBuffersOf(run: RunData): ArrayBuffer[] {
  return run.columns.flatMap(columnBuffers);
}
