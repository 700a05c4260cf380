// Compact storage of one run's values of one variable: numbers in a Float64Array, nested objects of
// numbers as one Float64Array per leaf, anything else as a plain array of values.

import { deepCopy } from "./copy";
/** A column as stored and sent between threads. */
export type ColumnData =
  { kind: "number"; values: Float64Array } | { kind: "record"; leaves: string[][]; values: Float64Array[] } | { kind: "any"; values: unknown[] };

/** Leaf paths of a non-empty plain object whose leaves are all numbers, else undefined. */
function numericLeaves(value: unknown, prefix: string[] = []): string[][] | undefined {
  // Deeper than any record of numbers is (and a value that holds itself): a plain value.
  if (!isObjectLiteral(value) || prefix.length > 64) return undefined;
  const keys = Object.keys(value);
  if (keys.length === 0) return undefined;
  const leaves: string[][] = [];
  for (const key of keys) {
    const v = value[key];
    if (typeof v === "number") leaves.push([...prefix, key]);
    else {
      const sub = v === value ? undefined : numericLeaves(v, [...prefix, key]);
      if (!sub) return undefined;
      leaves.push(...sub);
    }
  }
  return leaves;
}

/**
 * An object whose prototype is Object.prototype, as `{...}` makes: the values that are opened into dotted leaves when
 * stored and flattened. (Arrays, class instances and null-prototype objects are values; compare compile.ts, which
 * accepts null-prototype objects as records in a model's definition.)
 */
export function isObjectLiteral(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Writes one variable's values row by row; starts as compact as the first value allows, widens when needed. */
export class ColumnWriter {
  kind: ColumnData["kind"];
  /** For records: the number leaves' paths, in the order of `targets()`. */
  leaves: string[][] = [];
  /**
   * Per target (the number, each record leaf, or the plain values): whether the generated row writer still
   * sends this value to the slow path for a look (a non-finite number; a `[string, x]` pair in plain values).
   * Cleared after the first look, so a variable that is NaN on purpose costs one slow row per run.
   */
  watched: boolean[] = [true];
  private numbers: Float64Array | undefined;
  private leafValues: Float64Array[] = [];
  private anyValues: unknown[] | undefined;
  private readonly capacity: number;

  constructor(first: unknown, capacity: number) {
    this.capacity = capacity;
    if (typeof first === "number") {
      this.kind = "number";
      this.numbers = new Float64Array(capacity);
      return;
    }
    const leaves = numericLeaves(first);
    if (leaves) {
      this.kind = "record";
      this.leaves = leaves;
      this.leafValues = leaves.map(() => new Float64Array(capacity));
      this.watched = leaves.map(() => true);
      return;
    }
    this.kind = "any";
    this.anyValues = new Array(capacity);
  }

  /** The arrays the generated row writer stores into: [numbers], one per record leaf, or [values]. */
  targets(): (Float64Array | unknown[])[] {
    if (this.kind === "number") return [this.numbers!];
    if (this.kind === "record") return this.leafValues;
    return [this.anyValues!];
  }

  /** Stores `value` at `row` (the slow, general path); rows are written in order. */
  write(row: number, value: unknown): void {
    switch (this.kind) {
      case "number":
        if (typeof value === "number") {
          this.numbers![row] = value;
          return;
        }
        break;
      case "record":
        if (this.writeRecord(row, value)) return;
        break;
      case "any":
        this.anyValues![row] = value;
        return;
    }
    this.widen(row);
    this.anyValues![row] = value;
  }

  private writeRecord(row: number, value: unknown): boolean {
    const leaves = numericLeaves(value);
    if (!leaves || !sameLeaves(leaves, this.leaves)) return false;
    for (let i = 0; i < leaves.length; i++) this.leafValues[i]![row] = leafAt(value, this.leaves[i]!) as number;
    return true;
  }

  /** A copy of the value at `row` (already written); never the stored object itself. */
  read(row: number): unknown {
    switch (this.kind) {
      case "number":
        return this.numbers![row];
      case "record":
        return columnValue({ kind: "record", leaves: this.leaves, values: this.leafValues }, row);
      case "any":
        return deepCopy(this.anyValues![row]);
    }
  }

  /** Switches to plain values, rebuilding the rows written so far. */
  private widen(rows: number): void {
    const data = this.finish(rows);
    const values: unknown[] = new Array(this.capacity);
    for (let r = 0; r < rows; r++) values[r] = columnValue(data, r);
    this.kind = "any";
    this.watched = [true];
    this.anyValues = values;
    this.numbers = undefined;
    this.leafValues = [];
  }

  /** The column's data for its first `rows` rows. */
  finish(rows: number): ColumnData {
    switch (this.kind) {
      case "number":
        return { kind: "number", values: rows === this.capacity ? this.numbers! : this.numbers!.slice(0, rows) };
      case "record":
        return {
          kind: "record",
          leaves: this.leaves,
          values: this.leafValues.map((v) => (rows === this.capacity ? v : v.slice(0, rows))),
        };
      case "any":
        return { kind: "any", values: rows === this.capacity ? this.anyValues! : this.anyValues!.slice(0, rows) };
    }
  }
}

/** The value at a leaf path of a nested object, or undefined where the path does not lead. */
export function leafAt(value: unknown, path: string[]): unknown {
  let v = value;
  for (let i = 0; i < path.length; i++) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<string, unknown>)[path[i]!];
  }
  return v;
}

/** Same set of leaf paths, in any order. */
function sameLeaves(a: string[][], b: string[][]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a.map((p) => p.join("\u0000")));
  return b.every((p) => set.has(p.join("\u0000")));
}

/** The value of a column at a row, rebuilt as users wrote it (a fresh object for records). */
export function columnValue(data: ColumnData, row: number): unknown {
  switch (data.kind) {
    case "number":
      return data.values[row];
    case "any":
      return data.values[row];
    case "record": {
      const out: Record<string, unknown> = {};
      data.leaves.forEach((path, i) => {
        let target = out;
        for (let d = 0; d < path.length - 1; d++) {
          const key = path[d]!;
          target = (target[key] ??= {}) as Record<string, unknown>;
        }
        target[path[path.length - 1]!] = data.values[i]![row];
      });
      return out;
    }
  }
}

/** The numeric series inside a column: one per number leaf, named by dotted path ("" for a plain number). */
export function numericSeries(data: ColumnData): { path: string; values: Float64Array }[] {
  switch (data.kind) {
    case "number":
      return [{ path: "", values: data.values }];
    case "record":
      return data.leaves.map((leaf, i) => ({ path: leaf.join("."), values: data.values[i]! }));
    case "any":
      return [];
  }
}

/** The buffers to transfer when sending a column to another thread. */
export function columnBuffers(data: ColumnData): ArrayBuffer[] {
  if (data.kind === "number") return [data.values.buffer as ArrayBuffer];
  if (data.kind === "record") return data.values.map((v) => v.buffer as ArrayBuffer);
  return [];
}
