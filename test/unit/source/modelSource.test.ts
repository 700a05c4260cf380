// Model authoring in the editor, without VS Code: the model structure read statically from source (checked against the
// loaded model), the diagram built from it, and each quick fix's edits, whose result must load and validate.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { after, test } from "node:test";
import { ModelError, compileExperiment } from "../../../src/engine";
import { loadModelFile } from "../../../src/loader";
import { diagramLines, diagramNodes, fromRun } from "../../../src/source/diagram";
import { diagramSvg } from "../../../src/source/diagramSvg";
import { WORK_TOKEN_DIAGRAM } from "../../workTokenDiagram";
import { bundleModelFile } from "../../../src/loader";
import { validateBundle } from "../../../src/runner/session";
import { applyEdits, fixesFor, type ModelFix } from "../../../src/source/fixes";
import { ModelReader, keyTargetAt, readModelStructure } from "../../../src/source";

const root = resolve(__dirname, "../../..");
const readIfThere = (file: string): string | undefined => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};

const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Writes `text` as a model file in a fresh temporary folder (`substep` resolves anywhere). */
function writeModel(text: string, name = "model.sim.ts"): string {
  const dir = mkdtempSync(join(tmpdir(), "substep-authoring-"));
  temps.push(dir);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The validation error of a model file, through the real loader and engine (undefined when it validates). */
async function validationError(file: string): Promise<{ message: string; line: number } | undefined> {
  try {
    const { exported, locator } = await loadModelFile(file);
    compileExperiment(exported, {}, locator);
    return undefined;
  } catch (err) {
    if (!(err instanceof ModelError)) throw err;
    return { message: err.info.message, line: err.info.location?.line ?? 0 };
  }
}

/** The fixes offered for `text`'s validation error (which must match `expected`). */
async function fixesOf(text: string, expected: RegExp): Promise<{ file: string; fixes: ModelFix[] }> {
  const file = writeModel(text);
  const problem = await validationError(file);
  assert.ok(problem, "the fixture must not validate");
  assert.match(problem.message, expected);
  return { file, fixes: fixesFor({ ...problem, file }, new ModelReader(file, text, readIfThere)) };
}

/** Applies a fix to its file and returns the new text, after checking the result validates. */
async function applyAndValidate(file: string, text: string, fix: ModelFix): Promise<string> {
  assert.ok(
    fix.edits.every((e) => e.file === file),
    "edits stay in the model file",
  );
  const fixed = applyEdits(text, fix.edits);
  const out = writeModel(fixed, basename(file));
  const problem = await validationError(out);
  assert.equal(problem, undefined, `after "${fix.title}" the model still fails: ${problem?.message}\n${fixed}`);
  return fixed;
}

const titles = (fixes: ModelFix[]): string[] => fixes.map((f) => f.title);
const fix = (fixes: ModelFix[], title: string): ModelFix => {
  const found = fixes.find((f) => f.title === title);
  assert.ok(found, `no fix "${title}" among ${JSON.stringify(titles(fixes))}`);
  return found;
};

const BROKEN = readFileSync(join(root, "test/e2e/workspace/broken.sim.ts"), "utf8");

test("broken.sim.ts: 'Add tokenz to initialState' inserts `tokenz: 0` in the one-line initialState, and no rename onto the tokens update already there", async () => {
  const { file, fixes } = await fixesOf(BROKEN, /block 2 updates 'tokenz', which is not in initialState \(did you mean 'tokens'\?\)/);
  assert.deepEqual(titles(fixes), ["Add 'tokenz' to initialState"]);
  assert.equal(fixes[0]!.preferred, true);
  const fixed = await applyAndValidate(file, BROKEN, fixes[0]!);
  assert.match(fixed, /initialState: \{ tokens: 1, supply: 100, tokenz: 0 \},/);
});

test("a typo with a did-you-mean: 'Change tokenz to tokens' renames the key, and adding it validates too", async () => {
  const text = `import { defineModel } from "substep";

export default defineModel({
  initialState: {
    tokens: 1,
    supply: 100 // the last key has no trailing comma
  },
  timesteps: 3,
  blocks: [
    {
      label: "double",
      variables: {
        // @ts-ignore: the misspelt variable is the point
        tokenz: (params, substep, history, state) => state.tokens * 2,
      },
    },
  ],
});
`;
  const { file, fixes } = await fixesOf(text, /updates 'tokenz'/);
  assert.deepEqual(titles(fixes), ["Change 'tokenz' to 'tokens'", "Add 'tokenz' to initialState"]);
  assert.deepEqual(
    fixes.map((f) => f.preferred),
    [true, false],
  );
  const renamed = await applyAndValidate(file, text, fixes[0]!);
  assert.match(renamed, /^ {8}tokens: \(params, substep, history, state\) => state\.tokens \* 2,$/m);
  const added = await applyAndValidate(file, text, fixes[1]!);
  assert.match(added, /supply: 100, \/\/ the last key has no trailing comma\n {4}tokenz: 0\n {2}\},/);
});

