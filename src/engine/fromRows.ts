// Results read back from rows as `substep run --out x.json` writes them (cadCAD's shape), so that results saved
// earlier can be compared with a model run now: the model is gone, so its shape is inferred from the rows.
import { ColumnWriter, isObjectLiteral } from "./columns";
import { Results, rowMeta, type SimulationInfo } from "./results";
import type { RunData } from "./simulate";

/** A results file that cannot be read: the message names the file and, where it can, the row. */
export class RowsError extends Error {}

const META = ["simulation", "subset", "run", "timestep", "substep"] as const;
type MetaKey = (typeof META)[number];

/** How the read rows are named. */
export interface FromRowsOptions {
  /** The file, as errors name it. */
  file: string;
  /** The model's name (the rows do not say it); default: the file. */
  name?: string;
}

/** The JSON text of a results file as Results. */
export function resultsFromJson(text: string, options: FromRowsOptions): Results {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (err) {
    throw new RowsError(`${options.file}: not JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  return resultsFromRows(rows, options);
}

/** One run's rows, as found in the file. */
interface RunRows {
  simulation: number;
  subset: number;
  run: number;
  /** Index in the file of each row. */
  indexes: number[];
  rows: Record<string, unknown>[];
}

/**
 * Rows (an array of row objects) as Results: rows are grouped by simulation, subset and run in order; the keys
 * before the metadata are the variables, the keys after `substep` the parameter columns (`--params-columns`),
 * which give each subset its parameter values. Timesteps, blocks and runs are the largest found.
 */
export function resultsFromRows(rows: unknown, options: FromRowsOptions): Results {
  const { file } = options;
  if (!Array.isArray(rows)) throw new RowsError(`${file}: not an array of rows (as substep run --out x.json writes them)`);
  if (rows.length === 0) throw new RowsError(`${file}: no rows (an empty array)`);
  const runs: RunRows[] = [];
  const variables = new Map<number, string[]>();
  const paramKeys = new Map<number, string[]>();
  rows.forEach((row: unknown, i) => {
    const at = `${file}: row ${i}`;
    if (!isObjectLiteral(row)) throw new RowsError(`${at} is not an object of a row's values`);
    const meta = {} as Record<MetaKey, number>;
    for (const key of META) {
      const v = row[key];
      if (!(key in row)) throw new RowsError(`${at} has no '${key}' (each row ends with ${META.join(", ")})`);
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new RowsError(`${at}: '${key}' is ${JSON.stringify(v)}, not a whole number >= 0`);
      meta[key] = v;
    }
    const keys = Object.keys(row);
    const firstMeta = keys.findIndex((k) => (META as readonly string[]).includes(k));
    const own = keys.slice(0, firstMeta);
    const params = keys.slice(firstMeta).filter((k) => !(META as readonly string[]).includes(k));
    const known = variables.get(meta.simulation);
    if (!known) {
      variables.set(meta.simulation, own);
      paramKeys.set(meta.simulation, params);
    } else if (own.length !== known.length || own.some((k, n) => k !== known[n])) {
      throw new RowsError(
        `${at} has the variables ${own.join(", ") || "(none)"}, not those of simulation ${meta.simulation}'s first row (${known.join(", ")})`,
      );
    }
    const last = runs[runs.length - 1];
    if (last && last.simulation === meta.simulation && last.subset === meta.subset && last.run === meta.run) {
      last.rows.push(row);
      last.indexes.push(i);
      return;
    }
    if (last && compareKeys(last, meta) > 0) {
      throw new RowsError(
        `${at}: simulation ${meta.simulation}, subset ${meta.subset}, run ${meta.run} comes after run ${last.run} of subset ${last.subset} of simulation ${last.simulation} (rows are in cadCAD's order: simulation, subset, run)`,
      );
    }
    runs.push({ simulation: meta.simulation, subset: meta.subset, run: meta.run, indexes: [i], rows: [row] });
  });
  const simulationCount = runs.reduce((n, r) => Math.max(n, r.simulation + 1), 0);
  const infos: SimulationInfo[] = [];
  const lastSubsteps: number[] = [];
  for (let s = 0; s < simulationCount; s++) {
    const own = runs.filter((r) => r.simulation === s);
    const name = simulationCount > 1 ? `simulation ${s}` : (options.name ?? file);
    const { info, lastSubstep } = simulationFromRuns(s, own, variables.get(s) ?? [], paramKeys.get(s) ?? [], name);
    infos.push(info);
    lastSubsteps.push(lastSubstep);
  }
  const data = runs.map((r) => runData(r, infos[r.simulation]!, lastSubsteps[r.simulation]!, file));
  return new Results(infos, data);
}

