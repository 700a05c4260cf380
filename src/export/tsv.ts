// Table rows as tab-separated text with a header line: what a spreadsheet or a notebook cell pastes as a table.
import { valueJson } from "./valueJson";

/** A TSV cell: numbers as JS writes them, objects as JSON; quoted (spreadsheet style) when it holds a tab, newline or quote. */
function tsvCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  const text = typeof value === "string" ? value : valueJson(value);
  return /[\t\r\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `columns` as the header line, then one line per row of cells in the same order. */
export function tsvText(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [columns.map(tsvCell).join("\t")];
  for (const row of rows) lines.push(row.map(tsvCell).join("\t"));
  return `${lines.join("\n")}\n`;
}
