// The virtual table's columns: the grid every row shares, the left edges of its pinned columns, and the header's
// cells (a click on one sorts by its column).
import { h } from "./dom";

/** Left and right padding of a cell together, px (the stylesheet's .vt-cell padding, plus one for rounding). */
const CELL_PADDING = 17;

/** The grid's column sizes (`ch` of the cells' own font, plus their padding), the gutter first. */
export function gridTemplate(widthsCh: readonly number[]): string {
  return widthsCh.map((ch) => `calc(${ch}ch + ${CELL_PADDING}px)`).join(" ");
}

/** Where each of the first `count` columns after the gutter starts, and (last) where the column after them starts. */
export function columnLefts(widthsCh: readonly number[], count: number): string[] {
  const lefts: string[] = [];
  let ch = 0;
  for (let k = 0; k <= count; k++) {
    ch += widthsCh[k] ?? 0;
    lefts.push(`calc(${ch}ch + ${(k + 1) * CELL_PADDING}px)`);
  }
  return lefts;
}

/** How a header cell is drawn. */
export interface HeaderCell {
  column: string;
  numeric: boolean;
  /** A pinned column's left edge; undefined: not pinned. */
  left: string | undefined;
  sort: "ascending" | "descending" | undefined;
}

/** The header's row-number cell. */
export function gutterHeader(): HTMLElement {
  return h("span", { className: "vt-cell vt-gutter", text: "#", attrs: { role: "columnheader", title: "Row number (in the unfiltered table)" } });
}

/** A column's header cell: its name, and an arrow when the table is sorted by it. */
export function headerCell({ column, numeric, left, sort }: HeaderCell): HTMLElement {
  const cell = h(
    "span",
    {
      className: ["vt-cell", "sortable", numeric ? "num" : "", left !== undefined ? "pinned" : "", sort ? "sorted" : ""].filter(Boolean).join(" "),
      title: `${column}: click to sort${sort ? ` (sorted ${sort})` : ""}`,
      attrs: { role: "columnheader", "aria-sort": sort ?? "none", tabindex: "-1" },
    },
    h("span", { className: "vt-name", text: column }),
    ...(sort ? [h("span", { className: "vt-sort", text: sort === "descending" ? "▼" : "▲", attrs: { "aria-hidden": "true" } })] : []),
  );
  cell.dataset.column = column;
  if (left !== undefined) cell.style.left = left;
  return cell;
}
