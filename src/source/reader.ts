// Reads a model file's structure from its source without running it, with the loader's scanner and source walker:
// its models, initialState keys, params, and blocks with their policies (and the signals those return) and updated
// variables, each with its place. Literals are followed through variables, calls' first argument and relative
// imports; what is built by code is reported as unknown.
import { lineColumn } from "./scanner";
import { declarationIn, elements, exportDefault, isPunct, isPunct1, MAX_HOPS, memberNamed, nextItem, objectItems, valueAt, type Declaration } from "./walker";
import { functionAt, inputReads, kindOfExpression, methodAt, returnedExpressions } from "./functions";
import { expressionSpan, importCandidates, place, scanSource, tokenEnd, type At, type SourceFile } from "./sourceFile";
import type { BlockOutline, FunctionInfo, KeyInfo, MemberSpan, ModelOutline, ModelStructure, ObjectSpan, Place, ReadFile } from "./types";

/** An item of an object literal, by tokens. */
interface Member {
  name?: string;
  key?: At;
  value?: At;
  spread?: At;
  shorthand: boolean;
  /** `name(...) { ... }`: a method, whose function starts at the key. */
  method?: boolean;
}

/** Reads the structure of a model file from its text (and the files it imports, through `readFile`). */
export class ModelReader {
  private readonly files = new Map<string, SourceFile | null>();

  constructor(
    readonly entryFile: string,
    entryText: string,
    private readonly readFile: ReadFile = () => undefined,
  ) {
    this.files.set(entryFile, scanSource(entryFile, entryText));
  }

  /** The text of a file read so far (the entry file, or one it imports). */
  textOf(file: string): string | undefined {
    return this.files.get(file)?.text;
  }

  /** 1-based line and column of an offset in a file read so far. */
  lineColumnOf(file: string, offset: number): { line: number; column: number } | undefined {
    const src = this.files.get(file);
    return src ? lineColumn(src.lineStarts, offset) : undefined;
  }

  /** The quote character of a file's first string literal (double when it has none). */
  preferredQuote(file: string): string {
    const src = this.files.get(file);
    const first = src?.tokens.find((t) => t.kind === "string");
    return first && src!.text[first.start] === "'" ? "'" : '"';
  }

  /** The models of the file, as far as literals can be followed. */
  read(): ModelStructure {
    const entry = this.source(this.entryFile)!;
    const root = this.root(entry);
    if (!root) return { file: this.entryFile, models: undefined };
    const value = this.valueAt(root.value);
    if (value && isPunct(value, "[")) {
      const { items } = this.elements(value);
      return { file: this.entryFile, models: items.map((element, i) => this.model(element, i)) };
    }
    return { file: this.entryFile, models: value ? [this.model(root.value, 0)] : undefined };
  }

  /** A key `name` written on 1-based `line` of `file`, with the object literal it belongs to: for renaming a key the engine named. */
  keyAt(file: string, name: string, line: number): { key: Place; object: ObjectSpan; shorthand: boolean } | undefined {
    const src = this.source(file);
    if (!src) return undefined;
    const t = src.tokens;
    for (let i = 0; i < t.length; i++) {
      const tok = t[i]!;
      if ((tok.kind !== "name" && tok.kind !== "string") || tok.value !== name) continue;
      if (lineColumn(src.lineStarts, tok.start).line !== line) continue;
      if (!(isPunct1(t[i - 1], "{") || isPunct1(t[i - 1], ","))) continue;
      const next = t[i + 1];
      const shorthand = isPunct1(next, ",") || isPunct1(next, "}");
      if (!isPunct1(next, ":") && !(shorthand && tok.kind === "name")) continue;
      const open = this.enclosingBrace(src, i);
      if (open === undefined) continue;
      return { key: place({ src, index: i }), object: this.objectSpan({ src, index: open }), shorthand };
    }
    return undefined;
  }

  private source(file: string): SourceFile | undefined {
    if (!this.files.has(file)) {
      let text: string | undefined;
      try {
        text = this.readFile(file);
      } catch {
        text = undefined;
      }
      this.files.set(file, text === undefined ? null : scanSource(file, text));
    }
    return this.files.get(file) ?? undefined;
  }

