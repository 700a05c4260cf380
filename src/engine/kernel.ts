// Functions generated once per model so the hot loop makes objects of one fixed shape and reads
// variables by constant names (V8 keeps these monomorphic; a loop over names would not be).
import { deepCopy } from "./copy";

/** Builds the state handed to a block: the previous row's values (objects deep-copied) plus metadata. */
export type MakeState = (
  last: unknown[],
  simulation: number,
  subset: number,
  run: number,
  timestep: number,
  substep: number,
) => Record<string, unknown>;

/** Moves a block's results into `last`: updated values from `pending`, the others from the block's state. */
export type Commit = (state: Record<string, unknown>, pending: unknown[], last: unknown[]) => void;

const key = (name: string): string => JSON.stringify(name);

/** `makeState` for these variables, in this order. */
export function makeStateFactory(variables: readonly string[]): MakeState {
  const fields = variables.map(
    (name, i) => `${key(name)}: (typeof (v = last[${i}]) === "object" && v !== null ? copy(v) : v)`,
  );
  const body =
    `return function makeState(last, simulation, subset, run, timestep, substep) {\n` +
    `  let v;\n  return { ${[...fields, "simulation, subset, run, timestep, substep"].join(", ")} };\n};`;
  return new Function("copy", body)(deepCopy) as MakeState;
}

/** `commit` for a block that updates the variables at `updated` (indexes into `variables`). */
export function commitFactory(variables: readonly string[], updated: ReadonlySet<number>): Commit {
  const lines = variables.map((name, i) =>
    updated.has(i) ? `last[${i}] = pending[${i}];` : `last[${i}] = state[${key(name)}];`,
  );
  return new Function(`return function commit(state, pending, last) {\n${lines.join("\n")}\n};`)() as Commit;
}
