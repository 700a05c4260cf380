// One build for every bundle: the CLI, the run worker, the extension, TypeScript's parser, the webview and the HTML report's renderer.
import * as esbuild from "esbuild";
import { writeDeclarations } from "./scripts/buildTypes.mjs";
import { existsSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { copyFile, readFile } from "node:fs/promises";
import { resolve } from "node:path";

const watch = process.argv.includes("--watch");
const production = process.argv.includes("--production");

const { version } = JSON.parse(await readFile("package.json", "utf8"));
// TypeScript's parser reads model source (hovers, quick fixes, the diagram, error locations). It is big and only
// needed then: it is its own bundle, dist/typescript.js, which the node bundles beside it `require` on first use.
const typescriptBeside = {
  name: "typescript-beside",
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: "./typescript.js", external: true }));
  },
};
const node = {
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["vscode", "esbuild"],
  define: { SUBSTEP_VERSION: JSON.stringify(version) },
  plugins: [typescriptBeside],
};
const browser = { platform: "browser", format: "iife", target: "es2022" };

const bundles = [
  { entryPoints: ["src/cli/main.ts"], outfile: "dist/cli.js", ...node },
  // Always minified (a third of the size, loads faster); its licence comment is kept.
  {
    // Resolved as the sources resolve it: scripts/e2e/package-vsix.sh builds beside a link to src/, without typescript installed there.
    entryPoints: [createRequire(realpathSync("src/source/lazyTypescript.ts")).resolve("typescript")],
    outfile: "dist/typescript.js",
    platform: "node",
    format: "cjs",
    target: "node20",
    minify: true,
    sourcemap: false,
    legalComments: "eof",
  },
  { entryPoints: ["src/runner/worker.ts"], outfile: "dist/worker.js", ...node },
  { entryPoints: ["src/extension/extension.ts"], outfile: "dist/extension.js", ...node },
  { entryPoints: ["webview/panel/main.ts"], outfile: "dist/webview.js", ...browser },
  // Always minified: it is inlined into every HTML report.
  { entryPoints: ["webview/report/main.ts"], outfile: "dist/report.js", ...browser, minify: true, sourcemap: false },
].filter((b) => existsSync(b.entryPoints[0]));

// `import text from "./file?raw"`: the file's text as a string (templates shipped inside the extension).
const rawText = {
  name: "raw-text",
  setup(build) {
    build.onResolve({ filter: /\?raw$/ }, (args) => ({ path: resolve(args.resolveDir, args.path.slice(0, -4)), namespace: "raw" }));
    build.onLoad({ filter: /.*/, namespace: "raw" }, async (args) => ({ contents: await readFile(args.path, "utf8"), loader: "text" }));
  },
};

const common = { bundle: true, sourcemap: true, logLevel: "warning", legalComments: "none", plugins: [rawText] };
await writeDeclarations();
// npm installs the TypeScript server plugin as a copy (.npmrc install-links: vsce packages copies, not
// links); an edit to tsserver-plugin/ must reach that copy without a new npm install.
const installedPlugin = "node_modules/substep-tsserver-plugin";
if (existsSync(installedPlugin)) {
  for (const file of ["index.js", "package.json"]) await copyFile(`tsserver-plugin/${file}`, `${installedPlugin}/${file}`);
}
const contexts = await Promise.all(
  bundles.map((b) => esbuild.context({ ...common, ...b, plugins: [...common.plugins, ...(b.plugins ?? [])], minify: b.minify ?? production })),
);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
