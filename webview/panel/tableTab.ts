// The Table tab: a toolbar (filter, drop substeps, the column chooser, copy, the row count) over the virtual table.
// The host filters and sorts (over the columnar store) and sends pages; this tab keeps the query and asks for it.
import type { VscodeCheckbox } from "@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js";
import type { VscodeTextfield } from "@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js";
import type { PanelViewState, TableInfo, TableQuery, TableSort } from "../../src/shared/protocol";
import { Checklist } from "./checklist";
import { button, h } from "./dom";
import { formatCount, plural } from "../../src/export/format";
import { VirtualTable } from "./virtualTable";

/** What the tab needs from the panel. */
export interface TableTabHost {
  state(): PanelViewState;
  update(change: Partial<PanelViewState>): void;
  /** Posts a `tableQuery`: the host builds the view and answers `tableView`. */
  requestQuery(queryId: number, query: TableQuery): void;
  /** Posts a `tableRows` request of a query's view. */
  requestRows(requestId: number, queryId: number, start: number, count: number): void;
  /** Posts a `copyRows` request: the host puts the rows on the clipboard. */
  copyRows(queryId: number, start: number, end: number, columns: string[]): void;
}

/** The metadata columns: first in the table, those that vary pinned at its left. */
const METADATA = ["simulation", "subset", "run", "timestep", "substep"];

/** Rows left above a row that Show row scrolls to. */
const ROWS_ABOVE_SHOWN = 3;

/** How long the scroll position settles before it is saved, ms. */
const SAVE_SCROLL_MS = 250;

/** The Table tab's content. */
export class TableTab {
  readonly element: HTMLElement;
  private readonly table: VirtualTable;
  private readonly drop: VscodeCheckbox;
  private readonly columns: Checklist;
  private readonly filter: VscodeTextfield;
  private readonly filterError = h("p", { className: "filter-error", attrs: { role: "alert" } });
  private readonly copy: HTMLElement;
  private readonly rowCount = h("span", { className: "row-count", attrs: { "aria-live": "polite" } });
  private info: TableInfo | undefined;
  /** The query shown (its id names it to the host) and its row count once the host has built it. */
  private queryId = 0;
  private shownRows: number | undefined;
  /** The row at the top of the view, saved in the state once scrolling settles. */
  private topRow = 0;
  private scrollTimer: ReturnType<typeof setTimeout> | undefined;
  /** The row a warning's Show row asked for, with every substep and with substeps dropped. */
  private marked: { all: number; dropped: number } | undefined;

  constructor(private readonly host: TableTabHost) {
    this.table = new VirtualTable({
      requestRows: (requestId, queryId, start, n) => host.requestRows(requestId, queryId, start, n),
      scrolled: (topRow) => {
        this.topRow = topRow;
        clearTimeout(this.scrollTimer);
        this.scrollTimer = setTimeout(() => this.host.update({ tableScroll: topRow }), SAVE_SCROLL_MS);
      },
      sortBy: (column) => this.cycleSort(column),
      selected: () => this.showSelection(),
    });
    this.drop = h("vscode-checkbox", {
      attrs: { toggle: "", label: "Drop substeps", title: "Show only the initial row and the last substep of each timestep" },
    });
    this.drop.addEventListener("change", () => this.setDropSubsteps(this.drop.checked));
    this.columns = new Checklist({
      caption: (n, total) => `Columns: ${n} of ${total}`,
      label: "Columns to show",
      actions: [
        { label: "All", pick: (items) => [...items] },
        { label: "Variables only", pick: (items) => items.filter((c) => !METADATA.includes(c)) },
      ],
      onChange: (shown) => {
        const visible = new Set(shown);
        this.host.update({ hiddenColumns: (this.info?.columns ?? []).filter((c) => !visible.has(c)) });
        this.show(false);
      },
    });
    this.filter = h("vscode-textfield", {
      className: "table-filter",
      attrs: {
        "aria-label": "Filter rows",
        placeholder: "Filter: treasury < 0 and timestep > 10",
        title: "A condition over the columns: == != < <= > >=, and, or, not, in [..], + - * / %, abs(), isnan(). Enter applies it, Escape clears it.",
      },
    });
    this.filter.addEventListener("keydown", (event) => {
      if (event.key === "Enter") this.setFilter(this.filter.value);
      else if (event.key === "Escape" && this.filter.value) {
        this.filter.value = "";
        this.setFilter("");
      }
    });
    this.copy = button("Copy", () => this.copySelection(), { secondary: true, title: "Copy the selected rows as TSV with headers (Ctrl+C)" });
    this.copy.toggleAttribute("disabled", true);
    // Ctrl+C (or the Edit menu) in the panel copies the selected rows, when rows and not text are selected.
    document.addEventListener("copy", (event) => {
      if (!this.element.isConnected || this.element.offsetParent === null || !this.table.selectedRows()) return;
      if (document.getSelection()?.toString()) return;
      event.preventDefault();
      this.copySelection();
    });
    const toolbar = h(
      "div",
      { className: "toolbar", attrs: { role: "toolbar", "aria-label": "Table options" } },
      this.filter,
      this.drop,
      this.columns.element,
      this.copy,
      this.rowCount,
    );
    this.element = h("div", { className: "table-tab" }, toolbar, this.filterError, this.table.element);
    this.filterError.hidden = true;
  }

  /** New results: the table starts over with their columns and rows, at the kept scroll position and query. */
  setResults(info: TableInfo): void {
    this.info = info;
    const state = this.host.state();
    this.drop.checked = state.dropSubsteps;
    this.filter.value = state.tableFilter;
    const hidden = new Set(state.hiddenColumns);
    this.columns.set(
      info.columns,
      info.columns.filter((c) => !hidden.has(c)),
    );
    this.columns.disabled = info.columns.length === 0;
    this.topRow = state.tableScroll;
    this.marked = undefined;
    this.query(true);
  }