function compareKeys(a: { simulation: number; subset: number; run: number }, b: { simulation: number; subset: number; run: number }): number {
  return a.simulation - b.simulation || a.subset - b.subset || a.run - b.run;
}

/** A simulation as its rows show it; `lastSubstep`: the substep of each timestep's one row when the rows hold one per timestep. */
function simulationFromRuns(
  simulation: number,
  runs: RunRows[],
  variables: string[],
  paramColumns: string[],
  name: string,
): { info: SimulationInfo; lastSubstep: number } {
  let timesteps = 0;
  let substeps = 0;
  for (const r of runs) {
    for (const row of r.rows) {
      timesteps = Math.max(timesteps, row.timestep as number);
      substeps = Math.max(substeps, row.substep as number);
    }
  }
  // Rows written with --drop-substeps hold one row per timestep: read as one block, the timestep's last values.
  const dropped = substeps > 1 && runs.every((r) => r.rows.every((row, i) => i === 0 || (row.timestep === i && row.substep === substeps)));
  const blocks = dropped ? 1 : Math.max(1, substeps);
  const subsetCount = runs.reduce((n, r) => Math.max(n, r.subset + 1), 0);
  const subsets: Record<string, unknown>[] = Array.from({ length: Math.max(1, subsetCount) }, () => ({}));
  for (const r of runs) {
    const first = r.rows[0]!;
    const params: Record<string, unknown> = {};
    for (const column of paramColumns) params[paramKey(column, variables)] = readValue(first[column]);
    if (Object.keys(subsets[r.subset]!).length === 0) subsets[r.subset] = params;
  }
  const keys = [...new Set(subsets.flatMap((p) => Object.keys(p)))];
  const params = Object.fromEntries(keys.map((k) => [k, subsets.length === 1 ? subsets[0]![k] : subsets.map((p) => p[k])]));
  const info: SimulationInfo = {
    simulation,
    name,
    variables,
    timesteps,
    blocks,
    blockLabels: Array.from({ length: blocks }, () => null),
    runs: runs.reduce((n, r) => Math.max(n, r.run), 0),
    // The rows do not say the seed.
    seed: NaN,
    sweep: "zip",
    params,
    subsets,
    charts: [],
  };
  return { info, lastSubstep: dropped ? substeps : 1 };
}

/** A parameter column's key: `params.<key>` names a key that a variable or metadata column already had. */
function paramKey(column: string, variables: readonly string[]): string {
  const rest = column.startsWith("params.") ? column.slice("params.".length) : undefined;
  return rest !== undefined && (variables.includes(rest) || (META as readonly string[]).includes(rest)) ? rest : column;
}

function runData(r: RunRows, info: SimulationInfo, lastSubstep: number, file: string): RunData {
  r.rows.forEach((row, i) => {
    const want = info.blocks === 1 && i > 0 ? { timestep: i, substep: lastSubstep } : rowMeta(i, info.blocks);
    if (row.timestep !== want.timestep || row.substep !== want.substep) {
      throw new RowsError(
        `${file}: row ${r.indexes[i]}: timestep ${String(row.timestep)}, substep ${String(row.substep)} where run ${r.run} of subset ${r.subset} of simulation ${r.simulation} has timestep ${want.timestep}, substep ${want.substep} next (its rows are in order, each timestep's ${info.blocks} substeps after its initial row)`,
      );
    }
  });
  const n = r.rows.length;
  const columns = info.variables.map((variable) => {
    const writer = new ColumnWriter(readValue(r.rows[0]![variable]), n);
    r.rows.forEach((row, i) => writer.write(i, readValue(row[variable])));
    return writer.finish(n);
  });
  return { simulation: r.simulation, subset: r.subset, run: r.run, rows: n, columns, startedAt: 0, endedAt: 0 };
}

const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };

/** A value as the run held it: the strings the JSON export writes for non-finite numbers are numbers again. */
function readValue(value: unknown): unknown {
  if (typeof value === "string") return Object.hasOwn(NON_FINITE, value) ? NON_FINITE[value] : value;
  if (Array.isArray(value)) return value.map(readValue);
  if (isObjectLiteral(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readValue(v)]));
  return value;
}
