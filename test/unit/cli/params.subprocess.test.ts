// The `substep` command and parameter subsets: the summary names each subset by its APR, the CSV has the APR as
// a column, and JSON rows stay cadCAD's unless --params-columns asks for the parameters.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const root = join(__dirname, "..", "..", "..");
const dir = mkdtempSync(join(tmpdir(), "substep-params-"));
const model = "test/fixtures/models/stakingSweep.sim.ts";

function substep(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, "bin", "substep.js"), ...args], { encoding: "utf8", cwd: root });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test("a swept model: the summary's groups are named by parameter value, the CSV carries the parameter", () => {
  const csv = join(dir, "sweep.csv");
  const json = join(dir, "sweep.json");
  const r = substep("run", model, "--out", csv, "--out", json);
  assert.equal(r.code, 0, r.stderr);
  const titles = r.stdout.split("\n").filter((l) => l.startsWith("Final values"));
  assert.deepEqual(titles, ["Final values, apr = 0.05, timestep 52", "Final values, apr = 0.1, timestep 52", "Final values, apr = 0.2, timestep 52"]);
  const lines = readFileSync(csv, "utf8").trimEnd().split("\n");
  assert.equal(lines[0], "staked,rewards,simulation,subset,run,timestep,substep,apr");
  const aprs = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const cells = line.split(",");
    aprs.set(`${cells[3]}:${cells[7]}`, (aprs.get(`${cells[3]}:${cells[7]}`) ?? 0) + 1);
  }
  assert.deepEqual(
    [...aprs],
    [
      ["0:0.05", 106],
      ["1:0.1", 106],
      ["2:0.2", 106],
    ],
    "every row of a subset has its APR",
  );
  const rows = JSON.parse(readFileSync(json, "utf8")) as Record<string, unknown>[];
  assert.deepEqual(Object.keys(rows[0]!), ["staked", "rewards", "simulation", "subset", "run", "timestep", "substep"], "JSON rows as cadCAD's");
});

test("--params-columns adds the parameters to JSON rows", () => {
  const json = join(dir, "params.json");
  const r = substep("run", model, "-q", "--params-columns", "--out", json);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(readFileSync(json, "utf8")) as Record<string, unknown>[];
  assert.deepEqual(
    [0, 106, 212].map((i) => [rows[i]!.subset, rows[i]!.apr]),
    [
      [0, 0.05],
      [1, 0.1],
      [2, 0.2],
    ],
  );
});
