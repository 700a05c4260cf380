// Walking scanned JS/TS source by tokens: object and array literals, declarations, initializers and the default export.
// Pure functions shared by the loader's key locator and the extension's model reader; what differs between them
// (where a name is declared, whether functions stop the walk) is passed in.
import { lineColumn, type ScannedSource, type Token } from "./scanner";

/** A scanned source file with its line starts and bracket depths. */
export interface WalkedSource extends ScannedSource {
  file: string;
  lineStarts: number[];
  /** For each token, how many brackets are open around it: 0 at a module's top level. */
  depth: Int32Array;
}

/** A token in a source: the start of an expression, or a key. */
export interface At<S extends WalkedSource = WalkedSource> {
  src: S;
  index: number;
}

/** Where a variable `name` used in `src` is initialized; `hops` counts the steps followed so far. */
export type Declaration<S extends WalkedSource> = (name: string, src: S, hops: number) => At<S> | undefined;

// Calls, declarations and spreads can refer to each other in circles; no real model nests this deep.
export const MAX_HOPS = 40;

/** For each token, how many brackets are open around it. */
export function depthsOf(tokens: Token[]): Int32Array {
  const depth = new Int32Array(tokens.length);
  let d = 0;
  tokens.forEach((t, i) => {
    if (t.kind === "punct" && (t.value === ")" || t.value === "]" || t.value === "}")) d = Math.max(0, d - 1);
    depth[i] = d;
    if (t.kind === "punct" && (t.value === "(" || t.value === "[" || t.value === "{")) d++;
  });
  return depth;
}

/** The offset of the token at `at` (the text's end past the last token), and its 1-based line and column. */
export function positionOf(at: At): { offset: number; line: number; column: number } {
  const token = at.src.tokens[at.index];
  const offset = token ? token.start : at.src.text.length;
  return { offset, ...lineColumn(at.src.lineStarts, offset) };
}

/**
 * Follows an expression to the object or array literal it denotes: through parentheses, calls' first argument
 * (`defineModel({...})`) and variables. With `stopAtFunctions`, arrow functions (also with a return type) and
 * `function` expressions end the walk rather than being looked into.
 */
export function valueAt<S extends WalkedSource>(start: At<S>, declaration: Declaration<S>, stopAtFunctions: boolean): At<S> | undefined {
  let at: At<S> | undefined = start;
  for (let hop = 0; at && hop < MAX_HOPS; hop++) {
    const src: S = at.src;
    const index: number = at.index;
    const t = src.tokens[index];
    if (!t) return undefined;
    if (isPunct(at, "{") || isPunct(at, "[")) return at;
    if (isPunct(at, "(")) {
      const close = src.partner[index]!;
      if (close < 0 || isPunct1(src.tokens[close + 1], "=>") || (stopAtFunctions && isPunct1(src.tokens[close + 1], ":"))) return undefined; // an arrow function
      at = { src, index: index + 1 };
      continue;
    }
    if (t.kind !== "name" || (stopAtFunctions && t.value === "function")) return undefined;
    if (t.value === "await" || t.value === "new") {
      at = { src, index: index + 1 };
      continue;
    }
    if (stopAtFunctions && isPunct1(src.tokens[index + 1], "=>")) return undefined;
    let j = index;
    while (isPunct1(src.tokens[j + 1], ".") && src.tokens[j + 2]?.kind === "name") j += 2;
    if (isPunct1(src.tokens[j + 1], "<")) j = typeArgumentsEnd(src, j + 1);
    if (isPunct1(src.tokens[j + 1], "(")) {
      at = { src, index: j + 2 };
      continue;
    }
    if (j !== index) return undefined; // a member access such as `base.blocks`: not followed
    at = declaration(t.value, src, hop);
  }
  return undefined;
}

/** The `export default` (or `module.exports =`, or `export { x as default }`) of a file, and the start of its expression. */
export function exportDefault<S extends WalkedSource>(src: S, declaration: Declaration<S>): { export: At<S>; value: At<S> } | undefined {
  const t = src.tokens;
  for (let i = 0; i < t.length; i++) {
    if (src.depth[i] !== 0) continue;
    if (isName(t[i], "export") && isName(t[i + 1], "default")) return { export: { src, index: i }, value: { src, index: i + 2 } };
    if (isName(t[i], "module") && isPunct1(t[i + 1], ".") && isName(t[i + 2], "exports") && isPunct1(t[i + 3], "=")) {
      return { export: { src, index: i }, value: { src, index: i + 4 } };
    }
    // export { model as default }
    if (isName(t[i], "as") && isName(t[i + 1], "default") && t[i - 1]?.kind === "name") {
      const declared = declaration(t[i - 1]!.value, src, 0);
      if (declared) return { export: { src, index: i - 1 }, value: declared };
    }
  }
  return undefined;
}

/**
 * The initializer of `const|let|var name = ...` in `src` (top-level declarations only, or any); with `functions`,
 * also a `function name` declaration (its `function` token).
 */
export function declarationIn<S extends WalkedSource>(src: S, name: string, topLevelOnly: boolean, functions: boolean): At<S> | undefined {
  const t = src.tokens;
  for (let i = 0; i + 1 < t.length; i++) {
    if (topLevelOnly && src.depth[i] !== 0) continue;
    if (!isName(t[i + 1], name)) continue;
    if (isName(t[i], "const") || isName(t[i], "let") || isName(t[i], "var")) {
      const init = initializer(src, i + 2);
      if (init) return init;
    }
    if (functions && isName(t[i], "function") && !isPunct1(t[i - 1], ".")) return { src, index: i };
  }
  return undefined;
}

