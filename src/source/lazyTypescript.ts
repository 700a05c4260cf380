// TypeScript's parser, loaded on first use: activating the extension and running a good model never load it.
import type * as TS from "typescript";

let loaded: typeof TS | undefined;

/** The `typescript` module. The node bundles take it from dist/typescript.js beside them (see esbuild.mjs). */
export function typescript(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy and synchronous: the parser is needed inside sync reads
  loaded ??= require("typescript") as typeof TS;
  return loaded;
}
