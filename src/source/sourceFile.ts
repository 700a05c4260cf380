// A model's source files as the model reader sees them: scanned with bracket depths and imports, and the text
// spans and places of their tokens.
import { dirname, join } from "node:path";
import { lineStartsOf, regexEnd, scan, type Token } from "./scanner";
import { depthsOf, expressionEnd, isName, isPunct1, nextItem, positionOf, type At as WalkAt, type WalkedSource } from "./walker";
import type { Place, Span } from "./types";

/** A scanned source file. */
export interface SourceFile extends WalkedSource {
  /** Local name → the module and exported name it is imported from. */
  imports: Map<string, { spec: string; name: string }>;
}

/** A token in a source: the start of an expression, or a key. */
export type At = WalkAt<SourceFile>;

const EXTENSIONS = [".ts", ".mts", ".tsx", ".js", ".mjs", ".cjs"];

export function scanSource(file: string, text: string): SourceFile {
  const scanned = scan(text);
  const src: SourceFile = {
    file,
    text,
    tokens: scanned.tokens,
    partner: scanned.partner,
    depth: depthsOf(scanned.tokens),
    lineStarts: lineStartsOf(text),
    imports: new Map(),
  };
  readImports(src);
  return src;
}

/** `import d, { a, b as c } from "./x"` at the top level: local names and what they import. */
export function readImports(src: SourceFile): void {
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
      for (let j = k + 1; j < close;) {
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

/** The files a relative import may be (`./blocks`, `./blocks.js` for `blocks.ts`, `./dir` for `dir/index.ts`), in order; none for a package. */
export function importCandidates(from: string, spec: string): string[] {
  if (!spec.startsWith("./") && !spec.startsWith("../")) return [];
  const base = join(dirname(from), spec);
  return [base, base.replace(/\.js$/, ".ts").replace(/\.mjs$/, ".mts"), ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))];
}

/** The text of an expression starting at `at`, up to the `,`, `;` or closing bracket that ends it. */
export function expressionSpan(at: At): Span | undefined {
  const { src, index } = at;
  const end = expressionEnd(src, index);
  if (end <= index) return undefined;
  let stop = src.tokens[index]!.start;
  for (let k = index; k < end; k++) stop = Math.max(stop, tokenEnd(src.text, src.tokens[k]!));
  const start = src.tokens[index]!.start;
  return { file: src.file, start, end: stop, text: src.text.slice(start, stop) };
}

export function place(at: At): Place {
  const token = at.src.tokens[at.index];
  const { offset, line, column } = positionOf(at);
  return { file: at.src.file, line, column, offset, length: token ? tokenEnd(at.src.text, token) - offset : 0 };
}

/** The offset just after a token (strings, template literals and regular expressions to their end). */
export function tokenEnd(text: string, t: Token): number {
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
