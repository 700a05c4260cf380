// The HTML report's outcome over runs: per subset named by its parameters, mean/sd/percentiles of final values.
import assert from "node:assert/strict";
import { test } from "node:test";
import { simulate, type Model } from "../../../src/engine";
import { distributionsSection } from "../../../src/export/reportDistributions";

const model = (runs: number): Model => ({
  name: "growth",
  initialState: { x: 0 },
  params: { k: [1, 10] },
  timesteps: 2,
  runs,
  blocks: [{ variables: { x: (p, _s, _h, st, _i, ctx) => (st.x as number) + (p.k as number) * ctx.run } }],
});

test("one table per subset, named by its parameter value, with the runs' final values described", () => {
  const html = distributionsSection(simulate(model(5)));
  const names = [...html.matchAll(/<h3>([^<]*)<\/h3>/g)].map((m) => m[1]);
  assert.deepEqual(names, ["k = 1", "k = 10"]);
  // k = 10: finals 20, 40, 60, 80, 100 → mean 60, sd 31.6228, p5 24, p50 60, p95 96 (numpy: np.percentile(..., 5) = 24).
  const row = [...html.matchAll(/<tr><td>x<\/td>.*?<\/tr>/g)][1]![0];
  const cells = [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(cells, ["5", "60", "31.6228", "20", "24", "60", "96", "100"]);
});

test("no section when no subset has more than one run", () => {
  assert.equal(distributionsSection(simulate(model(1))), "");
});
