// The table's filter: an expression over its columns ("treasury < 0 and timestep >= 10", "apr in [0.05, 0.1]"), parsed
// by jsep and compiled once per run into a test of row numbers, so 10 million rows are filtered without a row object each.
import jsep from "jsep";
import { suggest } from "../../engine/compile";
import { readAt, type ColumnAccess } from "./columnAccess";

// pandas' query() words beside JavaScript's operators, for cadCAD users who write `df.query("apr == 0.05 and run == 1")`.
jsep.addBinaryOp("or", 1);
jsep.addBinaryOp("and", 2);
jsep.addBinaryOp("in", 7);
jsep.addUnaryOp("not");

/** A filter that cannot be parsed or names no column: the message, and where in the text (0-based). */
export class FilterError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = "FilterError";
  }
}

/** How one run's rows pass a filter: all of them, none, or row by row. */
export type RunTest = { kind: "all" } | { kind: "none" } | { kind: "rows"; test: (r: number) => boolean };

/** A parsed filter, checked against the table's columns. */
export interface RowFilter {
  /** The filter as typed (trimmed). */
  text: string;
  /** The columns it reads. */
  columns: string[];
  /** Its test of one run's rows, given how each column it reads is read in that run. */
  forRun(access: (column: string) => ColumnAccess): RunTest;
}

type Node = jsep.Expression;
/** A compiled expression: a value known for the whole run, or one per row. */
type Compiled = { constant: true; value: unknown } | { constant: false; at: (r: number) => unknown };

const COMPARISONS = new Set(["==", "===", "!=", "!==", "<", "<=", ">", ">="]);
const ARITHMETIC = new Set(["+", "-", "*", "/", "%"]);
const LOGICAL = new Set(["&&", "and", "||", "or"]);
const NEGATIONS = new Set(["!", "not"]);
const FUNCTIONS: Record<string, { arity: number; condition: boolean; fn: (...args: unknown[]) => unknown }> = {
  abs: { arity: 1, condition: false, fn: (x) => (typeof x === "number" ? Math.abs(x) : Number.NaN) },
  floor: { arity: 1, condition: false, fn: (x) => (typeof x === "number" ? Math.floor(x) : Number.NaN) },
  ceil: { arity: 1, condition: false, fn: (x) => (typeof x === "number" ? Math.ceil(x) : Number.NaN) },
  round: { arity: 1, condition: false, fn: (x) => (typeof x === "number" ? Math.round(x) : Number.NaN) },
  // pandas' isna(): a missing value or NaN, the values that a trustworthy table must let a user find.
  isnan: { arity: 1, condition: true, fn: (x) => x === undefined || x === null || (typeof x === "number" && Number.isNaN(x)) },
  isfinite: { arity: 1, condition: true, fn: (x) => typeof x === "number" && Number.isFinite(x) },
};

/** Parses `text` against the table's `columns`; throws FilterError naming what is wrong and where. */
export function parseFilter(text: string, columns: readonly string[]): RowFilter {
  const trimmed = text.trim();
  let ast: Node;
  try {
    ast = jsep(trimmed);
  } catch (err) {
    const e = err as { description?: string; index?: number; message: string };
    throw new FilterError(e.description ?? e.message, e.index ?? 0);
  }
  const known = new Set(columns);
  const used = new Set<string>();
  check(ast, trimmed, known, used);
  if (!isCondition(ast)) throw new FilterError(`a filter is a condition, such as 'treasury < 0' or 'run == 1'; '${trimmed}' is a value`, 0);
  return {
    text: trimmed,
    columns: [...used],
    forRun(access) {
      const reads = new Map([...used].map((c) => [c, access(c)]));
      const compiled = compile(ast, reads);
      if (compiled.constant) return truthy(compiled.value) ? { kind: "all" } : { kind: "none" };
      const at = compiled.at;
      return { kind: "rows", test: (r) => truthy(at(r)) };
    },
  };
}

/** A column's name from an identifier or a chain of them (`contributors.token_balance`), else undefined. */
function columnName(node: Node): string | undefined {
  if (node.type === "Identifier") return (node as jsep.Identifier).name;
  if (node.type !== "MemberExpression") return undefined;
  const m = node as jsep.MemberExpression;
  const object = columnName(m.object);
  if (object === undefined) return undefined;
  if (!m.computed && m.property.type === "Identifier") return `${object}.${(m.property as jsep.Identifier).name}`;
  if (m.computed && m.property.type === "Literal" && typeof (m.property as jsep.Literal).value === "string")
    return `${object}.${(m.property as jsep.Literal).value as string}`;
  return undefined;
}

