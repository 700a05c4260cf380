// Functions generated for a model's variables and their current column kinds, so the hot loop makes
// objects of one fixed shape, reads and writes by constant names, and copies number records with a
// literal (V8 keeps all of this monomorphic; loops over names and a generic deep copy would not be).
import type { ColumnWriter } from "./columns";
import { deepCopy } from "./copy";

/** Builds the state handed to a block: the previous row's values (objects deep-copied) plus metadata. */
export type MakeState = (
  last: unknown[],
  simulation: number,
  subset: number,
  run: number,
  timestep: number,
  substep: number,
) => Record<string, unknown>;

/** Stores `last` at `row`; returns -1, or the index of the first variable whose column must widen. */
export type WriteRow = (last: unknown[], row: number, targets: (Float64Array | unknown[])[]) => number;

/** Moves a block's results into `last`: updated values from `pending`, the others from the block's state. */
export type Commit = (state: Record<string, unknown>, pending: unknown[], last: unknown[]) => void;

const lit = (name: string): string => JSON.stringify(name);

/** A record's shape as a tree: each key maps to a number leaf (null) or a nested record. */
type Shape = Map<string, Shape | null>;

function shapeOf(leaves: readonly string[][]): Shape {
  const root: Shape = new Map();
  for (const path of leaves) {
    let node = root;
    path.forEach((key, d) => {
      if (d === path.length - 1) node.set(key, null);
      else {
        if (!node.has(key)) node.set(key, new Map());
        node = node.get(key)!;
      }
    });
  }
  return root;
}

/**
 * An expression that is true when `expr` is an object of exactly this shape with number leaves. (The
 * prototype is not checked: Object.getPrototypeOf would triple the cost of a row, and a class instance
 * replacing a plain object of the same keys is not a case models have.)
 */
function shapeTest(expr: string, shape: Shape): string {
  const parts = [`typeof ${expr} === "object"`, `${expr} !== null`, `keyCount(${expr}) === ${shape.size}`];
  for (const [key, child] of shape) {
    const sub = `${expr}[${lit(key)}]`;
    parts.push(child ? shapeTest(sub, child) : `typeof ${sub} === "number"`);
  }
  return `(${parts.join(" && ")})`;
}

/** An object literal copying `expr`, known to have this shape. */
function shapeCopy(expr: string, shape: Shape): string {
  const fields = [...shape].map(([key, child]) => `${lit(key)}: ${child ? shapeCopy(`${expr}[${lit(key)}]`, child) : `${expr}[${lit(key)}]`}`);
  return `{ ${fields.join(", ")} }`;
}

function keyCount(o: object): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

const helpers = { copy: deepCopy, keyCount };

function generate<T>(body: string): T {
  const names = Object.keys(helpers);
  return new Function(...names, body)(...names.map((n) => helpers[n as keyof typeof helpers])) as T;
}

/** `makeState` for these variables and their columns' current kinds. */
export function makeStateFactory(variables: readonly string[], writers: readonly ColumnWriter[]): MakeState {
  const fields = variables.map((name, i) => {
    const w = writers[i]!;
    // A number column holds numbers and a record column exactly its shape: the last write checked it.
    if (w.kind === "number") return `${lit(name)}: last[${i}]`;
    if (w.kind === "record") return `${lit(name)}: ${shapeCopy(`last[${i}]`, shapeOf(w.leaves))}`;
    return `${lit(name)}: (typeof (v = last[${i}]) === "object" && v !== null ? copy(v) : v)`;
  });
  return generate<MakeState>(
    `return function makeState(last, simulation, subset, run, timestep, substep) {\n` +
      `  let v;\n  return { ${[...fields, "simulation, subset, run, timestep, substep"].join(",\n    ")} };\n};`,
  );
}

/** `writeRow` for these columns' current kinds. */
export function writeRowFactory(writers: readonly ColumnWriter[]): WriteRow {
  const lines: string[] = [];
  let t = 0;
  writers.forEach((w, i) => {
    lines.push(`v = last[${i}];`);
    if (w.kind === "number") {
      lines.push(`if (typeof v !== "number") return ${i};`, `targets[${t++}][row] = v;`);
    } else if (w.kind === "record") {
      lines.push(`if (!${shapeTest("v", shapeOf(w.leaves))}) return ${i};`);
      for (const path of w.leaves) lines.push(`targets[${t++}][row] = v${path.map((k) => `[${lit(k)}]`).join("")};`);
    } else {
      lines.push(`targets[${t++}][row] = v;`);
    }
  });
  return generate<WriteRow>(`return function writeRow(last, row, targets) {\n  let v;\n  ${lines.join("\n  ")}\n  return -1;\n};`);
}

