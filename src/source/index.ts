// A model file's structure read from its source without running it, on TypeScript's parser: its models,
// initialState keys, params, and blocks with their policies (and the signals those return) and updated variables,
// each with its place. Literals are followed through variables, calls' first argument and relative imports; what is
// built by code is reported as unknown. No `vscode` here: quick fixes, hovers and the diagram view build on it.
export * from "./types";
export { ModelReader } from "./reader";
import { ModelReader } from "./reader";
import type { KeyTarget, ModelStructure, Place, ReadFile } from "./types";

/** Reads a model file's structure from its text; `readFile` gives the files it imports. */
export function readModelStructure(file: string, text: string, readFile?: ReadFile): ModelStructure {
  return new ModelReader(file, text, readFile).read();
}

/** The policy, state update or initialState key written at `offset` of `file`, if any. */
export function keyTargetAt(structure: ModelStructure, file: string, offset: number): KeyTarget | undefined {
  const covers = (p: Place): boolean => p.file === file && offset >= p.offset && offset <= p.offset + p.length;
  for (const model of structure.models ?? []) {
    for (const key of model.initialState?.keys ?? []) if (covers(key.key)) return { kind: "state", model, key };
    for (const block of model.blocks ?? []) {
      for (const fn of block.policies ?? []) if (covers(fn.key)) return { kind: "policy", model, block, fn };
      for (const fn of block.variables ?? []) if (covers(fn.key)) return { kind: "update", model, block, fn };
    }
  }
  return undefined;
}
