// Messages between the runner and its worker threads (structured-clone data only).
import type { LoadedModel, ModelErrorInfo, Overrides, RunData, RunKey, SimulationInfo, SourceLocation } from "../engine";
import type { ModelBundle } from "../loader";

/** Runner → worker. */
export type ToWorker =
  | { type: "load"; bundle: ModelBundle; overrides: Overrides }
  | { type: "run"; keys: RunKey[] }
  /** Load with `overrides`, run every run, watch the policies' signals; the worker's own session is kept. */
  | { type: "validate"; bundle: ModelBundle; overrides: Overrides };

/** A model function as the host names it when a run is stopped inside it (the host runs no model code). */
export interface FunctionPlace {
  /** "policy 'do_work'", "state update 'tokens'", "the aggregation of block 2's signals". */
  fn: string;
  location?: SourceLocation;
}

/** The functions of one model's blocks, in the order the block steps number them. */
export interface BlockFunctions {
  label?: string;
  policies: FunctionPlace[];
  aggregation: FunctionPlace;
  updates: FunctionPlace[];
}

/** Worker → runner. */
export type FromWorker =
  | { type: "loaded"; simulations: SimulationInfo[]; functions: BlockFunctions[][] }
  | { type: "loadFailed"; error: ModelErrorInfo }
  | { type: "progress"; rows: number }
  /** One run of the batch, sent as soon as it ends (complete, failed, or stopped between timesteps). */
  | { type: "finished"; run: RunData }
  /** The batch is over: every run of it that ran was sent. */
  | { type: "ran" }
  | { type: "validated"; errors: ModelErrorInfo[]; loaded?: LoadedModel[] };

export { assertNever } from "../shared/assertNever";
