// The header's texts in plain Node: the Runs fact of a simulation that ended early, the warnings' line,
// the type errors it ran with.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ResultsHeader } from "../../../src/shared/protocol";
import { facts, locationText, typeErrorsText, warningLine, warningsTitle } from "../../../webview/panel/headerText";

const header: ResultsHeader = {
  title: "M",
  file: "m.sim.ts",
  path: "/w/m.sim.ts",
  simulations: 1,
  subsets: 1,
  runs: 60,
  runsKept: 60,
  timesteps: 10,
  blocks: 2,
  rows: 1260,
  seed: 1,
  engineMs: 1,
  finishedAt: 0,
  errors: [],
  cancelled: false,
  warningCount: 0,
  warnings: [],
  typeErrors: 0,
};

const runs = (h: ResultsHeader) => facts(h).find(([label]) => label === "Runs")?.[1];

test("Runs: the planned count for a complete simulation; 'kept of planned' for one that ended early", () => {
  assert.equal(runs(header), "60");
  assert.equal(runs({ ...header, runsKept: 2, errors: ["boom"] }), "2 of 60", "a failure in run 2 of 60 does not claim 60 runs");
  assert.equal(runs({ ...header, runs: 1200, runsKept: 7, cancelled: true }), "7 of 1,200");
});

test("the warnings' line: count, message, place and the other runs; the link names file, line and column", () => {
  assert.equal(warningsTitle(6), "⚠ 6 warnings");
  assert.equal(warningsTitle(1), "⚠ 1 warning");
  const w = { message: "'tokens' became NaN (was 101) in state update 'tokens'", place: "run 1, timestep 1, substep 2", otherRuns: 2 };
  assert.equal(warningLine(w), "'tokens' became NaN (was 101) in state update 'tokens' at run 1, timestep 1, substep 2, and 2 more runs");
  assert.equal(warningLine({ ...w, otherRuns: 1 }), "'tokens' became NaN (was 101) in state update 'tokens' at run 1, timestep 1, substep 2, and 1 more run");
  assert.equal(warningLine({ ...w, otherRuns: 0 }), "'tokens' became NaN (was 101) in state update 'tokens' at run 1, timestep 1, substep 2");
  assert.equal(locationText({ file: "/w/misspelt.sim.ts", display: "misspelt.sim.ts", line: 19, column: 17 }), "misspelt.sim.ts:19:17");
});

test("type errors: 'ran with 2 type errors', nothing without any", () => {
  assert.equal(typeErrorsText(2), "ran with 2 type errors");
  assert.equal(typeErrorsText(1), "ran with 1 type error");
  assert.equal(typeErrorsText(0), undefined);
});

test("an overridden value names the model's own beside it; a run from the history is named, and an older one says so", () => {
  const overridden = facts({ ...header, runs: 600, runsKept: 600, timesteps: 20, seed: 7, declared: { runs: 60, timesteps: 52, seed: 1, params: ["apr"] } });
  const get = (label: string) => overridden.find(([l]) => l === label)?.[1];
  assert.deepEqual([get("Runs"), get("Timesteps"), get("Seed"), get("Overridden")], ["600 (model: 60)", "20 (model: 52)", "7 (model: 1)", "apr"]);
  assert.equal(runs(header), "60", "nothing overridden: no note");
  assert.equal(facts({ ...header, runName: "baseline", older: true })[0]?.join(": "), "Run: baseline (a newer run exists)");
});

test("a comparison's facts: how many runs are compared, no one seed (each run's is in its own line)", () => {
  const labels = (h: ResultsHeader) => facts(h).map(([label]) => label);
  const compared = { ...header, simulations: 2, comparedRuns: 2 };
  assert.deepEqual(facts(compared)[0], ["Compared", "2 runs"]);
  assert.ok(!labels(compared).includes("Seed") && !labels(compared).includes("Simulations"), labels(compared).join(", "));
  assert.ok(labels(header).includes("Seed"));
});
