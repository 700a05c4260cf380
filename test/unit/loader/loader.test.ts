// The loader: bundling model files, evaluating them, and locating load, validation and run errors in the user's source.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import {
  ModelError,
  compileExperiment,
  createRandom,
  setAmbientRandom,
  simulate,
  simulateRun,
  type Locator,
  type ModelErrorInfo,
  type SourceLocation,
} from "../../../src/engine";
import { bundleModelFile, evaluateBundle, loadModelFile } from "../../../src/loader";

const models = resolve(__dirname, "../../fixtures/models");
const fixture = (name: string): string => join(models, name);

/** The 1-based line of `file` carrying `marker`, and the 1-based column of `token` on it: what a located error must point at. */
function expected(file: string, token: string, marker = "// <- here"): SourceLocation {
  const lines = readFileSync(file, "utf8").split("\n");
  const index = lines.findIndex((l) => l.includes(marker));
  assert.ok(index >= 0, `no marker ${marker} in ${file}`);
  const column = lines[index]!.indexOf(token);
  assert.ok(column >= 0, `no ${token} on line ${index + 1} of ${file}`);
  return { file, line: index + 1, column: column + 1 };
}

/** The ModelError a promise or a function fails with. */
async function modelError(run: () => unknown): Promise<ModelErrorInfo> {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof ModelError, `expected a ModelError, got ${String(err)}`);
    return err.info;
  }
  assert.fail("no error");
}

/** Loads a fixture and simulates it; returns the failed run's error. */
async function runError(name: string, overrides = {}): Promise<{ error: ModelErrorInfo; rows: number }> {
  const { exported, locator } = await loadModelFile(fixture(name));
  const results = simulate(exported, { locator, overrides });
  const failed = results.runs.find((r) => r.error);
  assert.ok(failed?.error, `${name} did not fail`);
  return { error: failed.error, rows: failed.rows };
}

