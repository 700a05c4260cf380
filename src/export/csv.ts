// Rows as CSV: one column per flattened variable (`contributors.token_balance`), then the metadata, then the parameters.
import type { Results, RowOptions } from "../engine";
import { valueJson } from "./valueJson";

/** How the CSV is written. */
export interface CsvOptions extends RowOptions {
  /**
   * Neutralise text a spreadsheet would run as a formula (OWASP, "CSV Injection"): a string cell or header
   * starting with `=`, `+`, `-`, `@`, a tab or a carriage return is written quoted, after a single quote
   * (`=1+1` → `"'=1+1"`). Numbers stay numbers. Off by default, so that every value reads back exactly.
   */
  formulaSafe?: boolean;
  /**
   * Add a column of each row's simulation name, before `simulation`, under this name (after an underscore when a column
   * already has it): combined results name each simulation by its input, so the column says whose each row is.
   */
  nameColumn?: string;
}

/** CSV carries each row's subset parameters as columns unless told not to: `df.groupby("apr")` works as read. */
function withParams(options: CsvOptions): CsvOptions {
  return { ...options, params: options.params !== false };
}

/** Text a spreadsheet may read as a formula (or as the start of one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV cell: numbers as written by JS (NaN, Infinity), objects as JSON, quoted when needed. */
function csvCell(value: unknown, formulaSafe: boolean): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value === "string" && formulaSafe && FORMULA_START.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  const text = typeof value === "string" ? value : valueJson(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text in chunks of roughly `chunkChars` characters. */
export function* csvChunks(results: Results, options: CsvOptions = {}, chunkChars = 1 << 20): Generator<string> {
  const safe = options.formulaSafe === true;
  const names = results.flatColumnNames(withParams(options));
  let nameColumn = options.nameColumn;
  while (nameColumn !== undefined && names.includes(nameColumn)) nameColumn = `_${nameColumn}`;
  if (nameColumn !== undefined) names.splice(names.indexOf("simulation"), 0, nameColumn);
  let chunk = `${names.map((n) => csvCell(n, safe)).join(",")}\n`;
  for (const row of results.flatRows(withParams(options))) {
    if (nameColumn !== undefined) row[nameColumn] = results.simulations[row.simulation as number]?.name;
    chunk += `${names.map((n) => csvCell(row[n], safe)).join(",")}\n`;
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk;
}