test("Add to initialState: the new key follows the object's layout and guesses the default from the update", async () => {
  const model = (state: string, update: string): string => `import { defineModel } from "substep";
export default defineModel({
  initialState: ${state},
  timesteps: 2,
  blocks: [{ variables: { extra: ${update} } }],
});
`;
  const cases: [string, string, RegExp][] = [
    ["{\n    a: 1,\n    label: 'x',\n  }", "(p, s, h, state) => state.label + '!'", /\n {4}label: 'x',\n {4}extra: "",\n {2}\}/],
    ["{\n\ta: 1, // trailing comment\n}", "(p, s, h, state) => state.a * 2", /\n\ta: 1, \/\/ trailing comment\n\textra: 0,\n\}/],
    ["{}", "() => [1, 2]", /initialState: \{ extra: \[\] \}/],
    ["{ a: 1, b: `t${1}` }", "() => ({ nested: true })", /initialState: \{ a: 1, b: `t\$\{1\}`, extra: \{\} \}/],
    ["{ a: 1, }", "() => { if (Math.random() > 2) return false; return true; }", /initialState: \{ a: 1, extra: false, \}/],
  ];
  for (const [state, update, expected] of cases) {
    const text = model(state, update);
    const { file, fixes } = await fixesOf(text, /updates 'extra'/);
    const fixed = await applyAndValidate(file, text, fix(fixes, "Add 'extra' to initialState"));
    assert.match(fixed, expected);
  }
});

test("Add to initialState follows `initialState` to the variable it names", async () => {
  const text = `import { defineModel } from "substep";

const initialState = {
  size: 1,
};

export default defineModel({
  initialState,
  timesteps: 2,
  blocks: [{ variables: { water: (params, substep, history, state) => state.size + 1 } }],
});
`;
  const { file, fixes } = await fixesOf(text, /updates 'water'/);
  const fixed = await applyAndValidate(file, text, fix(fixes, "Add 'water' to initialState"));
  assert.match(fixed, /const initialState = \{\n {2}size: 1,\n {2}water: 0,\n\};/);
});

const SWEEP = readFileSync(join(root, "test/fixtures/models/sweepMismatch.sim.ts"), "utf8");

test("sweep lengths: wrap either list as one constant value, or sweep cartesian (added after params)", async () => {
  const { file, fixes } = await fixesOf(SWEEP, /parameters 'rate' \(2 values\) and 'scale' \(3 values\) have different lengths/);
  assert.deepEqual(titles(fixes), [
    "Wrap 'rate' as one constant value: [[0.1, 0.2]]",
    "Wrap 'scale' as one constant value: [[1, 2, 3]]",
    'Use sweep: "cartesian" (every combination)',
  ]);
  assert.match(await applyAndValidate(file, SWEEP, fixes[0]!), /rate: \[\[0\.1, 0\.2\]\],/);
  assert.match(await applyAndValidate(file, SWEEP, fixes[1]!), /scale: \[\[1, 2, 3\]\], \/\/ <- here/);
  assert.match(await applyAndValidate(file, SWEEP, fixes[2]!), /\n {2}params: \{[^}]*\},\n {2}sweep: "cartesian",\n {2}blocks:/);
});

