// The order of a sorted table, computed as far as the rows looked at need: a stable most-significant-digit radix sort
// of the keys' 64 bits, 16 bits at a time (8 in small ranges), that splits a range of rows only when a page inside it is asked for. The
// first page of 10 million rows costs two passes over them; every step yields (a generator), so the extension host
// can run it in slices and stay responsive.

/** Elements handled between two yields: a few milliseconds of work. */
export const CHUNK = 1 << 17;
const KEY_BITS = 64;
/** Ranges this small are sorted by insertion, at once: as soon as their range is split. */
const TINY = 32;

/** Work that yields between chunks and returns `T`. */
export type Work<T> = Generator<void, T, void>;

/** A range of rows to put in order, and once split, its parts still out of order. */
interface Range {
  start: number;
  end: number;
  /** The key's bits (from the top) that every row of the range shares: where the next digit starts. */
  bit: number;
  /** Undefined until split; then the parts not yet in order, by start (empty: the range is in order). */
  parts?: Range[];
}

/** Rows ordered by a numeric key; NaN last in either direction, ties in row order. */
export class RowOrder {
  private readonly root: Range;
  private spare: { hi: Uint32Array; lo: Uint32Array; rows: Uint32Array } | undefined;

  private constructor(
    private readonly hi: Uint32Array,
    private readonly lo: Uint32Array,
    private readonly rows: Uint32Array,
  ) {
    this.root = rows.length > 1 ? { start: 0, end: rows.length, bit: 0 } : { start: 0, end: rows.length, bit: 0, parts: [] };
  }

  /** The order of `rows` (table positions, ascending) by `keys` (one per row; the array is taken over). */
  static *of(keys: Float64Array, rows: Uint32Array, descending: boolean): Work<RowOrder> {
    const n = rows.length;
    const hi = new Uint32Array(n);
    const lo = new Uint32Array(n);
    // The key's IEEE bits as two words (little-endian, as every platform Node runs on), made to sort as unsigned
    // integers: negatives have every bit flipped, positives the sign bit; descending flips them all again.
    const words = new Uint32Array(keys.buffer, keys.byteOffset, n * 2);
    const flip = descending ? 0xffffffff : 0;
    for (let start = 0; start < n; start += CHUNK) {
      const end = Math.min(n, start + CHUNK);
      for (let i = start; i < end; i++) {
        const v = keys[i]!;
        if (v !== v) {
          hi[i] = 0xffffffff;
          lo[i] = 0xffffffff;
          continue;
        }
        if (v === 0) keys[i] = 0; // -0 sorts with 0
        const h = words[2 * i + 1]!;
        const l = words[2 * i]!;
        if (h & 0x80000000) {
          hi[i] = (~h ^ flip) >>> 0;
          lo[i] = (~l ^ flip) >>> 0;
        } else {
          hi[i] = ((h | 0x80000000) ^ flip) >>> 0;
          lo[i] = (l ^ flip) >>> 0;
        }
      }
      yield;
    }
    return new RowOrder(hi, lo, rows.slice());
  }

  get length(): number {
    return this.rows.length;
  }

  /** Whether every row is in its place. */
  get complete(): boolean {
    return settled(this.root);
  }

  /** The table positions of sorted rows `from` .. `to - 1`, ordering them first as far as needed. */
  *slice(from: number, to: number): Work<Uint32Array> {
    const end = Math.min(to, this.length);
    yield* this.settle(Math.max(0, from), end);
    return this.rows.slice(Math.max(0, from), end);
  }

  /** Puts rows `from` .. `to - 1` in their places (and, doing so, parts of the rows around them). */
  *settle(from: number, to: number, range: Range = this.root): Work<void> {
    range.parts ??= yield* this.split(range);
    const parts = range.parts;
    let i = firstEndingAfter(parts, from);
    for (; i < parts.length && parts[i]!.start < to; i++) yield* this.settle(from, to, parts[i]);
    if (parts.some(settled)) range.parts = parts.filter((p) => !settled(p));
  }

