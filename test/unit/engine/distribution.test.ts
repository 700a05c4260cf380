// The Monte Carlo outcome of a subset: values over runs at a timestep, described as pandas' describe() does.
import assert from "node:assert/strict";
import { test } from "node:test";
import { describe as describeValues, simulate, subsetDistributions, valuesAt, type Model } from "../../../src/engine";

test("describe: mean, sample sd, min, linear percentiles (numpy's default) and max", () => {
  // pandas: pd.Series(range(1, 11)).describe(percentiles=[.05, .5, .95]) → std 3.0276503540974917, 5% 1.45, 95% 9.55
  const d = describeValues("x", [10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 2);
  const round = (v: number): number => Number(v.toFixed(12));
  assert.deepEqual(
    { ...d, sd: round(d.sd), p5: round(d.p5), p95: round(d.p95) },
    {
      name: "x",
      count: 10,
      nonFinite: 2,
      mean: 5.5,
      sd: 3.027650354097,
      min: 1,
      p5: 1.45,
      p50: 5.5,
      p95: 9.55,
      max: 10,
    },
  );
  const one = describeValues("y", [4]);
  assert.ok(Number.isNaN(one.sd), "one run has no sample sd (pandas gives NaN)");
  assert.equal(one.p95, 4);
  assert.ok(Number.isNaN(describeValues("z", []).mean));
});

const growth: Model = {
  name: "growth",
  initialState: { x: 0 },
  params: { k: [1, 10] },
  timesteps: 3,
  runs: 3,
  blocks: [{ variables: { x: (p, _s, _h, st, _i, ctx) => (st.x as number) + (p.k as number) * ctx.run } }, { variables: {} }],
};

test("values at a timestep are each run's row at that timestep's end; default: each run's last row", () => {
  const results = simulate(growth);
  assert.deepEqual(valuesAt(results, 0, 1, 2).get("x"), [20, 40, 60], "k = 10: timestep 2 ends at 2·k·run");
  assert.deepEqual(valuesAt(results, 0, 0, 0).get("x"), [0, 0, 0]);
  assert.deepEqual(valuesAt(results, 0, 0).get("x"), [3, 6, 9]);
  const [x] = subsetDistributions(results, 0, 1);
  assert.equal(x!.name, "x");
  assert.deepEqual([x!.count, x!.mean, x!.min, x!.max], [3, 60, 30, 90]);
});

test("a run that failed partway counts with its last computed value, and a NaN apart", () => {
  const failing: Model = {
    ...growth,
    params: {},
    blocks: [
      {
        variables: {
          x: (_p, _s, _h, st, _i, ctx) => {
            if (ctx.run === 3 && ctx.timestep === 2) throw new Error("stop");
            return ctx.run === 2 ? NaN : (st.x as number) + 1;
          },
        },
      },
    ],
  };
  const [x] = subsetDistributions(simulate(failing), 0, 0);
  assert.deepEqual([x!.count, x!.nonFinite, x!.min, x!.max], [2, 1, 1, 3], "run 1 ends at 3, run 3 at 1 (its timestep 1), run 2 NaN");
});
