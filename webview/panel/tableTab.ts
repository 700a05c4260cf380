// The Table tab: a toolbar (drop substeps, the column chooser, the row count) over the virtual table of every row.
import type { VscodeCheckbox } from "@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js";
import type { PanelViewState, TableInfo } from "../../src/shared/protocol";
import { Checklist } from "./checklist";
import { h } from "./dom";
import { formatCount, plural } from "../../src/export/format";
import { VirtualTable } from "./virtualTable";

/** What the tab needs from the panel. */
export interface TableTabHost {
  state(): PanelViewState;
  update(change: Partial<PanelViewState>): void;
  /** Posts a `tableRows` request to the host. */
  requestRows(requestId: number, start: number, count: number, dropSubsteps: boolean): void;
}

/** The metadata columns every table ends with. */
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
  private readonly rowCount = h("span", { className: "row-count", attrs: { "aria-live": "polite" } });
  private info: TableInfo | undefined;
  /** The row at the top of the view, saved in the state once scrolling settles. */
  private topRow = 0;
  private scrollTimer: ReturnType<typeof setTimeout> | undefined;
  /** The row a warning's Show row asked for, with every substep and with substeps dropped. */
  private marked: { all: number; dropped: number } | undefined;

  constructor(private readonly host: TableTabHost) {
    this.table = new VirtualTable(
      (requestId, start, n, dropSubsteps) => host.requestRows(requestId, start, n, dropSubsteps),
      (topRow) => {
        this.topRow = topRow;
        clearTimeout(this.scrollTimer);
        this.scrollTimer = setTimeout(() => this.host.update({ tableScroll: topRow }), SAVE_SCROLL_MS);
      },
    );
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
    const toolbar = h(
      "div",
      { className: "toolbar", attrs: { role: "toolbar", "aria-label": "Table options" } },
      this.drop,
      this.columns.element,
      this.rowCount,
    );
    this.element = h("div", { className: "table-tab" }, toolbar, this.table.element);
  }

  /** New results: the table starts over with their columns and rows, at the kept scroll position. */
  setResults(info: TableInfo): void {
    this.info = info;
    const state = this.host.state();
    this.drop.checked = state.dropSubsteps;
    const hidden = new Set(state.hiddenColumns);
    this.columns.set(
      info.columns,
      info.columns.filter((c) => !hidden.has(c)),
    );
    this.columns.disabled = info.columns.length === 0;
    this.topRow = state.tableScroll;
    this.marked = undefined;
    this.show(true);
  }

  /** Scrolls to a row, a few rows of context above it, and marks it (in either row count). */
  showRow(row: { all: number; dropped: number }): void {
    this.marked = row;
    const index = this.host.state().dropSubsteps ? row.dropped : row.all;
    this.topRow = Math.max(0, index - ROWS_ABOVE_SHOWN);
    this.host.update({ tableScroll: this.topRow });
    this.show(false);
  }

  /** The tab shows or hides; a shown table returns to its scroll position (a hidden scroller forgets it). */
  setVisible(visible: boolean): void {
    if (visible) this.table.restore();
  }

  /** Rows the host sent for a request. */
  receive(requestId: number, start: number, rows: unknown[][]): void {
    this.table.receive(requestId, start, rows);
  }

  /** Drop substeps on or off: the view keeps its place, proportionally, in the other row count. */
  private setDropSubsteps(drop: boolean): void {
    const state = this.host.state();
    if (!this.info || state.dropSubsteps === drop) return;
    const from = state.dropSubsteps ? this.info.rowCountDropped : this.info.rowCount;
    const to = drop ? this.info.rowCountDropped : this.info.rowCount;
    this.topRow = from > 0 ? Math.floor((this.topRow * to) / from) : 0;
    this.host.update({ dropSubsteps: drop, tableScroll: this.topRow });
    this.show(false);
  }

  private show(fresh: boolean): void {
    const info = this.info;
    if (!info) return;
    const state = this.host.state();
    const rows = state.dropSubsteps ? info.rowCountDropped : info.rowCount;
    this.rowCount.textContent = state.dropSubsteps ? `${formatCount(rows)} of ${formatCount(info.rowCount)} rows` : plural(rows, "row");
    const marked = this.marked && (state.dropSubsteps ? this.marked.dropped : this.marked.all);
    this.table.show(
      {
        columns: info.columns,
        rowCount: rows,
        dropSubsteps: state.dropSubsteps,
        hidden: new Set(state.hiddenColumns),
        ...(marked !== undefined ? { marked } : {}),
      },
      this.topRow,
      fresh,
    );
  }
}
