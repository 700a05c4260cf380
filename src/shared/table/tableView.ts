// The table as a user has asked to see it: the rows a filter keeps, in the order of a sorted column, read page by page
// from the columnar store. Built as yielding work (the extension host runs it in slices), never as a row object per row.
import type { Results } from "../../engine";
import type { TableIndex } from "../tablePages";
import { ColumnReader, readAt } from "./columnAccess";
import { parseFilter } from "./rowFilter";
import { CHUNK, RowOrder, type Work } from "./rowOrder";

/** A sort by one column. */
export interface TableSort {
  column: string;
  descending: boolean;
}

/** What the table shows: its filter (empty: every row), its sort (none: the rows' own order), with or without substeps. */
export interface TableQuery {
  filter: string;
  sort?: TableSort;
  dropSubsteps: boolean;
}

/** Rows of a view: each one's number in the unfiltered table (its gutter), and its cells. */
export interface ViewRows {
  indexes: number[];
  rows: unknown[][];
}

/** The rows of a query over a table. */
export class TableView {
  private constructor(
    private readonly index: TableIndex,
    /** The rows the filter keeps (ascending), or undefined: every row. */
    private readonly kept: Uint32Array | undefined,
    private readonly order: RowOrder | undefined,
  ) {}

  /** The view of `query` over `index` (a table of `results` with its `columns`); throws FilterError for a bad filter. */
  static *build(results: Results, index: TableIndex, columns: readonly string[], query: TableQuery): Work<TableView> {
    const reader = new ColumnReader(results);
    const kept = query.filter.trim() ? yield* filterRows(index, reader, parseFilter(query.filter, columns)) : undefined;
    if (!query.sort || !columns.includes(query.sort.column)) return new TableView(index, kept, undefined);
    const keys = yield* sortKeys(index, reader, query.sort.column, kept);
    const rows = kept ?? identity(index.rowCount);
    return new TableView(index, kept, yield* RowOrder.of(keys, rows, query.sort.descending));
  }

  get rowCount(): number {
    return this.order?.length ?? this.kept?.length ?? this.index.rowCount;
  }

  /** Table row numbers of view rows `start` .. `end - 1`. */
  *positions(start: number, end: number): Work<Uint32Array> {
    const to = Math.min(end, this.rowCount);
    const from = Math.max(0, Math.min(start, to));
    if (this.order) return yield* this.order.slice(from, to);
    if (this.kept) return this.kept.slice(from, to);
    return identity(to - from, from);
  }

  /** View rows `start` .. `start + count - 1`, their cells in `columns` order. */
  *rows(start: number, count: number, columns: readonly string[]): Work<ViewRows> {
    const positions = yield* this.positions(start, start + count);
    const indexes = Array.from(positions);
    return { indexes, rows: indexes.map((p) => this.index.row(p, columns)) };
  }
}

function identity(n: number, from = 0): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = from + i;
  return out;
}

/** The table rows a filter keeps, in table order. */
function* filterRows(index: TableIndex, reader: ColumnReader, filter: ReturnType<typeof parseFilter>): Work<Uint32Array> {
  const out = new Uint32Array(index.rowCount);
  let kept = 0;
  let work = 0;
  for (const { run, first, count, stride } of index.spans()) {
    const test = filter.forRun((column) => reader.access(run, column));
    if (test.kind === "none") continue;
    if (test.kind === "all") {
      for (let k = 0; k < count; k++) out[kept++] = first + k;
      work += count / 8;
    } else {
      const rows = test.test;
      for (let k = 0; k < count; k++) {
        if (rows(k * stride)) out[kept++] = first + k;
        if (++work >= CHUNK) {
          work = 0;
          yield;
        }
      }
    }
    if (work >= CHUNK) {
      work = 0;
      yield;
    }
  }
  return out.subarray(0, kept);
}

/**
 * One sort key per row (of `kept`, else every row): a number column's values; any other column's values ranked
 * (numbers, then text in natural order, then booleans, then other values by their JSON), missing values as NaN (last).
 */
function* sortKeys(index: TableIndex, reader: ColumnReader, column: string, kept: Uint32Array | undefined): Work<Float64Array> {
  const n = kept?.length ?? index.rowCount;
  const keys = new Float64Array(n);
  const other: { at: number[]; values: unknown[] } = { at: [], values: [] };
  let j = 0;
  let work = 0;
  let next = 0; // the next of `kept` to place
  for (const { run, first, count, stride } of index.spans()) {
    const access = reader.access(run, column);
    const take = (k: number): void => {
      const v = access.kind === "numbers" ? access.values[k * stride]! : readAt(access, k * stride);
      if (typeof v === "number") keys[j] = v;
      else {
        keys[j] = Number.NaN;
        if (v !== undefined && v !== null) {
          other.at.push(j);
          other.values.push(v);
        }
      }
      j++;
    };
    // This run's rows among `kept` (ascending) are the next ones up to the first past the run.
    const end = kept ? firstAtOrAfter(kept, first + count, next) : count;
    for (let q = kept ? next : 0; q < end;) {
      const stop = Math.min(end, q + CHUNK - work);
      work += stop - q;
      for (; q < stop; q++) take(kept ? kept[q]! - first : q);
      if (work >= CHUNK) {
        work = 0;
        yield;
      }
    }
    if (kept) next = end;
  }
  if (other.at.length > 0) yield* rankKeys(keys, other);
  return keys;
}

/** The first index from `from` on whose value in the ascending `values` is at least `bound`. */
function firstAtOrAfter(values: Uint32Array, bound: number, from: number): number {
  let lo = from;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Turns keys into ranks of a column that holds values other than numbers, so that one radix sort orders them all. */
function* rankKeys(keys: Float64Array, other: { at: number[]; values: unknown[] }): Work<void> {
  const numbers = new Set<number>();
  for (const v of keys) if (!Number.isNaN(v)) numbers.add(v);
  const texts = new Map<string, unknown>();
  for (const v of other.values) texts.set(identityOf(v), v);
  yield;
  const distinct = [...[...numbers].map((v) => [`n:${v}`, v] as const), ...texts];
  const collator = new Intl.Collator(undefined, { numeric: true });
  distinct.sort((a, b) => compareValues(a[1], b[1], collator));
  const rank = new Map(distinct.map(([key], i) => [key, i]));
  yield;
  for (let i = 0; i < keys.length; i++) if (!Number.isNaN(keys[i]!)) keys[i] = rank.get(`n:${keys[i]}`)!;
  other.at.forEach((at, i) => {
    keys[at] = rank.get(identityOf(other.values[i]))!;
  });
}

function identityOf(value: unknown): string {
  if (typeof value === "number") return `n:${value}`;
  if (typeof value === "string") return `s:${value}`;
  if (typeof value === "boolean") return `b:${value}`;
  try {
    return `o:${JSON.stringify(value)}`;
  } catch {
    return `o:${String(value)}`;
  }
}

const KIND_ORDER = ["number", "string", "boolean"];

function compareValues(a: unknown, b: unknown, collator: Intl.Collator): number {
  const ka = KIND_ORDER.indexOf(typeof a);
  const kb = KIND_ORDER.indexOf(typeof b);
  const [ra, rb] = [ka < 0 ? KIND_ORDER.length : ka, kb < 0 ? KIND_ORDER.length : kb];
  if (ra !== rb) return ra - rb;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return collator.compare(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return collator.compare(identityOf(a), identityOf(b));
}
