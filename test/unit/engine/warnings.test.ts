// Warnings of a run (a number turned NaN or ±Infinity, a number turned something else), the cadCAD tuple
// error and detached random methods: what the engine reports, where, and once.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { formatRunWarning, simulate, type Model, type RunWarning } from "../../../src/engine";
import { bundleModelFile } from "../../../src/loader";
import { runBundle } from "../../../src/runner/pool";

const fixtures = join(__dirname, "..", "..", "fixtures", "models");
const misspelt = join(fixtures, "misspeltParam.sim.ts");

/** The 1-based line and column of `marker`'s function in a fixture: the line holding it, the column of `(params`. */
function where(file: string, marker: string): { line: number; column: number } {
  const lines = readFileSync(file, "utf8").split("\n");
  const i = lines.findIndex((l) => l.includes(marker));
  return { line: i + 1, column: lines[i]!.indexOf("(params") + 1 };
}

/** A one-block model updating `x` by `next`, with `extra` variables carried along. */
// `x` is whatever the test puts in the state: untyped, as the model API types state by default.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const oneUpdate = (initial: unknown, next: (x: any, t: number) => unknown, extra: Record<string, unknown> = {}): Model => ({
  initialState: { x: initial, ...extra },
  timesteps: 4,
  runs: 2,
  blocks: [{ label: "only", variables: { x: (_p, _s, _h, state) => next(state.x, state.timestep + 1) } }],
});

/** `simulate`, typed for in-memory models (their functions' parameters then have types). */
const sim = (model: Model): ReturnType<typeof simulate> => simulate(model);

const summary = (w: RunWarning): string => `${w.kind} ${w.variable} ${w.value} (was ${w.previous}) t${w.place.timestep}.${w.place.substep} run ${w.place.run}`;

test("a misspelt parameter: the first NaN per variable per run, named with its update and its line, the same for 1 and 2 workers", async () => {
  const bundle = await bundleModelFile(misspelt);
  const one = await runBundle(bundle, { workers: 1 });
  const two = await runBundle(bundle, { workers: 2 });
  assert.equal(two.workers, 2);
  const warnings = one.results.warnings;
  assert.deepEqual(two.results.warnings, warnings);
  assert.deepEqual(one.results.errors, []);
  assert.deepEqual(warnings.map(summary), [
    "non-finite tokens NaN (was 101) t1.2 run 1",
    "non-finite staked NaN (was 11.01) t2.2 run 1",
    "non-finite tokens NaN (was 101) t1.2 run 2",
    "non-finite staked NaN (was 11.01) t2.2 run 2",
    "non-finite tokens NaN (was 101) t1.2 run 3",
    "non-finite staked NaN (was 11.01) t2.2 run 3",
  ]);
  const first = warnings[0]!;
  assert.equal(first.fn, "state update 'tokens'");
  assert.equal(first.inPlace, false);
  assert.equal(first.blockLabel, "stake");
  assert.deepEqual(first.place, { simulation: 0, subset: 0, run: 1, timestep: 1, substep: 2 });
  assert.deepEqual(first.location, { file: misspelt, ...where(misspelt, "// <- tokens") });
  assert.equal(
    formatRunWarning(first),
    `${misspelt}:${first.location?.line}:${first.location?.column}: warning: 'tokens' became NaN (was 101) in state update 'tokens'\n` +
      "  at simulation 0, subset 0, run 1, timestep 1, substep 2 (block 'stake')",
  );
  // The rows are kept exactly as the model made them.
  assert.ok(Number.isNaN([...one.results.rows()].at(-1)!.tokens));
});

test("Infinity and -Infinity are warned about like NaN", () => {
  const results = simulate(oneUpdate(1, (x, t) => (t === 3 ? x / 0 : x + 1), { y: -1 }));
  assert.deepEqual(results.warnings.map(summary), ["non-finite x Infinity (was 3) t3.1 run 1", "non-finite x Infinity (was 3) t3.1 run 2"]);
  const negative = simulate(oneUpdate(1, (x, t) => (t === 2 ? -x / 0 : x)));
  assert.equal(negative.warnings[0]!.value, "-Infinity");
});

test("a number leaf of a record is named like its CSV column; a change in place says so", () => {
  const model: Model = {
    initialState: { pool: { reserve: { usd: 100, eth: 1 } }, n: 0 },
    timesteps: 3,
    blocks: [
      { variables: { pool: (_p, _s, _h, state) => ({ reserve: { usd: state.pool.reserve.usd / (2 - state.timestep), eth: 1 } }) } },
      {
        policies: {
          drain: (_p, _s, _h, state) => {
            if (state.timestep === 3) state.pool.reserve.eth = NaN;
            return {};
          },
        },
        variables: { n: (_p, _s, _h, state) => state.n + 1 },
      },
    ],
  };
  const results = simulate(model);
  assert.deepEqual(results.warnings.map(summary), [
    "non-finite pool.reserve.usd Infinity (was 50) t3.1 run 1",
    "non-finite pool.reserve.eth NaN (was 1) t3.2 run 1",
  ]);
  const inPlace = results.warnings[1]!;
  assert.equal(inPlace.inPlace, true);
  assert.equal(inPlace.fn, undefined);
  assert.equal(inPlace.message, "'pool.reserve.eth' became NaN (was 1), changed in place (block 2 has no state update for 'pool')");
});

