// Model files type-check with nothing installed: the TypeScript server plugin resolves "substep" to the
// generated declarations, so `state.` completes the variables and mistakes are type errors.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import ts from "typescript";

const root = join(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "substep-types-"));

/** A language service over `files` in a folder with no node_modules, with Substep's plugin applied. */
function service(files: Record<string, string>): ts.LanguageService {
  const paths = Object.keys(files).map((f) => join(dir, f));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noEmit: true, types: [] };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => paths,
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f)!) : undefined),
    getCurrentDirectory: () => dir,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    resolveModuleNameLiterals: (literals, containingFile, _redirect, opts) =>
      literals.map((l) => ts.resolveModuleName(l.text, containingFile, opts, ts.sys)),
  };
  const plain = ts.createLanguageService(host);
  const plugin = (require(join(root, "node_modules", "substep-tsserver-plugin", "index.js")) as (m: { typescript: typeof ts }) => { create(info: unknown): ts.LanguageService })({ typescript: ts });
  return plugin.create({ languageServiceHost: host, languageService: plain, project: { projectService: { logger: { info: () => undefined } } } });
}

const errors = (ls: ts.LanguageService, file: string): string[] =>
  ls.getSemanticDiagnostics(join(dir, file)).map((d) => `${d.start !== undefined ? ts.getLineAndCharacterOfPosition(d.file!, d.start).line + 1 : "?"}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);

before(async () => {
  // The declarations are written by the build (esbuild.mjs); write them here too so the test stands alone.
  const { writeDeclarations } = (await import(join(root, "scripts", "buildTypes.mjs"))) as { writeDeclarations(): Promise<string> };
  await writeDeclarations();
});

test("the WORK token example type-checks with strict settings and no install", () => {
  const ls = service({ "workToken.sim.ts": readFileSync(join(root, "examples", "workToken.sim.ts"), "utf8") });
  assert.deepEqual(errors(ls, "workToken.sim.ts"), []);
});

test("without the plugin, 'substep' does not resolve (the plugin is what makes the difference)", () => {
  const program = ts.createProgram([join(dir, "workToken.sim.ts")], { strict: true, noEmit: true, types: [], moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext });
  const messages = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
  assert.ok(messages.some((m) => /Cannot find module 'substep'/.test(m)), messages.join("\n"));
});

test("state. completes the variables and the metadata; mistakes are type errors on their lines", () => {
  const text = `import { defineModel } from "substep";
export default defineModel({
  initialState: { tokens: 1, treasury: 0 },
  timesteps: 3,
  params: { rate: [0.1, 0.2] },
  blocks: [
    {
      policies: { mint: (params, substep, history, state) => ({ minted: params.rate * state.tokens }) },
      variables: {
        tokens: (params, substep, history, state, input) => state.tokenz + input.minted,
        treasury: (params, substep, history, state) => "lots",
      },
    },
    { variables: { tokenz: () => 1 } },
  ],
});
`;
  const ls = service({ "mistakes.sim.ts": text });
  const found = errors(ls, "mistakes.sim.ts");
  assert.ok(found.some((e) => /^10: Property 'tokenz' does not exist/.test(e)), found.join("\n"));
  assert.ok(found.some((e) => /^11: .*'string' is not assignable to type 'number'/.test(e)), found.join("\n"));
  assert.ok(found.some((e) => /^14: .*'tokenz' does not exist in type/.test(e)), found.join("\n"));
  const at = text.indexOf("state.tokens") + "state.".length;
  const names = ls.getCompletionsAtPosition(join(dir, "mistakes.sim.ts"), at, {})?.entries.map((e) => e.name) ?? [];
  for (const name of ["tokens", "treasury", "timestep", "substep", "run", "subset", "simulation"]) assert.ok(names.includes(name), `state. completes ${name}: ${names.join(", ")}`);
  const p = text.indexOf("params.rate") + "params.".length;
  const params = ls.getCompletionsAtPosition(join(dir, "mistakes.sim.ts"), p, {})?.entries.map((e) => e.name) ?? [];
  assert.ok(params.includes("rate"), `params. completes rate: ${params.join(", ")}`);
});
