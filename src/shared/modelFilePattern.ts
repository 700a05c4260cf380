// Which files are model files: *.sim.ts, *.sim.mts, *.sim.js and *.sim.mjs. The one definition for TypeScript code;
// package.json (the activation event and the `resourceFilename` when clauses) and tsserver-plugin/index.js repeat it.

/** The model files' extensions after `.sim.`. */
export const MODEL_EXTENSIONS = ["ts", "mts", "js", "mjs"] as const;

/** The glob of model files, for file watchers, searches and document selectors. */
export const MODEL_GLOB = `**/*.sim.{${MODEL_EXTENSIONS.join(",")}}`;

const MODEL_SUFFIX = new RegExp(`\\.sim\\.(?:${MODEL_EXTENSIONS.join("|")})$`);

/** Whether a path names a model file. */
export function isModelFile(path: string): boolean {
  return MODEL_SUFFIX.test(path);
}

/** A model file's name without `.sim.ts` (and the like): "workToken.sim.ts" → "workToken". */
export function modelStem(fileName: string): string {
  return fileName.replace(MODEL_SUFFIX, "");
}