test("a number that becomes a string or an array is a kind change, warned about once; the rows keep the value", () => {
  const toString = simulate(oneUpdate(5, (x, t) => (t === 2 ? `${x} tokens` : x)));
  assert.deepEqual(toString.warnings.map(summary), ['kind-change x "5 tokens" (was 5) t2.1 run 1', 'kind-change x "5 tokens" (was 5) t2.1 run 2']);
  assert.equal(toString.warnings[0]!.message, `'x' became a string "5 tokens" (was 5) in state update 'x'`);
  assert.deepEqual(
    [...toString.rows()].slice(0, 5).map((r) => r.x),
    [5, 5, "5 tokens", "5 tokens", "5 tokens"],
  );
  const toArray = simulate(oneUpdate(5, (x, t) => (t === 2 ? [x, x] : x)));
  assert.equal(toArray.warnings[0]!.message, "'x' became an array [5,5] (was 5) in state update 'x'");
  const toUndefinedLeaf = simulate(oneUpdate({ a: 1, b: 2 }, (x, t) => (t === 2 ? { a: x.a } : x)));
  assert.deepEqual(toUndefinedLeaf.warnings.map(summary).slice(0, 1), ["kind-change x.b undefined (was 2) t2.1 run 1"]);
  const long = simulate(oneUpdate(5, () => Array.from({ length: 50 }, (_, i) => i)));
  assert.ok(long.warnings[0]!.value.length <= 40 && long.warnings[0]!.value.endsWith("…"));
});

test("one warning per variable per run: the first, even when the value goes on changing", () => {
  const results = simulate(oneUpdate(1, (_x, t) => (t === 1 ? NaN : t === 2 ? 1 : t === 3 ? Infinity : "x")));
  assert.deepEqual(results.warnings.map(summary), ["non-finite x NaN (was 1) t1.1 run 1", "non-finite x NaN (was 1) t1.1 run 2"]);
});

test("no warning for a variable that starts NaN or holds other values, nor for finite numbers", () => {
  assert.deepEqual(simulate(oneUpdate(NaN, (x) => x + 1)).warnings, []);
  assert.deepEqual(simulate(oneUpdate(Infinity, (x) => x)).warnings, []);
  assert.deepEqual(simulate(oneUpdate("idle", (_x, t) => (t % 2 ? "busy" : NaN))).warnings, []);
  assert.deepEqual(simulate(oneUpdate(null, (_x, t) => t)).warnings, []);
  assert.deepEqual(simulate(oneUpdate([1, 2], (x) => [...x, NaN])).warnings, []);
  assert.equal(simulate(oneUpdate(1, (x) => x * 2)).errors.length, 0);
  assert.deepEqual(simulate(oneUpdate(1, (x) => x * 2)).warnings, []);
});

test("an update returning a cadCAD (key, value) tuple is an error naming the update and both keys", () => {
  const other = sim({
    initialState: { box_A: 10, box_B: 0 },
    timesteps: 2,
    blocks: [{ variables: { box_A: (_p, _s, _h, s) => ["box_B", s.box_B + 5] } }],
  });
  const [error] = other.errors;
  assert.ok(error);
  assert.equal(error.fn, "state update 'box_A'");
  assert.deepEqual(error.place, { simulation: 0, subset: 0, run: 1, timestep: 1, substep: 1 });
  assert.equal(
    error.message,
    `returned ["box_B", 5], a cadCAD (key, value) tuple (its key 'box_B' is not this update's name 'box_A'): ` +
      "Substep stores what an update returns under the name it is registered as ('box_A'); return the value itself (5)",
  );
  assert.equal(other.rowCount, 1, "the initial row is kept");
  const own = sim({ initialState: { x: { a: 1 } }, timesteps: 2, blocks: [{ variables: { x: (_p, _s, _h, s) => ["x", s.x] } }] });
  assert.match(own.errors[0]!.message, /^returned \["x", \{"a":1\}\], a cadCAD \(key, value\) tuple \(its key is this update's own name\)/);
  const fromString = sim({ initialState: { mode: "idle" }, timesteps: 2, blocks: [{ variables: { mode: () => ["mode", "busy"] } }] });
  assert.match(fromString.errors[0]!.message, /a cadCAD \(key, value\) tuple/);
});

test("pairs are data for variables that held arrays or null: no tuple error", () => {
  const names = simulate(oneUpdate([], (x, t) => (t < 3 ? [...x, `member${t}`] : x)));
  assert.deepEqual(names.errors, []);
  assert.deepEqual([...names.rows()].at(-1)!.x, ["member1", "member2"]);
  const best = simulate(oneUpdate(null, (_x, t) => [`agent${t}`, t]));
  assert.deepEqual(best.errors, []);
  assert.deepEqual([...best.rows()].at(-1)!.x, ["agent4", 4]);
  const pairs = simulate(oneUpdate(["a", 1], (x) => [x[0], x[1] + 1]));
  assert.deepEqual(pairs.errors, []);
  assert.deepEqual(pairs.warnings, []);
});

test("ctx.random's methods work detached and draw the same numbers as method calls", () => {
  const model = (detached: boolean): Model => ({
    initialState: { x: 0 },
    timesteps: 5,
    runs: 2,
    blocks: [
      {
        variables: {
          x: (_p, _s, _h, _state, _input, ctx) => {
            const { normal, uniform, int, choice } = ctx.random;
            if (detached) return normal(0, 1) + uniform(0, 1) + int(1, 6) + choice([10, 20]);
            return ctx.random.normal(0, 1) + ctx.random.uniform(0, 1) + ctx.random.int(1, 6) + ctx.random.choice([10, 20]);
          },
        },
      },
    ],
  });
  const detached = simulate(model(true));
  assert.deepEqual(detached.errors, []);
  assert.deepEqual([...detached.rows()], [...simulate(model(false)).rows()]);
});