/** Checks every name and operator before any row is read, so a typo is reported once, not as an empty table. */
function check(node: Node, text: string, known: Set<string>, used: Set<string>): void {
  const name = columnName(node);
  if (name !== undefined) {
    if (!known.has(name)) throw new FilterError(`no column '${name}'${suggest(name, known)}`, indexOf(text, name));
    used.add(name);
    return;
  }
  switch (node.type) {
    case "Literal":
      if ((node as jsep.Literal).value instanceof RegExp) throw new FilterError("regular expressions are not supported", indexOf(text, "/"));
      return;
    case "BinaryExpression": {
      const b = node as jsep.BinaryExpression;
      if (!COMPARISONS.has(b.operator) && !ARITHMETIC.has(b.operator) && !LOGICAL.has(b.operator) && b.operator !== "in") {
        throw new FilterError(`operator '${b.operator}' is not supported (use ==, !=, <, <=, >, >=, and, or, not, in, + - * / %)`, indexOf(text, b.operator));
      }
      if (b.operator === "in" && b.right.type !== "ArrayExpression")
        throw new FilterError("'in' takes a list of values, such as 'run in [1, 2]'", indexOf(text, "in"));
      check(b.left, text, known, used);
      check(b.right, text, known, used);
      return;
    }
    case "UnaryExpression": {
      const u = node as jsep.UnaryExpression;
      if (!NEGATIONS.has(u.operator) && u.operator !== "-" && u.operator !== "+")
        throw new FilterError(`operator '${u.operator}' is not supported`, indexOf(text, u.operator));
      check(u.argument, text, known, used);
      return;
    }
    case "ArrayExpression":
      for (const element of (node as jsep.ArrayExpression).elements) if (element) check(element, text, known, used);
      return;
    case "CallExpression": {
      const c = node as jsep.CallExpression;
      const callee = c.callee.type === "Identifier" ? (c.callee as jsep.Identifier).name : "";
      const fn = FUNCTIONS[callee.toLowerCase()];
      if (!fn) throw new FilterError(`no function '${callee || "?"}' (there are ${Object.keys(FUNCTIONS).join(", ")})`, indexOf(text, callee || "("));
      if (c.arguments.length !== fn.arity) throw new FilterError(`${callee}() takes ${fn.arity} value`, indexOf(text, callee));
      for (const a of c.arguments) check(a, text, known, used);
      return;
    }
    case "Compound":
      throw new FilterError("one condition is expected: join conditions with 'and' or 'or'", 0);
    default:
      throw new FilterError(`'${node.type}' is not supported in a filter`, 0);
  }
}

/** Whether an expression gives true or false (rather than a number): a filter must be one. */
function isCondition(node: Node): boolean {
  switch (node.type) {
    case "BinaryExpression": {
      const op = (node as jsep.BinaryExpression).operator;
      return COMPARISONS.has(op) || LOGICAL.has(op) || op === "in";
    }
    case "UnaryExpression":
      return NEGATIONS.has((node as jsep.UnaryExpression).operator);
    case "CallExpression":
      return FUNCTIONS[((node as jsep.CallExpression).callee as jsep.Identifier).name.toLowerCase()]?.condition === true;
    case "Literal":
      return typeof (node as jsep.Literal).value === "boolean";
    default:
      return false;
  }
}

function compile(node: Node, reads: Map<string, ColumnAccess>): Compiled {
  const name = columnName(node);
  if (name !== undefined) return read(reads.get(name)!);
  switch (node.type) {
    case "Literal":
      return { constant: true, value: (node as jsep.Literal).value };
    case "UnaryExpression": {
      const u = node as jsep.UnaryExpression;
      const op: (x: unknown) => unknown = NEGATIONS.has(u.operator)
        ? (x) => !truthy(x)
        : u.operator === "-"
          ? (x) => (typeof x === "number" ? -x : Number.NaN)
          : (x) => x;
      return map1(compile(u.argument, reads), op);
    }
    case "CallExpression": {
      const c = node as jsep.CallExpression;
      const fn = FUNCTIONS[(c.callee as jsep.Identifier).name.toLowerCase()]!.fn;
      return map1(compile(c.arguments[0]!, reads), fn);
    }
    case "BinaryExpression": {
      const b = node as jsep.BinaryExpression;
      const left = compile(b.left, reads);
      if (b.operator === "in") {
        const list = (b.right as jsep.ArrayExpression).elements.map((e) => (e ? compile(e, reads) : { constant: true as const, value: undefined }));
        // A list of literals (the usual `run in [1, 2]`) is a set, looked up once per row.
        if (list.every((e) => e.constant)) {
          const values = list.map((e) => (e as { value: unknown }).value);
          return map1(left, (x) => values.some((v) => equal(x, v)));
        }
        return { constant: false, at: (r) => list.some((e) => equal(valueAt(left, r), valueAt(e, r))) };
      }
      const right = compile(b.right, reads);
      if (b.operator === "&&" || b.operator === "and") return logical(left, right, true);
      if (b.operator === "||" || b.operator === "or") return logical(left, right, false);
      return map2(left, right, binary(b.operator));
    }
    default:
      throw new FilterError(`'${node.type}' is not supported in a filter`, 0);
  }
}

