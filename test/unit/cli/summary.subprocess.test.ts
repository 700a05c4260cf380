// The summary `substep run` prints: its heading says the timestep the values are at, and it stays short.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

const root = join(__dirname, "..", "..", "..");
const fixtures = join("test", "fixtures", "models");

function substep(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, "bin", "substep.js"), "run", ...args], { encoding: "utf8", cwd: root });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The line of the summary that heads the final values. */
function heading(stdout: string): string {
  const line = stdout.split("\n").find((l) => l.startsWith("Final values"));
  assert.ok(line, stdout);
  return line;
}

test("after a failure the heading names the timestep the run ended at, not the model's last", () => {
  // Run 1 throws at timestep 4: its rows are timesteps 0–3; run 2 is not run.
  const r = substep(join(fixtures, "throws.sim.ts"));
  assert.equal(r.code, 1, r.stderr);
  assert.equal(heading(r.stdout), "Final values, timestep 3 of 6, where the run ended early (capacity=10)");
  assert.match(r.stdout, /\n {2}1 +9 +3\n/);
  assert.match(r.stdout, /\(1 of 2 runs has no rows: not shown\)/);
});

test("runs that ended at different timesteps: each run's last timestep is shown beside its values", () => {
  // Runs 1 and 2 finish (timestep 10); run 3 fails at timestep 4, so it ends at 3; runs 4–12 are not run.
  const r = substep(join(fixtures, "keepFailsInRun3.sim.ts"));
  assert.equal(r.code, 1, r.stderr);
  assert.equal(heading(r.stdout), "Final values, each run's last computed timestep: 1 of 3 runs ended early (crash=false)");
  assert.match(r.stdout, /\n {2}run +timestep +x\n {2}1 +10 +10\n {2}2 +10 +20\n {2}3 +3 +9\n/);
});

test("after a --timeout stop the heading says the runs ended early and where", () => {
  // Runs 1–5 finish at once; run 6 takes 4 s, so the stop finds it part-way (the rest are not started).
  const r = substep(join(fixtures, "keepSlowAfterFive.sim.ts"), "--workers", "1", "--timeout", "2");
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /did not finish within 2 s/);
  assert.equal(heading(r.stdout), "Final values, each run's last computed timestep: 1 of 6 runs ended early");
  const run6 = /\n {2}6 +(\d+) +(\d+)\n/.exec(r.stdout);
  assert.ok(run6, r.stdout);
  assert.ok(Number(run6[1]) < 100 && run6[1] === run6[2], `run 6 ends before timestep 100: ${run6[0]}`);
  assert.doesNotMatch(r.stdout, /timestep 100\b/);
});

test("a state of 200 agents is summarised per variable and field in a few lines", () => {
  const r = substep(join(fixtures, "manyAgents.sim.ts"));
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  assert.ok(lines.length < 40, `${lines.length} lines:\n${r.stdout}`);
  assert.equal(heading(r.stdout), "Final values, timestep 5");
  // Balances start at 1..200 and gain 1 a timestep: 6..205 in every run.
  // mean, sd, min, p5, p50, p95, max over the runs (a record's field pooled over its keys).
  assert.match(r.stdout, /\n {2}variable +mean +sd +min +p5 +p50 +p95 +max\n/);
  assert.match(r.stdout, /\n {2}agents\.\*\.balance \(200\) +105\.5 +57\.7825 +6 +15\.95 +105\.5 +195\.05 +205\n/);
  assert.match(r.stdout, /\n {2}agents\.\*\.stake \(200\) +2\.5 +0 +2\.5 +2\.5 +2\.5 +2\.5 +2\.5\n/);
  assert.match(r.stdout, /\n {2}supply +1000 +0 +1000 +1000 +1000 +1000 +1000\n/);
  assert.doesNotMatch(r.stdout, /agent7/, "no line per agent");
  assert.match(r.stdout, /\n {2}names \(run 1\): \{"agent1":"name 1",/);
  assert.match(r.stdout, /\n {2}day \(run 1\): monday\n/);
});

test("many variables: at most a dozen lines of them, then how many more and that --out has them all", () => {
  const r = substep(join(fixtures, "manyVariables.sim.ts"));
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.split("\n").filter((l) => /^ {2}v\d+ /.test(l));
  assert.equal(rows.length, 12, r.stdout);
  assert.match(r.stdout, /\n {2}… and 38 more: --out writes every variable\n/);
});
