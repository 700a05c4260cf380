// A table of any number of rows at a fixed row height: only the rows in view (and a margin) are in the DOM, and their
// values are fetched from the host page by page (the host filters and sorts), kept in a bounded cache, with
// placeholders until they arrive. The identifying columns stay pinned at the left; a click on a header sorts by it;
// rows are selected as one range (click, Shift+click, Ctrl+A) for copying.
import { columnWidthCh, formatCell } from "./cellFormat";
import { h } from "./dom";
import { PageCache } from "./pageCache";
import { columnLefts, gridTemplate, gutterHeader, headerCell } from "./tableHeader";
import { pageRows, pagesCovering, pagesToRequest, rowOffset, rowWindow, scrollExtent, scrollTopFor, topRowAt, type Geometry } from "./tableWindow";

/** Row height, px; the stylesheet reads it from --vt-row-height. */
const ROW_HEIGHT = 22;
/** Header height, px (--vt-header-height). */
const HEADER_HEIGHT = 26;
/** Rows per request. */
const PAGE_SIZE = 200;
/** Rows kept beyond each edge of the view. */
const MARGIN = 20;
/** Pages kept: 12,800 rows. */
const CACHE_PAGES = 64;
/** Requests outstanding at once: a fast drag asks for where it stops, not for everything it passes. */
const MAX_IN_FLIGHT = 4;

/** What the table shows. */
export interface TableModel {
  columns: readonly string[];
  rowCount: number;
  /** The host's view (filter, sort, substeps) the rows are read from. */
  queryId: number;
  hidden: ReadonlySet<string>;
  /** Columns shown first, in this order (those present); the first `pinnedCount` of them stay at the left when scrolling sideways. */
  pinned: readonly string[];
  pinnedCount: number;
  sort?: { column: string; descending: boolean };
  /** A row to mark (a warning's, shown by Show row). */
  marked?: number;
}

/** A range of view rows, `first` to `last` inclusive, in either order (`first` is where the selection started). */
export interface RowRange {
  first: number;
  last: number;
}

/** What the table tells its tab. */
export interface TableEvents {
  /** Asks the host for rows; the answer comes back through `receive`. */
  requestRows(requestId: number, queryId: number, start: number, count: number): void;
  /** The row at the top of the view changed (scrolling). */
  scrolled(topRow: number): void;
  /** A header was clicked: sort by its column. */
  sortBy(column: string): void;
  /** The selection changed (undefined: none). */
  selected(range: RowRange | undefined): void;
}

interface Page {
  rows: unknown[][];
  indexes: number[];
}

interface RowElement {
  element: HTMLElement;
  filled: boolean;
  top: number;
}

interface Pending {
  key: string;
  page: number;
}

let nextRequestId = 1;

/** The virtual table; `element` is the scrolling `#substep-table`. */
export class VirtualTable {
  readonly element: HTMLElement;
  private readonly header = h("div", { className: "vt-header", attrs: { role: "row", "aria-rowindex": "1" } });
  private readonly body = h("div", { className: "vt-body", attrs: { role: "rowgroup" } });
  private readonly rows = new Map<number, RowElement>();
  private readonly cache = new PageCache<Page>(CACHE_PAGES);
  private readonly pending = new Map<number, Pending>();
  private readonly pendingKeys = new Set<string>();
  private model: TableModel = { columns: [], rowCount: 0, queryId: 0, hidden: new Set(), pinned: [], pinnedCount: 0 };
  private selection: RowRange | undefined;
  /** Which results the cached pages belong to. */
  private version = 0;
  /** Indexes of the shown columns in `model.columns`, the pinned ones first. */
  private shown: number[] = [];
  /** How many of `shown` are pinned, and their left edges (the last: where the unpinned columns start). */
  private pinnedCount = 0;
  private pinLefts: string[] = [];
  private widths: number[] = [];
  /** Columns whose sampled values are all numbers: their headers align right, like their cells. */
  private numeric: boolean[] = [];
  private widthsFromData = false;
  /** The row at the top of the view: kept while hidden (a hidden scroller forgets its position). */
  private topRow = 0;
  private frame = 0;

