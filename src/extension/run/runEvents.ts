// What the run controller tells the rest of the extension as a run goes: the status bar, panels,
// diagnostics, notifications, trees and CodeLens subscribe to these instead of being called by name.
import type { ModelErrorInfo } from "../../engine";
import type { StoredResult } from "../results/resultsStore";

/** A run started; it fires again with the model's own name once the model is loaded. */
export interface RunStart {
  file: string;
  title: string;
}

/** Rows computed so far. */
export interface RunProgress {
  file: string;
  done: number;
  total: number;
}

/** Why a run ended early: the user, the time limit, or a newer run of the same file. */
export type StopReason = "user" | "timeout" | "superseded";

/**
 * How a run ended. `result` is there whenever the run had rows to keep (a failed or stopped run may
 * have some). Fired once per run, after the run no longer counts as running.
 */
export type RunEnd =
  | { outcome: "done"; file: string; result: StoredResult }
  | { outcome: "failed"; file: string; message: string; errors: ModelErrorInfo[]; result?: StoredResult }
  | { outcome: "stopped"; file: string; message: string; reason: StopReason; result?: StoredResult };
