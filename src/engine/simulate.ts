// The simulation loop: one run of one parameter subset of one model, cadCAD's rules (cadcad-semantics.md §3).
import { AggregationError, aggregateSignals, describeValue, mapSignals } from "./aggregate";
import { ColumnWriter, type ColumnData } from "./columns";
import type { CompiledBlock, CompiledModel } from "./compile";
import { deepCopy } from "./copy";
import { describeThrown, type ModelErrorInfo } from "./errors";
import { createHistory } from "./history";
import { commitFactory, makeStateFactory, type Commit, type MakeState } from "./kernel";
import { noLocator, type Locator } from "./locate";
import { createRandom, setAmbientRandom } from "./random";
import type { Context, Signals } from "./types";

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
  makeState: MakeState;
  commits: Commit[];
}

const prepared = new WeakMap<CompiledModel, Prepared>();

function prepare(model: CompiledModel): Prepared {
  let p = prepared.get(model);
  if (!p) {
    p = {
      makeState: makeStateFactory(model.variables),
      commits: model.blocks.map((b) => commitFactory(model.variables, new Set(b.updates.map((u) => u.varIndex)))),
    };
    prepared.set(model, p);
  }
  return p;
}

const now = (): number => performance.timeOrigin + performance.now();

/** Which model function is being called, kept up to date cheaply so an error can name it. */
const enum Phase {
  Policy,
  Update,
  Aggregate,
}

/** Runs one (simulation, subset, run) and returns its rows. Model errors end the run and are returned, not thrown. */
export function simulateRun(model: CompiledModel, key: RunKey, hooks: RunHooks = {}): RunData {
  const startedAt = now();
  const { variables, blocks, timesteps: T, policyOps: ops } = model;
  const { simulation, subset, run } = key;
  const B = blocks.length;
  const V = variables.length;
  const { makeState, commits } = prepare(model);
  const capacity = T * B + 1;
  const params = deepCopy(model.subsets[subset]!);
  const random = createRandom({ seed: model.seed, simulation, subset, run });
  const ctx = { simulation, subset, run, timestep: 0, substep: 0, random };
  const last: unknown[] = variables.map((v) => deepCopy(model.initialState[v]));
  const writers = last.map((v) => new ColumnWriter(v, capacity));
  for (let i = 0; i < V; i++) writers[i]!.write(0, last[i]);
  const history = createHistory(writers, variables, key, B);
  const pending: unknown[] = new Array(V);
  const progressEvery = Math.max(1, Math.floor(50_000 / Math.max(1, B * Math.max(1, V))));
  let row = 1;
  let t = 1;
  let block: CompiledBlock = blocks[0]!;
  let phase = Phase.Policy;
  let fnIndex = 0;
  let error: ModelErrorInfo | undefined;
  setAmbientRandom(random);
  try {
    for (; t <= T; t++) {
      if (t % progressEvery === 0) {
        if (hooks.shouldStop?.()) break;
        hooks.onProgress?.(row);
      }
      history.completeUpTo(t);
      ctx.timestep = t;
      for (let k = 1; k <= B; k++) {
        block = blocks[k - 1]!;
        ctx.substep = k;
        // Block 1 sees the previous timestep's last row; its substep reads 0 when that timestep had one row.
        const state =
          k === 1 ? makeState(last, simulation, subset, run, t - 1, t === 1 || B === 1 ? 0 : B) : makeState(last, simulation, subset, run, t, k - 1);
        const policies = block.policies;
        let input: Signals;
        phase = Phase.Policy;
        if (policies.length === 1) {
          fnIndex = 0;
          const signals = policies[0]!.fn(params, k, history, state, ctx as Context);
          if (typeof signals !== "object" || signals === null || Array.isArray(signals)) throw badSignals(signals);
          phase = Phase.Aggregate;
          input = ops.length > 1 ? mapSignals(signals, ops) : signals;
        } else if (policies.length === 0) {
          input = {};
        } else {
          const all: Signals[] = new Array(policies.length);
          for (fnIndex = 0; fnIndex < policies.length; fnIndex++) {
            const signals = policies[fnIndex]!.fn(params, k, history, state, ctx as Context);
            if (typeof signals !== "object" || signals === null || Array.isArray(signals)) throw badSignals(signals);
            all[fnIndex] = signals;
          }
          phase = Phase.Aggregate;
          try {
            input = aggregateSignals(all, ops);
          } catch (err) {
            throw err instanceof AggregationError ? aggregationFailure(err, block, all) : err;
          }
        }
        phase = Phase.Update;
        const updates = block.updates;
        for (fnIndex = 0; fnIndex < updates.length; fnIndex++) {
          const u = updates[fnIndex]!;
          const value = u.fn(params, k, history, state, input, ctx as Context);
          if (value === undefined) throw new ReturnedUndefined();
          pending[u.varIndex] = value;
        }
        commits[k - 1]!(state, pending, last);
        for (let i = 0; i < V; i++) writers[i]!.write(row, last[i]);
        row++;
      }
    }
  } catch (thrown) {
    error = describeFailure(thrown, block, phase, fnIndex, { simulation, subset, run, timestep: t, substep: block.substep }, hooks.locator ?? noLocator);
  } finally {
    setAmbientRandom(undefined);
  }
  const columns = writers.map((w) => w.finish(row));
  return { simulation, subset, run, rows: row, columns, startedAt, endedAt: now(), ...(error ? { error } : {}) };
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
  phase: Phase,
  fnIndex: number,
  place: { simulation: number; subset: number; run: number; timestep: number; substep: number },
  locator: Locator,
): ModelErrorInfo {
  const base = { kind: "run" as const, place, ...(block.label ? { blockLabel: block.label } : {}) };
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
