// `substep run --timeout` on a model stuck in its last run: the earlier runs' rows are written and the stuck place printed.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const root = join(__dirname, "..", "..", "..");
const dir = mkdtempSync(join(tmpdir(), "substep-cli-keep-"));

test("--timeout on a model that loops in its last run writes the rows of the runs before it and says where it was stuck", () => {
  const out = join(dir, "kept.csv");
  const model = join("test", "fixtures", "models", "keepLoopsInRun3.sim.ts");
  // Generous: loading and starting the workers must fit in the timeout on a busy machine.
  const r = spawnSync(process.execPath, [join(root, "bin", "substep.js"), "run", model, "--timeout", "4", "--workers", "1", "--out", out, "--quiet"], {
    encoding: "utf8",
    cwd: root,
  });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(
    r.stderr,
    [
      "substep: the simulation did not finish within 4 s (--timeout): stopped; kept the rows of the 2 of 3 runs that had finished (22 rows)",
      "substep: test/fixtures/models/keepLoopsInRun3.sim.ts:18:16: was still running when the simulation was stopped (does it loop forever?); its worker was stopped, so this run's rows are lost",
      "  in state update 'level' at simulation 0, subset 0, run 3, timestep 2, substep 2 (block 'fill')",
      "",
    ].join("\n"),
  );
  const lines = readFileSync(out, "utf8").trim().split("\n");
  assert.equal(lines[0], "level,inflow,simulation,subset,run,timestep,substep");
  const runs = lines.slice(1).map((l) => l.split(",")[4]);
  assert.deepEqual([...new Set(runs)], ["1", "2"]);
  assert.equal(runs.length, 22, "runs 1 and 2 complete: 11 rows each");
});
