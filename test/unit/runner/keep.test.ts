// Nothing finished is lost: a stop, a timeout or a failure keeps every run it should, whichever worker ran it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { formatModelError } from "../../../src/engine";
import { bundleModelFile } from "../../../src/loader";
import { runBundle, type RunOutcome } from "../../../src/runner/pool";
import { interruptedInfo, stopReport } from "../../../src/runner/interrupted";

const fixtures = join(__dirname, "..", "..", "fixtures", "models");
const runsOf = (o: RunOutcome): string[] => o.results.runs.map((r) => `${r.run}:${r.rows}`);

test("a stop after some runs have finished keeps all of them, and progress never counts more than is kept", async () => {
  const bundle = await bundleModelFile(join(fixtures, "keepSlowAfterFive.sim.ts"));
  // 12 runs of 101 rows; runs 1–5 end at once, later ones take 4 s. Batches hold 3 runs (1 worker) or 2
  // (2 workers), so when run 5 has finished, its batch is still running run 6: the old pool lost run 5.
  for (const workers of [1, 2]) {
    const controller = new AbortController();
    let maxDone = 0;
    let armed = false;
    const outcome = await runBundle(bundle, {
      workers,
      signal: controller.signal,
      // Runs 1–5 take milliseconds, run 6 on takes 4 s: 2 s after the first report (every worker is loaded
      // by then), 1–5 have finished and the runs after them are part-way.
      onProgress: (done) => {
        if (!armed) setTimeout(() => controller.abort(), 2000);
        armed = true;
        maxDone = Math.max(maxDone, done);
      },
    });
    const label = `${workers} workers`;
    assert.equal(outcome.cancelled, true, label);
    const complete = outcome.results.runs.filter((r) => r.rows === 101).map((r) => r.run);
    assert.deepEqual(complete.slice(0, 5), [1, 2, 3, 4, 5], label);
    assert.ok(outcome.results.rowCount >= maxDone, `${label}: progress said ${maxDone} rows, ${outcome.results.rowCount} kept`);
    // The runs that were running answered the stop: their completed timesteps are kept, marked as partial.
    const partial = outcome.results.runs.filter((r) => r.rows < 101);
    assert.deepEqual(
      outcome.interrupted.map((r) => `${r.run}:${r.rowsKept}:${r.stuck}`),
      partial.map((r) => `${r.run}:${r.rows}:false`),
      label,
    );
    assert.ok(partial.length >= 1 && partial.every((r) => r.run >= 6), `${label}: ${runsOf(outcome).join(" ")}`);
    for (const r of outcome.interrupted) assert.equal(r.place.timestep, r.rowsKept - 1, label);
    // Every run of the plan is either in the results or listed as missing.
    const kept = new Set(outcome.results.runs.map((r) => r.run));
    assert.deepEqual(
      outcome.missing.map((k) => k.run),
      Array.from({ length: 12 }, (_, i) => i + 1).filter((run) => !kept.has(run)),
      label,
    );
  }
});

test("a run stuck in an infinite loop, stopped by a timeout: the runs that finished are kept and the stuck place is named", async () => {
  const bundle = await bundleModelFile(join(fixtures, "keepLoopsInRun3.sim.ts"));
  for (const [workers, runs, kept, missing] of [
    [1, 3, ["1:11", "2:11"], [3]],
    // One run a batch, two batches given to each worker at once: runs 1–2 to one, 3–4 to the other. Runs 5–6
    // finish on the first after run 3 got stuck on the second: kept, with the gap at runs 3–4 visible.
    [2, 6, ["1:11", "2:11", "5:11", "6:11"], [3, 4]],
  ] as const) {
    const label = `${workers} workers`;
    // The timeout counts from the first run kept (the workers loaded), so a slow start cannot use it up.
    const controller = new AbortController();
    let armed = false;
    const outcome = await runBundle(bundle, {
      workers,
      overrides: { runs },
      signal: controller.signal,
      onProgress: () => {
        if (!armed) setTimeout(() => controller.abort(), 1000);
        armed = true;
      },
    });
    assert.equal(outcome.cancelled, true, label);
    assert.deepEqual(runsOf(outcome), kept, label);
    assert.deepEqual(
      outcome.missing.map((k) => k.run),
      missing,
      label,
    );
    assert.equal(outcome.results.errors.length, 0, label);
    assert.equal(outcome.interrupted.length, 1, label);
    const [stuck] = outcome.interrupted;
    assert.deepEqual(
      { ...stuck!, location: undefined },
      {
        simulation: 0,
        subset: 0,
        run: 3,
        rowsKept: 0,
        stuck: true,
        place: { simulation: 0, subset: 0, run: 3, timestep: 2, substep: 2 },
        fn: "state update 'level'",
        location: undefined,
        blockLabel: "fill",
      },
      label,
    );
    assert.match(stuck!.location!.file, /keepLoopsInRun3\.sim\.ts$/);
    assert.equal(stuck!.location!.line, 18);
    assert.match(
      formatModelError(interruptedInfo(stuck!)),
      /keepLoopsInRun3\.sim\.ts:18:\d+: was still running when the simulation was stopped .*\n {2}in state update 'level' at simulation 0, subset 0, run 3, timestep 2, substep 2 \(block 'fill'\)$/,
    );
    // The stuck run 3 is named on its own line only; the "no rows kept" line lists the other runs without rows.
    const report = stopReport(outcome);
    const others = missing.filter((run) => run !== 3);
    assert.equal(report.length, others.length ? 2 : 1, report.join("\n"));
    if (others.length) assert.match(report.at(-1)!, new RegExp(`^no rows kept of simulation 0, subset 0, runs? ${others.join("–")} `));
  }
});

test("a failure keeps what the contract says for 1, 2 and 3 workers: every run before the failing run, then that run up to its error", async () => {
  const bundle = await bundleModelFile(join(fixtures, "keepFailsInRun3.sim.ts"));
  const shape = (o: RunOutcome) => ({ runs: runsOf(o), errors: o.results.errors.map((e) => `${e.place?.run}/${e.place?.timestep ?? "-"}`) });
  for (const workers of [1, 2, 3]) {
    const label = `${workers} workers`;
    // A throw: run 3 up to timestep 3 (4 rows).
    assert.deepEqual(shape(await runBundle(bundle, { workers })), { runs: ["1:11", "2:11", "3:4"], errors: ["3/4"] }, label);
    // A crashed worker (out of memory in run 3): runs 1 and 2 are still kept, the error is on run 3, with no rows.
    const crashed = await runBundle(bundle, { workers, overrides: { params: { crash: [true] } }, resourceLimits: { maxOldGenerationSizeMb: 64 } });
    assert.deepEqual(shape(crashed), { runs: ["1:11", "2:11", "3:0"], errors: ["3/-"] }, label);
    assert.match(crashed.results.errors[0]!.message, /ran out of memory/);
    assert.deepEqual(crashed.interrupted, [], label);
  }
});
