// The runner's contract, as a property over generated model files (fuzzModels.ts), run in-process on warm pools:
// exit code by kind, a located message, the rows before a fault kept and the same for 1 and 2 workers, no hang.
// FUZZ_RUNS=5000 for a longer run; FUZZ_SEED to replay one.
import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { ModelError, formatModelError, type ModelErrorInfo } from "../../../src/engine";
import { bundleModelFile } from "../../../src/loader";
import { WorkerPool, type RunOutcome } from "../../../src/runner/pool";
import { expected, fuzzCase, modelSource, type FuzzCase } from "./fuzzModels";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261115);
/** Far beyond what any generated case needs (a few ms); only a hang reaches it. */
const HANG_MS = 30_000;

const folder = mkdtempSync(join(tmpdir(), "substep-contract-"));
const pools = { 1: new WorkerPool(), 2: new WorkerPool() };
after(() => {
  pools[1].dispose();
  pools[2].dispose();
  rmSync(folder, { recursive: true, force: true });
});

type Outcome = { kind: "rejected"; info: ModelErrorInfo } | { kind: "ran"; outcome: RunOutcome };

function withinHang<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${HANG_MS} ms`)), HANG_MS)));
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}

let fileCount = 0;
/** Bundles and runs the case with `workers` workers; load and validation problems come back as the ModelError's info. */
async function runCase(c: FuzzCase, workers: 1 | 2): Promise<Outcome> {
  const file = join(folder, `case${fileCount++}.sim.ts`);
  try {
    writeFileSync(file, modelSource(c));
    const bundle = await bundleModelFile(file);
    return { kind: "ran", outcome: await withinHang(pools[workers].run(bundle, { workers }), `${workers} workers`) };
  } catch (err) {
    if (err instanceof ModelError) return { kind: "rejected", info: { ...err.info, location: err.info.location && { ...err.info.location, file: "F" } } };
    throw err;
  }
}

/** The contract's checks of one outcome; the file is named "F" (each run bundles under a new name). */
function check(c: FuzzCase, o: Outcome): void {
  const want = expected(c);
  const label = `${c.fault?.kind ?? "valid"}: ${o.kind === "rejected" ? formatModelError(o.info) : formatModelError(o.outcome.results.errors[0] ?? { kind: "run", message: "no error" })}`;
  if (want.exit === 2) {
    assert.equal(o.kind, "rejected", label);
    if (o.kind !== "rejected") return;
    assert.notEqual(o.info.kind, "run", label);
    assert.equal(o.info.location?.file, "F", `${label}: names the file`);
    readable(o.info, label);
    return;
  }
  assert.equal(o.kind, "ran", label);
  if (o.kind !== "ran") return;
  const { results } = o.outcome;
  assert.equal(o.outcome.cancelled, false, label);
  assert.equal(results.rowCount, want.rows, `${label}: rows kept`);
  if (want.exit === 0) {
    assert.deepEqual(results.errors, [], label);
    return;
  }
  assert.equal(results.errors.length, 1, label);
  const error = results.errors[0]!;
  assert.equal(error.kind, "run", label);
  assert.ok(error.location?.file.endsWith(".sim.ts"), `${label}: names the file`);
  assert.deepEqual(error.place, { simulation: 0, ...want.place }, `${label}: the place`);
  assert.match(error.fn ?? "", /^(state update|policy) '[\w.]+'$/, `${label}: names the function`);
  readable(error, label);
}

/** No message of the runner's own machinery, no "undefined" standing for a name. */
function readable(info: ModelErrorInfo, label: string): void {
  assert.doesNotMatch(info.message, /simulation worker|could not be cloned|'undefined'|: undefined$/, label);
  assert.ok(info.message.trim().length >= 4, label);
}

/** The rows and errors of an outcome, comparable across worker counts. */
function comparable(o: Outcome): unknown {
  if (o.kind === "rejected") return { rejected: o.info.message };
  const r = o.outcome.results;
  return { rows: [...r.rows()], errors: r.errors.map((e) => ({ ...e, causeStack: undefined, location: e.location && { ...e.location, file: "F" } })) };
}

const at = (subset: number, run: number, timestep: number, block: number) => ({ subset, run, timestep, block });
const base = { runs: 2, timesteps: 3, rates: [1, 2], blocks: 2, extras: [] as FuzzCase["extras"] };
/** Generated cases that broke the contract once, one per cause fixed (issue 15), run before the random ones. */
const REGRESSIONS: FuzzCase[] = [
  // A function, symbol, Promise, Proxy (history), ctx or an object with methods in the state lost the batch:
  // "the simulation worker failed: undefined", 0 rows.
  { ...base, fault: { kind: "function", at: at(1, 2, 2, 1) } },
  { ...base, fault: { kind: "symbol", at: at(0, 1, 1, 2) } },
  { ...base, fault: { kind: "promise", at: at(0, 2, 3, 2) } },
  { ...base, fault: { kind: "history", at: at(1, 1, 2, 2) } },
  { ...base, fault: { kind: "ctx", at: at(0, 1, 2, 1) } },
  { ...base, fault: { kind: "method", at: at(1, 2, 3, 1) } },
  { ...base, fault: { kind: "weakMap", at: at(0, 2, 1, 1) } },
  // process.exit() in an update: "the simulation worker exited (code 0)", no place.
  { ...base, fault: { kind: "exit", at: at(0, 2, 2, 2) } },
  // A getter that throws, an Error whose message getter throws: no place, or "in state update 'undefined'".
  { ...base, fault: { kind: "getter", at: at(1, 1, 1, 1) } },
  { ...base, fault: { kind: "badMessage", at: at(0, 1, 3, 2) } },
  { ...base, fault: { kind: "loadThrowsBadError" } },
  // A 20,000-node list: "Maximum call stack size exceeded", 0 rows.
  { ...base, fault: { kind: "deep", at: at(1, 2, 1, 2) } },
  // An async policy: NaN rows and exit 0.
  { ...base, fault: { kind: "asyncPolicy", at: at(0, 1, 2, 1) } },
  // timesteps: 1e15 and runs: 1e9 passed validation; export default Promise.resolve(model) was misdescribed.
  { ...base, fault: { kind: "hugeTimesteps" } },
  { ...base, fault: { kind: "hugeRuns" } },
  { ...base, fault: { kind: "promiseExport" } },
  // `pool.size` beside `pool: {size}`: one CSV column, the first variable silently gone.
  { ...base, fault: { kind: "collidingColumn" } },
  // A cyclic initial state ran out of memory; Map, Set, BigInt64Array and a function-valued parameter.
  { ...base, extras: ["cycle", "map", "set", "bigint64", "fnParam"] },
];

test(`the runner keeps its contract on ${RUNS} generated model files (seed ${SEED})`, { timeout: 10 * 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(fuzzCase, async (c) => {
      const t0 = Date.now();
      const one = await runCase(c, 1);
      if (process.env.FUZZ_TRACE) appendFileSync(process.env.FUZZ_TRACE, `${Date.now() - t0} ${c.fault?.kind}\n`);
      check(c, one);
      const two = await runCase(c, 2);
      check(c, two);
      assert.ok(isDeepStrictEqual(comparable(one), comparable(two)), "the same rows and errors for 1 and 2 workers");
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true, includeErrorInReport: true, examples: REGRESSIONS.map((c) => [c]) },
  );
  // The host is unaffected: a valid model still runs on the same pools.
  const after = await runCase({ runs: 2, timesteps: 3, rates: [1], blocks: 2, extras: [] }, 2);
  check({ runs: 2, timesteps: 3, rates: [1], blocks: 2, extras: [] }, after);
});
