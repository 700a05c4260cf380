// A model file's structure read from its source without running it, with the loader's scanner: its models,
// initialState keys, params, and blocks with their policies (and the signals those return) and updated variables,
// each with its place. Literals are followed through variables, calls' first argument and relative imports; what is
// built by code is reported as unknown. No `vscode` here: quick fixes, hovers and the diagram view build on it.
import { dirname, join } from "node:path";
import { lineColumn, lineStartsOf, regexEnd, scan, type Token } from "../loader/scanner";

/** Gives the text of a file the model imports (undefined when it cannot be read). */
export type ReadFile = (file: string) => string | undefined;

/** A place in a source: 1-based line and column, and the offset and length of what is there. */
export interface Place {
  file: string;
  line: number;
  column: number;
  offset: number;
  length: number;
}

/** A stretch of a file's text: offsets `start` to `end`, and the text itself. */
export interface Span {
  file: string;
  start: number;
  end: number;
  text: string;
}

/** One item of an object literal as text, for edits. */
export interface MemberSpan {
  /** The key; undefined for spreads and computed keys. */
  name: string | undefined;
  /** Offset of the item's first token. */
  start: number;
  /** Offset just after the item's last token. */
  end: number;
  /** Offset of the comma after the item, if any. */
  comma: number | undefined;
  /** `{ name }` rather than `{ name: value }`. */
  shorthand: boolean;
  /** The value expression (absent for shorthand, spreads and methods). */
  value: Span | undefined;
}

/** An object literal as text: where its braces are and its own items (spreads not followed), for edits. */
export interface ObjectSpan {
  file: string;
  open: number;
  close: number;
  members: MemberSpan[];
}

/** The kind of value an expression starts with, as far as its first tokens tell. */
export type ValueKind = "number" | "string" | "boolean" | "array" | "object" | "null";

/** A key of initialState, params or the model, with its value as written. */
export interface KeyInfo {
  name: string;
  key: Place;
  /** The value's text when written as `name: value`. */
  value: Span | undefined;
  /** What the value is, when it starts with a literal. */
  kind: ValueKind | undefined;
}

/** A policy or state update registered under `name` in a block. */
export interface FunctionInfo {
  name: string;
  key: Place;
  /** Where the function is written: inline, or the declaration the key refers to (maybe in an imported file). */
  definition: Place | undefined;
  /** Policies: the keys of the object literal(s) the function returns; undefined when not readable. */
  signals: { names: string[]; complete: boolean } | undefined;
  /** State updates: the signals read as `input.name`. */
  reads: string[];
  /** State updates: what the function returns, as far as its first tokens tell; `sameAs` a state variable read as `state.x`. */
  returns: { kind?: ValueKind; sameAs?: string } | undefined;
}

/** One block (partial state update block) of a model. */
export interface BlockOutline {
  /** 0-based; the block's substep is `index + 1`. */
  index: number;
  /** Where the block is written (the element of `blocks`). */
  at: Place;
  label: string | undefined;
  /** A label that is not a string literal. */
  labelComputed: boolean;
  /** Undefined when the block or its `policies` is built by code. */
  policies: FunctionInfo[] | undefined;
  /** Undefined when the block or its `variables` is built by code. */
  variables: FunctionInfo[] | undefined;
}

/** One model of the file (the default export, or one element of an exported experiment). */
export interface ModelOutline {
  simulation: number;
  name: string | undefined;
  at: Place | undefined;
  /** The model's object literal; undefined when built by code. */
  object: ObjectSpan | undefined;
  initialState: { object: ObjectSpan; keys: KeyInfo[] } | undefined;
  params: { object: ObjectSpan; keys: KeyInfo[] } | undefined;
  sweep: KeyInfo | undefined;
  /** Undefined when `blocks` is built by code. */
  blocks: BlockOutline[] | undefined;
  /** False when the blocks array has a spread, after which blocks are unknown. */
  blocksComplete: boolean;
}

/** What the source of a model file tells statically. */
export interface ModelStructure {
  file: string;
  /** Undefined when the default export cannot be followed to literals. */
  models: ModelOutline[] | undefined;
}

/** A scanned source file. */
interface SourceFile {
  file: string;
  text: string;
  tokens: Token[];
  partner: Int32Array;
  depth: Int32Array;
  lineStarts: number[];
  /** Local name → the module and exported name it is imported from. */
  imports: Map<string, { spec: string; name: string }>;
}

