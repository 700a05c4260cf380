// Rows as a JSON array (nested state nested; non-finite numbers as "NaN", "Infinity", "-Infinity").
import type { Results, RowOptions } from "../engine";
import { valueJson } from "./valueJson";

/** JSON text of one value, with non-finite numbers and bigints written as strings. */
function jsonValue(value: unknown): string {
  return valueJson(value, true);
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
