// A syntax error is listed once in Problems: Substep leaves out its own entry when TypeScript shows the same
// error itself (an open TypeScript file, the same line), and keeps it wherever TypeScript says nothing.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ModelError, type ModelErrorInfo } from "../../../src/engine";
import { typescriptShows } from "../../../src/extension/authoring/typescriptShows";
import { bundleModelFile } from "../../../src/loader";

const dir = mkdtempSync(join(tmpdir(), "substep-ts-shows-"));

/** The load error esbuild gives for `text` as the model file `name` (the file is written, as an editor's save would). */
async function loadError(name: string, text: string): Promise<ModelErrorInfo> {
  const file = join(dir, name);
  writeFileSync(file, text);
  try {
    await bundleModelFile(file, text);
  } catch (err) {
    if (err instanceof ModelError) return err.info;
    throw err;
  }
  assert.fail(`${name} bundled without an error`);
}

const open = (text: string) => () => text;
const closed = () => undefined;
const missingParen = `import { defineModel } from "substep";\nexport default defineModel({\n  initialState: { x: (1 + 2 },\n  timesteps: 1,\n  blocks: [],\n});\n`;

test("esbuild's syntax error in an open .sim.ts file is TypeScript's to show: Substep's own entry is left out", async () => {
  const error = await loadError("paren.sim.ts", missingParen);
  assert.equal(error.location?.line, 3, error.message);
  assert.equal(typescriptShows(error, open(missingParen)), true);
});

test("the same error in a file no editor has open is Substep's to show (the TS server reports open files only)", async () => {
  const error = await loadError("closed.sim.ts", missingParen);
  assert.equal(typescriptShows(error, closed), false);
});

test("the same error in a .sim.mjs file is kept", async () => {
  const error = await loadError("paren.sim.mjs", missingParen.replace('import { defineModel } from "substep";\n', "const defineModel = (m) => m;\n"));
  assert.equal(error.location?.line, 3, error.message);
  assert.equal(typescriptShows(error, open("unused")), false);
});

test("errors TypeScript's parser does not report on that line are kept: a redeclaration, a top-level await", async () => {
  const redeclared = "const rate = 1;\nconst rate = 2;\nexport default { initialState: {}, timesteps: 1, blocks: [] };\n";
  const error = await loadError("redeclared.sim.ts", redeclared);
  assert.match(error.message, /already been declared/);
  assert.equal(typescriptShows(error, open(redeclared)), false);
  const awaited = "const r = await Promise.resolve(1);\nexport default { initialState: { r }, timesteps: 1, blocks: [] };\n";
  const tla = await loadError("awaited.sim.ts", awaited);
  assert.equal(typescriptShows(tla, open(awaited)), false, tla.message);
});

test("a syntax error elsewhere in the open file does not hide esbuild's error on another line", async () => {
  const error = await loadError("paren2.sim.ts", missingParen);
  const moved = `\n\n${missingParen}`; // the editor's text: the error is now on line 5
  assert.equal(typescriptShows(error, open(moved)), false);
});

test("an unresolved import is kept: TypeScript names it differently, or not at all without types", async () => {
  const text = 'import { x } from "./nowhere";\nexport default { initialState: { x }, timesteps: 1, blocks: [] };\n';
  const error = await loadError("unresolved.sim.ts", text);
  assert.match(error.message, /Could not resolve/);
  assert.equal(typescriptShows(error, open(text)), false);
});
