// The stop report names each run once: a stuck run on its own located line, the runs without rows on one more.
import assert from "node:assert/strict";
import { test } from "node:test";
import { answeredRun, stopReport, type InterruptedRun } from "../../../src/runner/interrupted";

const stuck: InterruptedRun = {
  simulation: 0,
  subset: 0,
  run: 3,
  rowsKept: 0,
  stuck: true,
  place: { simulation: 0, subset: 0, run: 3, timestep: 2, substep: 2 },
  fn: "state update 'level'",
  location: { file: "model.sim.ts", line: 18, column: 16 },
};
const key = (run: number) => ({ simulation: 0, subset: 0, run });

test("a stuck run is named once: on its own line, not again among the runs with no rows kept", () => {
  const lines = stopReport({ interrupted: [stuck], missing: [key(3)] });
  assert.equal(lines.length, 1, lines.join("\n"));
  assert.match(
    lines[0]!,
    /^model\.sim\.ts:18:16: was still running when the simulation was stopped .*rows are lost\n {2}in state update 'level' at simulation 0, subset 0, run 3/,
  );
});

test("the runs that were not finished or not started besides a stuck run are still listed, without it", () => {
  const lines = stopReport({ interrupted: [stuck], missing: [key(3), key(4), key(6)] });
  assert.equal(lines.length, 2, lines.join("\n"));
  assert.equal(lines[1], "no rows kept of simulation 0, subset 0, runs 4, 6 (not finished or not started)");
});

test("a run of the same number in another subset is not taken for the stuck run", () => {
  const lines = stopReport({ interrupted: [stuck], missing: [{ simulation: 0, subset: 1, run: 3 }] });
  assert.equal(lines[1], "no rows kept of simulation 0, subset 1, run 3 (not finished or not started)");
});

test("a partial run (its worker answered) keeps its line; missing runs are listed as before", () => {
  const lines = stopReport({ interrupted: [answeredRun(key(2), 25, 1)], missing: [key(3)] });
  assert.deepEqual(lines, [
    "simulation 0, subset 0, run 2 stopped after timestep 24: its 25 rows so far (timesteps 0–24) are kept, a partial run",
    "no rows kept of simulation 0, subset 0, run 3 (not finished or not started)",
  ]);
});
