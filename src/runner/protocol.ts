// Messages between the runner and its worker threads (structured-clone data only).
import type { ModelErrorInfo, Overrides, RunData, RunKey, SimulationInfo } from "../engine";
import type { ModelBundle } from "../loader";

/** Runner → worker. */
export type ToWorker =
  | { type: "load"; bundle: ModelBundle; overrides: Overrides }
  | { type: "run"; keys: RunKey[] };

/** Worker → runner. */
export type FromWorker =
  | { type: "loaded"; simulations: SimulationInfo[] }
  | { type: "loadFailed"; error: ModelErrorInfo }
  | { type: "progress"; rows: number }
  | { type: "ran"; runs: RunData[] };

export { assertNever } from "../shared/assertNever";
