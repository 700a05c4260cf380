// A source file parsed by TypeScript (syntax only): its tree, its imports, and the places and spans of its nodes.
import { dirname, join } from "node:path";
import type * as TS from "typescript";
import { typescript } from "./lazyTypescript";
import { lineColumn, lineStartsOf } from "./lines";
import type { Place, Span } from "./types";

/** A parsed source file. */
export interface ParsedSource {
  file: string;
  text: string;
  ast: TS.SourceFile;
  lineStarts: number[];
}

/** A node of a parsed source: an expression, a key, a declaration. */
export interface At {
  src: ParsedSource;
  node: TS.Node;
}

const EXTENSIONS = [".ts", ".mts", ".tsx", ".js", ".mjs", ".cjs"];

/** Parses `text` as the kind of file its name says (TypeScript unless it ends in .js, .mjs, .cjs, .jsx or .tsx); never throws. */
export function parseSource(file: string, text: string): ParsedSource {
  const ts = typescript();
  const kind = /\.tsx$/.test(file)
    ? ts.ScriptKind.TSX
    : /\.jsx$/.test(file)
      ? ts.ScriptKind.JSX
      : /\.[mc]?js$/.test(file)
        ? ts.ScriptKind.JS
        : ts.ScriptKind.TS;
  return { file, text, ast: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind), lineStarts: lineStartsOf(text) };
}

/** `import d, { a, b as c } from "./x"`: each local name and the module and exported name it is imported from. */
export function importsOf(src: ParsedSource): Map<string, { spec: string; name: string }> {
  const ts = typescript();
  const imports = new Map<string, { spec: string; name: string }>();
  for (const st of src.ast.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.importClause) continue;
    const spec = st.moduleSpecifier.text;
    const { name, namedBindings } = st.importClause;
    if (name) imports.set(name.text, { spec, name: "default" });
    if (namedBindings && ts.isNamedImports(namedBindings)) {
      for (const el of namedBindings.elements) imports.set(el.name.text, { spec, name: (el.propertyName ?? el.name).text });
    }
  }
  return imports;
}

/** The files a relative import may be (`./blocks`, `./blocks.js` for `blocks.ts`, `./dir` for `dir/index.ts`), in order; none for a package. */
export function importCandidates(from: string, spec: string): string[] {
  if (!spec.startsWith("./") && !spec.startsWith("../")) return [];
  const base = join(dirname(from), spec);
  return [base, base.replace(/\.js$/, ".ts").replace(/\.mjs$/, ".mts"), ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))];
}

/** The offset of a node's first token (comments before it skipped; for the empty hole of `[a, , b]`, the comma after it). */
export function startOf(at: At): number {
  return at.node.pos === at.node.end ? tokenAt(at.src, at.node.pos).start : at.node.getStart(at.src.ast);
}

/** The token at `pos` (trivia skipped): its kind and where it starts and ends. */
export function tokenAt(src: ParsedSource, pos: number): { kind: TS.SyntaxKind; start: number; end: number } {
  const ts = typescript();
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, src.ast.languageVariant, src.text);
  scanner.resetTokenState(pos);
  const kind = scanner.scan();
  return { kind, start: scanner.getTokenStart(), end: scanner.getTokenEnd() };
}

/** The place of the token at offset `pos` of `src`. */
export function placeAt(src: ParsedSource, pos: number): Place {
  const token = tokenAt(src, pos);
  return { file: src.file, ...lineColumn(src.lineStarts, token.start), offset: token.start, length: token.end - token.start };
}

/** The place of a node's first token. */
export function place(at: At): Place {
  return placeAt(at.src, startOf(at));
}

/** A node's text, from its first token to the end of its last. */
export function spanOf(at: At): Span {
  const start = startOf(at);
  return { file: at.src.file, start, end: at.node.end, text: at.src.text.slice(start, at.node.end) };
}