  private model(element: At, simulation: number): ModelOutline {
    const obj = this.valueAt(element);
    const outline: ModelOutline = {
      simulation,
      name: undefined,
      at: place(element),
      object: undefined,
      initialState: undefined,
      params: undefined,
      sweep: undefined,
      blocks: undefined,
      blocksComplete: true,
    };
    if (!obj || !isPunct(obj, "{")) return outline;
    outline.at = place(obj);
    outline.object = this.objectSpan(obj);
    const name = this.member(obj, "name", 0);
    const nameToken = name?.value && name.value.src.tokens[name.value.index];
    if (nameToken?.kind === "string") outline.name = nameToken.value;
    for (const part of ["initialState", "params"] as const) {
      const m = this.member(obj, part, 0);
      const value = m?.value && this.valueAt(m.value);
      if (value && isPunct(value, "{")) outline[part] = { object: this.objectSpan(value), keys: this.keys(value) };
    }
    const sweep = this.member(obj, "sweep", 0);
    if (sweep?.key) outline.sweep = this.keyInfo(sweep);
    const blocks = this.member(obj, "blocks", 0);
    const list = blocks?.value && this.valueAt(blocks.value);
    if (list && isPunct(list, "[")) {
      const { items, complete } = this.elements(list);
      outline.blocks = items.map((b, i) => this.block(b, i));
      outline.blocksComplete = complete;
    }
    return outline;
  }

  private block(element: At, index: number): BlockOutline {
    const out: BlockOutline = { index, at: place(element), label: undefined, labelComputed: false, policies: undefined, variables: undefined };
    const obj = this.valueAt(element);
    if (!obj || !isPunct(obj, "{")) return out;
    const label = this.member(obj, "label", 0);
    if (label) {
      const token = label.value && label.value.src.tokens[label.value.index];
      if (token?.kind === "string") out.label = token.value;
      else out.labelComputed = true;
    }
    for (const part of ["policies", "variables"] as const) {
      const m = this.member(obj, part, 0);
      if (!m) {
        out[part] = [];
        continue;
      }
      const value = m.value && this.valueAt(m.value);
      if (!value || !isPunct(value, "{")) continue;
      const { members, complete } = this.allMembers(value, 0);
      if (!complete) continue;
      out[part] = members.filter((f) => f.key).map((f) => this.functionInfo(f, part === "policies"));
    }
    return out;
  }

  private functionInfo(m: Member, policy: boolean): FunctionInfo {
    const fn = m.method ? methodAt(m.key!) : m.value && functionAt(m.value, this.declarationOf);
    const info: FunctionInfo = {
      name: m.name!,
      key: place(m.key!),
      definition: fn ? place(fn.start) : undefined,
      signals: undefined,
      reads: [],
      returns: undefined,
    };
    if (!fn) return info;
    const returned = returnedExpressions(fn);
    if (policy) info.signals = this.signalsOf(returned);
    else {
      info.reads = inputReads(fn);
      if (returned.length > 0 && returned[0]) info.returns = kindOfExpression(returned[0]);
    }
    return info;
  }

  private keys(obj: At): KeyInfo[] {
    return this.allMembers(obj, 0)
      .members.filter((m) => m.key)
      .map((m) => this.keyInfo(m));
  }

  private keyInfo(m: Member): KeyInfo {
    const value = m.value && !m.shorthand ? expressionSpan(m.value) : undefined;
    const kind = m.value ? kindOfExpression(m.value).kind : undefined;
    return { name: m.name!, key: place(m.key!), value, kind };
  }

  /** The `export default` (or `module.exports =`, or `export { x as default }`) of a file, and its expression. */
  private root(src: SourceFile): { value: At } | undefined {
    return exportDefault(src, this.declarationOf);
  }

  /** Follows an expression to the object or array literal it denotes: through parentheses, calls' first argument and variables. */
  private valueAt(start: At): At | undefined {
    return valueAt(start, this.declarationOf, true);
  }

  private signalsOf(returned: (At | undefined)[]): FunctionInfo["signals"] {
    if (returned.length === 0) return undefined;
    const names: string[] = [];
    let complete = true;
    let any = false;
    for (const expr of returned) {
      const obj = expr && this.valueAt(expr);
      if (!obj || !isPunct(obj, "{")) {
        complete = false;
        continue;
      }
      any = true;
      const members = this.allMembers(obj, 0);
      if (!members.complete) complete = false;
      for (const m of members.members) if (m.name !== undefined && !names.includes(m.name)) names.push(m.name);
    }
    return any ? { names, complete } : undefined;
  }

