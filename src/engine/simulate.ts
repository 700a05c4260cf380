// The simulation loop: one run of one parameter subset of one model, cadCAD's rules (cadcad-semantics.md §3).
import { AggregationError, aggregateSignals, describeValue, mapSignals } from "./aggregate";
import { ColumnWriter, type ColumnData } from "./columns";
import type { CompiledBlock, CompiledModel } from "./compile";
import { deepCopy } from "./copy";
import { describeThrown, type ModelErrorInfo } from "./errors";
import { createHistory } from "./history";
import { blockStepFactory, makeStateFactory, rowTargets, writeRowFactory, type BlockStep, type Cursor, type MakeState, type WriteRow } from "./kernel";
import { noLocator, type Locator } from "./locate";
import { createRandom, setAmbientRandom } from "./random";
import type { Signals } from "./types";

/** Which run: model index, subset index from 0, run from 1. */
export interface RunKey {
  simulation: number;
  subset: number;
  run: number;
}

/** One run's rows, column by column, in the model's variable order. `rows` may be short after an error. */
export interface RunData extends RunKey {
  rows: number;
  columns: ColumnData[];
  /** Wall-clock start and end (ms since the epoch, sub-ms precision), for engine time across threads. */
  startedAt: number;
  endedAt: number;
  error?: ModelErrorInfo;
}

/** Hooks of a run: cancellation and progress, checked between timesteps. */
export interface RunHooks {
  locator?: Locator;
  /** Asked every few timesteps; true stops the run (its rows so far are kept, with no error). */
  shouldStop?: () => boolean;
  /** Called every few timesteps with the rows this run has made so far. */
  onProgress?: (rows: number) => void;
}

/** The per-model functions generated once and shared by all its runs. */
interface Prepared {
  steps: BlockStep[];
  /** Row functions by the columns' kinds (runs of a model almost always share one signature). */
  byKinds: Map<string, { makeState: MakeState; writeRow: WriteRow }>;
}

const prepared = new WeakMap<CompiledModel, Prepared>();

function prepare(model: CompiledModel): Prepared {
  let p = prepared.get(model);
  if (!p) {
    const ops = model.policyOps;
    p = {
      steps: model.blocks.map((block) =>
        blockStepFactory(model.variables, block, model.blocks.length, model, ops.length > 1, {
          aggregate: (signals) => {
            try {
              return aggregateSignals(signals as Signals[], ops);
            } catch (err) {
              throw err instanceof AggregationError ? aggregationFailure(err, block, signals as Signals[]) : err;
            }
          },
          mapOne: (signals) => mapSignals(signals as Signals, ops),
          badSignals,
          returnedUndefined: () => new ReturnedUndefined(),
        }),
      ),
      byKinds: new Map(),
    };
    prepared.set(model, p);
  }
  return p;
}

function rowFunctions(model: CompiledModel, p: Prepared, writers: readonly ColumnWriter[]): { makeState: MakeState; writeRow: WriteRow } {
  const signature = writers.map((w) => (w.kind === "record" ? `r${JSON.stringify(w.leaves)}` : w.kind)).join("|");
  let fns = p.byKinds.get(signature);
  if (!fns) {
    fns = { makeState: makeStateFactory(model.variables, writers), writeRow: writeRowFactory(writers) };
    p.byKinds.set(signature, fns);
  }
  return fns;
}

const now = (): number => performance.timeOrigin + performance.now();

/** Which model function is being called, kept up to date cheaply so an error can name it. */
const enum Phase {
  Policy = 0,
  Aggregate = 1,
  Update = 2,
}

