// The generated kernel against the readable reference step (src/engine/reference.ts): every conformance
// fixture and every example, run in-process by both, must give the same rows, key for key and value for value.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import { simulate, type Model, type Overrides, type Row } from "../../../src/engine";
import { simulateReference } from "../../../src/engine/reference";
import { bundleModelFile, evaluateBundle, type ModelBundle } from "../../../src/loader";

const root = resolve(__dirname, "../../..");
const engineDir = join(root, "src", "engine");
const conformance = join(root, "test", "conformance");
const fixtures = readdirSync(conformance)
  .filter((n) => statSync(join(conformance, n)).isDirectory())
  .map((n) => join(conformance, n, "model.sim.ts"));
const examples = readdirSync(join(root, "examples"))
  .filter((n) => n.endsWith(".sim.ts"))
  .map((n) => join(root, "examples", n));
const files = [...fixtures, ...examples];
/** A short name: the fixture's folder, or the example's file name. */
const nameOf = (file: string): string => (basename(file) === "model.sim.ts" ? basename(dirname(file)) : basename(file));

// The examples run a few thousand rows each; shorter here keeps the file to a couple of seconds.
const sizes: Record<string, Overrides> = {
  "bondingCurve.sim.ts": { timesteps: 40, runs: 3 },
  "predatorPrey.sim.ts": { timesteps: 60, runs: 3 },
};

type Reference = typeof simulateReference;

/** What one engine made: its rows and, for a failed run, where and in which function. */
interface Outcome {
  rows: Row[];
  failure?: { place: unknown; fn: string | undefined };
}

function byEngine(exported: unknown, overrides: Overrides): Outcome {
  const results = simulate(exported, { overrides });
  const error = results.errors[0];
  return { rows: [...results.rows()], ...(error ? { failure: { place: error.place, fn: error.fn } } : {}) };
}

function byReference(reference: Reference, exported: unknown, overrides: Overrides): Outcome {
  const { rows, failure } = reference(exported, overrides);
  return { rows, ...(failure ? { failure: { place: failure.place, fn: failure.fn } } : {}) };
}

/** Deep equality row by row (strict: same keys, same prototypes, NaN equal to NaN, 0 unlike -0). */
function assertSame(actual: Outcome, expected: Outcome): void {
  assert.equal(actual.rows.length, expected.rows.length, "row count");
  actual.rows.forEach((row, i) => assert.deepEqual(row, expected.rows[i], `row ${i}`));
  assert.deepEqual(actual.failure, expected.failure, "failure");
}

const bundles = new Map<string, ModelBundle>();
let rowsCompared = 0;

before(async () => {
  for (const file of files) bundles.set(file, await bundleModelFile(file));
});

/** Both engines on a fresh evaluation each (a model file's module state is never shared between them). */
function compareFile(file: string, reference: Reference = simulateReference): number {
  const overrides = sizes[basename(file)] ?? {};
  const bundle = bundles.get(file)!;
  const engine = byEngine(evaluateBundle(bundle).exported, overrides);
  assertSame(byReference(reference, evaluateBundle(bundle).exported, overrides), engine);
  return engine.rows.length;
}

test("there are fixtures and examples to compare", () => {
  assert.ok(fixtures.length >= 10, `${fixtures.length} fixtures`);
  assert.ok(examples.length >= 3, `${examples.length} examples`);
});

for (const file of files) {
  test(`reference = engine: ${nameOf(file)}`, () => {
    const rows = compareFile(file);
    assert.ok(rows > 1, "the model made rows");
    rowsCompared += rows;
  });
}

