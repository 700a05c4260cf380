// Runs over worker threads: identical results for any worker count, prompt cancellation, bounded memory.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ModelError, Results, planRuns } from "../../../src/engine";
import { bundleModelFile } from "../../../src/loader";
import { CancelledError, WorkerPool, planWorkers, runBundle } from "../../../src/runner/pool";
import { ModelSession } from "../../../src/runner/session";

const root = join(__dirname, "..", "..", "..");
const example = join(root, "examples", "workToken.sim.ts");

test("1, 2 and 3 workers and the calling thread give identical rows", async () => {
  const bundle = await bundleModelFile(example);
  const overrides = { runs: 7, timesteps: 30 };
  const session = new ModelSession(bundle, overrides);
  const expected = [...new Results(session.simulations, session.run(planRuns(session.models))).rows()];
  assert.equal(expected.length, 7 * 61);
  for (const workers of [1, 2, 3]) {
    const outcome = await runBundle(bundle, { overrides, workers });
    assert.equal(outcome.workers, workers);
    assert.deepEqual([...outcome.results.rows()], expected, `${workers} workers`);
  }
});

test("a warm pool reuses its workers and still gives the same rows", async () => {
  const bundle = await bundleModelFile(example);
  const pool = new WorkerPool();
  try {
    const first = await pool.run(bundle, { workers: 2 });
    const second = await pool.run(bundle, { workers: 2, overrides: { seed: 42 } });
    assert.deepEqual([...second.results.rows()], [...first.results.rows()]);
    const third = await pool.run(bundle, { workers: 2, overrides: { seed: 43 } });
    assert.notDeepEqual([...third.results.rows()], [...first.results.rows()]);
  } finally {
    pool.dispose();
  }
});

test("describe gives the model's own runs, timesteps and seed without running it, and keeps its worker warm", async () => {
  const bundle = await bundleModelFile(example);
  const pool = new WorkerPool();
  try {
    const [info] = await pool.describe(bundle);
    assert.equal(info!.name, "WORK token distribution");
    assert.deepEqual([info!.runs, info!.timesteps, info!.seed], [3, 52, 42]);
    const outcome = await pool.run(bundle, { workers: 1 });
    assert.equal(outcome.results.rowCount, 315);
  } finally {
    pool.dispose();
  }
});

test("validate runs a dry run in a worker: problems with their place, and the blocks as loaded with the signals seen", async () => {
  const pool = new WorkerPool();
  try {
    const good = await pool.validate(await bundleModelFile(example), { timesteps: 1, runs: 1 });
    assert.deepEqual(good.errors, []);
    assert.deepEqual(
      good.loaded?.[0]?.blocks.map((b) => [b.label, b.policies.map((p) => `${p.name}: ${(p.signals ?? []).join(", ")}`), b.updates]),
      [
        ["mint", ["mint_tokens: minted_tokens"], ["tokens", "community_treasury"]],
        ["work", ["do_work: impact"], ["contributors"]],
      ],
    );
    const broken = await pool.validate(await bundleModelFile(join(root, "test", "e2e", "workspace", "broken.sim.ts")), { timesteps: 1, runs: 1 });
    assert.equal(broken.loaded, undefined);
    assert.match(broken.errors[0]!.message, /tokenz/);
    assert.equal(broken.errors[0]!.location?.line, 18);
    // A stuck dry run is stopped by its signal.
    const forever = pool.validate(
      await bundleModelFile(join(root, "test", "fixtures", "runner", "forever.sim.ts")),
      { timesteps: 3, runs: 1 },
      AbortSignal.timeout(500),
    );
    await assert.rejects(forever, CancelledError);
  } finally {
    pool.dispose();
  }
});

test("progress is reported and reaches the total", async () => {
  const bundle = await bundleModelFile(example);
  let last = [0, 0];
  await runBundle(bundle, { workers: 2, overrides: { runs: 40, timesteps: 2000 }, onProgress: (done, total) => (last = [done, total]) });
  assert.deepEqual(last, [40 * 4001, 40 * 4001]);
});

