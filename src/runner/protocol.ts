// Messages between the runner and its worker threads (structured-clone data only).
import type { LoadedModel, ModelErrorInfo, Overrides, RunData, RunKey, SimulationInfo } from "../engine";
import type { ModelBundle } from "../loader";

/** Runner → worker. */
export type ToWorker =
  | { type: "load"; bundle: ModelBundle; overrides: Overrides }
  | { type: "run"; keys: RunKey[] }
  /** Load with `overrides`, run every run, watch the policies' signals; the worker's own session is kept. */
  | { type: "validate"; bundle: ModelBundle; overrides: Overrides };

/** Worker → runner. */
export type FromWorker =
  | { type: "loaded"; simulations: SimulationInfo[] }
  | { type: "loadFailed"; error: ModelErrorInfo }
  | { type: "progress"; rows: number }
  | { type: "ran"; runs: RunData[] }
  | { type: "validated"; errors: ModelErrorInfo[]; loaded?: LoadedModel[] };

export { assertNever } from "../shared/assertNever";