test("sweep lengths: an existing sweep is changed, one-line params and single quotes are kept", async () => {
  const text = `import { defineModel } from 'substep';
export default defineModel({ initialState: { x: 0 }, timesteps: 1, sweep: 'zip', params: { a: [1, 2], b: ['p', 'q', 'r'] },
  blocks: [{ variables: { x: (params, substep, history, state) => state.x + params.a } }] });
`;
  const { file, fixes } = await fixesOf(text, /parameters 'a' \(2 values\) and 'b' \(3 values\)/);
  assert.match(await applyAndValidate(file, text, fix(fixes, 'Use sweep: "cartesian" (every combination)')), /sweep: 'cartesian', params/);
  assert.match(await applyAndValidate(file, text, fixes[1]!), /b: \[\['p', 'q', 'r'\]\] \}/);

  const noSweep = text.replace("sweep: 'zip', ", "");
  const again = await fixesOf(noSweep, /have different lengths/);
  assert.match(
    await applyAndValidate(again.file, noSweep, fix(again.fixes, 'Use sweep: "cartesian" (every combination)')),
    /params: \{ a: \[1, 2\], b: \['p', 'q', 'r'\] \},\n {2}sweep: 'cartesian',\n {2}blocks/,
  );
});

test("an unknown model or block property with a did-you-mean is renamed on its line (model 1 of an experiment too)", async () => {
  const experiment = readFileSync(join(root, "test/fixtures/models/experiment.sim.ts"), "utf8");
  const { file, fixes } = await fixesOf(experiment, /model 1: unknown model property 'timestep' \(did you mean 'timesteps'\?\)/);
  assert.deepEqual(titles(fixes), ["Change 'timestep' to 'timesteps'"]);
  assert.match(await applyAndValidate(file, experiment, fixes[0]!), /const fast = \{ \.\.\.slow, timesteps: 5 \};/);

  const block = `import { defineModel } from "substep";
export default defineModel({
  initialState: { x: 0 },
  timesteps: 1,
  // @ts-ignore: the misspelt property is the point
  blocks: [{ polices: {}, variables: { x: (params, substep, history, state) => state.x + 1 } }],
});
`;
  const typo = await fixesOf(block, /block 1: unknown property 'polices' \(did you mean 'policies'\?\)/);
  assert.match(await applyAndValidate(typo.file, block, fix(typo.fixes, "Change 'polices' to 'policies'")), /\[\{ policies: \{\}, variables/);
});

test("a state update registered by shorthand is renamed to `correct: misspelt`, keeping the function", async () => {
  const text = `import { defineModel } from "substep";
const tokenz = (params: any, substep: number, history: any, state: any) => state.tokens * 2;
export default defineModel({
  initialState: { tokens: 1 },
  timesteps: 1,
  // @ts-ignore: the misspelt variable is the point
  blocks: [{ variables: { tokenz } }],
});
`;
  const { file, fixes } = await fixesOf(text, /updates 'tokenz'/);
  assert.match(await applyAndValidate(file, text, fix(fixes, "Change 'tokenz' to 'tokens'")), /variables: \{ tokens: tokenz \}/);
});

test("no fixes when the source is built by code, or for other problems", async () => {
  const text = `import { defineModel } from "substep";
const make = () => ({ initialState: { x: 0 }, timesteps: 1, blocks: [{ variables: { yy: () => 1 } }] });
export default make();
`;
  const { fixes } = await fixesOf(text, /updates 'yy'/);
  assert.deepEqual(fixes, []);
  assert.deepEqual(
    fixesFor({ message: "timesteps must be a whole number >= 0, not -1", file: "m.sim.ts", line: 1 }, new ModelReader("m.sim.ts", "export default {}")),
    [],
  );
});

/** Every model file whose static structure is checked against the loaded model. */
const MODEL_FILES = [
  "examples/workToken.sim.ts",
  ...[
    "aggregation",
    "aggregation_policy_ops",
    "meta_b1",
    "meta_b3",
    "multi_model",
    "partial_update",
    "seed_deterministic",
    "shared_mutation",
    "state_history",
    "sweep_broadcast",
  ].map((d) => `test/conformance/${d}/model.sim.ts`),
  "test/fixtures/models/imports/model.sim.ts",
  "test/fixtures/models/imports/model.sim.mts",
  "test/fixtures/models/experiment.sim.ts",
];

test("the static structure matches the loaded model: block labels, policy names and updated variables, in order", async () => {
  for (const rel of MODEL_FILES) {
    const file = join(root, rel);
    const structure = readModelStructure(file, readFileSync(file, "utf8"), readIfThere);
    const { exported } = await loadModelFile(file);
    const models = (Array.isArray(exported) ? exported : [exported]) as {
      name?: string;
      initialState: object;
      blocks: { label?: string; policies?: object; variables?: object }[];
    }[];
    assert.equal(structure.models?.length, models.length, `${rel}: models`);
    models.forEach((m, i) => {
      const s = structure.models![i]!;
      assert.equal(s.name, m.name, `${rel}: model ${i} name`);
      assert.deepEqual(
        s.initialState?.keys.map((k) => k.name),
        Object.keys(m.initialState),
        `${rel}: model ${i} initialState`,
      );
      const expected = m.blocks.map((b) => ({ label: b.label, policies: Object.keys(b.policies ?? {}), variables: Object.keys(b.variables ?? {}) }));
      const actual = s.blocks?.map((b) => ({ label: b.label, policies: b.policies?.map((p) => p.name), variables: b.variables?.map((v) => v.name) }));
      assert.deepEqual(actual, expected, `${rel}: model ${i} blocks`);
      for (const b of s.blocks!) for (const fn of [...b.policies!, ...b.variables!]) assert.ok(fn.definition, `${rel}: ${fn.name} has a definition`);
    });
  }
});

test("the diagram of workToken.sim.ts: blocks in order, policies with the signals they emit, updates with the signals they read", () => {
  const file = join(root, "examples/workToken.sim.ts");
  const text = readFileSync(file, "utf8");
  const nodes = diagramNodes(readModelStructure(file, text));
  assert.deepEqual(diagramLines(nodes), WORK_TOKEN_DIAGRAM);
  const policy = nodes[0]!.children[0]!.children[0]!;
  const line = text.split("\n").findIndex((l) => l.includes("mint_tokens: (params")) + 1;
  assert.equal(policy.place?.line, line, "a policy opens at its function");
});

test("the diagram of the conformance models: imported policies, shared blocks, empty and computed parts, experiments", () => {
  const lines = (rel: string): string[] => {
    const file = join(root, rel);
    return diagramLines(diagramNodes(readModelStructure(file, readFileSync(file, "utf8"), readIfThere)));
  };
  const aggregation = lines("test/conformance/aggregation/model.sim.ts");
  assert.deepEqual(aggregation.slice(0, 9), [
    "Block 1 — 3 policies · 2 updates",
    "  Policies — 3",
    "    p_a — emits flow, trace, only_a",
    "    p_b — emits flow, trace, only_b",
    "    p_c — emits flow, trace, only_b",
    "  Updates — 2",
    "    total — reads flow",
    "    signals",
    "Block 2 — 1 policy · 2 updates",
  ]);
  assert.ok(aggregation.includes("Block 3 — 0 policies · 1 update") && aggregation.includes("  Policies — none"));
  assert.deepEqual(
    lines("test/conformance/shared_mutation/model.sim.ts").filter((l) => l.includes("touch")),
    ["    touch — emits nothing", "    touch2 — emits nothing"],
  );
  const multi = lines("test/conformance/multi_model/model.sim.ts");
  assert.deepEqual(
    multi.filter((l) => !l.startsWith(" ")),
    ["multi_model A — simulation 0", "multi_model B — simulation 1"],
  );
  assert.ok(lines("test/fixtures/models/imports/model.sim.ts").includes("    size — reads rain"), "an update imported from blocks.ts");

  // A run's stored description knows the block labels only.
  const computed = diagramNodes(readModelStructure("m.sim.ts", "const make = () => ({});\nexport default make();\n"), [
    fromRun({ name: "m", blockLabels: ["mint", null] }),
  ]);
  assert.deepEqual(diagramLines(computed), [
    'Block 1 "mint" — policies computed in code · updates computed in code',
    "  Policies — computed in code",
    "  Updates — computed in code",
    "Block 2 — policies computed in code · updates computed in code",
    "  Policies — computed in code",
    "  Updates — computed in code",
  ]);
  const partial = `export default { initialState: { x: 0 }, blocks: [{ label: "a", policies: makePolicies(), variables: { x: update } }] };`;
  assert.deepEqual(diagramLines(diagramNodes(readModelStructure("m.sim.ts", partial))), [
    'Block 1 "a" — policies computed in code · 1 update',
    "  Policies — computed in code",
    "  Updates — 1",
    "    x",
  ]);
});

test("a model built in code is drawn as loaded by validation: policy names, the signals they returned, updated variables", async () => {
  const file = join(root, "scripts/bench/floats.sim.ts");
  const { errors, loaded } = validateBundle(await bundleModelFile(file), { timesteps: 1, runs: 1 });
  assert.deepEqual(errors, []);
  const lines = diagramLines(diagramNodes(readModelStructure(file, readFileSync(file, "utf8"), readIfThere), loaded));
  assert.deepEqual(lines.slice(0, 10), [
    "Block 1 — 2 policies · 5 updates",
    "  Policies — 2",
    "    pull_0 — emits pull, …",
    "    noise_0 — emits noise, …",
    "  Updates — 5",
    "    x0",
    "    x1",
    "    x2",
    "    x3",
    "    x4",
  ]);
  assert.equal(lines.filter((l) => /^Block \d/.test(l)).length, 4);
  assert.ok(lines.includes("    noise_3 — emits noise, …"));
});

test("for a model written as literals, the loaded blocks keep the source's places and reads, and add signals only seen running", async () => {
  const text = `import { defineModel } from "substep";
const dynamic = (key: string) => ({ [key]: 1 });
export default defineModel({
  initialState: { a: 0 },
  timesteps: 2,
  blocks: [{ label: "one", policies: { lit: () => ({ x: 1 }), dyn: () => dynamic("y") }, variables: { a: (p, s, h, st, input) => input.x + input.y } }],
});
`;
  const file = writeModel(text);
  const { errors, loaded } = validateBundle(await bundleModelFile(file), { timesteps: 1, runs: 1 });
  assert.deepEqual(errors, []);
  const nodes = diagramNodes(readModelStructure(file, text), loaded);
  assert.deepEqual(diagramLines(nodes), [
    'Block 1 "one" — 2 policies · 1 update',
    "  Policies — 2",
    "    lit — emits x",
    "    dyn — emits y, …",
    "  Updates — 1",
    "    a — reads x, y",
  ]);
  const lit = nodes[0]!.children[0]!.children[0]!;
  assert.equal(lit.place?.line, 6, "the policy still opens where it is written");
});

test("the diagram's merge: a policy the dry run never reached is not said to emit nothing; a stale or shifted loaded model does not win", () => {
  // Block 1's update failed in the dry run, so block 2's policy (built in code) was never called.
  const computedSecond = `export default { initialState: { a: 0 }, blocks: [{ variables: { a: () => { throw new Error("x"); } } }, { policies: make("x"), variables: { a: f } }] };`;
  const unreached = diagramNodes(readModelStructure("m.sim.ts", computedSecond), [
    {
      name: "m",
      blocks: [
        { label: null, policies: [], updates: ["a"] },
        { label: null, policies: [{ name: "later" }], updates: ["a"] },
      ],
    },
  ]);
  assert.ok(diagramLines(unreached).includes("    later — signals computed in code"), diagramLines(unreached).join("\n"));

  // Three readable blocks in the source, two labels from an older run: the source is drawn.
  const three = `export default { initialState: { a: 0 }, blocks: [{ label: "one", variables: { a: f } }, { label: "two", variables: { a: f } }, { label: "three", variables: { a: f } }] };`;
  const drawn = diagramLines(diagramNodes(readModelStructure("m.sim.ts", three), [fromRun({ name: "m", blockLabels: ["one", "two"] })]));
  assert.deepEqual(
    drawn.filter((l) => l.startsWith("Block")).map((l) => l.split(" — ")[0]),
    ['Block 1 "one"', 'Block 2 "two"', 'Block 3 "three"'],
  );

  // A wrapper that drops a block: the loaded block 1 is the written block 2, so nothing of block 1 is borrowed.
  const wrapped = `export default { initialState: { a: 0 }, blocks: enabled([{ label: "fees", variables: { a: (p, s, h, st, input) => input.f } }, { label: "grow", policies: { grow: g }, variables: { a: (p, s, h, st, input) => input.g } }]) };`;
  const shifted = diagramLines(
    diagramNodes(readModelStructure("m.sim.ts", wrapped), [
      { name: "m", blocks: [{ label: "grow", policies: [{ name: "grow", signals: ["g"] }], updates: ["a"] }] },
    ]),
  );
  assert.deepEqual(shifted, ['Block 1 "grow" — 1 policy · 1 update', "  Policies — 1", "    grow — emits g, …", "  Updates — 1", "    a"]);
});

test("the SVG diagram: a column per block joined by arrows, policies and updates as boxes, user text escaped", () => {
  const file = join(root, "examples/workToken.sim.ts");
  const svg = diagramSvg(diagramNodes(readModelStructure(file, readFileSync(file, "utf8"))), "WORK <token> & co");
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
  assert.ok(svg.endsWith("</svg>"));
  assert.equal(svg.match(/<rect class="header"/g)?.length, 2);
  assert.equal(svg.match(/<rect class="policy"/g)?.length, 2);
  assert.equal(svg.match(/<rect class="variable"/g)?.length, 3);
  assert.equal(svg.match(/marker-end="url\(#arrow\)"/g)?.length, 1, "one arrow from block 1 to block 2");
  for (const label of ["Block 1 &#34;mint&#34;", "mint_tokens", "→ emits minted_tokens", "community_treasury", "← reads impact"])
    assert.ok(svg.includes(`>${label}</text>`), label);
  assert.ok(svg.includes("<title>WORK &#60;token&#62; &#38; co</title>"));
  const experiment = diagramSvg(
    diagramNodes(readModelStructure("m.sim.ts", 'export default [{ name: "A", blocks: [] }, { name: "B <2>", blocks: [{}] }];')),
    "x",
  );
  assert.ok(experiment.includes('class="heading">A</text>') && experiment.includes('class="heading">B &#60;2&#62;</text>'), "one heading per model");
});

test("keyTargetAt finds the policy, state update or initialState key under the cursor", () => {
  const file = join(root, "examples/workToken.sim.ts");
  const text = readFileSync(file, "utf8");
  const structure = readModelStructure(file, text);
  const at = (needle: string, from = 0): number => text.indexOf(needle, from) + 2;
  const policy = keyTargetAt(structure, file, at("mint_tokens:"));
  assert.equal(policy?.kind, "policy");
  assert.equal(policy?.kind === "policy" && policy.block.label, "mint");
  const update = keyTargetAt(structure, file, at(" tokens: (params"));
  assert.equal(update?.kind === "update" && update.fn.name, "tokens");
  const state = keyTargetAt(structure, file, at("weekly_token_minting:"));
  assert.equal(state?.kind === "state" && state.key.value?.text, "100");
  assert.equal(keyTargetAt(structure, file, at("label:")), undefined);
});
