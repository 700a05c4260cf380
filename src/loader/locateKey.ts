// Where a key of the default export is written: the path followed through literals, variables and calls, else searched by name.
import type { SourceLocation } from "../engine/locate";
import { lineColumn, lineStartsOf, scan, type ScannedSource, type Token } from "./scanner";
import type { OriginalSource } from "./sourceMap";

interface Source extends ScannedSource {
  file: string;
  lineStarts: number[];
  /** For each token, how many brackets are open around it: 0 at a module's top level. */
  depth: Int32Array;
  /** 1 for tokens inside an interface or object type alias body, whose members look like keys but are types. */
  inType: Uint8Array;
}

/** A token in a source: the start of an expression, or a key. */
interface At {
  src: Source;
  index: number;
}

interface Member {
  name?: string;
  key?: At;
  /** The value's expression; absent for methods. */
  value?: At;
  /** `...expr`: the spread expression. */
  spread?: At;
}

// Calls, declarations and spreads can refer to each other in circles; no real model nests this deep.
const MAX_HOPS = 40;

/** Finds keys of the default export in the bundle's own (non-package) sources. */
export class KeyLocator {
  private scanned: Source[] | undefined;

  constructor(
    private readonly originals: () => OriginalSource[],
    private readonly entryFile: string,
    /** Whether the default export is an array of models (an experiment). */
    private readonly exportIsArray: boolean,
  ) {}

  /** The location of the key at `path` in model `simulation`: exact when the literals can be followed, else the best guess. */
  locate(path: readonly string[], simulation: number): SourceLocation | undefined {
    const root = this.root();
    if (!root) return undefined;
    let deepest: At = root.export;
    let at: At | undefined = root.value;
    if (this.exportIsArray) {
      const list = this.valueAt(at);
      const element = list && isPunct(list, "[") ? this.elements(list)[simulation] : undefined;
      if (element) deepest = element;
      at = element;
    }
    let matched = 0;
    for (const segment of path) {
      const value = at && this.valueAt(at);
      if (!value) break;
      if (isPunct(value, "{")) {
        const member = this.member(value, segment, 0);
        if (!member?.key) break;
        deepest = member.key;
        at = member.value;
      } else if (isPunct(value, "[") && /^\d+$/.test(segment)) {
        const element = this.elements(value)[Number(segment)];
        if (!element) break;
        deepest = element;
        at = element;
      } else break;
      matched++;
    }
    if (matched === path.length) return location(deepest);
    const named = path.filter((s) => !/^\d+$/.test(s));
    const name = named[named.length - 1];
    const guess = name === undefined ? undefined : this.searchKey(name, named[named.length - 2], deepest);
    return location(guess ?? deepest);
  }

  private get sources(): Source[] {
    this.scanned ??= this.originals()
      .filter((o) => !o.inNodeModules)
      .map((o) => {
        const scanned = scan(o.text);
        return { ...scanned, file: o.file, lineStarts: lineStartsOf(o.text), depth: depthsOf(scanned.tokens), inType: typeBodiesOf(scanned) };
      });
    return this.scanned;
  }

  /** The `export default` (or `module.exports =`) of the model file, and the start of its expression. */
  private root(): { export: At; value: At } | undefined {
    const src = this.sources.find((s) => s.file === this.entryFile) ?? this.sources[0];
    if (!src) return undefined;
    const t = src.tokens;
    for (let i = 0; i < t.length; i++) {
      if (src.depth[i] !== 0) continue;
      if (isName(t[i], "export") && isName(t[i + 1], "default")) return { export: { src, index: i }, value: { src, index: i + 2 } };
      if (isName(t[i], "module") && isPunct1(t[i + 1], ".") && isName(t[i + 2], "exports") && isPunct1(t[i + 3], "=")) {
        return { export: { src, index: i }, value: { src, index: i + 4 } };
      }
      // export { model as default }
      if (isName(t[i], "as") && isName(t[i + 1], "default") && t[i - 1]?.kind === "name") {
        const declared = this.declaration(t[i - 1]!.value, src);
        if (declared) return { export: { src, index: i - 1 }, value: declared };
      }
    }
    return undefined;
  }

