// Loading a model file: bundle it with esbuild, evaluate it, and locate its functions, errors and keys in the user's source.
import type { Locator } from "../engine/locate";
import { bundleModelFile, type ModelBundle } from "./bundle";
import { evaluateBundle } from "./evaluate";

export { bundleModelFile, type ModelBundle } from "./bundle";
export { evaluateBundle } from "./evaluate";

/** bundle + evaluate. */
export async function loadModelFile(file: string): Promise<{ bundle: ModelBundle; exported: unknown; locator: Locator }> {
  const bundle = await bundleModelFile(file);
  return { bundle, ...evaluateBundle(bundle) };
}
