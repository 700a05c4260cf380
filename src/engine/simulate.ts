// The simulation loop: one run of one parameter subset of one model, cadCAD's rules (cadcad-semantics.md §3).
import { AggregationError, aggregateSignals, describeValue, mapSignals } from "./aggregate";
import { ColumnWriter, type ColumnData } from "./columns";
import type { CompiledBlock, CompiledModel } from "./compile";
import { deepCopy } from "./copy";
import { describeThrown, stackOfThrown, type ModelErrorInfo } from "./errors";
import { createHistory } from "./history";
import { Phase, Where, blockStepFactory, rowTargets, stopRequest, type BlockStep, type BlockSupport, type Cursor } from "./kernel";
import { noLocator, type Locator } from "./locate";
import { ReturnedTuple, settleRow } from "./misfits";
import { createRandom, setAmbientRandom } from "./random";
import type { Random, Signals } from "./types";
import type { RunWarning } from "./warnings";

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
  /** The run's warnings (first NaN or change of kind per variable), in the order they happened; absent when none. */
  warnings?: RunWarning[];
}

/** Hooks of a run: cancellation and progress, checked between timesteps. */
export interface RunHooks {
  locator?: Locator;
  /** Asked every few timesteps; true stops the run (its rows so far are kept, with no error). */
  shouldStop?: () => boolean;
  /** Called every few timesteps with the rows this run has made so far. */
  onProgress?: (rows: number) => void;
  /** Where the run is (slots `Where`), for a thread that may have to stop it while model code is stuck. */
  position?: Int32Array;
}

/** What is generated once per model and shared by all its runs. */
interface Prepared {
  support: BlockSupport[];
  /** Block steps by the columns' kinds (the runs of a model almost always share one signature). */
  stepsByKinds: Map<string, BlockStep[]>;
  /** The steps for the columns every run starts with (its initial state's kinds): no signature to compute. */
  initialSteps?: BlockStep[];
}

const prepared = new WeakMap<CompiledModel, Prepared>();

function prepare(model: CompiledModel): Prepared {
  let p = prepared.get(model);
  if (!p) {
    const ops = model.policyOps;
    p = {
      support: model.blocks.map((block) => ({
        aggregate: (signals) => {
          try {
            return aggregateSignals(signals, ops);
          } catch (err) {
            throw err instanceof AggregationError ? aggregationFailure(err, block, signals) : err;
          }
        },
        mapOne: (signals) => mapSignals(signals, ops),
        badSignals,
        returnedUndefined: () => new ReturnedUndefined(),
      })),
      stepsByKinds: new Map(),
    };
    prepared.set(model, p);
  }
  return p;
}

function blockSteps(model: CompiledModel, p: Prepared, writers: readonly ColumnWriter[]): BlockStep[] {
  // Which values are still watched is part of the signature: a column that has warned gets its store without the check.
  const watched = (w: ColumnWriter): string => w.watched.map((on) => (on ? "1" : "0")).join("");
  const signature = writers.map((w) => `${w.kind === "record" ? `r${JSON.stringify(w.leaves)}` : w.kind}:${watched(w)}`).join("|");
  let steps = p.stepsByKinds.get(signature);
  if (!steps) {
    const B = model.blocks.length;
    steps = model.blocks.map((block, b) => blockStepFactory(model.variables, writers, block, B, model.simulation, model.policyOps.length > 1, p.support[b]!));
    p.stepsByKinds.set(signature, steps);
  }
  return steps;
}

const now = (): number => performance.timeOrigin + performance.now();

/** Runs one (simulation, subset, run) and returns its rows. Model errors end the run and are returned, not thrown. */
export function simulateRun(model: CompiledModel, key: RunKey, hooks: RunHooks = {}): RunData {
  const startedAt = now();
  const { variables, blocks, timesteps: T } = model;
  const { simulation, subset, run } = key;
  const p = prepare(model);
  const random = createRandom({ seed: model.seed, simulation, subset, run });
  const last: unknown[] = variables.map((v) => deepCopy(model.initialState[v]));
  const writers = last.map((v) => new ColumnWriter(v, T * blocks.length + 1));
  for (let i = 0; i < last.length; i++) writers[i]!.write(0, last[i]);
  const loop = new Loop(model, p, key, writers, last, random, hooks);
  let error: ModelErrorInfo | undefined;
  setAmbientRandom(random);
  try {
    advanceUnlessStopped(loop);
  } catch (thrown) {
    // The failing block's row is loop.row: its timestep and substep follow from it.
    const B = blocks.length;
    const t = Math.floor((loop.row - 1) / B) + 1;
    const k = ((loop.row - 1) % B) + 1;
    const block = blocks[k - 1]!;
    const place = { simulation, subset, run, timestep: t, substep: k };
    error = describeFailure(thrown, block, loop.cursor, place, hooks.locator ?? noLocator);
  } finally {
    setAmbientRandom(undefined);
    loop.cursor.where[Where.Running] = 0;
  }
  const rows = loop.row;
  const columns = writers.map((w) => w.finish(rows));
  const warnings = loop.warnings.length ? { warnings: loop.warnings } : {};
  return { simulation, subset, run, rows, columns, startedAt, endedAt: now(), ...(error ? { error } : {}), ...warnings };
}

