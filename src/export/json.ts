// Rows as a JSON array (nested state nested; non-finite numbers as "NaN", "Infinity", "-Infinity").
import type { Results, RowOptions } from "../engine";

/** JSON text of one value, with non-finite numbers and bigints written as strings. */
function jsonValue(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : `"${value}"`;
  if (typeof value === "string") return JSON.stringify(value);
  return JSON.stringify(value, replacer) ?? "null";
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** The rows as JSON text, in chunks of roughly `chunkChars` characters (for streaming large results). */
export function* jsonChunks(results: Results, options: RowOptions = {}, chunkChars = 1 << 20): Generator<string> {
  let chunk = "[";
  let first = true;
  for (const row of results.rows(options)) {
    let text = first ? "\n" : ",\n";
    first = false;
    let sep = "{";
    for (const key of Object.keys(row)) {
      text += `${sep}${JSON.stringify(key)}: ${jsonValue((row as Record<string, unknown>)[key])}`;
      sep = ", ";
    }
    chunk += `${text}}`;
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = "";
    }
  }
  yield `${chunk}\n]\n`;
}
