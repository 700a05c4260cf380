// Reads a model file's structure from its source without running it, on TypeScript's parser: its models,
// initialState keys, params, and blocks with their policies (and the signals those return) and updated variables,
// each with its place. Literals are followed through variables, calls' first argument and relative imports; what is
// built by code is reported as unknown.
import type * as TS from "typescript";
import { typescript } from "./lazyTypescript";
import { lineColumn } from "./lines";
import { declarationIn, elements, exportDefault, MAX_HOPS, memberNamed, valueAt, type Declaration } from "./follow";
import { functionAt, inputReads, kindOfExpression, methodAt, returnedExpressions } from "./functions";
import { allMembers, membersOf, objectSpan, type Member } from "./members";
import { importCandidates, importsOf, parseSource, place, placeAt, spanOf, type At, type ParsedSource } from "./parsedSource";
import type { BlockOutline, FunctionInfo, KeyInfo, ModelOutline, ModelStructure, ObjectSpan, Place, ReadFile } from "./types";

/** Reads the structure of a model file from its text (and the files it imports, through `readFile`). */
export class ModelReader {
  private readonly texts = new Map<string, string | undefined>();
  private readonly parsed = new Map<string, ParsedSource>();
  private readonly imports = new Map<ParsedSource, ReturnType<typeof importsOf>>();

  constructor(
    readonly entryFile: string,
    entryText: string,
    private readonly readFile: ReadFile = () => undefined,
  ) {
    this.texts.set(entryFile, entryText);
  }

  /** The text of a file read so far (the entry file, or one it imports). */
  textOf(file: string): string | undefined {
    return this.texts.get(file);
  }

  /** 1-based line and column of an offset in a file read so far. */
  lineColumnOf(file: string, offset: number): { line: number; column: number } | undefined {
    const src = this.texts.get(file) === undefined ? undefined : this.source(file);
    return src ? lineColumn(src.lineStarts, offset) : undefined;
  }

  /** The quote character of a file's first string literal (double when it has none). */
  preferredQuote(file: string): string {
    const src = this.source(file);
    const ts = typescript();
    const first = src && find(src.ast, ts.isStringLiteral);
    return first && src.text[first.getStart(src.ast)] === "'" ? "'" : '"';
  }

  /** The models of the file, as far as literals can be followed. */
  read(): ModelStructure {
    const ts = typescript();
    const entry = this.source(this.entryFile)!;
    const root = exportDefault(entry, this.declarationOf);
    if (!root) return { file: this.entryFile, models: undefined };
    const value = this.valueAt(root.value);
    if (value && ts.isArrayLiteralExpression(value.node)) {
      const { items } = elements(value, true);
      return { file: this.entryFile, models: items.map((element, i) => this.model(element, i)) };
    }
    return { file: this.entryFile, models: value ? [this.model(root.value, 0)] : undefined };
  }

  /** A key `name` written on 1-based `line` of `file`, with the object literal it belongs to: for renaming a key the engine named. */
  keyAt(file: string, name: string, line: number): { key: Place; object: ObjectSpan; shorthand: boolean } | undefined {
    const src = this.source(file);
    if (!src) return undefined;
    const ts = typescript();
    const found = find(src.ast, (node): node is TS.PropertyAssignment | TS.ShorthandPropertyAssignment => {
      if (!(ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) || !ts.isObjectLiteralExpression(node.parent)) return false;
      if (!(ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) || node.name.text !== name) return false;
      return lineColumn(src.lineStarts, node.name.getStart(src.ast)).line === line;
    });
    if (!found) return undefined;
    return { key: place({ src, node: found.name }), object: objectSpan({ src, node: found.parent }), shorthand: ts.isShorthandPropertyAssignment(found) };
  }

  private source(file: string): ParsedSource | undefined {
    if (!this.texts.has(file)) {
      let text: string | undefined;
      try {
        text = this.readFile(file);
      } catch {
        text = undefined;
      }
      this.texts.set(file, text);
    }
    const text = this.texts.get(file);
    if (text === undefined) return undefined;
    let src = this.parsed.get(file);
    if (!src) this.parsed.set(file, (src = parseSource(file, text)));
    return src;
  }

  private model(element: At, simulation: number): ModelOutline {
    const ts = typescript();
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
    if (!obj || !ts.isObjectLiteralExpression(obj.node)) return outline;
    outline.at = place(obj);
    outline.object = objectSpan(obj);
    const name = this.member(obj, "name")?.value?.node;
    if (name && ts.isStringLiteral(name)) outline.name = name.text;
    for (const part of ["initialState", "params"] as const) {
      const m = this.member(obj, part);
      const value = m?.value && this.valueAt(m.value);
      if (value && ts.isObjectLiteralExpression(value.node)) outline[part] = { object: objectSpan(value), keys: this.keys(value) };
    }
    const sweep = this.member(obj, "sweep");
    if (sweep) outline.sweep = this.keyInfo(sweep);
    const blocks = this.member(obj, "blocks");
    const list = blocks?.value && this.valueAt(blocks.value);
    if (list && ts.isArrayLiteralExpression(list.node)) {
      const { items, complete } = elements(list, true);
      outline.blocks = items.map((b, i) => this.block(b, i));
      outline.blocksComplete = complete;
    }
    return outline;
  }

