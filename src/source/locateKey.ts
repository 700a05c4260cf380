// Where a key of the default export is written: the path followed through literals, variables and calls, else searched by name.
import type * as TS from "typescript";
import type { SourceLocation } from "../engine/locate";
import type { OriginalSource } from "../loader/sourceMap";
import { typescript } from "./lazyTypescript";
import { lineColumn } from "./lines";
import { declarationIn, elements, exportDefault, memberNamed, objectItems, valueAt, type Declaration } from "./follow";
import { parseSource, startOf, type At, type ParsedSource } from "./parsedSource";

interface Member {
  name?: string | undefined;
  key?: At;
  /** The value's expression; absent for methods and accessors. */
  value?: At | undefined;
  /** `...expr`: the spread expression. */
  spread?: At | undefined;
}

/** A key of an object literal in the sources, with the key of the object it is the value of (`parent: { name: ... }`). */
interface WrittenKey {
  src: ParsedSource;
  key: TS.Node;
  name: string;
  parent: string | undefined;
}

/** Finds keys of the default export in the bundle's own (non-package) sources. The sources are parsed on the first search. */
export class KeyLocator {
  private parsed: ParsedSource[] | undefined;
  private keys: WrittenKey[] | undefined;

  constructor(
    private readonly originals: () => OriginalSource[],
    private readonly entryFile: string,
    /** Whether the default export is an array of models (an experiment). */
    private readonly exportIsArray: boolean,
  ) {}

  /** The location of the key at `path` in model `simulation`: exact when the literals can be followed, else the best guess. */
  locate(path: readonly string[], simulation: number): SourceLocation | undefined {
    const ts = typescript();
    const root = this.root();
    if (!root) return undefined;
    let deepest: At = root.export;
    let at: At | undefined = root.value;
    if (this.exportIsArray) {
      const list = this.valueAt(at);
      const element = list && ts.isArrayLiteralExpression(list.node) ? elements(list, false).items[simulation] : undefined;
      if (element) deepest = element;
      at = element;
    }
    let matched = 0;
    for (const segment of path) {
      const value = at && this.valueAt(at);
      if (!value) break;
      if (ts.isObjectLiteralExpression(value.node)) {
        const member = memberNamed(value, segment, 0, members, (a) => this.valueAt(a));
        if (!member?.key) break;
        deepest = member.key;
        at = member.value;
      } else if (ts.isArrayLiteralExpression(value.node) && /^\d+$/.test(segment)) {
        const element = elements(value, false).items[Number(segment)];
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

  private get sources(): ParsedSource[] {
    this.parsed ??= this.originals()
      .filter((o) => !o.inNodeModules)
      .map((o) => parseSource(o.file, o.text));
    return this.parsed;
  }

  /** The `export default` (or `module.exports =`) of the model file, and its expression. */
  private root(): { export: At; value: At } | undefined {
    const src = this.sources.find((s) => s.file === this.entryFile) ?? this.sources[0];
    return src ? exportDefault(src, this.declarationOf) : undefined;
  }

  /** Follows an expression to the object or array literal it denotes: through parentheses, calls' first argument (`defineModel({...})`) and variables. */
  private valueAt(start: At): At | undefined {
    return valueAt(start, this.declarationOf);
  }

  /** The initializer of `const|let|var name = ...`: in `preferred` first, top-level declarations before nested ones. */
  private readonly declarationOf: Declaration = (name, preferred) => {
    const ordered = [preferred, ...this.sources.filter((s) => s !== preferred)];
    for (const topLevelOnly of [true, false]) {
      for (const src of ordered) {
        const init = declarationIn(src, name, topLevelOnly, false);
        if (init) return init;
      }
    }
    return undefined;
  };

  /**
   * A key `name` of an object literal (not of a type): after `after` in its file first, then one inside an object
   * written as `parent: {...}`, then any.
   */
  private searchKey(name: string, parent: string | undefined, after: At): At | undefined {
    const keys = this.allKeys().filter((k) => k.name === name);
    const afterStart = startOf(after);
    const next = keys.find((k) => k.src === after.src && k.key.getStart(k.src.ast) > afterStart);
    const found = next ?? (parent !== undefined ? keys.find((k) => k.parent === parent) : undefined) ?? keys[0];
    return found && { src: found.src, node: found.key };
  }

  /** Every key of every object literal in the sources, in order, with the key of the object it is the value of. */
  private allKeys(): WrittenKey[] {
    if (this.keys) return this.keys;
    const ts = typescript();
    const keys: WrittenKey[] = [];
    for (const src of this.sources) {
      const visit = (node: TS.Node): void => {
        if (ts.isObjectLiteralExpression(node)) {
          // `parent: {...}`, also with a cast after it (`parent: {...} as S`).
          let holder = node.parent;
          while (ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder) || ts.isNonNullExpression(holder)) holder = holder.parent;
          const parent = ts.isPropertyAssignment(holder) ? propertyName(holder.name) : undefined;
          for (const p of node.properties) {
            if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
            const name = propertyName(p.name);
            if (name !== undefined) keys.push({ src, key: p.name, name, parent });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(src.ast);
    }
    this.keys = keys;
    return keys;
  }
}

/** The members of an object literal, in order. */
function members(obj: At): Member[] {
  const { src } = obj;
  const ts = typescript();
  if (!ts.isObjectLiteralExpression(obj.node)) return [];
  const out: Member[] = [];
  for (const item of objectItems(obj.node)) {
    const key = { src, node: item.key };
    const value = item.value && { src, node: item.value };
    if (item.kind === "spread") out.push({ spread: value });
    else if (item.kind === "property" || item.kind === "shorthand") out.push({ name: item.name, key, value });
    else if (item.kind === "method" || item.kind === "accessor") out.push({ name: item.name, key });
  }
  return out;
}

function propertyName(name: TS.PropertyName): string | undefined {
  const ts = typescript();
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

function location(at: At): SourceLocation {
  return { file: at.src.file, ...lineColumn(at.src.lineStarts, startOf(at)) };
}