/** Everything one run's loop reads and writes, in one object of one shape (the loop stays optimized across runs). */
class Loop {
  /** The next row to store: after a throw, the row of the failing block. */
  row = 1;
  steps: BlockStep[];
  targets: (Float64Array | unknown[])[];
  readonly params: unknown;
  readonly ctx: { simulation: number; subset: number; run: number; timestep: number; substep: number; random: Random };
  readonly cursor: Cursor;
  readonly key: RunKey;
  readonly history: unknown;
  readonly setHistoryLength: (t: number) => void;
  readonly progressEvery: number;
  readonly warnings: RunWarning[] = [];
  readonly warned = new Set<string>();

  constructor(
    readonly model: CompiledModel,
    readonly prepared: Prepared,
    key: RunKey,
    readonly writers: ColumnWriter[],
    readonly last: unknown[],
    random: Random,
    readonly hooks: RunHooks,
  ) {
    // Every run starts from a copy of the same initial state, so from the same column kinds.
    this.key = key;
    this.steps = prepared.initialSteps ??= blockSteps(model, prepared, writers);
    this.targets = rowTargets(writers);
    this.params = deepCopy(model.subsets[key.subset]!);
    this.ctx = { simulation: key.simulation, subset: key.subset, run: key.run, timestep: 0, substep: 0, random };
    const where = hooks.position ?? new Int32Array(Where.Length);
    where[Where.Simulation] = key.simulation;
    where[Where.Subset] = key.subset;
    where[Where.Run] = key.run;
    where[Where.Timestep] = 0;
    where[Where.At] = -1;
    where[Where.Running] = 1;
    this.cursor = { phase: Phase.Policy, fn: 0, where };
    const history = createHistory(writers, model.variables, key, model.blocks.length);
    this.history = history.view;
    this.setHistoryLength = history.setLength;
    this.progressEvery = Math.max(1, Math.floor(50_000 / Math.max(1, model.blocks.length * Math.max(1, model.variables.length))));
  }
}

/** `advance`, ended early (rows up to the timestep before, no error) when another thread sets the Stop slot. */
function advanceUnlessStopped(loop: Loop): void {
  try {
    advance(loop);
  } catch (thrown) {
    if (thrown !== stopRequest) throw thrown;
  }
}

/** Runs the timesteps; `loop.row` says how far it got (when it stops or throws). */
function advance(loop: Loop): void {
  const T = loop.model.timesteps;
  const B = loop.model.blocks.length;
  const { last, params, history, ctx, cursor, hooks } = loop;
  let steps = loop.steps;
  let targets = loop.targets;
  let row = loop.row;
  for (let t = 1; t <= T; t++) {
    if (t % loop.progressEvery === 0) {
      if (hooks.shouldStop?.()) {
        loop.row = row;
        return;
      }
      hooks.onProgress?.(row);
    }
    loop.setHistoryLength(t);
    ctx.timestep = t;
    for (let k = 1; k <= B; k++) {
      loop.row = row;
      // -1 until a model function of the block throws (at() sets it): a throw while copying the state is told apart.
      cursor.fn = -1;
      const misfit = steps[k - 1]!(t, row, last, params, history, ctx, targets, cursor);
      if (misfit >= 0) {
        // A value that does not fit its column (or a watched one to look at): the general path, then regenerate.
        const { simulation, subset, run } = loop.key;
        const place = { simulation, subset, run, timestep: t, substep: k };
        settleRow(loop, loop.model.variables, loop.model.blocks[k - 1]!, place, row, misfit, hooks.locator ?? noLocator);
        steps = loop.steps = blockSteps(loop.model, loop.prepared, loop.writers);
        targets = loop.targets = rowTargets(loop.writers);
      }
      row++;
    }
  }
  loop.row = row;
}

class ReturnedUndefined extends Error {}

class BadSignals extends Error {}

function badSignals(signals: unknown): BadSignals {
  if (signals instanceof Promise)
    return new BadSignals("returned a Promise (is it an async function?); a policy must return its signals synchronously, e.g. { minted: 100 }");
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
  const phase = cursor.phase;
  const fnIndex = cursor.fn;
  if (fnIndex === -1) {
    // Before any model function of the block: copying the state for it (a getter that throws, a value nested too deeply).
    const first = block.policies[0]?.fn ?? block.updates[0]?.fn;
    const location = locator.ofError(thrown) ?? (first && locator.ofFunction(first));
    const deep = thrown instanceof RangeError ? " (is a state variable nested too deeply?)" : "";
    const message = `copying the state for block ${block.substep} failed: ${describeThrown(thrown)}${deep}`;
    return { ...base, message, ...(location ? { location } : {}), ...stackOf(thrown) };
  }
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
  const returnedBadValue = thrown instanceof ReturnedUndefined || thrown instanceof BadSignals || thrown instanceof ReturnedTuple;
  const message =
    thrown instanceof ReturnedUndefined
      ? `returned undefined; a state update must return the new value of '${update?.variable}' (did you forget \`return\`?)`
      : returnedBadValue
        ? thrown.message
        : describeThrown(thrown);
  const location = (returnedBadValue ? undefined : locator.ofError(thrown)) ?? (fn && locator.ofFunction(fn));
  return { ...base, message, fn: fnName, ...(location ? { location } : {}), ...(returnedBadValue ? {} : stackOf(thrown)) };
}

function stackOf(thrown: unknown): { causeStack?: string } {
  const stack = stackOfThrown(thrown);
  return stack !== undefined ? { causeStack: stack } : {};
}