  private block(element: At, index: number): BlockOutline {
    const ts = typescript();
    const out: BlockOutline = { index, at: place(element), label: undefined, labelComputed: false, policies: undefined, variables: undefined };
    const obj = this.valueAt(element);
    if (!obj || !ts.isObjectLiteralExpression(obj.node)) return out;
    const label = this.member(obj, "label");
    if (label) {
      const value = label.value?.node;
      if (value && ts.isStringLiteral(value)) out.label = value.text;
      else out.labelComputed = true;
    }
    for (const part of ["policies", "variables"] as const) {
      const m = this.member(obj, part);
      if (!m) {
        out[part] = [];
        continue;
      }
      const value = m.value && this.valueAt(m.value);
      if (!value || !ts.isObjectLiteralExpression(value.node)) continue;
      const { members, complete } = allMembers(value, this.declarationOf);
      if (complete) out[part] = members.map((f) => this.functionInfo(f, part === "policies"));
    }
    return out;
  }

  private functionInfo(m: Member, policy: boolean): FunctionInfo {
    const fn = m.method ? methodAt(m.key) : m.value && functionAt(m.value, this.declarationOf);
    const info: FunctionInfo = {
      name: m.name!,
      key: place(m.key),
      definition: fn ? placeAt(fn.src, fn.start) : undefined,
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
    return allMembers(obj, this.declarationOf).members.map((m) => this.keyInfo(m));
  }

  private keyInfo(m: Member): KeyInfo {
    const value = m.value && !m.shorthand ? spanOf(m.method ? m.item : m.value) : undefined;
    const kind = m.value ? kindOfExpression(m.value).kind : undefined;
    return { name: m.name!, key: place(m.key), value, kind };
  }

  /** Follows an expression to the object or array literal it denotes: through parentheses, calls' first argument and variables. */
  private valueAt(start: At): At | undefined {
    return valueAt(start, this.declarationOf);
  }

  private signalsOf(returned: (At | undefined)[]): FunctionInfo["signals"] {
    const ts = typescript();
    if (returned.length === 0) return undefined;
    const names: string[] = [];
    let complete = true;
    let any = false;
    for (const expr of returned) {
      const obj = expr && this.valueAt(expr);
      if (!obj || !ts.isObjectLiteralExpression(obj.node)) {
        complete = false;
        continue;
      }
      any = true;
      const members = allMembers(obj, this.declarationOf);
      if (!members.complete) complete = false;
      for (const m of members.members) if (m.name !== undefined && !names.includes(m.name)) names.push(m.name);
    }
    return any ? { names, complete } : undefined;
  }

  /** The initializer of `const|let|var name = ...` or a `function name` declaration; else what an import of `name` refers to. */
  private declaration(name: string, src: ParsedSource, hops: number): At | undefined {
    const local = declarationIn(src, name, true, true) ?? declarationIn(src, name, false, true);
    if (local) return local;
    let imports = this.imports.get(src);
    if (!imports) this.imports.set(src, (imports = importsOf(src)));
    const imported = imports.get(name);
    if (!imported || hops >= MAX_HOPS) return undefined;
    const target = this.resolve(src.file, imported.spec);
    if (!target) return undefined;
    if (imported.name === "default") return exportDefault(target, this.declarationOf)?.value;
    return this.declaration(imported.name, target, hops + 1);
  }

  private readonly declarationOf: Declaration = (name, src, hops) => this.declaration(name, src, hops);

  /** A relative import's file, read through `readFile` (`./blocks`, `./blocks.js` for `blocks.ts`, `./dir` for `dir/index.ts`). */
  private resolve(from: string, spec: string): ParsedSource | undefined {
    for (const file of importCandidates(from, spec)) {
      const src = this.source(file);
      if (src) return src;
    }
    return undefined;
  }

  /** The member named `name`: the last one written wins, as in JavaScript; else from a spread. */
  private member(obj: At, name: string): Member | undefined {
    return memberNamed(obj, name, 0, membersOf, (at) => this.valueAt(at));
  }
}

/** The first node under `root` (in source order) that `test` accepts. */
function find<T extends TS.Node>(root: TS.Node, test: (node: TS.Node) => node is T): T | undefined {
  const ts = typescript();
  const visit = (node: TS.Node): T | undefined => (test(node) ? node : ts.forEachChild(node, visit));
  return ts.forEachChild(root, visit);
}