/** A token in a source: the start of an expression, or a key. */
interface At {
  src: SourceFile;
  index: number;
}

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

/** A function found by following an expression. */
interface FunctionAt {
  start: At;
  /** The first token of each parameter. */
  params: At[];
  /** The body: a `{` for a block body, else the expression's first token. */
  body: At;
  block: boolean;
}

// Variables, calls and spreads can refer to each other in circles; no real model nests this deep.
const MAX_HOPS = 40;
const EXTENSIONS = [".ts", ".mts", ".tsx", ".js", ".mjs", ".cjs"];
const CONTROL = new Set(["if", "for", "while", "switch", "catch", "with"]);

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
    const fn = m.method ? this.methodAt(m.key!) : m.value && this.functionAt(m.value);
    const info: FunctionInfo = { name: m.name!, key: place(m.key!), definition: fn ? place(fn.start) : undefined, signals: undefined, reads: [], returns: undefined };
    if (!fn) return info;
    const returned = this.returnedExpressions(fn);
    if (policy) info.signals = this.signalsOf(returned);
    else {
      info.reads = this.inputReads(fn);
      if (returned.length > 0 && returned[0]) info.returns = this.kindOfExpression(returned[0]);
    }
    return info;
  }

  private keys(obj: At): KeyInfo[] {
    return this.allMembers(obj, 0).members.filter((m) => m.key).map((m) => this.keyInfo(m));
  }

  private keyInfo(m: Member): KeyInfo {
    const value = m.value && !m.shorthand ? this.expressionSpan(m.value) : undefined;
    const kind = m.value ? this.kindOfExpression(m.value).kind : undefined;
    return { name: m.name!, key: place(m.key!), value, kind };
  }

  /** The `export default` (or `module.exports =`, or `export { x as default }`) of a file, and its expression. */
  private root(src: SourceFile): { value: At } | undefined {
    const t = src.tokens;
    for (let i = 0; i < t.length; i++) {
      if (src.depth[i] !== 0) continue;
      if (isName(t[i], "export") && isName(t[i + 1], "default")) return { value: { src, index: i + 2 } };
      if (isName(t[i], "module") && isPunct1(t[i + 1], ".") && isName(t[i + 2], "exports") && isPunct1(t[i + 3], "=")) return { value: { src, index: i + 4 } };
      if (isName(t[i], "as") && isName(t[i + 1], "default") && t[i - 1]?.kind === "name") {
        const declared = this.declaration(t[i - 1]!.value, src, 0);
        if (declared) return { value: declared };
      }
    }
    return undefined;
  }

  /** Follows an expression to the object or array literal it denotes: through parentheses, calls' first argument and variables. */
  private valueAt(start: At): At | undefined {
    let at: At | undefined = start;
    for (let hop = 0; at && hop < MAX_HOPS; hop++) {
      const src: SourceFile = at.src;
      const index: number = at.index;
      const t = src.tokens[index];
      if (!t) return undefined;
      if (isPunct(at, "{") || isPunct(at, "[")) return at;
      if (isPunct(at, "(")) {
        const close = src.partner[index]!;
        if (close < 0 || isPunct1(src.tokens[close + 1], "=>") || isPunct1(src.tokens[close + 1], ":")) return undefined; // an arrow function
        at = { src, index: index + 1 };
        continue;
      }
      if (t.kind !== "name" || t.value === "function") return undefined;
      if (t.value === "await" || t.value === "new") {
        at = { src, index: index + 1 };
        continue;
      }
      if (isPunct1(src.tokens[index + 1], "=>")) return undefined;
      let j = index;
      while (isPunct1(src.tokens[j + 1], ".") && src.tokens[j + 2]?.kind === "name") j += 2;
      if (isPunct1(src.tokens[j + 1], "<")) j = typeArgumentsEnd(src, j + 1);
      if (isPunct1(src.tokens[j + 1], "(")) {
        at = { src, index: j + 2 };
        continue;
      }
      if (j !== index) return undefined; // a member access such as `base.blocks`: not followed
      at = this.declaration(t.value, src, hop);
    }
    return undefined;
  }

  /** Follows an expression to a function: an arrow function, a function expression or declaration, through names and parentheses. */
  private functionAt(start: At): FunctionAt | undefined {
    let at: At | undefined = start;
    for (let hop = 0; at && hop < MAX_HOPS; hop++) {
      const src: SourceFile = at.src;
      const index: number = at.index;
      const t = src.tokens;
      const tok = t[index];
      if (!tok) return undefined;
      if (isName(tok, "async") && (t[index + 1]?.kind === "name" || isPunct1(t[index + 1], "("))) {
        at = { src, index: index + 1 };
        continue;
      }
      if (isName(tok, "function")) {
        let k = index + 1;
        if (isPunct1(t[k], "*")) k++;
        if (t[k]?.kind === "name") k++;
        if (isPunct1(t[k], "<")) k = typeArgumentsEnd(src, k) + 1;
        if (!isPunct1(t[k], "(")) return undefined;
        const close = src.partner[k]!;
        if (close < 0) return undefined;
        const body = this.skipToBody(src, close + 1, "{");
        if (body === undefined) return undefined;
        return { start: at, params: this.params(src, k), body: { src, index: body }, block: true };
      }
      if (isPunct1(tok, "(")) {
        const close = src.partner[index]!;
        if (close < 0) return undefined;
        const arrow = isPunct1(t[close + 1], "=>") ? close + 1 : isPunct1(t[close + 1], ":") ? this.skipToBody(src, close + 1, "=>") : undefined;
        if (arrow === undefined) {
          at = { src, index: index + 1 }; // a parenthesized expression
          continue;
        }
        return { start: at, params: this.params(src, index), body: { src, index: arrow + 1 }, block: isPunct1(t[arrow + 1], "{") };
      }
      if (tok.kind !== "name") return undefined;
      if (isPunct1(t[index + 1], "=>")) return { start: at, params: [at], body: { src, index: index + 2 }, block: isPunct1(t[index + 2], "{") };
      if (isPunct1(t[index + 1], ".") || isPunct1(t[index + 1], "(") || isPunct1(t[index + 1], "?.")) return undefined; // made by a call: not followed
      at = this.declaration(tok.value, src, hop);
    }
    return undefined;
  }

  /** A method `name<T>(...) { ... }` whose name is at `key`. */
  private methodAt(key: At): FunctionAt | undefined {
    const { src } = key;
    let k = key.index + 1;
    if (isPunct1(src.tokens[k], "<")) k = typeArgumentsEnd(src, k) + 1;
    if (!isPunct1(src.tokens[k], "(") || src.partner[k]! < 0) return undefined;
    const body = this.skipToBody(src, src.partner[k]! + 1, "{");
    return body === undefined ? undefined : { start: key, params: this.params(src, k), body: { src, index: body }, block: true };
  }

  /** From `k` at the current level, the index of the next `target` punctuator (skipping brackets), within a function's header. */
  private skipToBody(src: SourceFile, k: number, target: string): number | undefined {
    for (let n = 0; k < src.tokens.length && n < 300; n++) {
      const t = src.tokens[k]!;
      // A `{` right after `:` is an object type (`): { a: number } {`), not the body.
      if (t.kind === "punct" && t.value === target && !(target === "{" && isPunct1(src.tokens[k - 1], ":"))) return k;
      if (t.kind === "punct" && (t.value === ";" || t.value === "," || t.value === ")" || t.value === "]" || t.value === "}")) return undefined;
      const p = src.partner[k]!;
      k = p > k ? p + 1 : k + 1;
    }
    return undefined;
  }

  /** The first token of each parameter in the parentheses opening at `open`. */
  private params(src: SourceFile, open: number): At[] {
    const close = src.partner[open]!;
    const out: At[] = [];
    for (let i = open + 1; i < close; ) {
      out.push({ src, index: isPunct1(src.tokens[i], "...") ? i + 1 : i });
      i = nextItem(src, i, close);
    }
    return out;
  }

  /** The expressions a function returns: its expression body, or each `return` of its own block body. */
  private returnedExpressions(fn: FunctionAt): (At | undefined)[] {
    if (!fn.block) return [fn.body];
    const { src, index } = fn.body;
    const t = src.tokens;
    const close = src.partner[index]!;
    const out: (At | undefined)[] = [];
    for (let k = index + 1; k < close; k++) {
      const tok = t[k]!;
      const nested =
        (isPunct1(tok, "=>") && isPunct1(t[k + 1], "{")) ||
        (isPunct1(tok, ")") && isPunct1(t[k + 1], "{") && !CONTROL.has(t[src.partner[k]! - 1]?.value ?? "")) ||
        isName(tok, "function");
      if (nested) {
        const body = isName(tok, "function") ? this.skipToBody(src, k + 1, "{") : k + 1;
        if (body !== undefined && src.partner[body]! > body) k = src.partner[body]!;
        continue;
      }
      if (isName(tok, "return")) {
        const next = t[k + 1];
        out.push(next && !isPunct1(next, ";") && !isPunct1(next, "}") ? { src, index: k + 1 } : undefined);
      }
    }
    return out;
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

  /** The signals a state update reads as `input.name`, `input?.name` or `input["name"]` (input: its fifth parameter). */
  private inputReads(fn: FunctionAt): string[] {
    const param = fn.params[4];
    const name = param && param.src.tokens[param.index];
    if (name?.kind !== "name") return [];
    const { src } = fn.body;
    const t = src.tokens;
    const end = fn.block ? src.partner[fn.body.index]! : expressionEnd(src, fn.body.index);
    const reads: string[] = [];
    for (let k = fn.body.index; k < end; k++) {
      if (!isName(t[k], name.value) || isPunct1(t[k - 1], ".")) continue;
      let key: string | undefined;
      if ((isPunct1(t[k + 1], ".") || isPunct1(t[k + 1], "?.")) && t[k + 2]?.kind === "name") key = t[k + 2]!.value;
      else if (isPunct1(t[k + 1], "[") && t[k + 2]?.kind === "string" && isPunct1(t[k + 3], "]")) key = t[k + 2]!.value;
      if (key !== undefined && !reads.includes(key)) reads.push(key);
    }
    return reads;
  }

  /** What an expression is, from its first tokens: a literal's kind, arithmetic on state, or a copy of `state.x`. */
  private kindOfExpression(at: At): { kind?: ValueKind; sameAs?: string } {
    const { src } = at;
    const t = src.tokens;
    let k = at.index;
    while (isPunct1(t[k], "(") && !isPunct1(t[src.partner[k]! + 1], "=>")) k++;
    const tok = t[k];
    if (!tok) return {};
    if (tok.kind === "string" || (tok.kind === "other" && tok.value === "`")) return { kind: "string" };
    if (tok.kind === "number" || (isPunct1(tok, "-") && t[k + 1]?.kind === "number")) return { kind: "number" };
    if (isPunct1(tok, "[")) return { kind: "array" };
    if (isPunct1(tok, "{")) return { kind: "object" };
    if (isName(tok, "true") || isName(tok, "false") || isPunct1(tok, "!")) return { kind: "boolean" };
    if (isName(tok, "null")) return { kind: "null" };
    if (isName(tok, "Math") || isName(tok, "Number")) return { kind: "number" };
    if (isName(tok, "state") && isPunct1(t[k + 1], ".") && t[k + 2]?.kind === "name") {
      const after = t[k + 3];
      if (after?.kind === "punct" && ["*", "/", "-", "%", "**"].includes(after.value)) return { kind: "number" };
      if (!after || (after.kind === "punct" && [",", ";", ")", "}", "+"].includes(after.value))) return { sameAs: t[k + 2]!.value };
    }
    return {};
  }

  /** The text of an expression starting at `at`, up to the `,`, `;` or closing bracket that ends it. */
  private expressionSpan(at: At): Span | undefined {
    const { src, index } = at;
    const end = expressionEnd(src, index);
    if (end <= index) return undefined;
    let stop = src.tokens[index]!.start;
    for (let k = index; k < end; k++) stop = Math.max(stop, tokenEnd(src.text, src.tokens[k]!));
    const start = src.tokens[index]!.start;
    return { file: src.file, start, end: stop, text: src.text.slice(start, stop) };
  }

  /** The initializer of `const|let|var name = ...` or a `function name` declaration; else what an import of `name` refers to. */
  private declaration(name: string, src: SourceFile, hops: number): At | undefined {
    const t = src.tokens;
    for (const topLevelOnly of [true, false]) {
      for (let i = 0; i + 1 < t.length; i++) {
        if (topLevelOnly && src.depth[i] !== 0) continue;
        if (!isName(t[i + 1], name)) continue;
        if (isName(t[i], "const") || isName(t[i], "let") || isName(t[i], "var")) {
          const init = initializer(src, i + 2);
          if (init) return init;
        }
        if (isName(t[i], "function") && !isPunct1(t[i - 1], ".")) return { src, index: i };
      }
    }
    const imported = src.imports.get(name);
    if (!imported || hops >= MAX_HOPS) return undefined;
    const target = this.resolve(src.file, imported.spec);
    if (!target) return undefined;
    if (imported.name === "default") return this.root(target)?.value;
    return this.declaration(imported.name, target, hops + 1);
  }

  /** A relative import's file, read through `readFile` (`./blocks`, `./blocks.js` for `blocks.ts`, `./dir` for `dir/index.ts`). */
  private resolve(from: string, spec: string): SourceFile | undefined {
    if (!spec.startsWith("./") && !spec.startsWith("../")) return undefined;
    const base = join(dirname(from), spec);
    const candidates = [base, base.replace(/\.js$/, ".ts").replace(/\.mjs$/, ".mts"), ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))];
    for (const file of candidates) {
      const src = this.source(file);
      if (src) return src;
    }
    return undefined;
  }

  /** The items of an object literal, in order (spreads not followed). */
  private members(obj: At): Member[] {
    const { src, index } = obj;
    const t = src.tokens;
    const close = src.partner[index]!;
    const out: Member[] = [];
    if (close < 0) return out;
    for (let i = index + 1; i < close; ) {
      const key = t[i]!;
      const next = t[i + 1];
      if (isPunct1(key, "...")) out.push({ spread: { src, index: i + 1 }, key: { src, index: i }, shorthand: false });
      else if ((key.kind === "name" || key.kind === "string" || key.kind === "number") && isPunct1(next, ":")) {
        out.push({ name: key.value, key: { src, index: i }, value: { src, index: i + 2 }, shorthand: false });
      } else if (key.kind === "name" && (isPunct1(next, ",") || i + 1 === close)) {
        out.push({ name: key.value, key: { src, index: i }, value: { src, index: i }, shorthand: true });
      } else if ((key.kind === "name" || key.kind === "string") && (isPunct1(next, "(") || isPunct1(next, "<"))) {
        out.push({ name: key.value, key: { src, index: i }, value: { src, index: i }, shorthand: false, method: true });
      } else out.push({ key: { src, index: i }, shorthand: false });
      i = nextItem(src, i, close);
    }
    return out;
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

  /** The elements of an array literal up to the first spread (after it, positions are unknown). */
  private elements(list: At): { items: At[]; complete: boolean } {
    const { src, index } = list;
    const close = src.partner[index]!;
    const items: At[] = [];
    if (close < 0) return { items, complete: false };
    for (let i = index + 1; i < close; ) {
      if (isPunct1(src.tokens[i], "...")) return { items, complete: false };
      if (!isPunct1(src.tokens[i], ",")) items.push({ src, index: i });
      i = nextItem(src, i, close);
    }
    return { items, complete: true };
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
      const value = m.value && !m.shorthand && m.value.index !== first ? this.expressionSpan(m.value) : undefined;
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

function scanSource(file: string, text: string): SourceFile {
  const scanned = scan(text);
  const src: SourceFile = { file, text, tokens: scanned.tokens, partner: scanned.partner, depth: depthsOf(scanned.tokens), lineStarts: lineStartsOf(text), imports: new Map() };
  readImports(src);
  return src;
}

/** `import d, { a, b as c } from "./x"` at the top level: local names and what they import. */
function readImports(src: SourceFile): void {
  const t = src.tokens;
  for (let i = 0; i < t.length; i++) {
    if (src.depth[i] !== 0 || !isName(t[i], "import") || isPunct1(t[i + 1], "(") || isPunct1(t[i + 1], ".")) continue;
    let k = i + 1;
    const names: [string, string][] = [];
    if (isName(t[k], "type") && !isPunct1(t[k + 1], ",") && !isName(t[k + 1], "from")) k++;
    if (t[k]?.kind === "name" && !isName(t[k], "from")) {
      names.push([t[k]!.value, "default"]);
      k++;
      if (isPunct1(t[k], ",")) k++;
    }
    if (isPunct1(t[k], "{")) {
      const close = src.partner[k]!;
      for (let j = k + 1; j < close; ) {
        let n = j;
        if (isName(t[n], "type") && t[n + 1]?.kind === "name" && !isPunct1(t[n + 1], ",")) n++;
        const imported = t[n];
        if (imported && (imported.kind === "name" || imported.kind === "string")) {
          const local = isName(t[n + 1], "as") && t[n + 2]?.kind === "name" ? t[n + 2]!.value : imported.value;
          names.push([local, imported.value]);
        }
        j = nextItem(src, j, close);
      }
      k = close + 1;
    }
    while (k < t.length && k < i + 200 && !isName(t[k], "from") && !isPunct1(t[k], ";")) k++;
    const spec = isName(t[k], "from") ? t[k + 1] : undefined;
    if (spec?.kind !== "string") continue;
    for (const [local, name] of names) src.imports.set(local, { spec: spec.value, name });
  }
}

/** The index after the item starting at `i`: past the next `,` at this level (or `close`). */
function nextItem(src: SourceFile, i: number, close: number): number {
  while (i < close && !isPunct1(src.tokens[i], ",")) {
    const p = src.partner[i]!;
    i = p > i ? p + 1 : i + 1;
  }
  return i + 1;
}

/** The index just after an expression starting at `i`: the `,` or `;` or closing bracket that ends it. */
function expressionEnd(src: SourceFile, i: number): number {
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

/** After a declared name: skips a type annotation (`: Block<S, P>`) to the `=`, and gives the expression after it. */
function initializer(src: SourceFile, k: number): At | undefined {
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
function typeArgumentsEnd(src: SourceFile, open: number): number {
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

/** The offset just after a token (strings, template literals and regular expressions to their end). */
function tokenEnd(text: string, t: Token): number {
  if (t.kind === "string") return quotedEnd(text, t.start);
  if (t.kind === "other") return t.value === "`" ? templateEnd(text, t.start) : regexEnd(text, t.start);
  return t.start + t.value.length;
}

function quotedEnd(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
  return Math.min(text.length, i + 1);
}

function templateEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\") i += 2;
    else if (c === "`") return i + 1;
    else if (c === "$" && text[i + 1] === "{") i = substitutionEnd(text, i + 2);
    else i++;
  }
  return text.length;
}

/** From inside `${`, the offset after its closing `}`. */
function substitutionEnd(text: string, i: number): number {
  let depth = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'") i = quotedEnd(text, i);
    else if (c === "`") i = templateEnd(text, i);
    else if (c === "{") {
      depth++;
      i++;
    } else if (c === "}") {
      if (depth-- === 0) return i + 1;
      i++;
    } else i++;
  }
  return text.length;
}

function place(at: At): Place {
  const token = at.src.tokens[at.index];
  const offset = token ? token.start : at.src.text.length;
  const { line, column } = lineColumn(at.src.lineStarts, offset);
  return { file: at.src.file, line, column, offset, length: token ? tokenEnd(at.src.text, token) - offset : 0 };
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

/** Reads a model file's structure from its text; `readFile` gives the files it imports. */
export function readModelStructure(file: string, text: string, readFile?: ReadFile): ModelStructure {
  return new ModelReader(file, text, readFile).read();
}

/** What the key at `offset` of `file` is in the model: a policy, a state update or an initialState key. */
export type KeyTarget =
  | { kind: "policy" | "update"; model: ModelOutline; block: BlockOutline; fn: FunctionInfo }
  | { kind: "state"; model: ModelOutline; key: KeyInfo };

/** The policy, state update or initialState key written at `offset` of `file`, if any. */
export function keyTargetAt(structure: ModelStructure, file: string, offset: number): KeyTarget | undefined {
  const covers = (p: Place): boolean => p.file === file && offset >= p.offset && offset <= p.offset + p.length;
  for (const model of structure.models ?? []) {
    for (const key of model.initialState?.keys ?? []) if (covers(key.key)) return { kind: "state", model, key };
    for (const block of model.blocks ?? []) {
      for (const fn of block.policies ?? []) if (covers(fn.key)) return { kind: "policy", model, block, fn };
      for (const fn of block.variables ?? []) if (covers(fn.key)) return { kind: "update", model, block, fn };
    }
  }
  return undefined;
}
