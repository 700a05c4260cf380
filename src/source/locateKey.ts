// Where a key of the default export is written: the path followed through literals, variables and calls, else searched by name.
import type { SourceLocation } from "../engine/locate";
import { lineStartsOf, scan, type ScannedSource } from "./scanner";
import {
  declarationIn,
  depthsOf,
  elements,
  exportDefault,
  isPunct,
  isPunct1,
  memberNamed,
  objectItems,
  positionOf,
  valueAt,
  type At as WalkAt,
  type Declaration,
  type WalkedSource,
} from "./walker";
import type { OriginalSource } from "../loader/sourceMap";

interface Source extends WalkedSource {
  /** 1 for tokens inside an interface or object type alias body, whose members look like keys but are types. */
  inType: Uint8Array;
}

/** A token in a source: the start of an expression, or a key. */
type At = WalkAt<Source>;

interface Member {
  name?: string;
  key?: At;
  /** The value's expression; absent for methods. */
  value?: At;
  /** `...expr`: the spread expression. */
  spread?: At;
}

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
    return src ? exportDefault(src, this.declarationOf) : undefined;
  }

  /** Follows an expression to the object or array literal it denotes: through parentheses, calls' first argument (`defineModel({...})`) and variables. */
  private valueAt(start: At): At | undefined {
    return valueAt(start, this.declarationOf, false);
  }

  /** The initializer of `const|let|var name = ...`: in `preferred` first, top-level declarations before nested ones. */
  private declaration(name: string, preferred: Source): At | undefined {
    const ordered = [preferred, ...this.sources.filter((s) => s !== preferred)];
    for (const topLevelOnly of [true, false]) {
      for (const src of ordered) {
        const init = declarationIn(src, name, topLevelOnly, false);
        if (init) return init;
      }
    }
    return undefined;
  }

  private readonly declarationOf: Declaration<Source> = (name, src) => this.declaration(name, src);

  /** The members of an object literal, in order. */
  private members(obj: At): Member[] {
    const { src } = obj;
    const out: Member[] = [];
    for (const item of objectItems(src, obj.index)) {
      const i = item.index;
      if (item.kind === "spread") out.push({ spread: { src, index: i + 1 } });
      else if (item.kind === "property") out.push({ name: item.name, key: { src, index: i }, value: { src, index: i + 2 } });
      else if (item.kind === "shorthand") out.push({ name: item.name, key: { src, index: i }, value: { src, index: i } });
      else if (item.kind === "method") out.push({ name: item.name, key: { src, index: i } });
      else if (item.kind === "accessor") out.push({ name: item.name, key: { src, index: i + 1 } });
    }
    return out;
  }

  /** The elements of an array literal up to the first spread (after it, positions are unknown). */
  private elements(list: At): At[] {
    return elements(list, false).items;
  }

  /** The member named `name`: the last one written wins, as in JavaScript; else from a spread. */
  private member(obj: At, name: string, hops: number): Member | undefined {
    return memberNamed(
      obj,
      name,
      hops,
      (o) => this.members(o),
      (at) => this.valueAt(at),
    );
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
  const { line, column } = positionOf(at);
  return { file: at.src.file, line, column };
}
