// Writes the model API's declarations (a module: what `import ... from "substep"` resolves to) for the
// TypeScript server plugin, from
// the engine's own types (src/engine/types.ts) and the authoring module's functions.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The declarations' text. */
export async function substepDeclarations() {
  const types = await readFile(`${root}src/engine/types.ts`, "utf8");
  if (/^import /m.test(types)) throw new Error("src/engine/types.ts must stay self-contained: the declarations embed it whole");
  const body = types.replace(/^\/\/.*\n/, "").trim();
  return `// Generated from src/engine/types.ts by scripts/buildTypes.mjs: the API model files import as "substep".
${body}

/** Declares a model. It only adds types: a plain object literal is a valid model too. */
export declare const defineModel: DefineModel;

/** The default policy op: numbers and bigints add, strings and arrays concatenate. */
export declare function add(a: unknown, b: unknown): unknown;
`;
}

export async function writeDeclarations(out = `${root}dist/substep.d.ts`) {
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, await substepDeclarations());
  return out;
}
