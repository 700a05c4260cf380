// Type-checks model files as an editor does with nothing installed: a TypeScript language service with
// Substep's server plugin applied, which resolves "substep" to the declarations generated from the engine.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";

const root = join(__dirname, "..", "..", "..");

/** Writes the declarations the plugin serves (the build writes them too): call once, before checking. */
export async function writeModelDeclarations(): Promise<void> {
  const { writeDeclarations } = (await import(join(root, "scripts", "buildTypes.mjs"))) as { writeDeclarations: () => Promise<string> };
  await writeDeclarations();
}

/** Model files in a folder with no node_modules, and a language service over them with the plugin applied. */
export interface TypedFolder {
  dir: string;
  service: ts.LanguageService;
  /** The absolute path of one of the files. */
  path(file: string): string;
  /** The syntax and type errors of one of the files, as "line: message". */
  errors(file: string): string[];
}

/** Writes `files` into `dir` (a new temporary folder by default) and type-checks them with strict settings. */
export function typedFolder(files: Record<string, string>, dir = mkdtempSync(join(tmpdir(), "substep-types-"))): TypedFolder {
  const paths = Object.keys(files).map((f) => join(dir, f));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noEmit: true,
    types: [],
  };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => paths,
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f)!) : undefined),
    getCurrentDirectory: () => dir,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => ts.sys.fileExists(f),
    readFile: (f) => ts.sys.readFile(f),
    resolveModuleNameLiterals: (literals, containingFile, _redirect, opts) => literals.map((l) => ts.resolveModuleName(l.text, containingFile, opts, ts.sys)),
  };
  const plain = ts.createLanguageService(host);
  type PluginInit = (m: { typescript: typeof ts }) => { create(info: unknown): ts.LanguageService };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the plugin is CommonJS, loaded as tsserver loads it
  const init = require(join(root, "node_modules", "substep-tsserver-plugin", "index.js")) as PluginInit;
  const plugin = init({ typescript: ts });
  const service = plugin.create({ languageServiceHost: host, languageService: plain, project: { projectService: { logger: { info: () => undefined } } } });
  return {
    dir,
    service,
    path: (file) => join(dir, file),
    errors: (file) => [...service.getSyntacticDiagnostics(join(dir, file)), ...service.getSemanticDiagnostics(join(dir, file))].map(describe),
  };
}

function describe(d: ts.Diagnostic): string {
  const line = d.file && d.start !== undefined ? ts.getLineAndCharacterOfPosition(d.file, d.start).line + 1 : "?";
  return `${line}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
}