function read(access: ColumnAccess): Compiled {
  switch (access.kind) {
    case "constant":
      return { constant: true, value: access.value };
    case "numbers": {
      const values = access.values;
      return { constant: false, at: (r) => values[r] };
    }
    default:
      return { constant: false, at: (r) => readAt(access, r) };
  }
}

function valueAt(c: Compiled, r: number): unknown {
  return c.constant ? c.value : c.at(r);
}

function map1(a: Compiled, op: (x: unknown) => unknown): Compiled {
  if (a.constant) return { constant: true, value: op(a.value) };
  const at = a.at;
  return { constant: false, at: (r) => op(at(r)) };
}

/** A binary operation, with a constant side read once (the usual `treasury < 0`). */
function map2(a: Compiled, b: Compiled, op: (x: unknown, y: unknown) => unknown): Compiled {
  if (a.constant && b.constant) return { constant: true, value: op(a.value, b.value) };
  if (b.constant) {
    const [at, y] = [(a as { at: (r: number) => unknown }).at, b.value];
    return { constant: false, at: (r) => op(at(r), y) };
  }
  if (a.constant) {
    const [x, at] = [a.value, b.at];
    return { constant: false, at: (r) => op(x, at(r)) };
  }
  const [f, g] = [a.at, b.at];
  return { constant: false, at: (r) => op(f(r), g(r)) };
}

/** `and`/`or`: a constant side decides the run at once (`apr == 0.05 and treasury < 0` skips other subsets' rows). */
function logical(a: Compiled, b: Compiled, and: boolean): Compiled {
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    if (x.constant) return truthy(x.value) === and ? map1(y, truthy) : { constant: true, value: !and };
  }
  const [f, g] = [(a as { at: (r: number) => unknown }).at, (b as { at: (r: number) => unknown }).at];
  return and ? { constant: false, at: (r) => truthy(f(r)) && truthy(g(r)) } : { constant: false, at: (r) => truthy(f(r)) || truthy(g(r)) };
}

function binary(op: string): (x: unknown, y: unknown) => unknown {
  switch (op) {
    case "==":
    case "===":
      return equal;
    case "!=":
    case "!==":
      return (x, y) => !equal(x, y);
    case "<":
      return (x, y) => comparable(x, y) && (x as number) < (y as number);
    case "<=":
      return (x, y) => comparable(x, y) && (x as number) <= (y as number);
    case ">":
      return (x, y) => comparable(x, y) && (x as number) > (y as number);
    case ">=":
      return (x, y) => comparable(x, y) && (x as number) >= (y as number);
    case "+":
      return (x, y) => (typeof x === "number" && typeof y === "number" ? x + y : Number.NaN);
    case "-":
      return (x, y) => (typeof x === "number" && typeof y === "number" ? x - y : Number.NaN);
    case "*":
      return (x, y) => (typeof x === "number" && typeof y === "number" ? x * y : Number.NaN);
    case "/":
      return (x, y) => (typeof x === "number" && typeof y === "number" ? x / y : Number.NaN);
    default:
      return (x, y) => (typeof x === "number" && typeof y === "number" ? x % y : Number.NaN);
  }
}

/** Equality of table values: numbers, text and booleans by value; `null` matches a missing value. */
function equal(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  return (x === null || x === undefined) && (y === null || y === undefined);
}

/** Order comparisons hold between two numbers or two texts only: "abc" < 5 is no row's condition. */
function comparable(x: unknown, y: unknown): boolean {
  return (typeof x === "number" && typeof y === "number") || (typeof x === "string" && typeof y === "string");
}

function truthy(value: unknown): boolean {
  return value === true || (typeof value === "number" && value !== 0 && !Number.isNaN(value));
}

/** Where `token` first appears in `text` as a whole word (or at all), for the error's place. */
function indexOf(text: string, token: string): number {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const word = new RegExp(`(^|[^\\w.])${escaped}(?![\\w])`).exec(text);
  if (word) return word.index + word[1]!.length;
  return Math.max(0, text.indexOf(token));
}
