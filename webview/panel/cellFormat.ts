// How table cells read: numbers as numbers (right-aligned), nested values as compact JSON, long text cut.

/** The text of a cell, its full text when cut (for a tooltip), and whether it is a number. */
export interface CellText {
  text: string;
  full?: string;
  numeric: boolean;
  /** null or undefined: shown muted. */
  empty: boolean;
}

const MAX_CELL_CHARS = 120;

/** How `value` shows in a table cell. */
export function formatCell(value: unknown): CellText {
  if (value === null || value === undefined) return { text: "null", numeric: false, empty: true };
  if (typeof value === "number") {
    const full = String(value);
    // Twelve significant digits keep a column narrow; the exact value is in the tooltip.
    // Whole numbers keep every digit until JavaScript writes them with an exponent (1.1390625000000001e+21).
    const short = (Number.isInteger(value) && Math.abs(value) < 1e21) || full.length <= 14 ? full : String(Number(value.toPrecision(12)));
    return short === full ? { text: full, numeric: true, empty: false } : { text: short, full, numeric: true, empty: false };
  }
  if (typeof value === "bigint") return { text: String(value), numeric: true, empty: false };
  // A boolean's own text; String() of an object only when JSON has none for it (a toJSON that gives undefined).
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the fallbacks above, for the values JSON cannot write
  const text = typeof value === "string" ? value : typeof value === "object" ? (JSON.stringify(value) ?? String(value)) : String(value);
  return text.length > MAX_CELL_CHARS
    ? { text: `${text.slice(0, MAX_CELL_CHARS - 1)}…`, full: text, numeric: false, empty: false }
    : { text, numeric: false, empty: false };
}

/** A column's text width in `ch`: enough for its name (one more for the header's bold) and the sample values, within bounds. */
export function columnWidthCh(name: string, samples: readonly unknown[]): number {
  let widest = name.length + 1;
  for (const v of samples) widest = Math.max(widest, formatCell(v).text.length);
  return Math.min(36, Math.max(4, widest));
}
