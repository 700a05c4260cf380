// The results folder: files named by model and run, a run writes over only its own files, and a folder that cannot
// be written is named in the error.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ResultsFolderError, resultsFolderPath, runFileBase, writeRunFiles, type RunFile } from "../../../src/extension/results/resultsFolder";

const dir = mkdtempSync(join(tmpdir(), "substep-results-folder-"));

const files = (text: string): RunFile[] => [
  { ext: "csv", chunks: () => [text] },
  { ext: "html", chunks: (base) => [`<a href="${base}.csv">`] },
];

test("the folder is relative to the model's folder, 'results' when the setting is empty", () => {
  assert.equal(resultsFolderPath("/w/models/a.sim.ts", "results"), "/w/models/results");
  assert.equal(resultsFolderPath("/w/models/a.sim.ts", " "), "/w/models/results");
  assert.equal(resultsFolderPath("/w/models/a.sim.ts", "../out"), "/w/out");
  assert.equal(resultsFolderPath("/w/models/a.sim.ts", "/data/runs"), "/data/runs");
});

test("files are named by model and run number, and the run's name when it has one", () => {
  assert.equal(runFileBase("workToken", { number: 3 }, 0), "workToken-run-3");
  assert.equal(runFileBase("workToken", { number: 3, name: "high APR / v2" }, 0), "workToken-run-3-high-APR-v2");
  assert.equal(runFileBase("workToken", undefined, Date.UTC(2026, 0, 2, 3, 4, 5)), "workToken-2026-01-02T03-04-05-000Z");
});

test("the same run writes over its own files; another run with the same name keeps its files", async () => {
  const folder = join(dir, "results");
  const first = await writeRunFiles(folder, "m-run-1", "id-a", files("a1"));
  assert.deepEqual(first, [join(folder, "m-run-1.csv"), join(folder, "m-run-1.html")]);
  assert.equal(readFileSync(join(folder, "m-run-1.html"), "utf8"), '<a href="m-run-1.csv">');
  await writeRunFiles(folder, "m-run-1", "id-a", files("a2"));
  assert.equal(readFileSync(join(folder, "m-run-1.csv"), "utf8"), "a2", "the same run again: overwritten");
  // Run 1 of another history (another workspace's, say): its own names, the first run's files untouched.
  const other = await writeRunFiles(folder, "m-run-1", "id-b", files("b"));
  assert.deepEqual(other, [join(folder, "m-run-1-id-b.csv"), join(folder, "m-run-1-id-b.html")]);
  assert.equal(readFileSync(join(folder, "m-run-1.csv"), "utf8"), "a2");
  assert.equal(readFileSync(join(folder, "m-run-1-id-b.html"), "utf8"), '<a href="m-run-1-id-b.csv">', "the report links its own CSV");
});

test("a file Substep did not write is never overwritten", async () => {
  const folder = join(dir, "mine");
  await writeRunFiles(folder, "x", "id-0", files("x"));
  writeFileSync(join(folder, "m-run-2.csv"), "a user's file");
  const paths = await writeRunFiles(folder, "m-run-2", "id-c", files("c"));
  assert.equal(readFileSync(join(folder, "m-run-2.csv"), "utf8"), "a user's file");
  assert.deepEqual(paths, [join(folder, "m-run-2-id-c.csv"), join(folder, "m-run-2-id-c.html")]);
});

test("a folder that cannot be made names itself in the error, and nothing is left behind", async () => {
  const blocker = join(dir, "a-file");
  writeFileSync(blocker, "");
  const folder = join(blocker, "results");
  await assert.rejects(writeRunFiles(folder, "m-run-1", "id-a", files("a")), (err: unknown) => {
    assert.ok(err instanceof ResultsFolderError);
    assert.ok(err.message.startsWith(`Cannot write to ${folder}: `), err.message);
    return true;
  });
  assert.deepEqual(readdirSync(dir).sort(), ["a-file", "mine", "results"]);
});
