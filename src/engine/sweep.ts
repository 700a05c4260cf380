// Parameter subsets from a `params` spec (cadCAD `M`): zip by position (cadCAD) or cartesian.
import type { SweepMode } from "./types";

/** A sweep problem, with the parameter names it concerns (for locating them in the source). */
export class SweepError extends Error {
  constructor(
    message: string,
    readonly params: string[],
  ) {
    super(message);
    this.name = "SweepError";
  }
}

/** The plain parameter values of each subset, in subset order. `{}` (no params) gives one subset `{}`. */
export function expandSweep(spec: Record<string, unknown>, mode: SweepMode = "zip"): Record<string, unknown>[] {
  const names = Object.keys(spec);
  const lists = names.map((name) => {
    const value = spec[name];
    if (!Array.isArray(value)) return [value];
    if (value.length === 0) throw new SweepError(`parameter '${name}' lists no values`, [name]);
    return value as unknown[];
  });
  if (mode === "cartesian") return cartesian(names, lists);
  if (mode !== "zip") throw new SweepError(`sweep must be "zip" or "cartesian", not ${JSON.stringify(mode)}`, []);
  let longest = -1;
  for (let i = 0; i < lists.length; i++) {
    const len = lists[i]!.length;
    if (len <= 1) continue;
    if (longest >= 0 && len !== lists[longest]!.length) {
      const a = names[longest]!;
      const b = names[i]!;
      throw new SweepError(
        `parameters '${a}' (${lists[longest]!.length} values) and '${b}' (${len} values) have different lengths: ` +
          `a zip sweep pairs values by position, so lists longer than 1 must have the same length ` +
          `(or use sweep: "cartesian" for every combination)`,
        [a, b],
      );
    }
    if (longest < 0) longest = i;
  }
  const count = longest < 0 ? 1 : lists[longest]!.length;
  const subsets: Record<string, unknown>[] = [];
  for (let s = 0; s < count; s++) {
    const values: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const list = lists[i]!;
      values[name] = list.length === 1 ? list[0] : list[s];
    });
    subsets.push(values);
  }
  return subsets;
}

function cartesian(names: string[], lists: unknown[][]): Record<string, unknown>[] {
  let subsets: Record<string, unknown>[] = [{}];
  // The first-named parameter varies slowest: extend each partial subset by the next parameter's values.
  names.forEach((name, i) => {
    const next: Record<string, unknown>[] = [];
    for (const partial of subsets) for (const value of lists[i]!) next.push({ ...partial, [name]: value });
    subsets = next;
  });
  return subsets;
}

/** How many subsets a spec gives, without building them. */
export function countSubsets(spec: Record<string, unknown>, mode: SweepMode = "zip"): number {
  const lengths = Object.values(spec).map((v) => (Array.isArray(v) ? v.length : 1));
  if (mode === "cartesian") return lengths.reduce((a, b) => a * b, 1);
  return Math.max(1, ...lengths);
}
