// Loading a bundle and running runs, the same way in a worker thread or in the calling thread.
import {
  ModelError,
  compileExperiment,
  planRuns,
  simulateRun,
  simulationInfo,
  watchSignals,
  type CompiledModel,
  type LoadedModel,
  type Locator,
  type ModelFunction,
  type ModelErrorInfo,
  type Overrides,
  type RunData,
  type RunKey,
  type SimulationInfo,
  type SourceLocation,
} from "../engine";
import { evaluateBundle, type ModelBundle } from "../loader";
import type { BlockFunctions } from "./protocol";

/** Hooks of `ModelSession.run`. */
export interface SessionHooks {
  /** The rows of the batch made so far (finished runs and the one running). */
  onRows?: (rows: number) => void;
  /** Each run as soon as it ends, before the next one starts (so nothing finished waits for the batch); false ends the batch. */
  onRun?: (data: RunData) => boolean | void;
  /** Asked before each run: true ends the batch. */
  shouldStop?: () => boolean;
  /** The position array every run of the batch writes (see `Where`). */
  position?: Int32Array;
}

/** A loaded, validated model file, ready to run any of its runs. */
export class ModelSession {
  readonly models: CompiledModel[];
  readonly simulations: SimulationInfo[];
  readonly locator: Locator;

  /** Evaluates and validates the bundle; throws ModelError (load or validate) when it cannot. */
  constructor(bundle: ModelBundle, overrides: Overrides) {
    const { exported, locator } = evaluateBundle(bundle);
    this.locator = locator;
    this.models = compileExperiment(exported, overrides, locator);
    this.simulations = this.models.map(simulationInfo);
  }

  /** Runs `keys` in order; stops after a failed run or when `shouldStop` says so. */
  run(keys: readonly RunKey[], hooks: SessionHooks = {}): RunData[] {
    const { onRows, onRun, shouldStop, position } = hooks;
    const out: RunData[] = [];
    let done = 0;
    for (const key of keys) {
      if (shouldStop?.()) break;
      const data = simulateRun(this.models[key.simulation]!, key, {
        locator: this.locator,
        ...(shouldStop ? { shouldStop } : {}),
        ...(position ? { position } : {}),
        ...(onRows ? { onProgress: (rows: number) => onRows(done + rows) } : {}),
      });
      out.push(data);
      if (onRun?.(data) === false) break;
      done += data.rows;
      onRows?.(done);
      if (data.error) break;
    }
    return out;
  }

  /** The names and places of the models' functions, by simulation and block, for naming where a run was stopped. */
  functions(): BlockFunctions[][] {
    const at = (fn: ModelFunction): { location?: SourceLocation } => {
      const location = this.locator.ofFunction(fn);
      return location ? { location } : {};
    };
    return this.models.map((m) =>
      m.blocks.map((b) => ({
        ...(b.label ? { label: b.label } : {}),
        policies: b.policies.map((p) => ({ fn: `policy '${p.name}'`, ...at(p.fn) })),
        aggregation: { fn: `the aggregation of block ${b.substep}'s signals`, ...(b.policies[0] ? at(b.policies[0].fn) : {}) },
        updates: b.updates.map((u) => ({ fn: `state update '${u.variable}'`, ...at(u.fn) })),
      })),
    );
  }
}

/**
 * Loads the bundle with `overrides` (a dry run's few timesteps), runs every run and reports the problems,
 * and the blocks as loaded with the signals each policy returned.
 */
export function validateBundle(bundle: ModelBundle, overrides: Overrides): { errors: ModelErrorInfo[]; loaded?: LoadedModel[] } {
  let session: ModelSession;
  try {
    session = new ModelSession(bundle, overrides);
  } catch (err) {
    return { errors: [loadFailure(err)] };
  }
  const watched = watchSignals(session.models, session.locator);
  // The first failure is the one to fix: the other subsets would mostly repeat it.
  for (const key of planRuns(session.models)) {
    const error = simulateRun(watched.models[key.simulation]!, key, { locator: watched.locator }).error;
    if (error) return { errors: [error], loaded: watched.loaded() };
  }
  return { errors: [], loaded: watched.loaded() };
}

/** The ModelErrorInfo of anything thrown while loading or validating. */
export function loadFailure(thrown: unknown): ModelError["info"] {
  if (thrown instanceof ModelError) return thrown.info;
  return { kind: "load", message: thrown instanceof Error ? thrown.message : String(thrown) };
}
