// Signal aggregation (cadCAD `policy_ops`): fold each key's values in policy order, then map.
import type { PolicyOp, Signals } from "./types";

/** A key whose values the default op cannot add; the caller names the policies. */
export class AggregationError extends Error {
  constructor(
    message: string,
    readonly key: string,
  ) {
    super(message);
    this.name = "AggregationError";
  }
}

/** The default op: numbers and bigints add, strings and arrays concatenate; anything else is an error. */
export function add(a: unknown, b: unknown): unknown {
  const ta = typeof a;
  if (ta === typeof b) {
    if (ta === "number") return (a as number) + (b as number);
    if (ta === "string") return (a as string) + (b as string);
    if (ta === "bigint") return (a as bigint) + (b as bigint);
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.concat(b);
  throw new TypeError(`cannot add ${describeValue(a)} and ${describeValue(b)}`);
}

/** A short type description for messages: "a number", "an object", "null". */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  const t = typeof value;
  return t === "object" ? "an object" : `a ${t}`;
}

/**
 * Aggregates the signals of a block's policies (already in cadCAD's policy order). `ops[0]` folds the
 * values of each key (a single value is taken as is); each further op maps the result.
 */
export function aggregateSignals(signals: readonly Signals[], ops: readonly PolicyOp[]): Signals {
  const fold = ops[0] ?? add;
  const out: Signals = {};
  for (const sig of signals) {
    for (const key in sig) {
      if (!hasOwn(sig, key)) continue;
      const value: unknown = sig[key];
      // `in` first: cheap, and only a key already seen (or an Object.prototype name) needs hasOwn.
      if (!(key in out) || !hasOwn(out, key)) {
        setOwn(out, key, value);
        continue;
      }
      let folded: unknown;
      try {
        folded = fold(out[key], value);
      } catch (err) {
        if (fold === add) throw new AggregationError(`signal '${key}' cannot be aggregated: ${(err as Error).message}`, key);
        throw err;
      }
      out[key] = folded;
    }
  }
  for (let i = 1; i < ops.length; i++) {
    const map = ops[i]!;
    for (const key of Object.keys(out)) out[key] = map(out[key]) as unknown;
  }
  return out;
}

/** Maps a single policy's signals through `ops[1:]` (the fold is not called for a single value). */
export function mapSignals(sig: Signals, ops: readonly PolicyOp[]): Signals {
  if (ops.length <= 1) return sig;
  return aggregateSignals([sig], ops);
}

const hasOwn = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

function setOwn(obj: Signals, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
