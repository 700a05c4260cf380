// State values as JSON text for the outputs: every value a run can hold gives text, none throws.

/** How deep a value is written before "[too deep]" stands for the rest. */
const MAX_DEPTH = 1000;

/**
 * JSON text of a state value, as JSON.stringify writes plain data, and also: a Map as its `[key, value]`
 * pairs, a Set and a typed array as arrays, a bigint as a string of its digits, a value that holds itself
 * as "[Circular]". Non-finite numbers are written as `null`, or as their strings with `nonFiniteAsText`.
 */
export function valueJson(value: unknown, nonFiniteAsText = false): string {
  const open: object[] = [];
  const write = (v: unknown, inArray: boolean): string | undefined => {
    if (v === null) return "null";
    switch (typeof v) {
      case "number":
        return Number.isFinite(v) ? String(v) : nonFiniteAsText ? `"${v}"` : "null";
      case "string":
        return JSON.stringify(v);
      case "boolean":
        return String(v);
      case "bigint":
        return `"${v}"`;
      case "object":
        break;
      default:
        // Functions, symbols and undefined: left out of objects, null in arrays (JSON.stringify's rule).
        return inArray ? "null" : undefined;
    }
    const obj = v;
    if (open.includes(obj)) return '"[Circular]"';
    if (open.length >= MAX_DEPTH) return '"[too deep]"';
    open.push(obj);
    try {
      return writeObject(obj);
    } finally {
      open.pop();
    }
  };
  const list = (items: Iterable<unknown>): string => `[${Array.from(items, (x) => write(x, true)).join(",")}]`;
  const writeObject = (obj: object): string | undefined => {
    if (typeof (obj as { toJSON?: unknown }).toJSON === "function") return write((obj as { toJSON(): unknown }).toJSON(), false);
    if (Array.isArray(obj)) return list(obj);
    if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) return list(obj as unknown as Iterable<unknown>);
    if (obj instanceof Map) return list(Array.from(obj as Map<unknown, unknown>, ([k, x]) => [k, x]));
    if (obj instanceof Set) return list(obj);
    const fields: string[] = [];
    for (const key of Object.keys(obj)) {
      const text = write((obj as Record<string, unknown>)[key], false);
      if (text !== undefined) fields.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${fields.join(",")}}`;
  };
  try {
    return write(value, false) ?? "null";
  } catch (err) {
    // A getter or a toJSON of model code that throws: the cell says so rather than losing the file.
    return JSON.stringify(`[cannot be written: ${err instanceof Error ? err.message : String(err)}]`);
  }
}