test("cancelling stops a model stuck in an infinite loop at once, whether it is loading or running", async () => {
  const bundle = await bundleModelFile(join(root, "test", "fixtures", "runner", "forever.sim.ts"));
  const controller = new AbortController();
  let abortedAt = 0;
  // Abort once the model has loaded and its runs are stuck; the time that counts is from abort to settled.
  const outcome = await runBundle(bundle, {
    workers: 2,
    signal: controller.signal,
    onPlan: () =>
      setTimeout(() => {
        abortedAt = Date.now();
        controller.abort();
      }, 300),
  }).then(
    (o) => (o.cancelled ? "cancelled" : "finished"),
    (err: unknown) => (err instanceof CancelledError ? "cancelled while loading" : `failed: ${String(err)}`),
  );
  assert.match(outcome, /^cancelled/);
  assert.ok(abortedAt > 0 && Date.now() - abortedAt < 1000, `settled ${Date.now() - abortedAt} ms after the abort`);
});

test("a model that allocates without end is stopped by the worker's heap limit", async () => {
  const bundle = await bundleModelFile(join(root, "test", "fixtures", "runner", "hungry.sim.ts"));
  const outcome = await runBundle(bundle, { workers: 1, resourceLimits: { maxOldGenerationSizeMb: 64 } });
  const [error] = outcome.results.errors;
  assert.ok(error, "an error is reported");
  assert.match(error.message, /ran out of memory \(limit 64 MB\)/);
  assert.equal(error.place?.run, 1);
  // Once, on the run that was running: the batch queued behind it never started.
  const four = await runBundle(bundle, { workers: 1, overrides: { runs: 4 }, resourceLimits: { maxOldGenerationSizeMb: 64 } });
  assert.deepEqual(
    four.results.errors.map((e) => e.place?.run),
    [1],
  );
});

test("a failed run stops the job: batches queued behind it are not waited for", async () => {
  const bundle = await bundleModelFile(join(root, "test", "fixtures", "runner", "failsFirst.sim.ts"));
  // 40 runs in batches of a quarter of each worker's share, two given to each worker at once: 1 worker runs
  // 1–10 with 11–20 queued; 2 workers run 1–5 and 11–15, with 6–10 and 16–20 queued. The batch that
  // fails stops at run 1; nothing else is waited for or kept.
  const one = await runBundle(bundle, { workers: 1 });
  assert.deepEqual(
    one.results.errors.map((e) => e.place?.run),
    [1],
  );
  assert.deepEqual(
    one.results.runs.map((r) => r.run),
    [1],
  );
  const started = Date.now();
  const two = await runBundle(bundle, { workers: 2 });
  assert.deepEqual(
    two.results.errors.map((e) => e.place?.run),
    [1],
  );
  assert.deepEqual(
    two.results.runs.map((r) => r.run),
    [1],
  );
  // Runs 11–15 take 5 × 500 ms on the other worker: not waited for (the margin is for a busy machine).
  assert.ok(Date.now() - started < 1500, `settled after ${Date.now() - started} ms`);
});

test("after a failure the rows kept are those of one worker, whatever the number of workers", async () => {
  const bundle = await bundleModelFile(join(root, "test", "fixtures", "runner", "failsThird.sim.ts"));
  const shape = (o: Awaited<ReturnType<typeof runBundle>>) => ({
    runs: o.results.runs.map((r) => `${r.run}:${r.rows}`),
    errors: o.results.errors.map((e) => `${e.place?.run}/${e.place?.timestep}`),
  });
  const one = shape(await runBundle(bundle, { workers: 1 }));
  // Runs 1 and 2 (11 rows each), run 3 up to timestep 6 (7 rows), nothing after it.
  assert.deepEqual(one, { runs: ["1:11", "2:11", "3:7"], errors: ["3/7"] });
  // With 2 and 3 workers run 3 fails while runs 1 and 2 are still running elsewhere (20 ms a timestep).
  for (const workers of [2, 3]) assert.deepEqual(shape(await runBundle(bundle, { workers })), one, `${workers} workers`);
});

test("a model that cannot load rejects with a located ModelError, from a worker too", async () => {
  const bundle = await bundleModelFile(example);
  await assert.rejects(
    runBundle(bundle, { overrides: { params: { nope: [1] } } }),
    (err: unknown) => err instanceof ModelError && /no parameter 'nope'/.test(err.message),
  );
});

test("worker count: as asked, else as many as the work pays for", () => {
  assert.equal(planWorkers(315, 3, undefined), 1);
  assert.equal(planWorkers(10_000_000, 1, undefined), 1, "never more workers than runs");
  assert.equal(planWorkers(1_000_000, 100, 2), 2);
  assert.equal(planWorkers(1_000, 3, 8), 3);
});
