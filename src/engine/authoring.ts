// The `substep` module that model files import: defineModel (types only) and the hook the loader routes
// model code's Math.random() through.
import type { DefineModel, Model } from "./types";

export type * from "./types";
export { add } from "./aggregate";

/** Declares a model. It only adds types: a plain object literal is a valid model too. */
// The identity: DefineModel's signature gives the model its types.
// eslint-disable-next-line @typescript-eslint/no-unsafe-return
export const defineModel: DefineModel = (model) => model as Model;

export { ambientRandom as __substepMathRandom } from "./random";
