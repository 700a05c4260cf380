// Values that cannot cross to the host thread (functions, symbols, promises, proxies, values nested too deeply):
// a run that holds one is cut before that row and fails there, located, instead of losing its worker's batch.
import { types } from "node:util";
import { rowMeta, type CompiledModel, type Locator, type ModelErrorInfo, type RunData, type SimulationInfo } from "../engine";
import type { ColumnData } from "../engine/columns";

/** The first row and variable of `run` whose value the structured clone refuses, or undefined. */
function firstUnclonable(run: RunData): { row: number; variable: number; thrown: unknown } | undefined {
  for (let row = 0; row < run.rows; row++) {
    for (let v = 0; v < run.columns.length; v++) {
      const column = run.columns[v]!;
      if (column.kind !== "any") continue;
      try {
        structuredClone(column.values[row]);
      } catch (thrown) {
        return { row, variable: v, thrown };
      }
    }
  }
  return undefined;
}

/** What in `value` cannot be copied, as a phrase: "a function at .rule", "a Promise (from an async function?)". */
function unclonablePart(value: unknown, thrown: unknown): string {
  if (thrown instanceof RangeError) return "a value nested too deeply to be copied";
  const seen = new Set<unknown>();
  const visit = (v: unknown, path: string, depth: number): string | undefined => {
    const at = path ? ` at ${path}` : "";
    if (typeof v === "function") return `a function${at}`;
    if (typeof v === "symbol") return `a symbol${at}`;
    if (typeof v !== "object" || v === null || seen.has(v) || depth > 50) return undefined;
    if (types.isProxy(v)) return `a Proxy${at}`;
    if (types.isPromise(v)) return `a Promise${at} (from an async function?)`;
    if (v instanceof WeakMap || v instanceof WeakSet || v instanceof WeakRef) return `a ${v.constructor.name}${at}`;
    seen.add(v);
    const entries: [string, unknown][] =
      v instanceof Map ? [...v].map(([k, x], i) => [`[entry ${i}: ${String(k)}]`, x]) : v instanceof Set ? [...v].map((x, i) => [`[item ${i}]`, x]) : [];
    for (const [k, x] of entries) {
      const found = visit(x, `${path}${k}`, depth + 1);
      if (found) return found;
    }
    for (const key of Object.keys(v)) {
      const found = visit((v as Record<string, unknown>)[key], Array.isArray(v) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  try {
    return visit(value, "", 0) ?? `a value that cannot be copied (${thrown instanceof Error ? thrown.message : String(thrown)})`;
  } catch (err) {
    return `a value that throws when it is read (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** A column's first `rows` rows. */
function cut(column: ColumnData, rows: number): ColumnData {
  if (column.kind === "number") return { kind: "number", values: column.values.slice(0, rows) };
  if (column.kind === "record") return { kind: "record", leaves: column.leaves, values: column.values.map((v) => v.slice(0, rows)) };
  return { kind: "any", values: column.values.slice(0, rows) };
}

/**
 * `run` cut before its first row holding a value that cannot be copied to the host, failing there with a located
 * error that names the variable and the update that returned it; undefined when every row can be copied.
 */
export function cutAtUnclonable(run: RunData, model: CompiledModel, locator: Locator): RunData | undefined {
  const found = firstUnclonable(run);
  if (!found) return undefined;
  const { row, variable } = found;
  const name = model.variables[variable]!;
  const part = unclonablePart(run.columns[variable]!.kind === "any" ? (run.columns[variable] as { values: unknown[] }).values[row] : undefined, found.thrown);
  const { timestep, substep } = rowMeta(row, model.blocks.length);
  const block = model.blocks[substep - 1];
  const update = block?.updates.find((u) => u.varIndex === variable);
  const how = row === 0 ? "in initialState" : update ? `returned by state update '${name}'` : `changed in place in block ${substep}`;
  const fnOfBlock = update?.fn ?? block?.policies[0]?.fn ?? block?.updates[0]?.fn;
  const location = fnOfBlock ? locator.ofFunction(fnOfBlock) : locator.ofKey(["initialState", name], model.simulation);
  const error: ModelErrorInfo = {
    kind: "run",
    message:
      `'${name}' holds ${part} (${how}), which a row cannot hold: state variables hold data ` +
      "(numbers, strings, booleans, bigints, arrays, plain objects, Map, Set, Date, typed arrays), not functions, symbols, promises or proxies",
    ...(update ? { fn: `state update '${name}'` } : {}),
    ...(location ? { location } : {}),
    place: { simulation: run.simulation, subset: run.subset, run: run.run, timestep, ...(substep > 0 ? { substep } : {}) },
    ...(block?.label ? { blockLabel: block.label } : {}),
  };
  const warnings = (run.warnings ?? []).filter(
    (w) => (w.place.timestep ?? 0) < timestep || ((w.place.timestep ?? 0) === timestep && (w.place.substep ?? 0) < substep),
  );
  const { warnings: _, ...rest } = run;
  return { ...rest, rows: row, columns: run.columns.map((c) => cut(c, row)), error, ...(warnings.length ? { warnings } : {}) };
}

/** The models' descriptions with every parameter value that cannot be copied to the host (a function) as text. */
export function clonableSimulations(simulations: SimulationInfo[]): SimulationInfo[] {
  const plain = (value: unknown): unknown => {
    try {
      structuredClone(value);
      return value;
    } catch {
      return typeof value === "function" ? `[function ${value.name || "(anonymous)"}]` : `[${typeof value}]`;
    }
  };
  const record = (r: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)]));
  return simulations.map((s) => ({ ...s, params: record(s.params), subsets: s.subsets.map(record), charts: s.charts.map((c) => plain(c) as object) }));
}
