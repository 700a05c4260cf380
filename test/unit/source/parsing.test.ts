// Reading model source on TypeScript's parser: loaded on first use only, and what the parser reads that a token
// scan could not (an `export { x as default }`, an array that is only the start of a call).
import assert from "node:assert/strict";
import { test } from "node:test";
import { lineColumn, lineStartsOf } from "../../../src/source/lines";
import { ModelReader, readModelStructure } from "../../../src/source";
import { KeyLocator } from "../../../src/source/locateKey";

const typescriptLoaded = (): boolean => Object.keys(require.cache).some((f) => /[\\/]node_modules[\\/]typescript[\\/]/.test(f));

test("TypeScript is loaded on the first read, not when the package is imported or a reader made", () => {
  assert.deepEqual(lineColumn(lineStartsOf("a\nbc"), 3), { line: 2, column: 2 });
  const reader = new ModelReader("m.sim.ts", "export default { initialState: { a: 1 } };");
  assert.equal(typescriptLoaded(), false);
  assert.deepEqual(
    reader.read().models?.[0]?.initialState?.keys.map((k) => k.name),
    ["a"],
  );
  assert.equal(typescriptLoaded(), true);
});

test("`export { model as default }` and `module.exports =` are followed to the model", () => {
  const named = readModelStructure(
    "m.sim.ts",
    "const slow = { name: 'slow', blocks: [] };\nconst model = [slow, { ...slow, name: 'fast' }];\nexport { model as default };\n",
  );
  assert.deepEqual(
    named.models?.map((m) => m.name),
    ["slow", "fast"],
  );
  const cjs = readModelStructure(
    "m.sim.js",
    "const m = { initialState: { a: 1 }, blocks: [{ variables: { a: (p, s, h, state) => state.a + 1 } }] };\nmodule.exports = m;\n",
  );
  assert.deepEqual(cjs.models?.[0]?.blocks?.[0]?.variables?.[0]?.returns, { sameAs: "a" });
});

test("an array that a call starts from (`[0, 1].map(...)`) is code, not the list of blocks; a label built by code is computed", () => {
  const built = readModelStructure("m.sim.ts", "const blocks = [0, 1].map((b) => ({ variables: {} }));\nexport default { initialState: {}, blocks };\n");
  assert.equal(built.models?.[0]?.blocks, undefined);
  const label = readModelStructure("m.sim.ts", 'export default { initialState: {}, blocks: [{ label: "a" + 1 }] };');
  assert.deepEqual(label.models?.[0]?.blocks?.[0]?.labelComputed, true);
});

test("ofKey: a hole of an experiment's array is located at its comma; a key under `parent: {...} as T` is found by its parent", () => {
  const text = "const other = { x: 1 };\nconst b = { initialState: { x: 0 } as S };\nconst a = { timesteps: 1 };\nexport default [a, , a];\n";
  const locator = new KeyLocator(() => [{ file: "m.sim.ts", text, inNodeModules: false }], "m.sim.ts", true);
  assert.deepEqual(locator.locate([], 1), { file: "m.sim.ts", line: 4, column: 20 });
  assert.deepEqual(locator.locate(["initialState", "x"], 0), { file: "m.sim.ts", line: 2, column: 29 });
});
