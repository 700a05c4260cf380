// Chart data against hand-computed statistics, decimation and run caps, sweep and experiment groups, tidy rows.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { simulate, type Model } from "../../../src/engine";
import { percentile } from "../../../src/engine/distribution";
import { buildChartData, decimate, groupLabel, jsonSafe } from "../../../src/shared/chartData";
import { overlayVariables, runRows, statRows, tableRows, varyingVariables } from "../../../src/shared/chartRows";

/** x = run · timestep at the end of each timestep; block 1 writes a decoy that end-of-timestep rows must skip. */
function linear(runs: number, timesteps: number, extra: Partial<Model> = {}): Model {
  return {
    name: "linear",
    initialState: { x: 0, nested: { y: 0 }, label: "a" },
    timesteps,
    runs,
    blocks: [
      { variables: { x: (_p, _s, _h, _st, _i, ctx) => ctx.run * ctx.timestep * 1000 } },
      {
        variables: {
          x: (_p, _s, _h, _st, _i, ctx) => ctx.run * ctx.timestep,
          nested: (_p, _s, _h, _st, _i, ctx) => ({ y: -ctx.run }),
          label: () => "b",
        },
      },
    ],
    ...extra,
  };
}

const close = (actual: number | null | undefined, expected: number, what: string): void =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

describe("percentile", () => {
  test("interpolates linearly between closest ranks, as numpy's default", () => {
    // numpy.percentile([1, 2, 3, 4], [5, 50, 95]) == [1.15, 2.5, 3.85]
    close(percentile([1, 2, 3, 4], 0.05), 1.15, "p5");
    close(percentile([1, 2, 3, 4], 0.5), 2.5, "median");
    close(percentile([1, 2, 3, 4], 0.95), 3.85, "p95");
    close(percentile([7], 0.05), 7, "one value");
    close(percentile([1, 10], 1), 10, "p100");
    assert.ok(Number.isNaN(percentile([], 0.5)));
  });
});

describe("decimate", () => {
  test("keeps everything under the cap", () => {
    assert.deepEqual(decimate(5, 1000), [0, 1, 2, 3, 4]);
  });
  test("spaces indexes evenly, keeps the first and the last, never exceeds the cap", () => {
    for (const [count, max] of [
      [10_001, 1000],
      [1001, 1000],
      [52, 10],
      [3, 2],
    ] as const) {
      const kept = decimate(count, max);
      assert.ok(kept.length <= max && kept.length >= max - 1, `${count}/${max}: ${kept.length}`);
      assert.equal(kept[0], 0);
      assert.equal(kept.at(-1), count - 1);
      for (let i = 1; i < kept.length; i++) assert.ok(kept[i]! > kept[i - 1]!);
    }
    assert.deepEqual(decimate(11, 6), [0, 2, 4, 6, 8, 10]);
  });
});

