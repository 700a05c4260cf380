// Parameter subsets as users know them: named by their parameter values ("apr = 0.05"), and those values as
// columns of the rows, so that a table or `df.groupby("apr")` tells the subsets apart.
import type { SimulationInfo } from "./results";

/** A parameter value as short text: strings bare, functions by name, the rest as JSON. */
function paramText(value: unknown, max = 24): string {
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "function") text = value.name ? `${value.name}()` : "function";
  else if (typeof value === "bigint") text = `${value}`;
  else {
    try {
      text = JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? `${v}` : v)) ?? String(value);
    } catch {
      text = String(value); // a value that holds itself
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The parameters whose values differ between the model's subsets, in the order the model gives them. */
export function varyingParams(info: Pick<SimulationInfo, "subsets">): string[] {
  const keys = [...new Set(info.subsets.flatMap((p) => Object.keys(p)))];
  return keys.filter((k) => info.subsets.some((p) => paramText(p[k], Infinity) !== paramText(info.subsets[0]![k], Infinity)));
}

/**
 * "apr = 0.05, fee = 0.01": the subset's values of the parameters that vary; "subset 2" when none does (the same
 * values listed twice); "" for a model with one subset, which needs no name.
 */
export function subsetName(info: Pick<SimulationInfo, "subsets">, subset: number): string {
  if (info.subsets.length < 2) return "";
  const params = info.subsets[subset] ?? {};
  const shown = varyingParams(info).map((k) => `${k} = ${paramText(params[k])}`);
  return shown.length ? shown.join(", ") : `subset ${subset}`;
}

/** "k = 10, mode = fast": every parameter of a subset (the name of a model's only subset, where one is wanted). */
export function paramsText(params: Record<string, unknown>): string {
  return Object.keys(params)
    .map((k) => `${k} = ${paramText(params[k])}`)
    .join(", ");
}

/** A parameter as a column of the rows: its key, and the column's name. */
export interface ParamColumn {
  key: string;
  name: string;
}

/**
 * One column per parameter key of any simulation, named by the key; `params.<key>` where a variable or
 * metadata column already has that name (a model whose state and params share a name keeps both).
 */
export function paramColumns(simulations: readonly Pick<SimulationInfo, "subsets">[], taken: readonly string[]): ParamColumn[] {
  const used = new Set(taken);
  const keys = [...new Set(simulations.flatMap((s) => s.subsets.flatMap((p) => Object.keys(p))))];
  return keys.map((key) => {
    const name = used.has(key) ? `params.${key}` : key;
    used.add(name);
    return { key, name };
  });
}

/** A model of an experiment by its name; "(simulation 2)" after it where two models share that name. */
export function modelName(simulations: readonly Pick<SimulationInfo, "simulation" | "name">[], simulation: number): string {
  const info = simulations.find((s) => s.simulation === simulation);
  if (!info) return `simulation ${simulation}`;
  return simulations.some((s) => s !== info && s.name === info.name) ? `${info.name} (simulation ${simulation})` : info.name;
}