  /** Orders a range by its next digit (16 bits for a big range, 8 for a small one); returns its parts still to order. */
  private *split(range: Range): Work<Range[]> {
    const { start, end } = range;
    if (end - start <= TINY) {
      this.insertionSort(start, end);
      return [];
    }
    const wide = end - start > 1 << 16;
    const counts = new Uint32Array(wide ? 1 << 16 : 1 << 8);
    for (let bit = range.bit; bit < KEY_BITS;) {
      // A digit never straddles the two words.
      const width = Math.min(wide ? 16 : 8, 32 - (bit % 32));
      const words = bit < 32 ? this.hi : this.lo;
      const shift = 32 - (bit % 32) - width;
      const mask = (1 << width) - 1;
      const next = bit + width;
      counts.fill(0);
      for (let s = start; s < end; s += CHUNK) {
        const e = Math.min(end, s + CHUNK);
        for (let i = s; i < e; i++) counts[(words[i]! >>> shift) & mask]!++;
        yield;
      }
      bit = next;
      // Every row shares this digit: nothing to move, on to the next.
      if (counts.includes(end - start)) continue;
      const parts: Range[] = [];
      let at = start;
      for (let d = 0; d <= mask; d++) {
        const c = counts[d]!;
        counts[d] = at;
        if (c > TINY && next < KEY_BITS) parts.push({ start: at, end: at + c, bit: next });
        at += c;
      }
      yield* this.scatter(start, end, words, shift, mask, counts);
      // Buckets of a few rows are sorted now (a range object each would cost more than sorting them).
      if (next < KEY_BITS) yield* this.sortTinyBuckets(start, end, parts);
      return parts;
    }
    return []; // equal keys: already in row order
  }

  /** Moves rows `start` .. `end - 1` to their buckets' places (`next`: each bucket's next free place), keeping their order within a bucket. */
  private *scatter(start: number, end: number, words: Uint32Array, shift: number, mask: number, next: Uint32Array): Work<void> {
    const n = end - start;
    if (!this.spare || this.spare.rows.length < n) this.spare = { hi: new Uint32Array(n), lo: new Uint32Array(n), rows: new Uint32Array(n) };
    const { hi, lo, rows } = this.spare;
    for (let s = start; s < end; s += CHUNK) {
      const e = Math.min(end, s + CHUNK);
      for (let i = s; i < e; i++) {
        const p = next[(words[i]! >>> shift) & mask]!++ - start;
        hi[p] = this.hi[i]!;
        lo[p] = this.lo[i]!;
        rows[p] = this.rows[i]!;
      }
      yield;
    }
    for (let s = 0; s < n; s += CHUNK * 8) {
      const e = Math.min(n, s + CHUNK * 8);
      this.hi.set(hi.subarray(s, e), start + s);
      this.lo.set(lo.subarray(s, e), start + s);
      this.rows.set(rows.subarray(s, e), start + s);
      yield;
    }
    // The spare arrays of the first split are the size of the whole table: let them go once the big ranges are done.
    if (n > 1 << 20) this.spare = undefined;
  }

  /** Sorts, in place, the buckets between the `parts` kept for later: the ones of at most TINY rows. */
  private *sortTinyBuckets(start: number, end: number, parts: readonly Range[]): Work<void> {
    let at = start;
    let work = 0;
    for (let p = 0; p <= parts.length; p++) {
      const until = p < parts.length ? parts[p]!.start : end;
      // Between two kept parts lie whole tiny buckets; their bounds are where the key's digits change, but sorting the
      // stretch by the full key orders each bucket and keeps them in bucket order, as they already are.
      this.insertionSort(at, until);
      work += until - at;
      if (work > CHUNK) {
        work = 0;
        yield;
      }
      at = p < parts.length ? parts[p]!.end : end;
    }
  }

  /** Insertion sort by the whole key, stable: for stretches whose rows are nearly in order (tiny buckets in order). */
  private insertionSort(start: number, end: number): void {
    const { hi, lo, rows } = this;
    for (let i = start + 1; i < end; i++) {
      const h = hi[i]!;
      const l = lo[i]!;
      const r = rows[i]!;
      let j = i - 1;
      while (j >= start && (hi[j]! > h || (hi[j] === h && lo[j]! > l))) {
        hi[j + 1] = hi[j]!;
        lo[j + 1] = lo[j]!;
        rows[j + 1] = rows[j]!;
        j--;
      }
      hi[j + 1] = h;
      lo[j + 1] = l;
      rows[j + 1] = r;
    }
  }
}

function settled(range: Range): boolean {
  return range.parts !== undefined && range.parts.length === 0;
}

/** Index of the first of `parts` (by start) that ends after `from`. */
function firstEndingAfter(parts: readonly Range[], from: number): number {
  let lo = 0;
  let hi = parts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (parts[mid]!.end <= from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Runs work to its end at once (tests, the CLI): no slicing. */
export function finish<T>(work: Work<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}
