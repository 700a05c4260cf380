// Comparing results: combined into one (each input a named simulation) and their final values side by side.
import assert from "node:assert/strict";
import { test } from "node:test";
import { combineResults, compareFinals, distinctLabels, simulate, type Model } from "../../../src/engine";
import { buildChartData } from "../../../src/shared/chartData";
import { comparisonTable, differenceText, renderComparisonText } from "../../../src/export/compareText";
import { csvChunks } from "../../../src/export/csv";

const noisy = (params: Record<string, unknown[]> = { apr: [0.1] }): Model => ({
  initialState: { balance: 100, pool: { size: 1 } },
  params,
  timesteps: 5,
  runs: 3,
  blocks: [
    {
      variables: {
        balance: (p, _s, _h, state, _i, ctx) => state.balance * (1 + (p.apr as number)) + ctx.random(),
        pool: (_p, _s, _h, state) => ({ size: state.pool.size + 1 }),
      },
    },
  ],
});

test("two seeds of one model line up number by number, with the difference from the first", () => {
  const a = simulate(noisy(), { overrides: { seed: 1 } });
  const b = simulate(noisy(), { overrides: { seed: 2 } });
  const c = compareFinals([
    { label: "seed 1", results: a },
    { label: "seed 2", results: b },
  ]);
  assert.deepEqual(c.labels, ["seed 1", "seed 2"]);
  assert.deepEqual(
    c.rows.map((r) => r.name),
    ["balance", "pool.size"],
  );
  const mean = (results: typeof a): number => {
    const finals = results.runs.map((r) => results.finalValues(r).get("balance")!);
    return finals.reduce((x, y) => x + y, 0) / finals.length;
  };
  const balance = c.rows[0]!;
  assert.equal(balance.means[0], mean(a));
  assert.equal(balance.means[1], mean(b));
  assert.notEqual(balance.means[0], balance.means[1], "other seeds, other draws");
  assert.equal(balance.differences[1], mean(b) - mean(a));
  assert.equal(balance.relative[1], (mean(b) - mean(a)) / mean(a));
  assert.deepEqual(balance.runs, [3, 3]);
  const size = c.rows[1]!;
  assert.deepEqual(
    [size.means, size.differences, size.relative],
    [
      [6, 6],
      [0, 0],
      [0, 0],
    ],
  );
});

test("subsets line up by their parameters; a subset only one side has is blank on the other", () => {
  const a = simulate(noisy({ apr: [0.1, 0.2] }));
  const b = simulate(noisy({ apr: [0.2, 0.3] }));
  const c = compareFinals([
    { label: "A", results: a },
    { label: "B", results: b },
  ]);
  const balance = c.rows.filter((r) => r.name === "balance");
  assert.deepEqual(
    balance.map((r) => r.group),
    ["apr = 0.1", "apr = 0.2", "apr = 0.3"],
  );
  assert.equal(balance[0]!.means[1], null);
  assert.equal(balance[0]!.differences[1], null);
  assert.equal(balance[2]!.means[0], null);
  // apr = 0.2 is subset 1 of A and subset 0 of B: the same seed draws differ by subset, so only the group matches.
  assert.ok(balance[1]!.means[0] !== null && balance[1]!.means[1] !== null);
  const table = comparisonTable(c);
  assert.deepEqual(table.header, ["variable", "subset", "A", "B", "B − A"]);
  assert.deepEqual(table.rows[0]!.slice(0, 2), ["balance", "apr = 0.1"]);
  assert.equal(table.rows[0]![3], "—");
  assert.equal(table.rows[0]![4], "—");
});

test("combined results name each input: chart groups, legends and the table's simulation column tell them apart", () => {
  const a = simulate(noisy({ apr: [0.1, 0.2] }), { overrides: { seed: 1 } });
  const b = simulate(noisy({ apr: [0.1, 0.2] }), { overrides: { seed: 2 } });
  const combined = combineResults([
    { label: "run 1", results: a },
    { label: "run 2", results: b },
  ]);
  assert.deepEqual(
    combined.simulations.map((s) => [s.simulation, s.name]),
    [
      [0, "run 1"],
      [1, "run 2"],
    ],
  );
  assert.equal(combined.rowCount, a.rowCount + b.rowCount);
  assert.deepEqual(
    buildChartData(combined).groups.map((g) => g.label),
    ["run 1 · apr = 0.1", "run 1 · apr = 0.2", "run 2 · apr = 0.1", "run 2 · apr = 0.2"],
  );
  const rows = [...combined.rows()];
  assert.deepEqual(rows[0], { ...[...a.rows()][0], simulation: 0 });
  assert.deepEqual(rows[a.rowCount], { ...[...b.rows()][0], simulation: 1 });
  // The inputs are not changed.
  assert.ok(a.runs.every((r) => r.simulation === 0) && b.runs.every((r) => r.simulation === 0));
});

test("texts: signed differences with their share, repeated labels numbered, the terminal table aligned", () => {
  assert.equal(differenceText(12.5, 0.0412), "+12.5 (+4.12%)");
  assert.equal(differenceText(-3, -1), "−3 (−100%)");
  assert.equal(differenceText(0, 0), "0");
  assert.equal(differenceText(null, null), "—");
  assert.equal(differenceText(2, null), "+2");
  assert.deepEqual(distinctLabels(["a.sim.ts", "a.sim.ts", "b"]), ["a.sim.ts", "a.sim.ts (2)", "b"]);
  const text = renderComparisonText({
    labels: ["A", "B"],
    rows: [{ name: "tokens", group: "", means: [100, 110], runs: [3, 3], differences: [0, 10], relative: [0, 0.1] }],
  });
  assert.equal(
    text,
    ["variable    A    B       B − A", "tokens    100  110  +10 (+10%)", "", "Mean final value over each run's Monte Carlo runs. Differences are from A."].join(
      "\n",
    ),
  );
});

test("combined CSV rows say whose each row is, in a column before the metadata", () => {
  const combined = combineResults([
    { label: "seed 1", results: simulate(noisy(), { overrides: { seed: 1, timesteps: 1, runs: 1 } }) },
    { label: "seed 2", results: simulate(noisy(), { overrides: { seed: 2, timesteps: 1, runs: 1 } }) },
  ]);
  const lines = [...csvChunks(combined, { nameColumn: "input" })].join("").trimEnd().split("\n");
  assert.equal(lines[0], "balance,pool.size,input,simulation,subset,run,timestep,substep,apr");
  assert.deepEqual(
    lines.slice(1).map((l) => l.split(",").slice(2, 4).join(",")),
    ["seed 1,0", "seed 1,0", "seed 2,1", "seed 2,1"],
  );
  const taken = [...csvChunks(combined, { nameColumn: "balance" })].join("").split("\n")[0];
  assert.equal(taken, "balance,pool.size,_balance,simulation,subset,run,timestep,substep,apr", "a column's name is not reused");
});
