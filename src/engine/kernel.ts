// Functions generated for a model's variables and their current column kinds, so the hot loop makes
// objects of one fixed shape, reads and writes by constant names, and copies number records with a
// literal (V8 keeps all of this monomorphic; loops over names and a generic deep copy would not be).
import type { ColumnWriter } from "./columns";
import { deepCopy } from "./copy";
import type { ModelFunction } from "./locate";

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
 * An expression that is true when `expr` is an object of exactly this shape with number leaves, the
 * watched leaves finite. (The prototype is not checked: Object.getPrototypeOf would triple the cost of a
 * row, and a class instance replacing a plain object of the same keys is not a case models have.)
 */
function shapeTest(expr: string, shape: Shape, watched: ReadonlySet<string>, path: string[] = []): string {
  const parts = [`typeof ${expr} === "object"`, `${expr} !== null`, `keyCount(${expr}) === ${shape.size}`];
  for (const [key, child] of shape) {
    const sub = `${expr}[${lit(key)}]`;
    const at = [...path, key];
    if (child) parts.push(shapeTest(sub, child, watched, at));
    else parts.push(`typeof ${sub} === "number"`, ...(watched.has(at.join("\u0000")) ? [`${sub} - ${sub} === 0`] : []));
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

/** Records where a block step threw and hands the thrown value back unchanged. */
function at(cursor: Cursor, thrown: unknown, phase: Phase, fn: number): unknown {
  cursor.phase = phase;
  cursor.fn = fn;
  return thrown;
}

/** Thrown by block 1 when another thread asked the run to stop: the run ends before this timestep. */
export const stopRequest: unique symbol = Symbol("stop requested");

const helpers = { copy: deepCopy, keyCount, at, stopRequest };

/** The fields of the state literal handed to a block: variables (objects copied) then metadata. */
function stateFields(variables: readonly string[], writers: readonly ColumnWriter[]): string[] {
  return variables.map((name, i) => {
    const w = writers[i]!;
    // A number column holds numbers and a record column exactly its shape: the last write checked it.
    if (w.kind === "number") return `${lit(name)}: last[${i}]`;
    if (w.kind === "record") return `${lit(name)}: ${shapeCopy(`last[${i}]`, shapeOf(w.leaves))}`;
    return `${lit(name)}: (typeof (v = last[${i}]) === "object" && v !== null ? copy(v) : v)`;
  });
}

/**
 * Statements storing `last` at `row`, returning the index of the first variable that does not fit its
 * column. The caller looks at it and the rest of the row on the slow path (misfits.ts: a warning, or the
 * tuple error), then regenerates without the watch. Watched numbers add up `v - v` in `a`: 0 for finite
 * values, NaN once one is NaN or ±Infinity, so a row costs one subtraction and one addition per number
 * and one test at the end (a branch per number cost 5% of a 20-number row); the misfit returned is then
 * the first watched number, or an earlier variable. A watched record leaf is tested in the shape test, a
 * watched plain value for a `[string, x]` pair returned by this block's update.
 */
function rowWrites(writers: readonly ColumnWriter[], updated: ReadonlySet<number>): string[] {
  const lines: string[] = ["let a = 0;"];
  let t = 0;
  const fw = writers.findIndex((w) => w.kind === "number" && w.watched[0]);
  const miss = (i: number): string => (fw >= 0 && fw < i ? `return a === 0 ? ${i} : ${fw};` : `return ${i};`);
  writers.forEach((w, i) => {
    lines.push(`v = last[${i}];`);
    if (w.kind === "number") {
      lines.push(`if (typeof v !== "number") ${miss(i)}`, ...(w.watched[0] ? ["a += v - v;"] : []), `targets[${t++}][row] = v;`);
    } else if (w.kind === "record") {
      const watched = new Set(w.leaves.filter((_, l) => w.watched[l]).map((path) => path.join("\u0000")));
      lines.push(`if (!${shapeTest("v", shapeOf(w.leaves), watched)}) ${miss(i)}`);
      for (const path of w.leaves) lines.push(`targets[${t++}][row] = v${path.map((k) => `[${lit(k)}]`).join("")};`);
    } else {
      if (w.watched[0] && updated.has(i)) lines.push(`if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string") ${miss(i)}`);
      lines.push(`targets[${t++}][row] = v;`);
    }
  });
  if (fw >= 0) lines.push(`if (a !== 0) return ${fw};`);
  return lines;
}

/** The arrays a block step stores rows into, in its order. */
export function rowTargets(writers: readonly ColumnWriter[]): (Float64Array | unknown[])[] {
  return writers.flatMap((w) => w.targets());
}

/** The part of a block step that was running when it threw; the generated code holds these values as literals. */
export const Phase = { Policy: 0, Aggregate: 1, Update: 2 } as const;
/** One of the `Phase` codes. */
export type Phase = (typeof Phase)[keyof typeof Phase];

/** Where a block step is, for naming the model function when one throws. */
export interface Cursor {
  phase: Phase;
  /** Index into the block's policies or updates. */
  fn: number;
  /** The run's position (slots `Where`), written as it goes: another thread can read it while model code is stuck. */
  where: Int32Array;
}

/**
 * Slots of a run's position array. Before each model function it calls, a block step stores one constant in At,
 * `substep * AT_BLOCK + phase * AT_PHASE + index` (a catch-only cursor cannot say where an infinite loop is; one
 * store per call is what this costs). Block 1 stores the timestep and reads Stop: set by another thread, Stop
 * ends the run before that timestep.
 */
export const Where = { Simulation: 0, Subset: 1, Run: 2, Timestep: 3, At: 4, Running: 5, Stop: 6, Length: 7 } as const;
/** At's units: a function's index in its block's policies or updates is below AT_PHASE; blocks below AT_LIMIT. */
export const AT_PHASE = 1 << 16;
export const AT_BLOCK = 1 << 18;
const AT_LIMIT = 1 << 13;
/** At's phase for a block that calls no function (it has none). */
const AT_NO_FUNCTION = 3;

/** The At code of a function; -1 (unknown) beyond the blocks and functions an Int32 can number. */
function atCode(k: number, phase: number, index: number): number {
  return k < AT_LIMIT && index < AT_PHASE ? k * AT_BLOCK + phase * AT_PHASE + index : -1;
}

/**
 * Computes one block of one timestep into `last` and stores the row; returns -1, or the index of the
 * first variable whose column must widen (the caller then stores the rest of the row).
 */
export type BlockStep = (
  t: number,
  row: number,
  last: unknown[],
  params: unknown,
  history: unknown,
  ctx: { substep: number; subset: number; run: number },
  targets: (Float64Array | unknown[])[],
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

/** A block as the generator sees it. */
export interface StepBlock {
  substep: number;
  policies: readonly { fn: ModelFunction }[];
  updates: readonly { varIndex: number; fn: ModelFunction }[];
}

/**
 * A block as straight-line code: the state literal, every policy and update call at its own call site
 * (one target each, so V8 can inline the model's functions and often drop the state object), and the
 * row's typed stores.
 */
export function blockStepFactory(
  variables: readonly string[],
  writers: readonly ColumnWriter[],
  block: StepBlock,
  blockCount: number,
  simulation: number,
  mapsSignals: boolean,
  support: BlockSupport,
): BlockStep {
  const k = block.substep;
  // Block 1 sees the previous timestep's last row; its substep reads 0 when that timestep had one row.
  const metaTimestep = k === 1 ? "t - 1" : "t";
  const metaSubstep = k === 1 ? (blockCount === 1 ? "0" : `t === 1 ? 0 : ${blockCount}`) : String(k - 1);
  const meta = `simulation: ${simulation}, subset: ctx.subset, run: ctx.run, timestep: ${metaTimestep}, substep: ${metaSubstep}`;
  // Where a throw came from is recorded only when one happens (a catch costs nothing until then).
  const lines: string[] = [
    `ctx.substep = ${k};`,
    "const where = cursor.where;",
    ...(k === 1 ? [`where[${Where.Timestep}] = t;`, `if (where[${Where.Stop}] !== 0) throw stopRequest;`] : []),
    ...(block.policies.length + block.updates.length === 0 ? [`where[${Where.At}] = ${atCode(k, AT_NO_FUNCTION, 0)};`] : []),
    "let v;",
    `const state = { ${[...stateFields(variables, writers), meta].join(", ")} };`,
  ];
  block.policies.forEach((_, i) => {
    lines.push(`let s${i};`, `where[${Where.At}] = ${atCode(k, Phase.Policy, i)};`);
    lines.push(`try { s${i} = P${i}(params, ${k}, history, state, ctx); } catch (e) { throw at(cursor, e, ${Phase.Policy}, ${i}); }`);
    lines.push(
      `if (typeof s${i} !== "object" || s${i} === null || Array.isArray(s${i}) || s${i} instanceof Promise) throw at(cursor, badSignals(s${i}), ${Phase.Policy}, ${i});`,
    );
  });
  const nP = block.policies.length;
  if (nP === 0) lines.push("const input = {};");
  else if (nP === 1 && !mapsSignals) lines.push("const input = s0;");
  else {
    const call = nP === 1 ? "mapOne(s0)" : `aggregate([${block.policies.map((_, i) => `s${i}`).join(", ")}])`;
    lines.push(
      "let input;",
      `where[${Where.At}] = ${atCode(k, Phase.Aggregate, 0)};`,
      `try { input = ${call}; } catch (e) { throw at(cursor, e, ${Phase.Aggregate}, 0); }`,
    );
  }
  const updated = new Set<number>();
  block.updates.forEach((u, i) => {
    updated.add(u.varIndex);
    lines.push(`let u${i};`, `where[${Where.At}] = ${atCode(k, Phase.Update, i)};`);
    lines.push(`try { u${i} = U${i}(params, ${k}, history, state, input, ctx); } catch (e) { throw at(cursor, e, ${Phase.Update}, ${i}); }`);
    lines.push(`if (u${i} === undefined) throw at(cursor, returnedUndefined(), ${Phase.Update}, ${i});`);
  });
  // Updates read `state`, never `last`, so their results go straight into `last` once all are computed;
  // the others carry the block's state (mutations included), as cadCAD does.
  block.updates.forEach((u, i) => lines.push(`last[${u.varIndex}] = u${i};`));
  variables.forEach((name, i) => {
    if (!updated.has(i)) lines.push(`last[${i}] = state[${lit(name)}];`);
  });
  lines.push(...rowWrites(writers, updated), "return -1;");
  const fns: Record<string, unknown> = { ...helpers, ...support };
  block.policies.forEach((p, i) => (fns[`P${i}`] = p.fn));
  block.updates.forEach((u, i) => (fns[`U${i}`] = u.fn));
  const names = Object.keys(fns);
  const body = `return function block${k}(t, row, last, params, history, ctx, targets, cursor) {\n  ${lines.join("\n  ")}\n};`;
  // The one place code is generated from text: the model's own functions are passed in, never spliced in.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- generated block code (see above)
  return new Function(...names, body)(...names.map((n) => fns[n])) as BlockStep;
}
