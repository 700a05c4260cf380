// Bundling a model file with esbuild, in memory: its imports inlined, `substep` left to the evaluator.
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { BuildFailure, Message, Plugin } from "esbuild";
import { ModelError } from "../engine/errors";
import type { SourceLocation } from "../engine/locate";

/** The bundled model code, plain data (it is posted to worker threads, so strings only). */
export interface ModelBundle {
  /** Absolute path of the model file. */
  file: string;
  /** CommonJS code; `require("substep")` must give Substep's authoring module. */
  code: string;
  /** Source map JSON; its paths are relative to the model file's folder. */
  map: string;
}

// What model code's `Math.random` is rewritten to; the banner binds it from `substep` at the top of the bundle.
const MATH_RANDOM = "__substepMathRandom";

// `substep` resolves to Substep itself wherever the model file is, with nothing installed.
const substepExternal: Plugin = {
  name: "substep-external",
  setup(build) {
    build.onResolve({ filter: /^substep$/ }, () => ({ path: "substep", external: true }));
  },
};

/**
 * Bundles the model file with esbuild in memory (no files written); `text` is the file's text when an
 * editor holds it (default: read from disk). Throws ModelError {kind:"load", location} on a syntax/resolve error.
 */
export async function bundleModelFile(file: string, text?: string): Promise<ModelBundle> {
  const absolute = resolve(file);
  if (text === undefined && (!existsSync(absolute) || !statSync(absolute).isFile())) {
    throw new ModelError({ kind: "load", message: `cannot read the model file ${absolute}: no such file` });
  }
  if (!/\.[cm]?[jt]s$/i.test(absolute)) {
    throw new ModelError({
      kind: "load",
      message: `${basename(absolute)} is not a model file: a model is a TypeScript or JavaScript module named *.sim.ts, *.sim.mts, *.sim.js or *.sim.mjs`,
    });
  }
  // Required lazily, and with require rather than import(): worker threads only evaluate bundles and
  // should not load esbuild, and a dynamic import() of it from a CommonJS build takes the ESM resolver.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: a lazy, synchronous CommonJS load
  const { build } = require("esbuild") as typeof import("esbuild");
  const folder = dirname(absolute);
  let result;
  try {
    result = await build({
      entryPoints: [absolute],
      // Never written (write: false); it only fixes the folder the source map's paths are relative to.
      outfile: join(folder, `${basename(absolute)}.bundle.js`),
      absWorkingDir: folder,
      bundle: true,
      write: false,
      platform: "node",
      format: "cjs",
      target: `node${process.versions.node}`,
      sourcemap: "external",
      sourcesContent: true,
      logLevel: "silent",
      define: { "Math.random": MATH_RANDOM },
      banner: { js: `var ${MATH_RANDOM} = require("substep").__substepMathRandom;` },
      plugins: text === undefined ? [substepExternal] : [substepExternal, entryText(absolute, text)],
    });
  } catch (err) {
    const errors = (err as Partial<BuildFailure>).errors;
    if (!Array.isArray(errors) || errors.length === 0) throw err;
    throw buildError(errors, folder);
  }
  const code = result.outputFiles.find((f) => f.path.endsWith(".js"))?.text;
  const map = result.outputFiles.find((f) => f.path.endsWith(".js.map"))?.text;
  if (code === undefined || map === undefined) throw new Error(`esbuild gave no output for ${absolute}`);
  return { file: absolute, code, map };
}

/**
 * The model file's text as the editor holds it, not as the disk does: a run never reads a file that an
 * editor's save is writing at that moment (and gets exactly the text on screen).
 */
function entryText(file: string, text: string): Plugin {
  const loader = /\.[mc]?js$/.test(file) ? "js" : "ts";
  return {
    name: "substep-entry-text",
    setup(build) {
      build.onLoad({ filter: /.*/ }, (args) => (args.path === file ? { contents: text, loader, resolveDir: dirname(file) } : undefined));
    },
  };
}

/** The first error, at its place in the user's source, with how many more there are. */
function buildError(errors: Message[], folder: string): ModelError {
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? "s" : ""})` : "";
  let message = first.text;
  if (/^Could not resolve "/.test(first.text) && !first.text.includes("\n")) {
    // esbuild suggests marking the path external, which is no use to a model author.
    message += first.text.startsWith('Could not resolve ".')
      ? ": check the path"
      : ": install the package in the model's folder (npm install) or check its name";
  }
  const location = first.location ? locationOf(first.location, folder) : undefined;
  return new ModelError({ kind: "load", message: message + more, ...(location ? { location } : {}) });
}

function locationOf(at: NonNullable<Message["location"]>, folder: string): SourceLocation {
  // esbuild counts columns in bytes of UTF-8; editors and the rest of Substep count UTF-16 code units.
  const column = Buffer.from(at.lineText, "utf8").subarray(0, at.column).toString("utf8").length;
  return { file: resolve(folder, at.file), line: at.line, column: column + 1 };
}
