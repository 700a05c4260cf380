// Running a bundle in this thread: CommonJS wrapper under a recognizable filename, `substep` wired to the engine.
import { createRequire } from "node:module";
import { dirname } from "node:path";
import vm from "node:vm";
import * as authoring from "../engine/authoring";
import { ModelError, describeThrown, stackOfThrown } from "../engine/errors";
import type { Locator } from "../engine/locate";
import { createRandom, setAmbientRandom } from "../engine/random";
import type { ModelBundle } from "./bundle";
import { createLocator } from "./locator";
import { WRAPPER_LINES, bundleUrl } from "./stackFrames";

/** The generator of model code run while the file loads: no run's (run 0 of simulation -1). */
const LOAD_SEED = { seed: 0, simulation: -1, subset: 0, run: 0 };

const NO_DEFAULT = "the file has no default export: export a model with `export default defineModel({...})`";

/** Evaluates a bundle in this thread (sync; works inside worker_threads too). Returns the default export and a Locator. Throws ModelError {kind:"load"} if evaluation throws (located at the throwing line in the original source) or if there is no default export. */
export function evaluateBundle(bundle: ModelBundle): { exported: unknown; locator: Locator } {
  const url = bundleUrl(bundle.file);
  const top = { file: bundle.file, line: 1, column: 1 };
  const module = { exports: {} as unknown };
  const initialExports = module.exports;
  try {
    // This context, not a new one: the model's objects and arrays must pass the engine's instanceof and prototype checks.
    const wrapper = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${"\n".repeat(WRAPPER_LINES)}${bundle.code}\n})`, {
      filename: url,
    }).runInThisContext() as (...args: unknown[]) => void;
    // Math.random() in top-level code (initial agents drawn at random, say) draws from one fixed stream:
    // every load gives the same values, so every worker starts from the same model.
    setAmbientRandom(createRandom(LOAD_SEED));
    wrapper.call(initialExports, initialExports, requireFor(bundle.file), module, bundle.file, dirname(bundle.file));
  } catch (thrown) {
    const locator = createLocator(bundle, undefined);
    const stack = stackOfThrown(thrown);
    throw new ModelError({
      kind: "load",
      message: `the model file failed while loading: ${describeThrown(thrown)}`,
      location: locator.ofError(thrown) ?? top,
      ...(stack !== undefined ? { causeStack: stack } : {}),
    });
  } finally {
    setAmbientRandom(undefined);
  }
  const exported = defaultExport(module.exports, initialExports);
  if (exported === undefined) throw new ModelError({ kind: "load", message: NO_DEFAULT, location: top });
  return { exported, locator: createLocator(bundle, exported) };
}

/** `require` for the bundle: `substep` is the engine's authoring module, anything else resolves from the model file. */
function requireFor(file: string): NodeJS.Require {
  const fromModel = createRequire(file);
  const required = ((id: string): unknown => (id === "substep" ? authoring : fromModel(id))) as NodeJS.Require;
  return Object.assign(required, { resolve: fromModel.resolve, cache: fromModel.cache, main: fromModel.main, extensions: fromModel.extensions });
}

/** The ES module default export; for a CommonJS model file (`module.exports = model`), what it assigned. */
function defaultExport(exports: unknown, initial: unknown): unknown {
  if (exports === null || (typeof exports !== "object" && typeof exports !== "function")) return exports;
  const record = exports as Record<string, unknown>;
  if (record.__esModule || Object.prototype.hasOwnProperty.call(record, "default")) return record.default;
  // An ES module without exports compiles to nothing at all: the exports object is still the untouched initial one.
  if (exports === initial && Object.keys(record).length === 0) return undefined;
  return exports;
}