  constructor(private readonly events: TableEvents) {
    this.element = h(
      "div",
      { id: "substep-table", className: "vt", attrs: { role: "grid", tabindex: "0", "aria-label": "Results rows", "aria-multiselectable": "true" } },
      this.header,
      this.body,
    );
    this.element.style.setProperty("--vt-row-height", `${ROW_HEIGHT}px`);
    this.element.style.setProperty("--vt-header-height", `${HEADER_HEIGHT}px`);
    this.element.addEventListener("scroll", () => {
      if (this.element.clientHeight === 0) return;
      this.topRow = topRowAt(this.element.scrollTop, this.geometry());
      this.events.scrolled(Math.floor(this.topRow));
      this.schedule();
    });
    this.element.addEventListener("keydown", (event) => this.onKey(event));
    this.body.addEventListener("click", (event) => this.onRowClick(event));
    this.header.addEventListener("click", (event) => {
      const column = (event.target as HTMLElement).closest<HTMLElement>("[data-column]")?.dataset.column;
      if (column !== undefined) this.events.sortBy(column);
    });
    new ResizeObserver(() => this.restore()).observe(this.element);
  }

  /** Shows new results (`fresh`: their rows differ from the cached ones) or another view of them, from row `topRow`. */
  show(model: TableModel, topRow: number, fresh: boolean): void {
    if (fresh) {
      this.version++;
      this.cache.clear();
      this.pending.clear();
      this.pendingKeys.clear();
      this.widthsFromData = false;
      this.widths = model.columns.map((c) => columnWidthCh(c, []));
      this.numeric = [];
    }
    if (fresh || model.queryId !== this.model.queryId) this.setSelection(undefined);
    this.model = model;
    const visible = model.columns.map((_, i) => i).filter((i) => !model.hidden.has(model.columns[i]!));
    const pinned = model.pinned.map((c) => model.columns.indexOf(c)).filter((i) => visible.includes(i));
    this.pinnedCount = model.pinned.slice(0, model.pinnedCount).filter((c) => visible.includes(model.columns.indexOf(c))).length;
    this.shown = [...pinned, ...visible.filter((i) => !pinned.includes(i))];
    this.element.dataset.rowCount = String(model.rowCount);
    this.element.setAttribute("aria-rowcount", String(model.rowCount + 1));
    this.topRow = Math.max(0, Math.min(topRow, model.rowCount - 1));
    this.clearRows();
    this.layoutColumns();
    this.restore();
  }

  /** An answer to a request: its page is cached and the rows in view are filled. Answers to old requests are dropped. */
  receive(requestId: number, start: number, rows: unknown[][], indexes: number[]): void {
    const pending = this.pending.get(requestId);
    if (!pending) return;
    this.pending.delete(requestId);
    this.pendingKeys.delete(pending.key);
    if (start !== pending.page * PAGE_SIZE) return;
    this.cache.set(pending.key, { rows, indexes });
    this.fitColumns(rows);
    this.schedule();
  }

  /** Puts `row` at the top of the view. */
  scrollToRow(row: number): void {
    this.topRow = Math.max(0, Math.min(row, this.model.rowCount - 1));
    this.element.scrollTop = scrollTopFor(this.topRow, this.geometry());
    this.schedule();
  }

  /** Scrolls back to the kept top row and draws: after showing, resizing or new results. */
  restore(): void {
    if (this.element.clientHeight === 0) return;
    this.body.style.height = `${scrollExtent(this.geometry())}px`;
    this.element.scrollTop = scrollTopFor(this.topRow, this.geometry());
    this.update();
  }

