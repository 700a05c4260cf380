// The engine's Locator for an evaluated bundle: model functions, thrown errors and export keys to source locations.
import { stackOfThrown } from "../engine/errors";
import type { Locator, SourceLocation } from "../engine/locate";
import { KeyLocator } from "../source/locateKey";
import type { ModelBundle } from "./bundle";
import { BundleMap } from "./sourceMap";
import { bundleFrames, bundleUrl } from "./stackFrames";

/** A Locator for `bundle`, evaluated under `bundleUrl(bundle.file)`, whose default export is `exported`. Everything is computed on first use: locating is for errors only. */
export function createLocator(bundle: ModelBundle, exported: unknown): Locator {
  const map = new BundleMap(bundle.file, bundle.code, bundle.map);
  const url = bundleUrl(bundle.file);
  const keys = new KeyLocator(() => map.sources, bundle.file, Array.isArray(exported));
  let sameText: Map<string, unknown[]> | undefined;

  return {
    ofFunction(fn) {
      let text: string;
      try {
        text = Function.prototype.toString.call(fn);
      } catch {
        return undefined;
      }
      const first = bundle.code.indexOf(text);
      if (first < 0) return undefined;
      let offset = first;
      const second = bundle.code.indexOf(text, first + 1);
      if (second >= 0) {
        // Identical source text more than once (two updates `(p, s, h, state) => state.x` ...): the
        // model's functions with this text, in the order the export lists them, match the occurrences in order.
        sameText ??= functionsByText(exported);
        const rank = sameText.get(text)?.indexOf(fn) ?? -1;
        for (let k = 0, at = first; at >= 0; k++, at = bundle.code.indexOf(text, at + 1)) {
          if (k === rank) offset = at;
        }
      }
      return map.originalOfOffset(offset);
    },

    ofError(thrown) {
      const stack = stackOfThrown(thrown);
      if (stack === undefined) return undefined;
      let fallback: SourceLocation | undefined;
      for (const frame of bundleFrames(stack, url)) {
        const location = map.originalOf(frame.line0, frame.column0);
        if (!location) continue;
        // A throw inside a bundled package is reported where the model's own code called it.
        if (!location.file.split(/[\\/]/).includes("node_modules")) return location;
        fallback ??= location;
      }
      return fallback;
    },

    ofKey(path, simulation) {
      return keys.locate(path, simulation);
    },
  };
}

/** The distinct functions of a model export (blocks' policies and updates, policyOps), grouped by source text, in export order. */
function functionsByText(exported: unknown): Map<string, unknown[]> {
  const groups = new Map<string, unknown[]>();
  const add = (fn: unknown): void => {
    if (typeof fn !== "function") return;
    const text = Function.prototype.toString.call(fn);
    const group = groups.get(text) ?? [];
    if (!group.includes(fn)) group.push(fn);
    groups.set(text, group);
  };
  for (const model of Array.isArray(exported) ? exported : [exported]) {
    const m = model as { blocks?: unknown; policyOps?: unknown } | null;
    if (typeof m !== "object" || m === null) continue;
    if (Array.isArray(m.blocks)) {
      for (const block of m.blocks as { policies?: unknown; variables?: unknown }[]) {
        if (typeof block !== "object" || block === null) continue;
        for (const part of [block.policies, block.variables]) {
          if (typeof part === "object" && part !== null) Object.values(part).forEach(add);
        }
      }
    }
    if (Array.isArray(m.policyOps)) m.policyOps.forEach(add);
  }
  return groups;
}
