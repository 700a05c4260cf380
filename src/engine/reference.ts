// cadCAD's block step as plain code (cadcad-semantics.md §3–§5): the readable statement of the rules, read
// top to bottom. The fast engine runs generated code (kernel.ts) instead; test/unit/engine/reference.test.ts
// holds it to this file row for row. A specification, not a second engine: plain objects, nothing generated.
import { aggregateSignals, describeValue, mapSignals } from "./aggregate";
import { compileExperiment, type CompiledModel, type Overrides } from "./compile";
import { deepCopy, deepFreeze } from "./copy";
import type { Place } from "./errors";
import { createRandom, setAmbientRandom } from "./random";
import { planRuns } from "./results";
import type { RunKey } from "./simulate";
import type { Block, History, Model, Policy, PolicyOp, Random, Row, Signals, StateUpdate } from "./types";

/** A model function that failed, named as the engine's errors name it, and where. */
export class ReferenceFailure extends Error {
  constructor(
    readonly place: Required<Place>,
    readonly fn: string,
    readonly thrown: unknown,
  ) {
    super(`${fn} failed at timestep ${place.timestep}, substep ${place.substep}`);
  }
}

/** A block's policies and state updates, each list in cadCAD's global order. */
interface OrderedBlock {
  policies: [string, Policy][];
  updates: [string, StateUpdate][];
}

/** A run's fixed inputs: everything a block reads besides the state and the history. */
interface Run {
  key: RunKey;
  variables: string[];
  params: unknown;
  ops: PolicyOp[];
  /** Where rows go as they are made: a failing block leaves the rows before it. */
  out: Row[];
  ctx: { simulation: number; subset: number; run: number; timestep: number; substep: number; random: Random };
}

/** Names in the order they first appear across all blocks: cadCAD's order for policies and for updates alike. */
function firstAppearance(names: string[][]): string[] {
  return [...new Set(names.flat())];
}

const inOrder = <F>(order: string[], fns: Record<string, F>): [string, F][] => order.filter((n) => Object.hasOwn(fns, n)).map((n) => [n, fns[n]!]);

/** Each block's functions sorted by the global order (not the block's own). */
function orderBlocks(blocks: readonly Block[]): OrderedBlock[] {
  const policyOrder = firstAppearance(blocks.map((b) => Object.keys(b.policies ?? {})));
  const updateOrder = firstAppearance(blocks.map((b) => Object.keys(b.variables ?? {})));
  return blocks.map((b) => ({
    policies: inOrder(policyOrder, b.policies ?? {}),
    updates: inOrder(updateOrder, (b.variables ?? {}) as Record<string, StateUpdate>),
  }));
}

/** The failure of model function `what` in the block being computed. */
function failure(run: Run, what: string, thrown: unknown): ReferenceFailure {
  return new ReferenceFailure({ ...run.key, timestep: run.ctx.timestep, substep: run.ctx.substep }, what, thrown);
}

/** Calls `fn`; a throw becomes the failure of `what`. */
function guard<T>(run: Run, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (thrown) {
    throw failure(run, what, thrown);
  }
}

/** Every policy of the block, in order, on the block's one state copy `s`; each must return an object. */
function executePolicies(run: Run, block: OrderedBlock, sH: History<Row>, s: Row): Signals[] {
  return block.policies.map(([name, policy]) => {
    const signals = guard(run, `policy '${name}'`, () => policy(run.params, run.ctx.substep, sH, s, run.ctx));
    if (typeof signals !== "object" || signals === null || Array.isArray(signals)) {
      throw failure(run, `policy '${name}'`, new TypeError(`returned ${describeValue(signals)}, not an object of signals`));
    }
    return signals;
  });
}

/** policyOps per key in policy order: ops[0] folds (a lone value is taken as is), each further op maps. */
function aggregate(run: Run, signals: Signals[]): Signals {
  const what = `the aggregation of block ${run.ctx.substep}'s signals`;
  return guard(run, what, () => (signals.length === 1 ? mapSignals(signals[0]!, run.ops) : aggregateSignals(signals, run.ops)));
}

