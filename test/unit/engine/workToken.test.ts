// The WORK token example: shape of the results, exact deterministic values, and the random impact's statistics.
import assert from "node:assert/strict";
import { test } from "node:test";
import { simulate } from "../../../src/engine";
import { workTokenModel } from "../helpers";

test("315 rows, laid out as cadCAD lays them out", () => {
  const rows = [...simulate(workTokenModel()).rows()];
  assert.equal(rows.length, 315);
  assert.deepEqual(rows[0], {
    tokens: 1,
    weekly_token_minting: 100,
    community_treasury: 0,
    contributors: { token_balance: 0 },
    simulation: 0,
    subset: 0,
    run: 1,
    timestep: 0,
    substep: 0,
  });
  assert.deepEqual(
    rows.filter((r) => r.timestep === 0).map((r) => r.run),
    [1, 2, 3],
  );
  for (const r of rows.filter((r) => r.timestep === 52)) {
    assert.equal(r.tokens, 5201);
    assert.equal(r.community_treasury, 5200);
  }
});

test("each run's contributor balance grows on its own, by 1..10 per week", () => {
  const rows = [...simulate(workTokenModel()).rows()];
  const finals = new Set<number>();
  for (let run = 1; run <= 3; run++) {
    const mine = rows.filter((r) => r.run === run && r.substep !== 1);
    for (let i = 1; i < mine.length; i++) {
      const step = (mine[i]!.contributors as { token_balance: number }).token_balance - (mine[i - 1]!.contributors as { token_balance: number }).token_balance;
      assert.ok(step >= 1 && step <= 10 && Number.isInteger(step), `run ${run} step ${i}: ${step}`);
    }
    finals.add((mine[mine.length - 1]!.contributors as { token_balance: number }).token_balance);
  }
  assert.equal(finals.size, 3, "three runs with the same final balance: runs are not independent");
});

test("mean impact over many runs is 5.5 within a tight interval", () => {
  const runs = 2000;
  const results = simulate(workTokenModel({ runs }));
  let sum = 0;
  for (const run of results.runs) {
    const col = run.columns[3]!;
    assert.equal(col.kind, "record");
    if (col.kind === "record") sum += col.values[0]![run.rows - 1]!;
  }
  const mean = sum / (runs * 52);
  // randint(1, 10): variance 8.25; over 104,000 draws the standard error is 0.0089: ±0.04 is 4.5 sigma.
  assert.ok(Math.abs(mean - 5.5) < 0.04, `mean impact ${mean}`);
});
