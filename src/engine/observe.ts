// A loaded model's blocks as the engine runs them, with the signal names each policy returned during a
// validation's dry run: what the Model Diagram shows for blocks and policies built by code.
import type { CompiledModel } from "./compile";
import type { Locator, ModelFunction } from "./locate";
import type { Policy } from "./types";

/** One block of a loaded model: its policies (with the signals seen) and the variables it updates. */
export interface LoadedBlock {
  label: string | null;
  /** In cadCAD's order; `signals`: the keys the policy returned in the dry run, first seen first (absent: never called). */
  policies: { name: string; signals?: string[] }[];
  updates: string[];
}

/** One model of a loaded file. */
export interface LoadedModel {
  simulation: number;
  name: string;
  blocks: LoadedBlock[];
}

/** Models whose policies record the keys they return, a locator that still finds the wrapped functions, and what was seen. */
export interface WatchedModels {
  models: CompiledModel[];
  locator: Locator;
  loaded(): LoadedModel[];
}

/**
 * Wraps every policy to record the keys of what it returns. For dry runs only: each policy call costs a
 * wrapper call and a key walk. Errors keep pointing at the user's function (the locator unwraps).
 */
export function watchSignals(models: readonly CompiledModel[], locator: Locator): WatchedModels {
  const originals = new WeakMap<ModelFunction, ModelFunction>();
  // undefined until the policy is first called: a dry run that fails early never reaches later blocks.
  const seen = models.map((m) => m.blocks.map((b) => b.policies.map((): Set<string> | undefined => undefined)));
  const watched = models.map((model, m) => ({
    ...model,
    blocks: model.blocks.map((block, b) => ({
      ...block,
      policies: block.policies.map((policy, p) => {
        const fn: Policy = (...args) => {
          const signals = policy.fn(...args);
          const keys = (seen[m]![b]![p] ??= new Set());
          if (typeof signals === "object" && signals !== null) for (const key of Object.keys(signals)) keys.add(key);
          return signals;
        };
        originals.set(fn, policy.fn);
        return { ...policy, fn };
      }),
    })),
  }));
  return {
    models: watched,
    locator: {
      ofFunction: (fn) => locator.ofFunction(originals.get(fn) ?? fn),
      ofError: (thrown) => locator.ofError(thrown),
      ofKey: (path, simulation) => locator.ofKey(path, simulation),
    },
    loaded: () =>
      models.map((model, m) => ({
        simulation: model.simulation,
        name: model.name,
        blocks: model.blocks.map((block, b) => ({
          label: block.label ?? null,
          policies: block.policies.map((policy, p) => {
            const keys = seen[m]![b]![p];
            return keys ? { name: policy.name, signals: [...keys] } : { name: policy.name };
          }),
          updates: block.updates.map((u) => u.variable),
        })),
      })),
  };
}