  /** The initializer of `const|let|var name = ...` or a `function name` declaration; else what an import of `name` refers to. */
  private declaration(name: string, src: SourceFile, hops: number): At | undefined {
    const local = declarationIn(src, name, true, true) ?? declarationIn(src, name, false, true);
    if (local) return local;
    const imported = src.imports.get(name);
    if (!imported || hops >= MAX_HOPS) return undefined;
    const target = this.resolve(src.file, imported.spec);
    if (!target) return undefined;
    if (imported.name === "default") return this.root(target)?.value;
    return this.declaration(imported.name, target, hops + 1);
  }

  private readonly declarationOf: Declaration<SourceFile> = (name, src, hops) => this.declaration(name, src, hops);

  /** A relative import's file, read through `readFile` (`./blocks`, `./blocks.js` for `blocks.ts`, `./dir` for `dir/index.ts`). */
  private resolve(from: string, spec: string): SourceFile | undefined {
    for (const file of importCandidates(from, spec)) {
      const src = this.source(file);
      if (src) return src;
    }
    return undefined;
  }

  /** The items of an object literal, in order (spreads not followed). */
  private members(obj: At): Member[] {
    const { src } = obj;
    return objectItems(src, obj.index).map((item): Member => {
      const key = { src, index: item.index };
      switch (item.kind) {
        case "spread":
          return { spread: { src, index: item.index + 1 }, key, shorthand: false };
        case "property":
          return { name: item.name, key, value: { src, index: item.index + 2 }, shorthand: false };
        case "shorthand":
          return { name: item.name, key, value: key, shorthand: true };
        case "method":
          return { name: item.name, key, value: key, shorthand: false, method: true };
        default:
          return { key, shorthand: false };
      }
    });
  }

  /** The named members of an object literal with spreads followed (a later key replaces an earlier one in place); incomplete when a spread cannot be followed. */
  private allMembers(obj: At, hops: number): { members: Member[]; complete: boolean } {
    const out: Member[] = [];
    let complete = true;
    for (const m of this.members(obj)) {
      if (m.spread) {
        const spread = hops < MAX_HOPS ? this.valueAt(m.spread) : undefined;
        if (!spread || !isPunct(spread, "{")) {
          complete = false;
          continue;
        }
        const inner = this.allMembers(spread, hops + 1);
        complete &&= inner.complete;
        for (const s of inner.members) put(out, s);
      } else if (m.name !== undefined) put(out, m);
      else complete = false;
    }
    return { members: out, complete };
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

  /** The elements of an array literal up to the first spread (after it, positions are unknown). */
  private elements(list: At): { items: At[]; complete: boolean } {
    return elements(list, true);
  }

  /** An object literal's braces and own items as text spans. */
  private objectSpan(obj: At): ObjectSpan {
    const { src, index } = obj;
    const close = src.partner[index]!;
    const members: MemberSpan[] = [];
    for (const m of this.members(obj)) {
      const first = m.key!.index;
      const stop = nextItem(src, first, close) - 1; // the comma, or the closing brace
      let end = src.tokens[first]!.start;
      for (let k = first; k < stop; k++) end = Math.max(end, tokenEnd(src.text, src.tokens[k]!));
      const comma = stop < close ? src.tokens[stop]!.start : undefined;
      const value = m.value && !m.shorthand && m.value.index !== first ? expressionSpan(m.value) : undefined;
      members.push({ name: m.name, start: src.tokens[first]!.start, end, comma, shorthand: m.shorthand, value });
    }
    return { file: src.file, open: src.tokens[index]!.start, close: src.tokens[close]?.start ?? src.text.length, members };
  }

  /** The index of the `{` of the object literal whose items include token `i`. */
  private enclosingBrace(src: SourceFile, i: number): number | undefined {
    for (let j = i - 1; j >= 0; j--) {
      const p = src.partner[j]!;
      if (p > i && isPunct1(src.tokens[j], "{")) return j;
      if (p > i) return undefined; // inside a ( or [ first
    }
    return undefined;
  }
}

function put(out: Member[], m: Member): void {
  const at = out.findIndex((o) => o.name === m.name);
  if (at >= 0) out[at] = m;
  else out.push(m);
}