/** Every state update, in order, on the same `s`; each must return a value. All read `s`, none the new row. */
function updateState(run: Run, block: OrderedBlock, sH: History<Row>, s: Row, input: Signals): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [variable, update] of block.updates) {
    const value = guard(run, `state update '${variable}'`, (): unknown => update(run.params, run.ctx.substep, sH, s, input, run.ctx));
    if (value === undefined) throw failure(run, `state update '${variable}'`, new TypeError("returned undefined"));
    values.set(variable, value);
  }
  return values;
}

/** A row's variables deep-copied one by one, as the engine copies them (no object is shared with `row`). */
const copyRow = (row: Row): Row => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, deepCopy(v)])) as Row;

/** One block: one copy of the previous row, policies, aggregation, updates; untouched variables keep `s`'s value. */
function executeBlock(run: Run, block: OrderedBlock, sH: History<Row>, last: Row): Row {
  const s = copyRow(last);
  const input = aggregate(run, executePolicies(run, block, sH, s));
  const updated = updateState(run, block, sH, s, input);
  const row: Record<string, unknown> = {};
  for (const v of run.variables) row[v] = updated.has(v) ? updated.get(v) : s[v];
  return { ...row, ...run.key, timestep: run.ctx.timestep, substep: run.ctx.substep };
}

/** One timestep: the blocks in order, each from the row before it; returns the timestep's rows. */
function executeTimestep(run: Run, blocks: OrderedBlock[], previous: Row[], sH: History<Row>): Row[] {
  // Block 1 starts from the previous timestep's last row (so its state reads timestep t-1 and substep B);
  // after a timestep of one row (t = 1, or a one-block model) that row's substep reads 0.
  let last = previous.length === 1 ? { ...previous[0]!, substep: 0 } : previous[previous.length - 1]!;
  const rows: Row[] = [];
  blocks.forEach((block, b) => {
    run.ctx.substep = b + 1;
    last = executeBlock(run, block, sH, last);
    rows.push(last);
    run.out.push(last);
  });
  return rows;
}

/** Frozen copies of rows, for the history: models never hold the output rows themselves. */
const frozenCopies = (rows: Row[]): readonly Row[] => Object.freeze(rows.map((r) => deepFreeze(copyRow(r))));

/** One run: the initial row, then timesteps 1..T, into `out`. */
function executeRun(model: Model, config: CompiledModel, key: RunKey, out: Row[]): void {
  const { variables } = config;
  const random = createRandom({ seed: config.seed, ...key });
  const ctx = { ...key, timestep: 0, substep: 0, random };
  const run: Run = { key, variables, params: deepCopy(config.subsets[key.subset]!), ops: config.policyOps, out, ctx };
  const blocks = orderBlocks(model.blocks);
  const initial = { ...Object.fromEntries(variables.map((v) => [v, deepCopy(config.initialState[v])])), ...key, timestep: 0, substep: 0 } as Row;
  out.push(initial);
  // sH: the completed timesteps only; at timestep t it has t entries, [initial row] first.
  const sH: (readonly Row[])[] = [frozenCopies([initial])];
  let previous = [initial];
  setAmbientRandom(random); // Math.random() in model code draws from the run's generator too
  try {
    for (let t = 1; t <= config.timesteps; t++) {
      ctx.timestep = t;
      previous = executeTimestep(run, blocks, previous, Object.freeze([...sH]));
      sH.push(frozenCopies(previous));
    }
  } finally {
    setAmbientRandom(undefined);
  }
}

/** Every row of an experiment in the engine's order (simulation, subset, run); stops at the first failed run, as `simulate` does. */
export function simulateReference(exported: unknown, overrides: Overrides = {}): { rows: Row[]; failure?: ReferenceFailure } {
  // The engine's own validation, overrides and sweep expansion (zip or cartesian) give each model's subsets.
  const configs = compileExperiment(exported, overrides);
  const models = (Array.isArray(exported) ? exported : [exported]) as Model[];
  const rows: Row[] = [];
  for (const key of planRuns(configs)) {
    try {
      executeRun(models[key.simulation]!, configs[key.simulation]!, key, rows);
    } catch (err) {
      if (err instanceof ReferenceFailure) return { rows, failure: err };
      throw err;
    }
  }
  return { rows };
}
