// The `substep` command and run warnings: located lines on stderr, a count past the first few, exit 0
// unless --strict, the outputs written either way; the cadCAD tuple as a located run error.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const root = join(__dirname, "..", "..", "..");
const dir = mkdtempSync(join(tmpdir(), "substep-warn-"));
const misspelt = "test/fixtures/models/misspeltParam.sim.ts";

function substep(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, "bin", "substep.js"), ...args], { encoding: "utf8", cwd: root });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The line of `marker` in a fixture, 1-based. */
const lineOf = (file: string, marker: string): number =>
  readFileSync(join(root, file), "utf8")
    .split("\n")
    .findIndex((l) => l.includes(marker)) + 1;

test("a NaN model: located warnings on stderr, one entry per variable across runs, exit 0, outputs written", () => {
  const csv = join(dir, "nan.csv");
  const html = join(dir, "nan.html");
  const r = substep("run", join(root, misspelt), "--out", csv, "--out", html);
  assert.equal(r.code, 0, r.stderr);
  const line = lineOf(misspelt, "// <- tokens");
  assert.deepEqual(r.stderr.trimEnd().split("\n"), [
    `substep: ${misspelt}:${line}:17: warning: 'tokens' became NaN (was 101) in state update 'tokens'`,
    "  at simulation 0, subset 0, run 1, timestep 1, substep 2 (block 'stake'), and the same in 2 more runs",
    `substep: ${misspelt}:${line + 1}:17: warning: 'staked' became NaN (was 11.01) in state update 'staked'`,
    "  at simulation 0, subset 0, run 1, timestep 2, substep 2 (block 'stake'), and the same in 2 more runs",
  ]);
  const rows = readFileSync(csv, "utf8").trimEnd().split("\n");
  assert.equal(rows.length, 1 + 3 * 11, "the rows stay as the model made them");
  assert.equal(rows[3], "NaN,11.01,0,0,1,1,2,52", "then the parameter epochs_per_year as a column");
  assert.match(readFileSync(html, "utf8"), /<h2>6 warnings<\/h2>[\s\S]*warning: &#39;tokens&#39; became NaN \(was 101\)/);
});

test("--strict: exit 1 after writing the outputs; -q keeps the warnings; --stats counts them", () => {
  const json = join(dir, "strict.json");
  const stats = join(dir, "strict-stats.json");
  const r = substep("run", join(root, misspelt), "--strict", "-q", "--out", json, "--stats", stats);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /warning: 'tokens' became NaN \(was 101\) in state update 'tokens'/);
  assert.match(r.stderr, /substep: --strict: 6 warnings, so the exit code is 1\n$/);
  assert.equal((JSON.parse(readFileSync(json, "utf8")) as unknown[]).length, 33);
  assert.equal(JSON.parse(readFileSync(stats, "utf8")).warnings, 6);
});

test("many distinct warnings: the first three in full, then one line counting the rest and their runs", () => {
  const model = join(root, "test", "fixtures", "models", "manyNaNs.sim.ts");
  const r = substep("run", model, "-q");
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 7);
  assert.match(lines[0]!, /warning: 'a' became NaN \(was 1\) in state update 'a'$/);
  assert.match(lines[4]!, /warning: 'c' became Infinity/);
  assert.equal(lines[6], "substep: and 4 more warnings (2 runs)");
});

test("an update returning a cadCAD (key, value) tuple: exit 1, a located error naming both keys", () => {
  const file = "test/fixtures/models/tupleReturn.sim.ts";
  const r = substep("run", join(root, file));
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    `substep: ${file}:${lineOf(file, "// <- box_A")}:16: returned ["box_B", 1], a cadCAD (key, value) tuple (its key 'box_B' is not ` +
      "this update's name 'box_A'): Substep stores what an update returns under the name it is registered as ('box_A'); " +
      "return the value itself (1)\n  in state update 'box_A' at simulation 0, subset 0, run 1, timestep 1, substep 1\n",
  );
});
