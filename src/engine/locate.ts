// How the engine asks where model code is in the user's files; the loader answers (it has the source maps).

/** A place in the user's own source: 1-based line and column. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** Any model function (policy, state update, policy op): only its identity and source text matter here. */
export type ModelFunction = (...args: never[]) => unknown;

/** Maps model functions, thrown errors and configuration keys to source locations. */
export interface Locator {
  /** Where a model function is defined. */
  ofFunction(fn: ModelFunction): SourceLocation | undefined;
  /** The innermost frame of a thrown error that lies in model code. */
  ofError(thrown: unknown): SourceLocation | undefined;
  /** The key at this path of the default export, e.g. ["params", "rate"] or ["blocks", "1", "variables", "x"]. */
  ofKey(path: readonly string[], simulation: number): SourceLocation | undefined;
}

/** A locator that knows nothing: models built in memory, as in tests. */
export const noLocator: Locator = {
  ofFunction: () => undefined,
  ofError: () => undefined,
  ofKey: () => undefined,
};
