// Rows as CSV: one column per flattened variable (`contributors.token_balance`), then the metadata.
import type { Results, RowOptions } from "../engine";
import { valueJson } from "./valueJson";

/** A CSV cell: numbers as written by JS (NaN, Infinity), objects as JSON, quoted when needed. */
function csvCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  const text = typeof value === "string" ? value : valueJson(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text in chunks of roughly `chunkChars` characters. */
export function* csvChunks(results: Results, options: RowOptions = {}, chunkChars = 1 << 20): Generator<string> {
  const names = results.flatColumnNames(options);
  let chunk = `${names.map(csvCell).join(",")}\n`;
  for (const row of results.flatRows(options)) {
    chunk += `${names.map((n) => csvCell(row[n])).join(",")}\n`;
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk;
}
