// Which of Substep's own load errors TypeScript already shows in Problems: a syntax error in an open
// TypeScript file is reported by the TS server too, and the same problem listed twice is noise.
import type { ModelErrorInfo } from "../../engine";
import { typescript } from "../../source/lazyTypescript";

/** Files the TS server checks as TypeScript. A .js/.mjs model keeps Substep's entry: JavaScript files are often not checked. */
const TYPESCRIPT_FILE = /\.[cm]?tsx?$/i;

/** The 1-based lines on which TypeScript's parser finds a syntax error in `text`. */
function syntaxErrorLines(file: string, text: string): Set<number> {
  const ts = typescript();
  // transpileModule parses only (no program, no type check): its diagnostics are the syntactic ones.
  const { diagnostics = [] } = ts.transpileModule(text, { fileName: file, reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ESNext } });
  const lines = new Set<number>();
  for (const d of diagnostics) if (d.file && d.start !== undefined) lines.add(d.file.getLineAndCharacterOfPosition(d.start).line + 1);
  return lines;
}

/**
 * Whether TypeScript's own diagnostics already show `error`: a load error (esbuild's syntax error) located
 * in a TypeScript file that is open in an editor (`openText` gives its text; the TS server reports open
 * files only), on a line where TypeScript's parser finds a syntax error too. Anything else TypeScript does
 * not say there (a redeclaration, a top-level await, an unresolved import, a closed file) stays Substep's.
 */
export function typescriptShows(error: ModelErrorInfo, openText: (file: string) => string | undefined): boolean {
  const at = error.location;
  if (error.kind !== "load" || !at || !TYPESCRIPT_FILE.test(at.file)) return false;
  const text = openText(at.file);
  return text !== undefined && syntaxErrorLines(at.file, text).has(at.line);
}
