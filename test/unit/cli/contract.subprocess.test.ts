// The contract through the real CLI, on a sample of the generated model files of the runner's property
// (test/unit/runner/fuzzModels.ts): exit codes, located messages, and outputs never truncated by a failure.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import fc from "fast-check";
import { writeChunks } from "../../../src/export/writeChunks";
import { expected, fuzzCase, modelSource } from "../runner/fuzzModels";

const root = join(__dirname, "..", "..", "..");
const SAMPLE = Number(process.env.FUZZ_CLI_RUNS ?? 16);
const folder = mkdtempSync(join(tmpdir(), "substep-cli-contract-"));
after(() => rmSync(folder, { recursive: true, force: true }));

function substep(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, "bin", "substep.js"), ...args], { cwd: folder, timeout: 120_000 }, (err, _stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      resolve({ code, stderr });
    });
  });
}

test(`the CLI on ${SAMPLE} generated model files: exit code, a located message, outputs whole or untouched`, { timeout: 5 * 60_000 }, async () => {
  const cases = fc.sample(fuzzCase, { numRuns: SAMPLE, seed: 4242 });
  for (const [i, c] of cases.entries()) {
    const file = join(folder, `cli${i}.sim.ts`);
    writeFileSync(file, modelSource(c));
    const csv = join(folder, `out${i}.csv`);
    const json = join(folder, `out${i}.json`);
    writeFileSync(csv, "OLD\n");
    writeFileSync(json, "OLD\n");
    const want = expected(c);
    const { code, stderr } = await substep(["run", file, "--out", csv, "--out", json, "--workers", "2", "--quiet", "--timeout", "100"]);
    const label = `${c.fault?.kind ?? "valid"} (${JSON.stringify(c)}): ${stderr}`;
    assert.equal(code, want.exit, label);
    if (want.exit !== 0) assert.match(stderr, new RegExp(`cli${i}\\.sim\\.ts:\\d+:\\d+: `), `${label}: names the file`);
    if (want.exit === 1) assert.match(stderr, /at simulation 0, subset \d+, run \d+, timestep \d+, substep \d+/, `${label}: names the place`);
    assert.doesNotMatch(stderr, /internal error|simulation worker|cannot write/, label);
    if (want.exit === 2) {
      // Nothing ran: the files that were there are as they were.
      assert.equal(readFileSync(csv, "utf8"), "OLD\n", label);
      assert.equal(readFileSync(json, "utf8"), "OLD\n", label);
      continue;
    }
    const rows = JSON.parse(readFileSync(json, "utf8")) as Record<string, unknown>[];
    assert.equal(rows.length, want.rows, `${label}: JSON rows`);
    assert.equal(readFileSync(csv, "utf8").trimEnd().split("\n").length, want.rows + 1, `${label}: CSV rows`);
  }
  assert.deepEqual(
    readdirSync(folder).filter((f) => f.endsWith(".tmp")),
    [],
    "no temporary files left",
  );
});

test("a write that fails part-way leaves the file that was there as it was, and no temporary file", async () => {
  const path = join(folder, "kept.csv");
  writeFileSync(path, "old content\n");
  function* chunks(): Generator<string> {
    yield "a,b\n";
    throw new Error("a cell could not be made");
  }
  await assert.rejects(writeChunks(path, chunks()), /a cell could not be made/);
  assert.equal(readFileSync(path, "utf8"), "old content\n");
  assert.deepEqual(
    readdirSync(folder).filter((f) => f.includes("kept.csv") && f !== "kept.csv"),
    [],
  );
  await writeChunks(path, ["new\n"]);
  assert.equal(readFileSync(path, "utf8"), "new\n");
});