  /** Scrolls to a row, a few rows of context above it, and marks it (in either row count); a filter or sort is cleared first. */
  showRow(row: { all: number; dropped: number }): void {
    this.marked = row;
    const state = this.host.state();
    const index = state.dropSubsteps ? row.dropped : row.all;
    this.topRow = Math.max(0, index - ROWS_ABOVE_SHOWN);
    this.host.update({ tableScroll: this.topRow });
    if (state.tableFilter || state.tableSort) {
      this.filter.value = "";
      this.host.update({ tableFilter: "", tableSort: undefined });
      this.query(false);
    } else this.show(false);
  }

  /** The tab shows or hides; a shown table returns to its scroll position (a hidden scroller forgets it). */
  setVisible(visible: boolean): void {
    if (visible) this.table.restore();
  }

  /** Rows the host sent for a request. */
  receive(requestId: number, start: number, rows: unknown[][], indexes: number[]): void {
    this.table.receive(requestId, start, rows, indexes);
  }

  /** The host built a query's view: its rows are shown, or its filter's error. */
  viewReady(queryId: number, rowCount: number, error: { message: string; index: number } | undefined): void {
    if (queryId !== this.queryId) return;
    this.filterError.hidden = !error;
    this.filterError.textContent = error ? `Filter: ${error.message} (at column ${error.index + 1})` : "";
    this.filter.toggleAttribute("invalid", error !== undefined);
    this.shownRows = error ? 0 : rowCount;
    this.show(false);
  }

  /** The host copied rows: say so where the row count is (read out by screen readers). */
  copied(rows: number, selected: number): void {
    this.rowCount.textContent = rows < selected ? `Copied ${formatCount(rows)} of ${formatCount(selected)} selected rows` : `Copied ${plural(rows, "row")}`;
  }

  private setFilter(text: string): void {
    if (text.trim() === this.host.state().tableFilter.trim() && this.filterError.hidden) return;
    this.topRow = 0;
    this.host.update({ tableFilter: text.trim(), tableScroll: 0 });
    this.query(false);
  }

  /** A header click: ascending, then descending, then the rows' own order. */
  private cycleSort(column: string): void {
    const sort = this.host.state().tableSort;
    const next: TableSort | undefined = sort?.column !== column ? { column, descending: false } : sort.descending ? undefined : { column, descending: true };
    this.topRow = 0;
    this.host.update({ tableSort: next, tableScroll: 0 });
    this.query(false);
  }

  /** Drop substeps on or off: with no filter or sort, the view keeps its place, proportionally, in the other row count. */
  private setDropSubsteps(drop: boolean): void {
    const state = this.host.state();
    if (!this.info || state.dropSubsteps === drop) return;
    const from = state.dropSubsteps ? this.info.rowCountDropped : this.info.rowCount;
    const to = drop ? this.info.rowCountDropped : this.info.rowCount;
    this.topRow = from > 0 && !isFiltered(state) ? Math.floor((this.topRow * to) / from) : 0;
    this.host.update({ dropSubsteps: drop, tableScroll: this.topRow });
    this.query(false);
  }

  /** Sends the state's query to the host; the rows of every row in order (no filter, no sort) show at once. */
  private query(fresh: boolean): void {
    if (!this.info) return;
    const state = this.host.state();
    this.queryId++;
    this.host.requestQuery(this.queryId, {
      filter: state.tableFilter,
      ...(state.tableSort ? { sort: state.tableSort } : {}),
      dropSubsteps: state.dropSubsteps,
    });
    this.shownRows = isFiltered(state) ? undefined : state.dropSubsteps ? this.info.rowCountDropped : this.info.rowCount;
    if (this.shownRows === undefined) this.rowCount.textContent = state.tableSort ? "Sorting…" : "Filtering…";
    else {
      this.filterError.hidden = true;
      this.filter.toggleAttribute("invalid", false);
    }
    this.show(fresh);
  }

  private show(fresh: boolean): void {
    const info = this.info;
    if (!info) return;
    const state = this.host.state();
    if (this.shownRows === undefined) return; // the host is still building the view
    const rows = this.shownRows;
    this.rowCount.textContent = rows === info.rowCount ? plural(rows, "row") : `${formatCount(rows)} of ${formatCount(info.rowCount)} rows`;
    const filtered = isFiltered(state);
    const marked = !filtered && this.marked ? (state.dropSubsteps ? this.marked.dropped : this.marked.all) : undefined;
    this.table.show(
      {
        columns: info.columns,
        rowCount: rows,
        queryId: this.queryId,
        hidden: new Set(state.hiddenColumns),
        // The identifying columns first, pinned: the other metadata columns after them, then the values.
        pinned: [...info.pinned, ...METADATA.filter((c) => !info.pinned.includes(c))],
        pinnedCount: info.pinned.length,
        ...(state.tableSort ? { sort: state.tableSort } : {}),
        ...(marked !== undefined ? { marked } : {}),
      },
      this.topRow,
      fresh,
    );
  }

  private showSelection(): void {
    const selected = this.table.selectedRows();
    this.copy.toggleAttribute("disabled", !selected);
    this.copy.textContent = selected ? `Copy ${plural(selected.end - selected.start, "row")}` : "Copy";
  }

  private copySelection(): void {
    const selected = this.table.selectedRows();
    if (selected) this.host.copyRows(this.queryId, selected.start, selected.end, this.table.shownColumns());
  }
}

function isFiltered(state: PanelViewState): boolean {
  return state.tableFilter.trim() !== "" || state.tableSort !== undefined;
}