/** A small model that fails in `how` at subset 0, run 2, timestep 3, block 2: after run 1's 7 rows and 6 of run 2's. */
function failing(how: "throws" | "bad signals" | "undefined" | "aggregation"): Model {
  const late = (s: Row): boolean => s.run === 2 && s.timestep === 3;
  return {
    initialState: { x: 0, log: [] as string[] },
    timesteps: 3,
    runs: 3,
    params: { p: [1, 2] },
    blocks: [
      { policies: { a: () => ({ d: 1 }) }, variables: { x: (_p, _k, _h, s, i) => s.x + i.d } },
      {
        policies: {
          b: (_p, _k, _h, s) => (how === "bad signals" && late(s) ? 7 : { d: how === "aggregation" && late(s) ? "one" : 2 }) as never,
          c: () => ({ d: 3 }),
        },
        variables: {
          log: (_p, _k, _h, s) => {
            if (how === "throws" && late(s)) throw new RangeError("late");
            return how === "undefined" && late(s) ? undefined : [...s.log, String(s.x)];
          },
          x: (_p, _k, _h, s, i) => s.x * i.d,
        },
      },
    ],
  };
}

for (const how of ["throws", "bad signals", "undefined", "aggregation"] as const) {
  test(`a model function that fails (${how}) fails at the same place in both, after the same rows`, () => {
    const engine = byEngine(failing(how), {});
    assert.deepEqual(engine.failure?.place, { simulation: 0, subset: 0, run: 2, timestep: 3, substep: 2 });
    assert.equal(engine.rows.length, 7 + 6);
    assertSame(byReference(simulateReference, failing(how), {}), engine);
  });
}

// The test must be able to fail: altered copies of reference.ts (one rule broken each) must be caught.
const source = readFileSync(join(engineDir, "reference.ts"), "utf8");
const temp = mkdtempSync(join(tmpdir(), "substep-reference-"));
after(() => rmSync(temp, { recursive: true, force: true }));

/** reference.ts with `from` replaced by `to` (exactly once), loaded from a temporary copy. */
async function alteredReference(label: string, from: string, to: string): Promise<Reference> {
  assert.equal(source.split(from).length, 2, `${label}: the text to alter occurs once in reference.ts`);
  const text = source.replace(from, to).replace(/from "\.\/(\w+)"/g, (_, m: string) => `from ${JSON.stringify(join(engineDir, m))}`);
  const file = join(temp, `${label.replace(/\W+/g, "-")}.ts`);
  writeFileSync(file, text);
  return ((await import(pathToFileURL(file).href)) as { simulateReference: Reference }).simulateReference;
}

/** The models whose rows the altered reference gets wrong (only a failed comparison counts). */
function caughtBy(reference: Reference): string[] {
  const caught = (file: string): boolean => {
    try {
      compareFile(file, reference);
      return false;
    } catch (err) {
      if (err instanceof assert.AssertionError) return true;
      throw err;
    }
  };
  return files.filter(caught).map(nameOf);
}

test("an unaltered copy of reference.ts, loaded the same way, agrees with the engine everywhere", async () => {
  assert.deepEqual(caughtBy(await alteredReference("unaltered", "// cadCAD's block step", "// cadCAD's block step")), []);
});

const alterations = [
  {
    rule: "policies in the global order",
    from: "policies: inOrder(policyOrder, b.policies ?? {}),",
    to: "policies: Object.entries(b.policies ?? {}),",
    caughtBy: "aggregation",
  },
  {
    rule: "one state copy shared by a block's functions",
    from: "policy(run.params, run.ctx.substep, sH, s, run.ctx)",
    to: "policy(run.params, run.ctx.substep, sH, copyRow(s), run.ctx)",
    caughtBy: "shared_mutation",
  },
  {
    rule: "block 1 after a one-row timestep reads substep 0",
    from: "previous.length === 1 ? { ...previous[0]!, substep: 0 } : ",
    to: "",
    caughtBy: "meta_b1",
  },
];

for (const a of alterations) {
  test(`a reference that breaks '${a.rule}' is caught`, async (t) => {
    const caught = caughtBy(await alteredReference(a.rule, a.from, a.to));
    t.diagnostic(`caught by: ${caught.join(", ")}`);
    assert.ok(caught.includes(a.caughtBy), `caught by ${caught.join(", ") || "nothing"}`);
  });
}

test("rows compared", (t) => {
  t.diagnostic(`${rowsCompared} rows from ${files.length} models, plus the failing models'`);
  assert.ok(rowsCompared > 1000);
});