/** The arrays a generated `writeRow` stores into, in its order. */
export function rowTargets(writers: readonly ColumnWriter[]): (Float64Array | unknown[])[] {
  return writers.flatMap((w) => w.targets());
}

/** `commit` for a block that updates the variables at `updated` (indexes into `variables`). */
export function commitFactory(variables: readonly string[], updated: ReadonlySet<number>): Commit {
  const lines = variables.map((name, i) => (updated.has(i) ? `last[${i}] = pending[${i}];` : `last[${i}] = state[${lit(name)}];`));
  return generate<Commit>(`return function commit(state, pending, last) {\n${lines.join("\n")}\n};`);
}

/** Where a block function is, for naming the model function when one throws. */
export interface Cursor {
  /** 0 policy, 1 aggregation, 2 state update. */
  phase: number;
  /** Index into the block's policies or updates. */
  fn: number;
}

/**
 * Computes one block of one timestep into `last` and stores the row; returns -1, or the index of the
 * first variable whose column must widen (the row is then stored by the caller).
 */
export type BlockStep = (
  t: number,
  row: number,
  last: unknown[],
  params: unknown,
  history: unknown,
  ctx: { substep: number },
  targets: (Float64Array | unknown[])[],
  makeState: MakeState,
  writeRow: WriteRow,
  cursor: Cursor,
) => number;

/** What a generated block needs beyond its model functions. */
export interface BlockSupport {
  /** Aggregates several policies' signals (throws for signals that cannot be aggregated). */
  aggregate: (signals: object[]) => object;
  /** Applies policyOps[1:] to a single policy's signals. */
  mapOne: (signals: object) => object;
  /** The error for a policy that returned something other than an object. */
  badSignals: (value: unknown) => Error;
  /** The error for a state update that returned undefined. */
  returnedUndefined: () => Error;
}

/**
 * A block as straight-line code: every policy and update call has its own call site, so V8 sees one
 * target at each and can inline the model's functions.
 */
export function blockStepFactory(
  variables: readonly string[],
  block: { substep: number; policies: readonly { fn: Function }[]; updates: readonly { varIndex: number; fn: Function }[] },
  blockCount: number,
  meta: { simulation: number },
  mapsSignals: boolean,
  support: BlockSupport,
): BlockStep {
  const k = block.substep;
  const lines: string[] = [];
  lines.push(`ctx.substep = ${k};`);
  lines.push(
    k === 1
      ? `const state = makeState(last, ${meta.simulation}, ctx.subset, ctx.run, t - 1, ${blockCount === 1 ? "0" : `t === 1 ? 0 : ${blockCount}`});`
      : `const state = makeState(last, ${meta.simulation}, ctx.subset, ctx.run, t, ${k - 1});`,
  );
  lines.push("cursor.phase = 0;");
  const nP = block.policies.length;
  block.policies.forEach((_, i) => {
    lines.push(`cursor.fn = ${i};`);
    lines.push(`const s${i} = P${i}(params, ${k}, history, state, ctx);`);
    lines.push(`if (typeof s${i} !== "object" || s${i} === null || Array.isArray(s${i})) throw badSignals(s${i});`);
  });
  lines.push("cursor.phase = 1;");
  if (nP === 0) lines.push("const input = {};");
  else if (nP === 1) lines.push(mapsSignals ? "const input = mapOne(s0);" : "const input = s0;");
  else lines.push(`const input = aggregate([${block.policies.map((_, i) => `s${i}`).join(", ")}]);`);
  lines.push("cursor.phase = 2;");
  const updated = new Set<number>();
  block.updates.forEach((u, i) => {
    updated.add(u.varIndex);
    lines.push(`cursor.fn = ${i};`);
    lines.push(`const u${i} = U${i}(params, ${k}, history, state, input, ctx);`);
    lines.push(`if (u${i} === undefined) throw returnedUndefined();`);
  });
  // Updates read `state`, never `last`, so results can go straight into `last` once all are computed.
  block.updates.forEach((u, i) => lines.push(`last[${u.varIndex}] = u${i};`));
  variables.forEach((name, i) => {
    if (!updated.has(i)) lines.push(`last[${i}] = state[${lit(name)}];`);
  });
  lines.push("return writeRow(last, row, targets);");
  const names = [
    ...block.policies.map((_, i) => `P${i}`),
    ...block.updates.map((_, i) => `U${i}`),
    "aggregate",
    "mapOne",
    "badSignals",
    "returnedUndefined",
  ];
  const values = [...block.policies.map((p) => p.fn), ...block.updates.map((u) => u.fn), support.aggregate, support.mapOne, support.badSignals, support.returnedUndefined];
  const body = `return function block${k}(t, row, last, params, history, ctx, targets, makeState, writeRow, cursor) {\n  ${lines.join("\n  ")}\n};`;
  return new Function(...names, body)(...values) as BlockStep;
}