describe("buildChartData", () => {
  test("statistics per timestep over the runs' end-of-timestep values", () => {
    const data = buildChartData(simulate(linear(5, 4)));
    assert.equal(data.title, "linear");
    assert.equal(data.percentiles, "linear");
    assert.deepEqual(data.variables, ["x", "nested.y"], "numbers and nested numbers flattened; the string variable is left out");
    assert.equal(data.groups.length, 1);
    const g = data.groups[0]!;
    assert.equal(g.label, "linear", "a model of one subset without parameters: named by the model");
    assert.deepEqual(g.timesteps, [0, 1, 2, 3, 4]);
    assert.deepEqual(g.runs, [1, 2, 3, 4, 5]);
    assert.equal(g.runsCapped, false);
    const x = g.series.x!;
    // At timestep t the runs hold t, 2t, 3t, 4t, 5t: mean = median = 3t, p5 = t + 0.2t, p95 = 4t + 0.8t.
    for (const t of [0, 1, 2, 3, 4]) {
      close(x.mean[t], 3 * t, `mean at ${t}`);
      close(x.median[t], 3 * t, `median at ${t}`);
      close(x.p5[t], 1.2 * t, `p5 at ${t}`);
      close(x.p95[t], 4.8 * t, `p95 at ${t}`);
      assert.equal(x.n[t], 5);
    }
    assert.deepEqual(x.runs[2], [0, 3, 6, 9, 12], "run 3's own values");
    // nested.y is 0 initially, then -run: over -1..-5 the mean is -3, p5 = -4.8, p95 = -1.2.
    const y = g.series["nested.y"]!;
    assert.deepEqual(
      [y.mean[0], y.mean[4], y.p5[4], y.p95[4]].map((v) => Number(v!.toFixed(9))),
      [0, -3, -4.8, -1.2],
    );
  });

  test("an even number of runs takes the median between the middle two", () => {
    const x = buildChartData(simulate(linear(4, 2))).groups[0]!.series.x!;
    // At timestep 2: 2, 4, 6, 8.
    close(x.median[2], 5, "median");
    close(x.p5[2], 2.3, "p5");
    close(x.p95[2], 7.7, "p95");
  });

  test("caps timesteps by even decimation with the first and last kept, and runs to the first ones", () => {
    const data = buildChartData(simulate(linear(60, 3000)));
    const g = data.groups[0]!;
    assert.ok(g.timesteps.length <= 1000 && g.timesteps.length > 990, `${g.timesteps.length} timesteps`);
    assert.equal(g.timesteps[0], 0);
    assert.equal(g.timesteps.at(-1), 3000);
    assert.equal(g.timestepCount, 3001);
    assert.equal(g.runCount, 60);
    assert.deepEqual(
      g.runs,
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    assert.equal(g.runsCapped, true);
    const x = g.series.x!;
    assert.equal(x.runs.length, 50);
    assert.ok(x.runs.every((r) => r.length === g.timesteps.length));
    // The statistics still cover all 60 runs: mean of 1..60 is 30.5.
    close(x.mean.at(-1), 30.5 * 3000, "mean at the last timestep");
    assert.equal(x.n.at(-1), 60);
    const small = buildChartData(simulate(linear(7, 30)), { maxTimesteps: 4, maxRuns: 2 }).groups[0]!;
    assert.deepEqual(small.timesteps, [0, 10, 20, 30]);
    assert.deepEqual(small.runs, [1, 2]);
  });

  test("one group per subset of a sweep, labelled by the parameters that vary", () => {
    const data = buildChartData(simulate(linear(2, 3, { params: { rate: [0.1, 0.2, 0.3], scale: 10 } })));
    assert.deepEqual(
      data.groups.map((g) => [g.simulation, g.subset, g.label]),
      [
        [0, 0, "rate = 0.1"],
        [0, 1, "rate = 0.2"],
        [0, 2, "rate = 0.3"],
      ],
    );
    assert.deepEqual(data.groups[1]!.params, { rate: 0.2, scale: 10 });
    const single = buildChartData(simulate(linear(1, 1, { params: { scale: 10 } })));
    assert.equal(single.groups[0]!.label, "scale = 10", "a single subset shows its parameters");
  });

  test("an experiment's groups name the model (and the simulation where two models share a name)", () => {
    const data = buildChartData(simulate([linear(2, 2), linear(3, 2, { params: { k: [1, 2] } })]));
    assert.equal(data.title, "2 models");
    assert.deepEqual(
      data.groups.map((g) => g.label),
      ["linear (simulation 0)", "linear (simulation 1) · k = 1", "linear (simulation 1) · k = 2"],
    );
    const two = simulate([
      { ...linear(2, 2), name: "staking" },
      { ...linear(3, 2, { params: { k: [1, 2] } }), name: "lending" },
    ]);
    assert.deepEqual(
      two.simulations.flatMap((info) => info.subsets.map((_, subset) => groupLabel(info, subset, two.simulations))),
      ["staking", "lending · k = 1", "lending · k = 2"],
    );
  });

  test("a run that failed counts only up to its last complete timestep", () => {
    const model = linear(3, 5);
    const second = model.blocks[1]!.variables!;
    const plain = second.x!;
    second.x = (p, s, h, st, i, ctx) => {
      if (ctx.run === 3 && ctx.timestep === 4) throw new Error("boom");
      return plain(p, s, h, st, i, ctx);
    };
    const results = simulate(model);
    assert.equal(results.errors.length, 1);
    // simulate() stops at the first failed run; runs 1 and 2 are complete, run 3 has timesteps 0..3.
    const x = buildChartData(results).groups[0]!.series.x!;
    assert.deepEqual(x.n, [3, 3, 3, 3, 2, 2]);
    assert.deepEqual(x.runs[2], [0, 3, 6, 9, null, null]);
    close(x.mean[4], 6, "mean of runs 1 and 2 at timestep 4");
  });

  test("non-finite values are left out of the statistics and stored as null", () => {
    const model = linear(3, 2);
    model.blocks[1]!.variables!.x = (_p, _s, _h, _st, _i, ctx) => (ctx.run === 2 ? NaN : ctx.run * ctx.timestep);
    const x = buildChartData(simulate(model)).groups[0]!.series.x!;
    assert.deepEqual(x.runs[1], [0, null, null]);
    assert.deepEqual(x.n, [3, 2, 2]);
    close(x.mean[2], 4, "mean of 2 and 6");
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(buildChartData(simulate(model)))));
  });

  test("keeps the model's charts and a capped table of tidy rows for them", () => {
    const chart = { mark: "line", encoding: { x: { field: "timestep" }, y: { field: "nested.y" } } };
    const data = buildChartData(simulate(linear(3, 10, { charts: [chart] })), { maxRows: 25 });
    assert.deepEqual(data.userCharts, [{ simulation: 0, index: 0, spec: chart }]);
    const table = data.rowTables[0]!;
    assert.deepEqual(table.columns, ["x", "nested.y", "label", "simulation", "subset", "run", "timestep", "substep"]);
    assert.equal(table.totalRows, 3 * 21);
    const rows = tableRows(table);
    assert.equal(rows.length, 25);
    assert.deepEqual(rows[0], { x: 0, "nested.y": 0, label: "a", simulation: 0, subset: 0, run: 1, timestep: 0, substep: 0 });
    assert.deepEqual(rows[1], { x: 1000, "nested.y": 0, label: "a", simulation: 0, subset: 0, run: 1, timestep: 1, substep: 1 });
    assert.deepEqual(rows[24], { x: 4000, "nested.y": -2, label: "b", simulation: 0, subset: 0, run: 2, timestep: 2, substep: 1 });
    assert.deepEqual(buildChartData(simulate(linear(1, 1))).rowTables, [], "no charts, no rows");
  });
});