  private geometry(): Geometry {
    return { rowCount: this.model.rowCount, rowHeight: ROW_HEIGHT, viewportHeight: Math.max(ROW_HEIGHT, this.element.clientHeight - HEADER_HEIGHT) };
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  /** Brings the DOM in line with the scroll position: rows out of view removed, rows into view added or filled, pages asked for. */
  private update(): void {
    if (this.element.clientHeight === 0) return;
    const g = this.geometry();
    const scrollTop = this.element.scrollTop;
    const win = rowWindow(scrollTop, g, MARGIN);
    for (const [index, row] of this.rows) {
      if (index < win.first || index >= win.end) {
        row.element.remove();
        this.rows.delete(index);
      }
    }
    const pages = pagesCovering(win.first, win.end, PAGE_SIZE);
    const data = new Map(pages.map((p) => [p, this.cache.get(this.key(p))]));
    const added: HTMLElement[] = [];
    for (let index = win.first; index < win.end; index++) {
      let row = this.rows.get(index);
      if (!row) {
        row = { element: this.newRow(index), filled: false, top: Number.NaN };
        this.rows.set(index, row);
        added.push(row.element);
      }
      const page = data.get(Math.floor(index / PAGE_SIZE));
      const values = page?.rows[index % PAGE_SIZE];
      if (!row.filled && values) this.fill(row, values, page.indexes[index % PAGE_SIZE]!);
      const top = rowOffset(index, win.top, scrollTop, ROW_HEIGHT);
      if (top !== row.top) {
        row.top = top;
        row.element.style.top = `${top}px`;
      }
    }
    this.body.append(...added);
    const centre = Math.floor((win.visibleFirst + win.visibleEnd) / 2 / PAGE_SIZE);
    const wanted = pagesToRequest(
      pages,
      (p) => this.cache.has(this.key(p)),
      (p) => this.pendingKeys.has(this.key(p)),
      this.pending.size,
      MAX_IN_FLIGHT,
      centre,
    );
    for (const page of wanted) {
      const { start, count } = pageRows(page, PAGE_SIZE, this.model.rowCount);
      if (count === 0) continue;
      const requestId = nextRequestId++;
      const key = this.key(page);
      this.pending.set(requestId, { key, page });
      this.pendingKeys.add(key);
      this.events.requestRows(requestId, this.model.queryId, start, count);
    }
  }

  private key(page: number): string {
    return `${this.version}:${this.model.queryId}:${page}`;
  }

  private newRow(index: number): HTMLElement {
    const marked = index === this.model.marked;
    const selected = this.isSelected(index);
    const row = h("div", {
      className: `substep-row placeholder${index % 2 ? " odd" : ""}${marked ? " marked" : ""}${selected ? " selected" : ""}`,
      attrs: { role: "row", "aria-rowindex": String(index + 2), "aria-selected": String(selected), ...(marked ? { "aria-current": "true" } : {}) },
    });
    row.dataset.index = String(index);
    row.append(h("span", { className: "vt-cell vt-gutter", attrs: { role: "rowheader" } }));
    for (let i = 0; i < this.shown.length; i++) {
      const cell = h("span", { className: i < this.pinnedCount ? "vt-cell pinned" : "vt-cell", attrs: { role: "gridcell" } });
      if (i < this.pinnedCount) cell.style.left = this.pinLefts[i]!;
      row.append(cell);
    }
    return row;
  }

  private fill(row: RowElement, values: unknown[], tableRow: number): void {
    row.filled = true;
    row.element.classList.remove("placeholder");
    const cells = row.element.children;
    // The gutter numbers the row as in the unfiltered, unsorted table: the same row keeps its number under any view.
    (cells[0] as HTMLElement).textContent = String(tableRow);
    this.shown.forEach((column, i) => {
      const cell = cells[i + 1] as HTMLElement;
      const text = formatCell(values[column]);
      cell.textContent = text.text;
      if (text.full) cell.title = text.full;
      if (text.numeric) cell.classList.add("num");
      if (text.empty) cell.classList.add("empty");
    });
  }

  private clearRows(): void {
    for (const row of this.rows.values()) row.element.remove();
    this.rows.clear();
  }

  /**
   * Widens columns to fit `rows` (never narrows them: columns that jump back and forth while scrolling are hard to
   * read); the first rows of new results also decide which columns are numeric.
   */
  private fitColumns(rows: unknown[][]): void {
    if (rows.length === 0) return;
    let changed = false;
    if (!this.widthsFromData) {
      this.widthsFromData = true;
      this.numeric = this.model.columns.map(
        (_, i) => rows.some((r) => typeof r[i] === "number") && rows.every((r) => r[i] === null || typeof r[i] === "number"),
      );
      changed = true;
    }
    this.widths = this.widths.map((width, i) => {
      const fit = columnWidthCh(
        this.model.columns[i]!,
        rows.map((r) => r[i]),
      );
      if (fit > width) changed = true;
      return Math.max(width, fit);
    });
    if (changed) this.layoutColumns();
  }

  /** The header's cells and the grid columns every row shares. */
  private layoutColumns(): void {
    const gutter = Math.max(3, String(Math.max(0, this.model.rowCount - 1)).length);
    const widths = [gutter, ...this.shown.map((i) => this.widths[i] ?? 12)];
    this.element.style.setProperty("--vt-columns", gridTemplate(widths));
    this.pinLefts = columnLefts(widths, this.pinnedCount);
    // Scrolling a cell into view (a click, Tab, a search) keeps it clear of the pinned columns.
    this.element.style.setProperty("--vt-pinned-width", this.pinLefts[this.pinnedCount]!);
    for (const row of this.rows.values()) {
      for (let k = 0; k < this.pinnedCount; k++) (row.element.children[k + 1] as HTMLElement).style.left = this.pinLefts[k]!;
    }
    const sort = this.model.sort;
    this.header.replaceChildren(
      gutterHeader(),
      ...this.shown.map((i, k) => {
        const column = this.model.columns[i]!;
        return headerCell({
          column,
          numeric: this.numeric[i] === true,
          left: k < this.pinnedCount ? this.pinLefts[k] : undefined,
          sort: sort?.column === column ? (sort.descending ? "descending" : "ascending") : undefined,
        });
      }),
    );
  }

  /** The selected rows, if any, lowest first. */
  selectedRows(): { start: number; end: number } | undefined {
    const s = this.selection;
    return s && { start: Math.min(s.first, s.last), end: Math.max(s.first, s.last) + 1 };
  }

  /** Shown column names, in their order on screen (pinned first). */
  shownColumns(): string[] {
    return this.shown.map((i) => this.model.columns[i]!);
  }

  private isSelected(index: number): boolean {
    const s = this.selection;
    return s !== undefined && index >= Math.min(s.first, s.last) && index <= Math.max(s.first, s.last);
  }

  private setSelection(range: RowRange | undefined): void {
    this.selection = range;
    for (const [index, row] of this.rows) {
      const selected = this.isSelected(index);
      row.element.classList.toggle("selected", selected);
      row.element.setAttribute("aria-selected", String(selected));
    }
    this.events.selected(range);
  }

  /** A click selects its row; Shift+click extends the selection from where it started. */
  private onRowClick(event: MouseEvent): void {
    const row = (event.target as HTMLElement).closest<HTMLElement>(".substep-row");
    if (!row?.dataset.index) return;
    const index = Number(row.dataset.index);
    this.setSelection(event.shiftKey && this.selection ? { first: this.selection.first, last: index } : { first: index, last: index });
  }

  /** Keys move by rows, whatever the scroll area's scale (native keys would move by pixels, skipping rows in a capped area). */
  private onKey(event: KeyboardEvent): void {
    if (event.target !== this.element) return;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "a" && this.model.rowCount > 0) {
      event.preventDefault();
      this.setSelection({ first: 0, last: this.model.rowCount - 1 });
      return;
    }
    if (event.key === "Escape" && this.selection) {
      this.setSelection(undefined);
      return;
    }
    const visible = Math.max(1, Math.floor(this.geometry().viewportHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: visible, PageUp: -visible };
    let target: number | undefined;
    if (event.key in moves) target = Math.round(this.topRow) + moves[event.key]!;
    else if (event.key === "Home" && !event.shiftKey) target = 0;
    else if (event.key === "End" && !event.shiftKey) target = this.model.rowCount;
    if (target === undefined) return;
    event.preventDefault();
    this.scrollToRow(target);
  }
}