/** Runs one (simulation, subset, run) and returns its rows. Model errors end the run and are returned, not thrown. */
export function simulateRun(model: CompiledModel, key: RunKey, hooks: RunHooks = {}): RunData {
  const startedAt = now();
  const { variables, blocks, timesteps: T } = model;
  const { simulation, subset, run } = key;
  const B = blocks.length;
  const V = variables.length;
  const p = prepare(model);
  const steps = p.steps;
  const capacity = T * B + 1;
  const params = deepCopy(model.subsets[subset]!);
  const random = createRandom({ seed: model.seed, simulation, subset, run });
  const ctx = { simulation, subset, run, timestep: 0, substep: 0, random };
  const last: unknown[] = variables.map((v) => deepCopy(model.initialState[v]));
  const writers = last.map((v) => new ColumnWriter(v, capacity));
  for (let i = 0; i < V; i++) writers[i]!.write(0, last[i]);
  let { makeState, writeRow } = rowFunctions(model, p, writers);
  let targets = rowTargets(writers);
  const { view: history, setLength: setHistoryLength } = createHistory(writers, variables, key, B);
  const progressEvery = Math.max(1, Math.floor(50_000 / Math.max(1, B * Math.max(1, V))));
  const cursor: Cursor = { phase: 0, fn: 0 };
  let row = 1;
  let t = 1;
  let k = 1;
  let error: ModelErrorInfo | undefined;
  setAmbientRandom(random);
  try {
    for (; t <= T; t++) {
      if (t % progressEvery === 0) {
        if (hooks.shouldStop?.()) break;
        hooks.onProgress?.(row);
      }
      setHistoryLength(t);
      ctx.timestep = t;
      for (k = 1; k <= B; k++) {
        const misfit = steps[k - 1]!(t, row, last, params, history, ctx, targets, makeState, writeRow, cursor);
        if (misfit >= 0) {
          // A value that does not fit its column's kind: widen through the general path, then regenerate.
          for (let i = misfit; i < V; i++) writers[i]!.write(row, last[i]);
          ({ makeState, writeRow } = rowFunctions(model, p, writers));
          targets = rowTargets(writers);
        }
        row++;
      }
    }
  } catch (thrown) {
    const block = blocks[k - 1]!;
    error = describeFailure(thrown, block, cursor, { simulation, subset, run, timestep: t, substep: k }, hooks.locator ?? noLocator);
  } finally {
    setAmbientRandom(undefined);
  }
  const rows = row;
  const columns = writers.map((w) => w.finish(rows));
  return { simulation, subset, run, rows, columns, startedAt, endedAt: now(), ...(error ? { error } : {}) };
}

class ReturnedUndefined extends Error {}

class BadSignals extends Error {}

function badSignals(signals: unknown): BadSignals {
  return new BadSignals(`returned ${describeValue(signals)}; a policy must return an object of named signals, e.g. { minted: 100 }`);
}

/** A default-op aggregation failure, with the policies that produced the key. */
class AggregationFailure extends Error {}

function aggregationFailure(err: AggregationError, block: CompiledBlock, all: Signals[]): AggregationFailure {
  const names = block.policies.filter((_, i) => Object.prototype.hasOwnProperty.call(all[i], err.key)).map((p) => `'${p.name}'`);
  return new AggregationFailure(`${err.message}; the policies ${names.join(" and ")} both return '${err.key}' (set policyOps to say how to combine them)`);
}

function describeFailure(
  thrown: unknown,
  block: CompiledBlock,
  cursor: Cursor,
  place: { simulation: number; subset: number; run: number; timestep: number; substep: number },
  locator: Locator,
): ModelErrorInfo {
  const base = { kind: "run" as const, place, ...(block.label ? { blockLabel: block.label } : {}) };
  const phase = cursor.phase as Phase;
  const fnIndex = cursor.fn;
  if (phase === Phase.Aggregate) {
    const own = thrown instanceof AggregationFailure;
    const location = (own ? undefined : locator.ofError(thrown)) ?? locator.ofFunction(block.policies[0]!.fn);
    return {
      ...base,
      message: own ? thrown.message : `policyOps failed: ${describeThrown(thrown)}`,
      fn: `the aggregation of block ${block.substep}'s signals`,
      ...(location ? { location } : {}),
      ...(own ? {} : stackOf(thrown)),
    };
  }
  const policy = phase === Phase.Policy ? block.policies[fnIndex] : undefined;
  const update = phase === Phase.Update ? block.updates[fnIndex] : undefined;
  const fn = (policy ?? update)?.fn;
  const fnName = policy ? `policy '${policy.name}'` : `state update '${update?.variable}'`;
  const returnedBadValue = thrown instanceof ReturnedUndefined || thrown instanceof BadSignals;
  const message =
    thrown instanceof ReturnedUndefined
      ? `returned undefined; a state update must return the new value of '${update?.variable}' (did you forget \`return\`?)`
      : returnedBadValue
        ? (thrown as Error).message
        : describeThrown(thrown);
  const location = (returnedBadValue ? undefined : locator.ofError(thrown)) ?? (fn && locator.ofFunction(fn));
  return { ...base, message, fn: fnName, ...(location ? { location } : {}), ...(returnedBadValue ? {} : stackOf(thrown)) };
}

function stackOf(thrown: unknown): { causeStack?: string } {
  return thrown instanceof Error && typeof thrown.stack === "string" ? { causeStack: thrown.stack } : {};
}
