// The `substep` module that model files import: defineModel (types only) and the hook the loader routes
// model code's Math.random() through.
import type { Model, ParamSpec } from "./types";

export type * from "./types";
export { add } from "./aggregate";

/** Declares a model. It only adds types: a plain object literal is a valid model too. */
export function defineModel<S extends Record<string, unknown>, PS extends ParamSpec = {}>(model: Model<S, PS>): Model<S, PS> {
  return model;
}

export { ambientRandom as __substepMathRandom } from "./random";