describe("tidy rows", () => {
  const data = buildChartData(simulate(linear(3, 2, { params: { k: [1, 2] } })));

  test("statistics rows: one per group, variable and timestep", () => {
    const rows = statRows(data, ["x"]);
    assert.equal(rows.length, 2 * 3);
    assert.deepEqual(rows[2], { variable: "x", group: "k = 1", timestep: 2, mean: 4, median: 4, p5: 2.2, p95: 5.8, runs: 3 });
    assert.equal(statRows(data).length, 2 * 2 * 3);
  });

  test("run rows: one per kept run, variable and timestep", () => {
    const rows = runRows(data, ["x"]);
    assert.equal(rows.length, 2 * 3 * 3);
    assert.deepEqual(rows[5], { variable: "x", group: "k = 1", run: 2, timestep: 2, value: 4 });
  });

  test("varying variables skip constants", () => {
    const counter: Model = { initialState: { a: 1, b: 5 }, timesteps: 3, blocks: [{ variables: { b: (_p, _s, _h, st) => st.b + 1 } }] };
    const constant = buildChartData(simulate(counter));
    assert.deepEqual(varyingVariables(constant), ["b"]);
  });

  test("the overlay pairs the first varying variable with the next on a comparable scale, else draws none", () => {
    const scales: Model = {
      initialState: { small: 1, huge: 1, near: 1, c: 7 },
      timesteps: 5,
      blocks: [{ variables: { small: (_p, _s, _h, st) => st.small + 1, huge: (_p, _s, _h, st) => st.huge * 1000, near: (_p, _s, _h, st) => st.near + 3 } }],
    };
    // small ends at 6, huge at 1e15, near at 16: huge would flatten small into its axis.
    assert.deepEqual(overlayVariables(buildChartData(simulate(scales))), ["small", "near"]);
    const alone: Model = {
      initialState: { small: 1, huge: 1 },
      timesteps: 5,
      blocks: [{ variables: { small: (_p, _s, _h, st) => st.small + 1, huge: (_p, _s, _h, st) => st.huge * 1000 } }],
    };
    assert.deepEqual(overlayVariables(buildChartData(simulate(alone))), []);
  });
});

describe("jsonSafe", () => {
  test("makes any value JSON-ready", () => {
    function f(): void {}
    assert.deepEqual(jsonSafe({ a: NaN, b: Infinity, c: 10n, d: f, e: [1, undefined], g: new Float64Array([1, NaN]), h: new Map([["k", 1]]) }), {
      a: null,
      b: null,
      c: "10",
      d: "[function f]",
      e: [1, null],
      g: [1, null],
      h: { k: 1 },
    });
  });
});
