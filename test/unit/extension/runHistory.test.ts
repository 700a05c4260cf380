// The run history on a real temporary folder: runs kept with what reproduces them, the bound per model
// (pinned runs stay), rename, pin, delete, a model file renamed, and an index that cannot be read.
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, test } from "node:test";
import { simulate } from "../../../src/engine";
import { RunHistory, type NewEntry } from "../../../src/extension/results/runHistory";
import type { StoredResult } from "../../../src/extension/results/storedResultFile";
import { workTokenModel } from "../helpers";

let folder: string;
let logged: string[];
let max: number;
const history = () =>
  new RunHistory(
    folder,
    (line) => logged.push(line),
    () => max,
  );

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "substep-history-"));
  logged = [];
  max = 20;
});
afterEach(() => rm(folder, { recursive: true, force: true }));

function facts(file: string, seed: number, startedAt = 1_000 + seed): NewEntry {
  return {
    file,
    title: "WORK token distribution",
    dimensions: "3 runs × 5 steps",
    seed,
    overrides: { seed, timesteps: 5 },
    modelHash: "abc",
    engineVersion: "0.0.1",
    startedAt,
    durationMs: 12,
    rows: 33,
    engineMs: 1,
    status: "done",
  };
}

function result(file: string, seed: number): StoredResult {
  return {
    file,
    results: simulate(workTokenModel({ timesteps: 5 }), { overrides: { seed } }),
    seed,
    engineMs: 1,
    finishedAt: 2_000,
    cancelled: false,
    errors: [],
    overrides: { seed, timesteps: 5 },
  };
}

test("a run is kept with its options, seed, engine version and results, and read back by a new history", async () => {
  const h = history();
  const entry = await h.add(facts("/w/a.sim.ts", 7), result("/w/a.sim.ts", 7));
  assert.equal(entry.number, 1);
  assert.equal(entry.hasResult, true);
  const again = history();
  const [read] = await again.entries();
  assert.deepEqual(read, entry);
  const stored = await again.result(entry.id);
  assert.ok(stored);
  assert.equal(stored.historyId, entry.id);
  assert.deepEqual(stored.overrides, { seed: 7, timesteps: 5 });
  assert.deepEqual(stored.results.rows(), result("/w/a.sim.ts", 7).results.rows());
});

test("a run without results (its model failed to load) is listed, and has no result", async () => {
  const h = history();
  const entry = await h.add({ ...facts("/w/a.sim.ts", 1), status: "failed", message: "a.sim.ts:3: bad" });
  assert.equal(entry.hasResult, false);
  assert.equal(await h.result(entry.id), undefined);
  assert.equal(await h.latestWithResult("/w/a.sim.ts"), undefined);
});

test("beyond the bound the oldest unpinned run of that model goes, with a line in the log; other models keep theirs", async () => {
  max = 2;
  const h = history();
  const first = await h.add(facts("/w/a.sim.ts", 1), result("/w/a.sim.ts", 1));
  const second = await h.add(facts("/w/a.sim.ts", 2), result("/w/a.sim.ts", 2));
  await h.update(first.id, { pinned: true });
  await h.add(facts("/w/b.sim.ts", 9), result("/w/b.sim.ts", 9));
  const third = await h.add(facts("/w/a.sim.ts", 3), result("/w/a.sim.ts", 3));
  // Three runs of a.sim.ts, one pinned: the oldest unpinned one (run 2) goes.
  assert.deepEqual(
    (await h.entries()).filter((e) => e.file === "/w/a.sim.ts").map((e) => e.id),
    [third.id, first.id],
  );
  assert.equal(logged.length, 1);
  assert.match(logged[0]!, new RegExp(`removed run ${second.number} of WORK token distribution .*maxRunsPerModel keeps the newest 2 runs`));
  const fourth = await h.add(facts("/w/a.sim.ts", 4), result("/w/a.sim.ts", 4));
  const kept = (await h.entries()).filter((e) => e.file === "/w/a.sim.ts").map((e) => e.id);
  assert.deepEqual(kept, [fourth.id, first.id], "the pinned first run stays; the oldest unpinned one goes");
  assert.equal(logged.length, 2);
  assert.match(logged[1]!, new RegExp(`removed run ${third.number} of`));
  assert.equal((await h.entries()).filter((e) => e.file === "/w/b.sim.ts").length, 1);
  // The evicted runs' result files are gone from disk.
  const bins = (await readdir(folder)).filter((f) => f.endsWith(".bin")).sort();
  assert.deepEqual(
    bins,
    [first.id, fourth.id, ...(await h.entries()).filter((e) => e.file === "/w/b.sim.ts").map((e) => e.id)].map((id) => `${id}.bin`).sort(),
  );
});

test("rename, pin and delete change the index on disk; delete removes the results", async () => {
  const h = history();
  const older = await h.add(facts("/w/a.sim.ts", 1), result("/w/a.sim.ts", 1));
  const newer = await h.add(facts("/w/a.sim.ts", 2), result("/w/a.sim.ts", 2));
  await h.update(older.id, { name: "baseline", pinned: true });
  let read = await history().find(older.id);
  assert.equal(read?.name, "baseline");
  assert.equal(read?.pinned, true);
  await h.update(older.id, { name: "  ", pinned: false });
  read = await history().find(older.id);
  assert.equal(read?.name, undefined);
  assert.equal(read?.pinned, undefined);
  assert.equal(await h.remove(newer.id), true);
  assert.equal((await h.latestWithResult("/w/a.sim.ts"))?.id, older.id);
  assert.equal(await history().result(newer.id), undefined);
  assert.equal(await h.remove(newer.id), false);
});

test("a renamed model file's runs follow it", async () => {
  const h = history();
  const entry = await h.add(facts("/w/models/a.sim.ts", 1), result("/w/models/a.sim.ts", 1));
  await h.renameFile((file) => (file.startsWith("/w/models/") ? `/w/moved/${file.slice("/w/models/".length)}` : undefined));
  const again = history();
  assert.equal((await again.latestWithResult("/w/moved/a.sim.ts"))?.id, entry.id);
  assert.equal((await again.result(entry.id))?.file, "/w/moved/a.sim.ts");
});

test("two runs ending together are both kept", async () => {
  const h = history();
  await Promise.all([1, 2, 3, 4].map((seed) => h.add(facts("/w/a.sim.ts", seed), result("/w/a.sim.ts", seed))));
  const again = await history().entries();
  assert.deepEqual(again.map((e) => e.number).sort(), [1, 2, 3, 4]);
});

test("an index that cannot be read is moved aside, said in the log, and a new one begun", async () => {
  await writeFile(join(folder, "index.json"), "{ not json");
  const h = history();
  assert.deepEqual(await h.entries(), []);
  assert.equal(logged.length, 1);
  assert.match(logged[0]!, /index of runs could not be read .*moved to .*index\.json\.unreadable-/);
  const aside = (await readdir(folder)).find((f) => f.startsWith("index.json.unreadable-"));
  assert.ok(aside);
  assert.equal(await readFile(join(folder, aside), "utf8"), "{ not json");
  await h.add(facts("/w/a.sim.ts", 1), result("/w/a.sim.ts", 1));
  assert.equal((await history().entries()).length, 1);
});
