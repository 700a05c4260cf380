// Model files type-check with nothing installed: the TypeScript server plugin resolves "substep" to the
// generated declarations, so `state.` completes the variables and mistakes are type errors.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import ts from "typescript";
import { typedFolder, writeModelDeclarations } from "./typecheck";

const root = join(__dirname, "..", "..", "..");
const dir = mkdtempSync(join(tmpdir(), "substep-types-"));

// The declarations are written by the build (esbuild.mjs); write them here too so the test stands alone.
before(writeModelDeclarations);

test("the WORK token example type-checks with strict settings and no install", () => {
  const folder = typedFolder({ "workToken.sim.ts": readFileSync(join(root, "examples", "workToken.sim.ts"), "utf8") }, dir);
  assert.deepEqual(folder.errors("workToken.sim.ts"), []);
});

test("without the plugin, 'substep' does not resolve (the plugin is what makes the difference)", () => {
  const program = ts.createProgram([join(dir, "workToken.sim.ts")], {
    strict: true,
    noEmit: true,
    types: [],
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
  });
  const messages = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
  assert.ok(
    messages.some((m) => /Cannot find module 'substep'/.test(m)),
    messages.join("\n"),
  );
});

test("state. completes the variables and the metadata; mistakes are type errors on their lines", () => {
  const text = `import { defineModel } from "substep";
export default defineModel({
  initialState: { tokens: 1, treasury: 0 },
  timesteps: 3,
  params: { rate: [0.1, 0.2] },
  blocks: [
    {
      policies: { mint: (params, substep, history, state) => ({ minted: params.rate * state.tokens }) },
      variables: {
        tokens: (params, substep, history, state, input) => state.tokenz + input.minted,
        treasury: (params, substep, history, state) => "lots",
      },
    },
    { variables: { tokenz: () => 1 } },
  ],
});
`;
  const folder = typedFolder({ "mistakes.sim.ts": text }, dir);
  const found = folder.errors("mistakes.sim.ts");
  assert.ok(
    found.some((e) => /^10: Property 'tokenz' does not exist/.test(e)),
    found.join("\n"),
  );
  assert.ok(
    found.some((e) => /^11: .*'string' is not assignable to type 'number'/.test(e)),
    found.join("\n"),
  );
  assert.ok(
    found.some((e) => /^14: .*'tokenz' does not exist in type/.test(e)),
    found.join("\n"),
  );
  const at = text.indexOf("state.tokens") + "state.".length;
  const names = folder.service.getCompletionsAtPosition(folder.path("mistakes.sim.ts"), at, {})?.entries.map((e) => e.name) ?? [];
  for (const name of ["tokens", "treasury", "timestep", "substep", "run", "subset", "simulation"])
    assert.ok(names.includes(name), `state. completes ${name}: ${names.join(", ")}`);
  const p = text.indexOf("params.rate") + "params.".length;
  const params = folder.service.getCompletionsAtPosition(folder.path("mistakes.sim.ts"), p, {})?.entries.map((e) => e.name) ?? [];
  assert.ok(params.includes("rate"), `params. completes rate: ${params.join(", ")}`);
});