  /** Follows an expression to the object or array literal it denotes: through parentheses, calls' first argument (`defineModel({...})`) and variables. */
  private valueAt(start: At): At | undefined {
    let at: At | undefined = start;
    for (let hop = 0; at && hop < MAX_HOPS; hop++) {
      const src: Source = at.src;
      const index: number = at.index;
      const t = src.tokens[index];
      if (!t) return undefined;
      if (isPunct(at, "{") || isPunct(at, "[")) return at;
      if (isPunct(at, "(")) {
        const close = src.partner[index]!;
        if (close < 0 || isPunct1(src.tokens[close + 1], "=>")) return undefined; // an arrow function's parameters
        at = { src, index: index + 1 };
        continue;
      }
      if (t.kind !== "name") return undefined;
      if (t.value === "await" || t.value === "new") {
        at = { src, index: index + 1 };
        continue;
      }
      let j = index;
      while (isPunct1(src.tokens[j + 1], ".") && src.tokens[j + 2]?.kind === "name") j += 2;
      if (isPunct1(src.tokens[j + 1], "<")) j = this.typeArgumentsEnd(src, j + 1);
      if (isPunct1(src.tokens[j + 1], "(")) {
        at = { src, index: j + 2 };
        continue;
      }
      if (j !== index) return undefined; // a member access such as `base.blocks`: not followed
      at = this.declaration(t.value, src);
    }
    return undefined;
  }

