// cadCAD's `sH` as a read-only view over the run's columns: rows are built (and frozen) only when read.
import type { ColumnWriter } from "./columns";
import { deepFreeze } from "./copy";
import type { Row } from "./types";

/** The history handed to model functions, and the loop's handle to extend it. */
export interface HistoryHandle {
  view: ReadonlyArray<ReadonlyArray<Readonly<Row>>>;
  /** Makes timesteps 0..t-1 visible (called at the start of timestep t). */
  setLength: (t: number) => void;
}

/** A history over `writers`: entry 0 is [initial row], entry i the `blocks` rows of timestep i. */
export function createHistory(
  writers: readonly ColumnWriter[],
  variables: readonly string[],
  key: { simulation: number; subset: number; run: number },
  blocks: number,
): HistoryHandle {
  let length = 0;
  const cache: (readonly Readonly<Row>[])[] = [];
  const entry = (i: number): readonly Readonly<Row>[] => {
    let rows = cache[i];
    if (!rows) {
      const first = i === 0 ? 0 : 1 + (i - 1) * blocks;
      const count = i === 0 ? 1 : blocks;
      const built: Readonly<Row>[] = [];
      for (let r = first; r < first + count; r++) {
        const row: Record<string, unknown> = {};
        variables.forEach((name, v) => (row[name] = deepFreeze(writers[v]!.read(r))));
        row.simulation = key.simulation;
        row.subset = key.subset;
        row.run = key.run;
        row.timestep = i;
        row.substep = i === 0 ? 0 : r - first + 1;
        built.push(Object.freeze(row) as Readonly<Row>);
      }
      rows = Object.freeze(built);
      cache[i] = rows;
    }
    return rows;
  };
  const index = (prop: string | symbol): number => {
    if (typeof prop !== "string") return -1;
    const n = Number(prop);
    return Number.isInteger(n) && n >= 0 && n < length && String(n) === prop ? n : -1;
  };
  const readOnly = (): never => {
    throw new TypeError("history is read-only: it holds the completed timesteps' rows");
  };
  const target: unknown[] = [];
  const view = new Proxy(target, {
    get(_, prop) {
      if (prop === "length") return length;
      const i = index(prop);
      if (i >= 0) return entry(i);
      return Reflect.get(target, prop) as unknown;
    },
    has(_, prop) {
      return prop === "length" || index(prop) >= 0 || Reflect.has(target, prop);
    },
    ownKeys() {
      return [...Array.from({ length }, (_, i) => String(i)), "length"];
    },
    getOwnPropertyDescriptor(_, prop) {
      if (prop === "length") return { value: length, writable: true, enumerable: false, configurable: false };
      const i = index(prop);
      return i >= 0 ? { value: entry(i), writable: false, enumerable: true, configurable: true } : undefined;
    },
    set: readOnly,
    defineProperty: readOnly,
    deleteProperty: readOnly,
  }) as unknown as HistoryHandle["view"];
  return {
    view,
    setLength: (t) => {
      length = t;
    },
  };
}
