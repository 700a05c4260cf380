// Parameter subsets: cadCAD's zip rule, cartesian products and their errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ModelError, SweepError, compileExperiment, countSubsets, expandSweep } from "../../../src/engine";
import { workTokenModel } from "../helpers";

test("zip pairs lists by position and repeats single values and constants", () => {
  assert.deepEqual(expandSweep({ rate: [1, 2, 3], scale: [10], name: "x" }), [
    { rate: 1, scale: 10, name: "x" },
    { rate: 2, scale: 10, name: "x" },
    { rate: 3, scale: 10, name: "x" },
  ]);
  assert.deepEqual(expandSweep({}), [{}]);
  assert.deepEqual(expandSweep({ list: [[1, 2, 3]] }), [{ list: [1, 2, 3] }], "an array-valued constant is written [[...]]");
  assert.equal(countSubsets({ rate: [1, 2, 3], scale: [10] }), 3);
});

test("zip refuses lists of different lengths, naming both", () => {
  assert.throws(
    () => expandSweep({ rate: [1, 2, 3], scale: [10, 20] }),
    (err: unknown) =>
      err instanceof SweepError &&
      /'rate' \(3 values\) and 'scale' \(2 values\) have different lengths/.test(err.message) &&
      err.params.join() === "rate,scale",
  );
  assert.throws(() => expandSweep({ a: [] }), /lists no values/);
});

test("cartesian gives every combination, the first-named parameter slowest", () => {
  assert.deepEqual(expandSweep({ a: [1, 2], b: ["x", "y", "z"], c: 0 }, "cartesian"), [
    { a: 1, b: "x", c: 0 },
    { a: 1, b: "y", c: 0 },
    { a: 1, b: "z", c: 0 },
    { a: 2, b: "x", c: 0 },
    { a: 2, b: "y", c: 0 },
    { a: 2, b: "z", c: 0 },
  ]);
  assert.equal(countSubsets({ a: [1, 2], b: [1, 2, 3] }, "cartesian"), 6);
});

test("a model's sweep error is a validation error; overrides replace lists", () => {
  assert.throws(
    () => compileExperiment(workTokenModel({ params: { a: [1, 2], b: [1, 2, 3] } })),
    (err: unknown) => err instanceof ModelError && err.info.kind === "validate" && /different lengths/.test(err.message),
  );
  const [m] = compileExperiment(workTokenModel({ params: { a: [1, 2], b: [1, 2] } }), { params: { b: [5] } });
  assert.deepEqual(m!.subsets, [
    { a: 1, b: 5 },
    { a: 2, b: 5 },
  ]);
  const [c] = compileExperiment(workTokenModel({ params: { a: [1, 2], b: [1, 2, 3] } }), { sweep: "cartesian" });
  assert.equal(c!.subsets.length, 6);
  assert.throws(() => compileExperiment(workTokenModel(), { params: { nope: [1] } }), /the model has no parameter 'nope'/);
});