  /** The index of the `>` closing type arguments that open at `open`, or `open - 1` when they do not close. */
  private typeArgumentsEnd(src: Source, open: number): number {
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

  /** The initializer of `const|let|var name = ...`: in `preferred` first, top-level declarations before nested ones. */
  private declaration(name: string, preferred: Source): At | undefined {
    const ordered = [preferred, ...this.sources.filter((s) => s !== preferred)];
    for (const topLevelOnly of [true, false]) {
      for (const src of ordered) {
        const t = src.tokens;
        for (let i = 0; i + 1 < t.length; i++) {
          if (!(isName(t[i], "const") || isName(t[i], "let") || isName(t[i], "var")) || !isName(t[i + 1], name)) continue;
          if (topLevelOnly && src.depth[i] !== 0) continue;
          const init = this.initializer(src, i + 2);
          if (init) return init;
        }
      }
    }
    return undefined;
  }

  /** After a declared name: skips a type annotation (`: Block<S, P>`) to the `=`, and gives the expression after it. */
  private initializer(src: Source, k: number): At | undefined {
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

  /** The members of an object literal, in order. */
  private members(obj: At): Member[] {
    const { src, index } = obj;
    const t = src.tokens;
    const close = src.partner[index]!;
    const out: Member[] = [];
    if (close < 0) return out;
    for (let i = index + 1; i < close; ) {
      const key = t[i]!;
      const next = t[i + 1];
      if (isPunct1(key, "...")) out.push({ spread: { src, index: i + 1 } });
      else if ((key.kind === "name" || key.kind === "string" || key.kind === "number") && isPunct1(next, ":")) {
        out.push({ name: key.value, key: { src, index: i }, value: { src, index: i + 2 } });
      } else if (key.kind === "name" && (isPunct1(next, ",") || i + 1 === close)) {
        out.push({ name: key.value, key: { src, index: i }, value: { src, index: i } });
      } else if ((key.kind === "name" || key.kind === "string") && (isPunct1(next, "(") || isPunct1(next, "<"))) {
        out.push({ name: key.value, key: { src, index: i } });
      } else if (key.kind === "name" && ["get", "set", "async"].includes(key.value) && (next?.kind === "name" || next?.kind === "string")) {
        out.push({ name: next.value, key: { src, index: i + 1 } });
      }
      i = this.nextItem(src, i, close);
    }
    return out;
  }

  /** The elements of an array literal up to the first spread (after it, positions are unknown). */
  private elements(list: At): At[] {
    const { src, index } = list;
    const close = src.partner[index]!;
    const out: At[] = [];
    if (close < 0) return out;
    for (let i = index + 1; i < close; ) {
      if (isPunct1(src.tokens[i], "...")) break;
      out.push({ src, index: i });
      i = this.nextItem(src, i, close);
    }
    return out;
  }

  /** The index after the comma that ends the list item starting at `i`. */
  private nextItem(src: Source, i: number, close: number): number {
    while (i < close && !isPunct1(src.tokens[i], ",")) {
      const p = src.partner[i]!;
      i = p > i ? p + 1 : i + 1;
    }
    return i + 1;
  }

  /** The member named `name`: the last one written wins, as in JavaScript; else from a spread. */
  private member(obj: At, name: string, hops: number): Member | undefined {
    const members = this.members(obj);
    for (let k = members.length - 1; k >= 0; k--) {
      const m = members[k]!;
      if (m.name === name) return m;
      if (m.spread && hops < MAX_HOPS) {
        const spread = this.valueAt(m.spread);
        const found = spread && isPunct(spread, "{") ? this.member(spread, name, hops + 1) : undefined;
        if (found) return found;
      }
    }
    return undefined;
  }

  /**
   * A key `name:` (or shorthand `name,`) outside type declarations: after `after` in its file first, then one
   * inside an object written as `parent: {...}`, then any.
   */
  private searchKey(name: string, parent: string | undefined, after: At): At | undefined {
    const isKey = (src: Source, i: number): boolean => {
      const t = src.tokens;
      const key = t[i]!;
      if ((key.kind !== "name" && key.kind !== "string") || key.value !== name || src.inType[i]) return false;
      if (!(isPunct1(t[i - 1], "{") || isPunct1(t[i - 1], ","))) return false;
      return isPunct1(t[i + 1], ":") || isPunct1(t[i + 1], ",") || isPunct1(t[i + 1], "}");
    };
    const underParent = (src: Source, i: number): boolean => {
      if (parent === undefined) return false;
      for (let j = i - 1; j >= 0; j--) {
        if (src.depth[j]! < src.depth[i]!) return isPunct1(src.tokens[j - 1], ":") && src.tokens[j - 2]?.value === parent;
      }
      return false;
    };
    for (let i = after.index + 1; i < after.src.tokens.length; i++) if (isKey(after.src, i)) return { src: after.src, index: i };
    let any: At | undefined;
    for (const src of this.sources) {
      for (let i = 0; i < src.tokens.length; i++) {
        if (!isKey(src, i)) continue;
        if (underParent(src, i)) return { src, index: i };
        any ??= { src, index: i };
      }
    }
    return any;
  }
}

function depthsOf(tokens: Token[]): Int32Array {
  const depth = new Int32Array(tokens.length);
  let d = 0;
  tokens.forEach((t, i) => {
    if (t.kind === "punct" && (t.value === ")" || t.value === "]" || t.value === "}")) d = Math.max(0, d - 1);
    depth[i] = d;
    if (t.kind === "punct" && (t.value === "(" || t.value === "[" || t.value === "{")) d++;
  });
  return depth;
}

function typeBodiesOf({ tokens, partner }: ScannedSource): Uint8Array {
  const inType = new Uint8Array(tokens.length);
  tokens.forEach((t, i) => {
    if (t.kind !== "name" || (t.value !== "interface" && t.value !== "type") || tokens[i + 1]?.kind !== "name") return;
    // `interface Name<T> extends B {` or `type Name<T> = {`: the body is the first brace within a few tokens.
    for (let k = i + 2; k < tokens.length && k < i + 40; k++) {
      const v = tokens[k]!;
      if (v.kind === "punct" && v.value === "{") {
        inType.fill(1, k, Math.max(k, partner[k]!) + 1);
        return;
      }
      if (v.kind === "punct" && (v.value === ";" || v.value === "(")) return;
      // `type Name = A | B`: not an object type, nothing to mark.
      if (t.value === "type" && tokens[k - 1]?.kind === "punct" && tokens[k - 1]!.value === "=") return;
    }
  });
  return inType;
}

function location(at: At): SourceLocation {
  const token = at.src.tokens[at.index];
  const { line, column } = lineColumn(at.src.lineStarts, token ? token.start : at.src.text.length);
  return { file: at.src.file, line, column };
}

function isPunct(at: At, value: string): boolean {
  return isPunct1(at.src.tokens[at.index], value);
}

function isPunct1(token: Token | undefined, value: string): boolean {
  return token?.kind === "punct" && token.value === value;
}

function isName(token: Token | undefined, value: string): boolean {
  return token?.kind === "name" && token.value === value;
}