const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh folder outside the repository, with these files. */
function tempFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "substep-loader-"));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test("bundleModelFile bundles in memory, leaves `substep` to the evaluator and gives a source map of the user's files", async () => {
  const file = fixture("imports/model.sim.ts");
  const bundle = await bundleModelFile(file);
  assert.equal(bundle.file, file);
  assert.match(bundle.code, /require\("substep"\)/);
  assert.doesNotMatch(bundle.code, /function defineModel/, "the authoring module must not be bundled");
  assert.match(bundle.code, /function grow\(/, "the relative import is bundled");
  const map = JSON.parse(bundle.map) as { sources: string[]; sourcesContent: string[] };
  assert.deepEqual(map.sources.map((s) => resolve(models, "imports", s)).sort(), [fixture("imports/blocks.ts"), file].sort());
  assert.equal(map.sourcesContent.length, 2);
  // Plain strings: the bundle crosses to worker threads by structured clone.
  const { exported } = evaluateBundle(structuredClone(bundle));
  assert.ok(exported);
});

test("a syntax error is a load error at the offending token", async () => {
  const file = fixture("syntaxError.sim.ts");
  const info = await modelError(() => bundleModelFile(file));
  assert.equal(info.kind, "load");
  assert.equal(info.message, 'The symbol "rate" has already been declared');
  assert.deepEqual(info.location, expected(file, "rate"));

  const dir = tempFolder({
    "bad.sim.ts": 'import { defineModel } from "substep";\nexport default defineModel({\n  timesteps: 10,\n  runs: 2 2, // <- here\n});\n',
  });
  const parse = await modelError(() => bundleModelFile(join(dir, "bad.sim.ts")));
  assert.equal(parse.kind, "load");
  assert.equal(parse.message, 'Expected "}" but found "2"');
  assert.deepEqual(parse.location, expected(join(dir, "bad.sim.ts"), "2,"));
});

test("an import that does not resolve is a load error at the import, with a hint", async () => {
  const dir = tempFolder({
    "relative.sim.ts": 'import { x } from "./missing"; // <- here\nexport default { x };\n',
    "package.sim.ts": 'import y from "no-such-package-for-substep"; // <- here\nexport default { y };\n',
  });
  const relative = await modelError(() => bundleModelFile(join(dir, "relative.sim.ts")));
  assert.equal(relative.message, 'Could not resolve "./missing": check the path');
  assert.deepEqual(relative.location, expected(join(dir, "relative.sim.ts"), '"./missing"'));
  const pkg = await modelError(() => bundleModelFile(join(dir, "package.sim.ts")));
  assert.match(pkg.message, /^Could not resolve "no-such-package-for-substep": install the package in the model's folder \(npm install\)/);
  assert.deepEqual(pkg.location, expected(join(dir, "package.sim.ts"), '"no-such'));
  const missing = await modelError(() => bundleModelFile(join(dir, "nothing.sim.ts")));
  assert.equal(missing.kind, "load");
  assert.match(missing.message, /no such file/);
});

test("no default export is a load error naming the fix, at the top of the file", async () => {
  const file = fixture("noDefault.sim.ts");
  const info = await modelError(() => loadModelFile(file));
  assert.equal(info.kind, "load");
  assert.equal(info.message, "the file has no default export: export a model with `export default defineModel({...})`");
  assert.deepEqual(info.location, { file, line: 1, column: 1 });
  // The same message compileExperiment gives for `undefined`, so callers see one wording.
  const compiled = await modelError(() => compileExperiment(undefined));
  assert.equal(compiled.message, info.message);
});

test("a throw at the top level of the model file is a load error at the throwing line", async () => {
  const file = fixture("throwsAtLoad.sim.ts");
  const info = await modelError(() => loadModelFile(file));
  assert.equal(info.kind, "load");
  assert.equal(info.message, "the model file failed while loading: RangeError: no rate at index 5");
  assert.deepEqual(info.location, expected(file, "new RangeError"));
  assert.match(info.causeStack ?? "", /no rate at index 5/);
});

test("a variable not in initialState is a validation error at its update", async () => {
  const file = fixture("unknownVariable.sim.ts");
  const { exported, locator } = await loadModelFile(file);
  const info = await modelError(() => compileExperiment(exported, {}, locator));
  assert.equal(info.kind, "validate");
  assert.equal(info.message, "block 2 updates 'tokenz', which is not in initialState (did you mean 'tokens'?): add it to initialState or remove its update");
  // `tokens` has the same source text on the line above: the location must still be tokenz's.
  assert.deepEqual(info.location, expected(file, "(params"));
  // A lone model (not an experiment's array): no "at simulation 0" to read past.
  assert.equal(info.place, undefined);
  assert.deepEqual(locator.ofKey(["blocks", "1", "variables", "tokenz"], 0), expected(file, "tokenz"));
});

test("swept lists of different lengths are a validation error at the second parameter", async () => {
  const file = fixture("sweepMismatch.sim.ts");
  const { exported, locator } = await loadModelFile(file);
  const info = await modelError(() => compileExperiment(exported, {}, locator));
  assert.equal(info.kind, "validate");
  assert.match(info.message, /^parameters 'rate' \(2 values\) and 'scale' \(3 values\) have different lengths/);
  assert.deepEqual(info.location, expected(file, "scale"));
});

test("in an experiment, keys are located in the right model", async () => {
  const file = fixture("experiment.sim.ts");
  const { exported, locator } = await loadModelFile(file);
  const info = await modelError(() => compileExperiment(exported, {}, locator));
  assert.equal(info.message, "model 1: unknown model property 'timestep' (did you mean 'timesteps'?)");
  assert.deepEqual(info.location, expected(file, "timestep"));
  assert.deepEqual(info.place, { simulation: 1 });
  // Model 1 spreads model 0: its `runs` is model 0's key.
  const runs = expected(file, "runs", "runs: 2");
  assert.deepEqual(locator.ofKey(["runs"], 1), runs);
  assert.deepEqual(locator.ofKey(["runs"], 0), runs);
  assert.deepEqual(locator.ofKey([], 1), expected(file, "fast", "export default"));
  assert.deepEqual(locator.ofKey([], 0), expected(file, "slow", "export default"));
});

test("a policy returning a number is a run error at the policy's definition, with its place", async () => {
  const file = fixture("policyReturnsNumber.sim.ts");
  const { error } = await runError("policyReturnsNumber.sim.ts");
  assert.equal(error.kind, "run");
  assert.equal(error.message, "returned a number; a policy must return an object of named signals, e.g. { minted: 100 }");
  assert.equal(error.fn, "policy 'mint'");
  assert.deepEqual(error.place, { simulation: 0, subset: 0, run: 1, timestep: 1, substep: 1 });
  assert.deepEqual(error.location, expected(file, "function mint"));
  const { locator } = await loadModelFile(file);
  assert.deepEqual(locator.ofKey(["blocks", "0", "policies", "mint"], 0), expected(file, "mint", "policies: { mint }"));
});

test("a state update returning undefined is a run error with its block, timestep and the rows before it", async () => {
  const file = fixture("updateReturnsUndefined.sim.ts");
  const { error, rows } = await runError("updateReturnsUndefined.sim.ts");
  assert.equal(error.message, "returned undefined; a state update must return the new value of 'size' (did you forget `return`?)");
  assert.equal(error.fn, "state update 'size'");
  assert.equal(error.blockLabel, "grow");
  assert.deepEqual(error.place, { simulation: 0, subset: 0, run: 1, timestep: 3, substep: 2 });
  assert.deepEqual(error.location, expected(file, "(params"));
  assert.equal(rows, 1 + 2 * 2 + 1, "the initial row, timesteps 1 and 2, and block 1 of timestep 3");
});

test("two policies returning objects under one key fail the default aggregation, located at the first policy", async () => {
  const file = fixture("badAggregation.sim.ts");
  const { error } = await runError("badAggregation.sim.ts");
  assert.equal(
    error.message,
    "signal 'order' cannot be aggregated: cannot add an object and an object; the policies 'buy' and 'sell' both return 'order' (set policyOps to say how to combine them)",
  );
  assert.equal(error.fn, "the aggregation of block 1's signals");
  assert.equal(error.blockLabel, "trade");
  assert.deepEqual(error.place, { simulation: 0, subset: 0, run: 1, timestep: 1, substep: 1 });
  assert.deepEqual(error.location, expected(file, "() =>"));
});

test("a throw inside a state update is located at the throwing line of the TypeScript source", async () => {
  const file = fixture("throws.sim.ts");
  const { bundle, exported, locator } = await loadModelFile(file);
  const at = expected(file, "new Error");
  const bundleLine = bundle.code.split("\n").findIndex((l) => l.includes('throw new Error("boom")')) + 1;
  assert.notEqual(bundleLine, at.line, "types and imports above the throw make the mapping non-trivial");

  const [model] = compileExperiment(exported, {}, locator);
  const run = simulateRun(model!, { simulation: 0, subset: 0, run: 2 }, { locator });
  assert.ok(run.error);
  assert.equal(run.error.message, "boom");
  assert.equal(run.error.fn, "state update 'level'");
  assert.equal(run.error.blockLabel, "fill");
  assert.deepEqual(run.error.place, { simulation: 0, subset: 0, run: 2, timestep: 4, substep: 1 });
  assert.deepEqual(run.error.location, at);
  assert.match(run.error.causeStack ?? "", /boom/);
  assert.equal(run.rows, 4, "the initial row and timesteps 1 to 3");

  assert.deepEqual(locator.ofKey([], 0), expected(file, "export default", "export default"));
  assert.deepEqual(locator.ofKey(["timesteps"], 0), expected(file, "timesteps", "timesteps:"));
  assert.deepEqual(locator.ofKey(["params", "capacity"], 0), expected(file, "capacity", "params: {"));
  assert.deepEqual(locator.ofKey(["initialState"], 0), expected(file, "initialState", "  initialState,"));
  assert.deepEqual(locator.ofKey(["blocks", "0", "label"], 0), expected(file, "label", 'label: "fill"'));
  // A key the source does not write falls back to the closest one it does.
  assert.deepEqual(locator.ofKey(["blocks", "0", "variables", "nothing"], 0), expected(file, "variables", "variables: {"));
  const rain = (exported as { blocks: { policies: Record<string, (...args: never[]) => unknown> }[] }).blocks[0]!.policies.rain!;
  assert.deepEqual(locator.ofFunction(rain), expected(file, "function rain", "function rain"));
  assert.equal(locator.ofError(new Error("not from the model")), undefined);
  assert.equal(locator.ofError("a string has no stack"), undefined);
});

test("a block and a function in an imported file are located there", async () => {
  const file = fixture("imports/model.sim.ts");
  const blocks = fixture("imports/blocks.ts");
  const { exported, locator } = await loadModelFile(file);
  const results = simulate(exported, { locator });
  assert.equal(results.rowCount, 1 + 4 * 2);
  assert.equal(results.runs[0]!.error, undefined);

  assert.deepEqual(locator.ofKey(["blocks", "1", "variables", "size"], 0), expected(blocks, "size", "// <- size key"));
  assert.deepEqual(locator.ofKey(["blocks", "0", "policies", "rain"], 0), expected(file, "rain", "policies: { rain"));
  assert.deepEqual(locator.ofKey(["params", "limit"], 0), expected(file, "limit", "params:"));
  const grow = (exported as { blocks: { variables: Record<string, (...args: never[]) => unknown> }[] }).blocks[1]!.variables.size!;
  assert.deepEqual(locator.ofFunction(grow), expected(blocks, "function grow", "// <- grow"));

  const failed = simulate(exported, { locator, overrides: { params: { limit: [5] } } }).runs.find((r) => r.error)!;
  assert.equal(failed.error?.message, "the garden outgrew its limit of 5");
  assert.equal(failed.error?.fn, "state update 'size'");
  assert.deepEqual(failed.error?.place, { simulation: 0, subset: 0, run: 1, timestep: 3, substep: 2 });
  assert.deepEqual(failed.error?.location, expected(blocks, "new Error", "// <- too big"));
});

test(".sim.mts, .sim.js and .sim.mjs model files load with `import type`, `import * as` and JavaScript imports", async () => {
  const finalSize = async (name: string): Promise<unknown> => {
    const { exported, locator } = await loadModelFile(fixture(name));
    const results = simulate(exported, { locator });
    assert.equal(results.runs[0]!.error, undefined, name);
    return [...results.rows()].at(-1)?.size;
  };
  assert.equal(await finalSize("imports/model.sim.mts"), 16);
  assert.equal(await finalSize("imports/model.sim.js"), 16);
  assert.equal(await finalSize("imports/model.sim.mjs"), 48);
});

test("Math.random() in model code draws from the run's seeded generator", async () => {
  const { exported, locator } = await loadModelFile(fixture("mathRandom.sim.ts"));
  const draws = (seed?: number): unknown[] =>
    [...simulate(exported, { locator, overrides: seed === undefined ? {} : { seed } }).rows()].filter((r) => r.timestep > 0).map((r) => r.draw);
  const first = draws();
  assert.equal(first.length, 2 * 5);
  assert.deepEqual(draws(), first, "the same seed gives the same draws");
  assert.notDeepEqual(draws(8), first, "another seed gives other draws");
  for (const run of [1, 2]) {
    const random = createRandom({ seed: 7, simulation: 0, subset: 0, run });
    assert.deepEqual(
      first.slice((run - 1) * 5, run * 5),
      [1, 2, 3, 4, 5].map(() => random()),
      `run ${run} draws its own stream`,
    );
  }
  const sample = (exported as { blocks: { policies: Record<string, (...args: never[]) => unknown> }[] }).blocks[0]!.policies.sample!;
  setAmbientRandom(() => 0.25);
  try {
    assert.deepEqual(sample(), { value: 0.25 });
  } finally {
    setAmbientRandom(undefined);
  }
});

test("a model in a temporary folder imports `substep` with nothing installed, and bundles packages from node_modules above it", async () => {
  const dir = tempFolder({
    "node_modules/tiny-clamp/package.json": '{ "name": "tiny-clamp", "version": "1.0.0", "main": "index.js" }',
    "node_modules/tiny-clamp/index.js":
      'exports.clamp = function (x, lo, hi) {\n  if (lo > hi) throw new RangeError("clamp: lo > hi");\n  return Math.min(hi, Math.max(lo, x));\n};\n',
    "models/clamped.sim.ts": [
      'import { defineModel } from "substep";',
      'import type { Context } from "substep";',
      'import * as substep from "substep";',
      'import { clamp } from "tiny-clamp";',
      "",
      "const hi: number = 3;",
      "export default defineModel({",
      "  initialState: { x: 0 },",
      "  timesteps: 5,",
      "  params: { lo: [0] },",
      "  blocks: [{ variables: { x: (params, substep_, history, state, input, ctx: Context) => clamp(state.x + ctx.random.int(1, 1), params.lo, hi) } }],",
      "  policyOps: [substep.add],",
      "});",
      "",
    ].join("\n"),
  });
  const file = join(dir, "models/clamped.sim.ts");
  const { bundle, exported, locator } = await loadModelFile(file);
  assert.match(bundle.code, /clamp: lo > hi/, "the package is bundled");
  const results = simulate(exported, { locator });
  assert.deepEqual(
    [...results.rows()].map((r) => r.x),
    [0, 1, 2, 3, 3, 3],
  );
  // Plain objects and arrays from the model are this realm's: the engine's checks accept them.
  assert.equal(Object.getPrototypeOf(exported), Object.prototype);
  assert.ok((exported as { blocks: unknown }).blocks instanceof Array);

  // A throw inside a package is located where the model calls it.
  const failed = simulate(exported, { locator, overrides: { params: { lo: [9] } } }).runs[0]!.error;
  assert.equal(failed?.message, "RangeError: clamp: lo > hi");
  const callLine =
    readFileSync(file, "utf8")
      .split("\n")
      .findIndex((l) => l.includes("clamp(state.x")) + 1;
  assert.equal(failed?.location?.file, file);
  assert.equal(failed?.location?.line, callLine);
});

test("the conformance model seed_deterministic loads and gives 315 rows", async () => {
  const file = resolve(__dirname, "../../conformance/seed_deterministic/model.sim.ts");
  const { exported, locator } = await loadModelFile(file);
  const results = simulate(exported, { locator });
  assert.equal(results.rowCount, 315);
});

test("evaluating the same bundle twice gives independent exports", async () => {
  const bundle = await bundleModelFile(fixture("mathRandom.sim.ts"));
  const a = evaluateBundle(bundle);
  const b = evaluateBundle(bundle);
  assert.notEqual(a.exported, b.exported);
  const locate = (l: Locator): SourceLocation | undefined => l.ofKey(["seed"], 0);
  assert.deepEqual(locate(a.locator), locate(b.locator));
});

test("ofKey skips comments, strings, templates and regular expressions, and follows generics, casts and spreads", async () => {
  const source = [
    'import { defineModel } from "substep";',
    "",
    "// timesteps: 99, blocks: [ { variables: { x: 1 } } ]",
    "/* params: { rate: [1] } */",
    'const note = "timesteps: 1, params: {";',
    "const tpl = `blocks: ${JSON.stringify({ y: 2 })} params: {`;",
    'const re = /params: \\{"[/]/g;',
    "interface S { x: number }",
    "const base = { runs: 2, timesteps: 3 }; // <- runs",
    "function updates() {",
    "  return { x: (p: unknown, s: number, h: unknown, state: S) => state.x + note.length + tpl.length + Number(re.test(note)) }; // <- x",
    "}",
    "",
    "export default defineModel<S, { rate: number[] }>({",
    "  ...base,",
    '  "initialState": { x: 0 } as S, // <- initialState',
    "  params: { rate: [0.5] }, // <- rate",
    "  blocks: [{ variables: updates() }],",
    "});",
    "",
  ].join("\n");
  const dir = tempFolder({ "tricky.sim.ts": source });
  const file = join(dir, "tricky.sim.ts");
  const { exported, locator } = await loadModelFile(file);
  assert.equal(simulate(exported, { locator }).rowCount, 2 * (1 + 3));
  assert.deepEqual(locator.ofKey(["runs"], 0), expected(file, "runs", "// <- runs"));
  assert.deepEqual(locator.ofKey(["timesteps"], 0), expected(file, "timesteps", "// <- runs"));
  assert.deepEqual(locator.ofKey(["initialState"], 0), expected(file, '"initialState"', "// <- initialState"));
  assert.deepEqual(locator.ofKey(["params", "rate"], 0), expected(file, "rate", "// <- rate"));
  // `variables: updates()` cannot be followed: the key is found by name in the function that builds it.
  assert.deepEqual(locator.ofKey(["blocks", "0", "variables", "x"], 0), expected(file, "x:", "// <- x"));
  assert.deepEqual(locator.ofKey([], 0), expected(file, "export default", "export default"));
});

test("an editor's text is bundled instead of the file on disk (a save in progress is never read)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "substep-text-"));
  const file = join(dir, "m.sim.ts");
  writeFileSync(file, ""); // as a save in progress may leave it: empty
  const text = `import { defineModel } from "substep";\nexport default defineModel({ initialState: { x: 1 }, timesteps: 1, blocks: [] });\n`;
  const { exported } = evaluateBundle(await bundleModelFile(file, text));
  assert.deepEqual((exported as { initialState: unknown }).initialState, { x: 1 });
  rmSync(dir, { recursive: true, force: true });
});

test('file and folder names with # % ? " < > and non-ASCII, also through a symlink, are located at their real paths, not percent-encoded', async () => {
  const base = mkdtempSync(join(tmpdir(), "substep-names-"));
  for (const folder of ['my model #1 %2 ?x "q" <a>', "modèle ü"]) {
    const dir = join(base, folder);
    mkdirSync(dir);
    for (const name of ["model.sim.ts", "blocks.ts"])
      writeFileSync(join(dir, name === "model.sim.ts" ? "m #1 %41.sim.ts" : name), readFileSync(fixture(`imports/${name}`)));
  }
  symlinkSync(join(base, "modèle ü"), join(base, "lien é"));
  const cases = [
    { file: join(base, 'my model #1 %2 ?x "q" <a>', "m #1 %41.sim.ts"), real: join(base, 'my model #1 %2 ?x "q" <a>') },
    { file: join(base, "lien é", "m #1 %41.sim.ts"), real: join(base, "modèle ü") },
  ];
  try {
    for (const { file, real } of cases) {
      const { exported, locator } = await loadModelFile(file);
      const failed = simulate(exported, { locator, overrides: { params: { limit: [5] } } }).runs.find((r) => r.error)!;
      const at = failed.error?.location;
      assert.ok(at, `${file}: the error is located`);
      assert.ok(existsSync(at.file), `${file}: the error's file ${at.file} exists`);
      assert.equal(realpathSync(at.file), realpathSync(join(real, "blocks.ts")));
      const key = locator.ofKey(["params", "limit"], 0);
      assert.ok(key && existsSync(key.file), `${file}: the key's file ${key?.file} exists`);
      assert.equal(realpathSync(key.file), realpathSync(join(real, "m #1 %41.sim.ts")));
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
