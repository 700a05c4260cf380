// The virtual table's windowing math: which rows a scroll position shows, where they go, and which pages to fetch.
// Pure, so it is tested in Node.

/**
 * Tallest scroll area the table makes, in CSS px. Browsers cap an element's height (Chromium near 33.5 million
 * layout units, which are device pixels at high DPI): a taller table maps its rows onto this height.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

/** The table's fixed sizes. */
export interface Geometry {
  rowCount: number;
  /** Height of every row, px. */
  rowHeight: number;
  /** Height of the part of the table that shows rows (below the header), px. */
  viewportHeight: number;
  /** Cap of the scroll area (default MAX_SCROLL_HEIGHT). */
  maxScrollHeight?: number;
}

/** Height of the scroll area holding the rows: their full height, or the cap when that is taller. */
export function scrollExtent(g: Geometry): number {
  return Math.min(g.rowCount * g.rowHeight, g.maxScrollHeight ?? MAX_SCROLL_HEIGHT);
}

/** Furthest the rows can be scrolled, px. */
export function maxScrollTop(g: Geometry): number {
  return Math.max(0, scrollExtent(g) - g.viewportHeight);
}

/** Rows moved per px scrolled, over rowHeight: 1 unless the scroll area is capped. */
function scale(g: Geometry): number {
  const scroll = maxScrollTop(g);
  const rows = Math.max(0, g.rowCount * g.rowHeight - g.viewportHeight);
  return scroll > 0 ? rows / scroll : 1;
}

/** The row (fractional) at the top of the viewport at `scrollTop`. */
export function topRowAt(scrollTop: number, g: Geometry): number {
  const top = Math.min(Math.max(0, scrollTop), maxScrollTop(g));
  return (top * scale(g)) / g.rowHeight;
}

/** The scroll position that puts `row` at the top of the viewport (as near as the end allows). */
export function scrollTopFor(row: number, g: Geometry): number {
  const top = (Math.max(0, row) * g.rowHeight) / scale(g);
  return Math.min(top, maxScrollTop(g));
}

/** The rows to have in the DOM at a scroll position. */
export interface RowWindow {
  /** The row at the top of the viewport, fractional. */
  top: number;
  /** First row kept (visible or in the margin above). */
  first: number;
  /** One past the last row kept. */
  end: number;
  /** First and one past the last row actually visible. */
  visibleFirst: number;
  visibleEnd: number;
}

/** The rows visible at `scrollTop`, with `margin` rows kept beyond each edge so that scrolling seldom shows a gap. */
export function rowWindow(scrollTop: number, g: Geometry, margin: number): RowWindow {
  const top = topRowAt(scrollTop, g);
  const visibleFirst = Math.min(g.rowCount, Math.floor(top));
  const visibleEnd = Math.min(g.rowCount, Math.ceil(top + g.viewportHeight / g.rowHeight));
  return {
    top,
    first: Math.max(0, visibleFirst - margin),
    end: Math.min(g.rowCount, visibleEnd + margin),
    visibleFirst,
    visibleEnd,
  };
}

/**
 * Where row `index` goes, px from the top of the scroll area, with the viewport's top row `top` at `scrollTop`. Without
 * a cap this is `index * rowHeight` whatever the scroll position, so rows scroll natively between updates.
 */
export function rowOffset(index: number, top: number, scrollTop: number, rowHeight: number): number {
  return scrollTop + (index - top) * rowHeight;
}

/** The pages (of `pageSize` rows, page p holding rows p*pageSize onwards) covering rows `first` to `end` (exclusive). */
export function pagesCovering(first: number, end: number, pageSize: number): number[] {
  if (end <= first) return [];
  const pages: number[] = [];
  for (let p = Math.floor(first / pageSize); p <= Math.floor((end - 1) / pageSize); p++) pages.push(p);
  return pages;
}

/**
 * The pages to ask for now: those of `needed` neither held nor asked for, nearest the visible rows first, no more
 * than keep `inFlight` requests within `maxInFlight` (a fast drag of the scrollbar asks only for where it stops).
 */
export function pagesToRequest(
  needed: readonly number[],
  isHeld: (page: number) => boolean,
  isPending: (page: number) => boolean,
  inFlight: number,
  maxInFlight: number,
  visibleCentrePage: number,
): number[] {
  const missing = needed.filter((p) => !isHeld(p) && !isPending(p));
  missing.sort((a, b) => Math.abs(a - visibleCentrePage) - Math.abs(b - visibleCentrePage) || a - b);
  return missing.slice(0, Math.max(0, maxInFlight - inFlight));
}

/** Rows of page `page` within a table of `rowCount` rows: its first row and how many. */
export function pageRows(page: number, pageSize: number, rowCount: number): { start: number; count: number } {
  const start = page * pageSize;
  return { start, count: Math.max(0, Math.min(pageSize, rowCount - start)) };
}