test("input. completes the signals of the block's own policies; a signal of another block is an error", () => {
  const text = `import { defineModel } from "substep";
export default defineModel({
  initialState: { tokens: 1, treasury: 0, label: "a" },
  timesteps: 3,
  params: { rate: [0.1, 0.2] },
  blocks: [
    {
      policies: {
        mint: (params, substep, history, state) => ({ minted: params.rate * state.tokens }),
        burn: (params, substep, history, state, ctx) => ({ burned: ctx.random.int(0, 2), note: "x" }),
      },
      variables: {
        tokens: (params, substep, history, state, input) => state.tokens + input.minted - input.burned,
        label: (params, substep, history, state, input) => input.note,
      },
    },
    {
      policies: { spend: (params, substep, history, state) => ({ spent: state.treasury / 2 }) },
      variables: {
        treasury: (params, substep, history, state, input) => state.treasury - input.spent + input.minted,
        tokens: (params, substep, history, state, input) => input.spent,
      },
    },
    { variables: { treasury: (params, substep, history, state, input) => input.anything } },
  ],
});
`;
  const folder = typedFolder({ "signals.sim.ts": text }, dir);
  const file = folder.path("signals.sim.ts");
  const completions = (needle: string): string[] => {
    const at = text.indexOf(needle) + needle.length;
    return folder.service.getCompletionsAtPosition(file, at, {})?.entries.map((e) => e.name) ?? [];
  };
  assert.deepEqual(completions("state.tokens + input.").sort(), ["burned", "minted", "note"]);
  assert.deepEqual(completions("state.treasury - input."), ["spent"]);
  const hover = folder.service.getQuickInfoAtPosition(file, text.indexOf("input.note"));
  assert.match(ts.displayPartsToString(hover?.displayParts), /input: \{\s*minted: number;\s*\} & \{\s*burned: number;\s*note: string;\s*\}/);
  // Block 2 reads block 1's signal: an error on line 20, and nothing else is one.
  const errors = folder.errors("signals.sim.ts");
  assert.equal(errors.length, 1, errors.join("\n"));
  assert.match(errors[0]!, /^20: Property 'minted' does not exist on type '\{ spent: number; \}'/);
});

test("in model files the plugin drops unused-parameter hints (cadCAD's positional signature), not unused-local ones", () => {
  const text = `import { defineModel } from "substep";
const unusedLocal = 1;
export default defineModel({
  initialState: { tokens: 1 },
  timesteps: 3,
  blocks: [{ variables: { tokens: (params, substep, history, state) => state.tokens + 1 } }],
});
`;
  const folder = typedFolder({ "hints.sim.ts": text, "plain.ts": text }, dir);
  const unused = (file: string): string[] =>
    folder.service
      .getSuggestionDiagnostics(folder.path(file))
      .filter((d) => d.code === 6133)
      .map((d) => text.slice(d.start, d.start + d.length));
  assert.deepEqual(unused("hints.sim.ts"), ["unusedLocal"]);
  // The same code outside a model file keeps every hint: the filter is for model files only.
  assert.deepEqual(unused("plain.ts").sort(), ["history", "params", "substep", "unusedLocal"]);
});

test("a misspelt variable key is one error in a model file, not one more per parameter of its function", () => {
  const text = `import { defineModel } from "substep";
export default defineModel({
  initialState: { tokens: 1 },
  timesteps: 3,
  blocks: [{ variables: { tokenz: (params, substep, history, state) => state.tokens + 1 } }],
});
`;
  const folder = typedFolder({ "typo.sim.ts": text }, dir);
  const found = folder.errors("typo.sim.ts");
  assert.equal(found.length, 1, found.join("\n"));
  assert.match(found[0]!, /^5: .*'tokenz' does not exist in type/);
  // Without the plugin's filter the same program has the implicit-any errors (they are what is dropped).
  const raw = folder.service.getProgram()!.getSemanticDiagnostics(folder.service.getProgram()!.getSourceFile(folder.path("typo.sim.ts")));
  assert.equal(raw.filter((d) => d.code === 7006).length, 4);
});

test("a policy returning one of several shapes gives a union, not never; two policies still intersect", () => {
  const text = `import { defineModel } from "substep";
export default defineModel({
  initialState: { a: 0 },
  timesteps: 3,
  blocks: [
    {
      policies: {
        maybe: (p, s, h, state) => (state.a > 5 ? {} : { x: 1 }),
        either: (p, s, h, state) => (state.a > 2 ? { y: 1 } : { y: 2, z: 3 }),
      },
      variables: { a: (p, s, h, state, input) => state.a + (input.x ?? 0) + input.y + (input.z ?? 0) },
    },
  ],
});
`;
  const folder = typedFolder({ "unions.sim.ts": text }, dir);
  assert.deepEqual(folder.errors("unions.sim.ts"), []);
  const at = text.indexOf("(input.x") + "(input.".length;
  const names = folder.service
    .getCompletionsAtPosition(folder.path("unions.sim.ts"), at, {})
    ?.entries.map((e) => e.name)
    .sort();
  assert.deepEqual(names, ["x", "y", "z"]);
});
