// The Summary tab's data and histogram: per subset, named by its parameters, each number described over the runs
// at a timestep; the histogram compiles with Vega-Lite without warnings and draws one bar set per subset.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { simulate, type Model } from "../../../src/engine";
import { buildPanelSummary } from "../../../src/shared/panelSummary";
import { histogramSpec } from "../../../src/shared/summarySpec";

let vl: typeof import("vega-lite");
let vega: typeof import("vega");
let interpreter: typeof import("vega-interpreter");
before(async () => {
  vl = await import("vega-lite");
  vega = await import("vega");
  interpreter = await import("vega-interpreter");
});

// x grows by k × run each timestep; y is a constant; label is not a number.
const growth: Model = {
  name: "growth",
  initialState: { x: 0, y: 5, label: "a" },
  params: { k: [1, 10] },
  timesteps: 3,
  runs: 4,
  blocks: [{ variables: { x: (p, _s, _h, st, _i, ctx) => (st.x as number) + (p.k as number) * ctx.run } }],
};

test("per subset, named by its parameter: each number's final values over the runs, and the chosen one's values", () => {
  const summary = buildPanelSummary(simulate(growth));
  assert.deepEqual(summary.variables, ["x", "y"], "numbers only, in the model's order");
  assert.equal(summary.variable, "x", "the first number by default");
  assert.equal(summary.timestep, undefined);
  assert.equal(summary.maxTimestep, 3);
  assert.deepEqual(
    summary.groups.map((g) => g.label),
    ["k = 1", "k = 10"],
  );
  // Final x = 3 × k × run for runs 1..4.
  assert.deepEqual(summary.groups[1]!.values, [30, 60, 90, 120]);
  const x = summary.groups[1]!.distributions.find((d) => d.name === "x")!;
  assert.deepEqual([x.count, x.mean, x.min, x.p50, x.max], [4, 75, 30, 75, 120]);
  assert.equal(summary.groups[0]!.distributions.find((d) => d.name === "y")!.sd, 0);
});

test("a chosen variable and timestep; a timestep past the end is clamped, an unknown variable falls back", () => {
  const results = simulate(growth);
  const at1 = buildPanelSummary(results, { variable: "x", timestep: 1 });
  assert.equal(at1.timestep, 1);
  assert.deepEqual(at1.groups[0]!.values, [1, 2, 3, 4]);
  const y = buildPanelSummary(results, { variable: "y", timestep: 0 });
  assert.deepEqual(y.groups[0]!.values, [5, 5, 5, 5]);
  assert.equal(buildPanelSummary(results, { timestep: 99 }).timestep, 3);
  assert.equal(buildPanelSummary(results, { variable: "label" }).variable, "x", "a string is not offered");
});

test("NaN values are counted as non-finite, not drawn", () => {
  const nan: Model = { ...growth, params: { k: [Number.NaN] } };
  const summary = buildPanelSummary(simulate(nan));
  assert.deepEqual(summary.groups[0]!.values, []);
  const x = summary.groups[0]!.distributions.find((d) => d.name === "x")!;
  assert.deepEqual([x.count, x.nonFinite], [0, 4]);
});

test("the histogram compiles without warnings and draws bars for each subset through vega-interpreter", async () => {
  const summary = buildPanelSummary(simulate({ ...growth, runs: 40 }));
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => void warnings.push(`error: ${args.join(" ")}`),
    warn: (...args: unknown[]) => void warnings.push(`warn: ${args.join(" ")}`),
    info: () => logger,
    debug: () => logger,
  };
  const spec = histogramSpec(summary);
  const compiled = vl.compile(spec, { logger: logger as never }).spec;
  assert.deepEqual(warnings, []);
  const view = new vega.View(vega.parse(compiled, undefined, { ast: true }), { expr: interpreter.expressionInterpreter, renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  assert.match(svg, /role-mark/);
  // Each subset's 40 runs fall in bins: bars of both colours, and the legend names both subsets.
  assert.ok((svg.match(/<path /g) ?? []).length > 10);
  assert.match(svg, /k = 1</);
  assert.match(svg, /k = 10</);
  assert.match(svg, /final values over 80 runs/);
});