/** After a declared name: skips a type annotation (`: Block<S, P>`) to the `=`, and gives the expression after it. */
export function initializer<S extends WalkedSource>(src: S, k: number): At<S> | undefined {
  let angles = 0;
  for (let n = 0; k < src.tokens.length && n < 500; n++) {
    const t = src.tokens[k]!;
    const p = src.partner[k]!;
    if (p > k) {
      k = p + 1;
      continue;
    }
    if (t.kind === "punct") {
      if (t.value === "<") angles++;
      else if (t.value === ">" && angles > 0) angles--;
      else if (t.value === "=" && angles === 0) return { src, index: k + 1 };
      else if (t.value === ";" || (t.value === "," && angles === 0)) return undefined;
    }
    k++;
  }
  return undefined;
}

/** The index of the `>` closing type arguments that open at `open`, or `open - 1` when they do not close. */
export function typeArgumentsEnd(src: ScannedSource, open: number): number {
  let depth = 0;
  for (let k = open; k < src.tokens.length && k < open + 500; k++) {
    const p = src.partner[k]!;
    if (p > k) {
      k = p;
      continue;
    }
    const v = src.tokens[k]!;
    if (v.kind !== "punct") continue;
    if (v.value === "<") depth++;
    else if (v.value === ">" && --depth === 0) return k;
    else if (v.value === ";" || v.value === ")" || v.value === "}" || v.value === "]") break;
  }
  return open - 1;
}

/** The index after the item starting at `i`: past the next `,` at this level (or `close`). */
export function nextItem(src: ScannedSource, i: number, close: number): number {
  while (i < close && !isPunct1(src.tokens[i], ",")) {
    const p = src.partner[i]!;
    i = p > i ? p + 1 : i + 1;
  }
  return i + 1;
}

/** The index just after an expression starting at `i`: the `,` or `;` or closing bracket that ends it. */
export function expressionEnd(src: ScannedSource, i: number): number {
  const t = src.tokens;
  while (i < t.length) {
    const tok = t[i]!;
    const p = src.partner[i]!;
    if (p > i) {
      i = p + 1;
      continue;
    }
    if (p >= 0 && p < i) return i;
    if (tok.kind === "punct" && (tok.value === "," || tok.value === ";")) return i;
    i++;
  }
  return i;
}

/**
 * What an item of an object literal is: `...spread`, `key: value`, shorthand `name`, a method `name(...)`,
 * an accessor or async method `get name(...)` (`name` is the token after), or something else (computed keys...).
 */
export interface ObjectItem {
  kind: "spread" | "property" | "shorthand" | "method" | "accessor" | "other";
  /** The item's first token. */
  index: number;
  name?: string;
}

/** The items of the object literal whose `{` is at `open`, in order (spreads not followed). */
export function objectItems(src: ScannedSource, open: number): ObjectItem[] {
  const t = src.tokens;
  const close = src.partner[open]!;
  const out: ObjectItem[] = [];
  if (close < 0) return out;
  for (let i = open + 1; i < close;) {
    const key = t[i]!;
    const next = t[i + 1];
    if (isPunct1(key, "...")) out.push({ kind: "spread", index: i });
    else if ((key.kind === "name" || key.kind === "string" || key.kind === "number") && isPunct1(next, ":"))
      out.push({ kind: "property", index: i, name: key.value });
    else if (key.kind === "name" && (isPunct1(next, ",") || i + 1 === close)) out.push({ kind: "shorthand", index: i, name: key.value });
    else if ((key.kind === "name" || key.kind === "string") && (isPunct1(next, "(") || isPunct1(next, "<")))
      out.push({ kind: "method", index: i, name: key.value });
    else if (key.kind === "name" && ["get", "set", "async"].includes(key.value) && (next?.kind === "name" || next?.kind === "string")) {
      out.push({ kind: "accessor", index: i, name: next.value });
    } else out.push({ kind: "other", index: i });
    i = nextItem(src, i, close);
  }
  return out;
}

/** The member named `name`: the last one written wins, as in JavaScript; else from a spread, followed with `valueAt`. */
export function memberNamed<S extends WalkedSource, M extends { name?: string; spread?: At<S> }>(
  obj: At<S>,
  name: string,
  hops: number,
  members: (obj: At<S>) => M[],
  valueOf: (at: At<S>) => At<S> | undefined,
): M | undefined {
  const list = members(obj);
  for (let k = list.length - 1; k >= 0; k--) {
    const m = list[k]!;
    if (m.name === name) return m;
    if (m.spread && hops < MAX_HOPS) {
      const spread = valueOf(m.spread);
      const found = spread && isPunct(spread, "{") ? memberNamed(spread, name, hops + 1, members, valueOf) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The elements of the array literal at `list` up to the first spread (after it, positions are unknown, and the
 * list is not complete). With `skipHoles`, the holes of `[a, , b]` are left out rather than given as elements.
 */
export function elements<S extends WalkedSource>(list: At<S>, skipHoles: boolean): { items: At<S>[]; complete: boolean } {
  const { src, index } = list;
  const close = src.partner[index]!;
  const items: At<S>[] = [];
  if (close < 0) return { items, complete: false };
  for (let i = index + 1; i < close;) {
    if (isPunct1(src.tokens[i], "...")) return { items, complete: false };
    if (!skipHoles || !isPunct1(src.tokens[i], ",")) items.push({ src, index: i });
    i = nextItem(src, i, close);
  }
  return { items, complete: true };
}

export function isPunct(at: At, value: string): boolean {
  return isPunct1(at.src.tokens[at.index], value);
}

export function isPunct1(token: Token | undefined, value: string): boolean {
  return token?.kind === "punct" && token.value === value;
}

export function isName(token: Token | undefined, value: string): boolean {
  return token?.kind === "name" && token.value === value;
}
