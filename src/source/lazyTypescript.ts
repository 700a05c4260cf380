// TypeScript's parser, loaded on first use: activating the extension and running a good model never load it.
import type * as TS from "typescript";

let loaded: typeof TS | undefined;

/** The `typescript` module. The node bundles take it from dist/typescript.js beside them (see esbuild.mjs). */
export function typescript(): typeof TS {
  loaded ??= require("typescript") as typeof TS;
  return loaded;
}
