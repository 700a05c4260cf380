// The model's own values that an override changed are kept beside the values used, so the panel can say
// "runs 600 (model: 60)"; an override equal to the model's own value, or none, records nothing.
import assert from "node:assert/strict";
import { test } from "node:test";
import { compileExperiment, type Model } from "../../../src/engine";

const model: Model = {
  initialState: { x: 0 },
  params: { apr: [0.05, 0.1] },
  timesteps: 52,
  runs: 60,
  seed: 1,
  blocks: [{ variables: { x: (_p, _s, _h, st) => st.x + 1 } }],
};

test("overridden runs, timesteps, seed, sweep and a parameter: the model's own values are declared", () => {
  const [m] = compileExperiment(model, { runs: 600, timesteps: 20, seed: 7, sweep: "cartesian", params: { apr: [0.2] } });
  assert.deepEqual(m!.declared, { runs: 60, timesteps: 52, seed: 1, sweep: "zip", params: ["apr"] });
  assert.equal(m!.runs, 600);
});

test("no override, or one equal to the model's own value: nothing declared", () => {
  assert.equal(compileExperiment(model)[0]!.declared, undefined);
  assert.equal(compileExperiment(model, { runs: 60, seed: 1, params: { apr: [0.05, 0.1] } })[0]!.declared, undefined);
});

test("a model without runs or seed: the defaults (1 run, seed 0) are its own values", () => {
  const { runs: _r, seed: _s, ...bare } = model;
  assert.deepEqual(compileExperiment(bare, { runs: 3, seed: 2 })[0]!.declared, { runs: 1, seed: 0 });
});
