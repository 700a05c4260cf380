// Signal aggregation: the default add, policyOps folds and maps, and the errors naming keys and policies.
import assert from "node:assert/strict";
import { test } from "node:test";
import { add, aggregateSignals, simulate, type Model } from "../../../src/engine";

test("add: numbers and bigints add, strings and arrays concatenate, the rest is an error", () => {
  assert.equal(add(1, 2.5), 3.5);
  assert.equal(add(2n, 3n), 5n);
  assert.equal(add("a", "b"), "ab");
  assert.deepEqual(add([1], [2, 3]), [1, 2, 3]);
  assert.throws(() => add({ a: 1 }, { a: 2 }), /cannot add an object and an object/);
  assert.throws(() => add(1, "1"), /cannot add a number and a string/);
});

test("keys fold in policy order; a key from one policy is taken as is; maps apply to every key", () => {
  assert.deepEqual(aggregateSignals([{ x: 1, s: "a" }, { x: 2, only: [1] }, { s: "c" }], []), { x: 3, s: "ac", only: [1] });
  const double = (y: number) => y * 2;
  assert.deepEqual(aggregateSignals([{ x: 1 }, { x: 2, y: 5 }], [(a: number, b: number) => a * b, double]), { x: 4, y: 10 });
});

test("signals that cannot be added fail the run, naming the key and the policies", () => {
  const model: Model = {
    initialState: { n: 0 },
    timesteps: 3,
    blocks: [
      {
        policies: { p1: () => ({ cfg: { a: 1 } }), p2: () => ({ cfg: { a: 2 } }), p3: () => ({ other: 1 }) },
        variables: { n: (_p, _s, _h, state) => state.n + 1 },
      },
    ],
  };
  const results = simulate(model);
  const [error] = results.errors;
  assert.ok(error);
  assert.equal(error.kind, "run");
  assert.match(error.message, /signal 'cfg' cannot be aggregated: cannot add an object and an object/);
  assert.match(error.message, /'p1' and 'p2'/);
  assert.doesNotMatch(error.message, /'p3'/);
  assert.deepEqual(error.place, { simulation: 0, subset: 0, run: 1, timestep: 1, substep: 1 });
  assert.equal(results.rowCount, 1, "the initial row is kept");
});
