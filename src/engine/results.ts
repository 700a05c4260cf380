// A simulation's results: runs stored column by column, read as rows, flattened columns or numeric series.
import { columnValue, isObjectLiteral, numericSeries } from "./columns";
import type { CompiledModel, Declared } from "./compile";
import type { ModelErrorInfo } from "./errors";
import type { RunData, RunKey } from "./simulate";
import type { Row } from "./types";
import { paramColumns, type ParamColumn } from "./subsets";
import type { RunWarning } from "./warnings";

/** What the results need to know of each model of the experiment (plain data). */
export interface SimulationInfo {
  simulation: number;
  name: string;
  variables: string[];
  timesteps: number;
  blocks: number;
  blockLabels: (string | null)[];
  runs: number;
  seed: number;
  sweep: "zip" | "cartesian";
  /** The params spec as run (candidate lists after overrides). */
  params: Record<string, unknown>;
  /** Parameter values of each subset. */
  subsets: Record<string, unknown>[];
  charts: object[];
  /** The model's own values that an override changed (absent: nothing was overridden). */
  declared?: Declared;
}

/** The plain description of a compiled model. */
export function simulationInfo(model: CompiledModel): SimulationInfo {
  return {
    simulation: model.simulation,
    name: model.name,
    variables: model.variables,
    timesteps: model.timesteps,
    blocks: model.blocks.length,
    blockLabels: model.blocks.map((b) => b.label ?? null),
    runs: model.runs,
    seed: model.seed,
    sweep: model.sweep,
    params: model.params,
    subsets: model.subsets,
    ...(model.declared ? { declared: model.declared } : {}),
    charts: model.charts,
  };
}

/** Every run of an experiment in cadCAD's order: simulation, then subset, then run. */
export function planRuns(models: readonly { simulation: number; runs: number; subsets: readonly unknown[] }[]): RunKey[] {
  const keys: RunKey[] = [];
  for (const m of models) {
    for (let subset = 0; subset < m.subsets.length; subset++) {
      for (let run = 1; run <= m.runs; run++) keys.push({ simulation: m.simulation, subset, run });
    }
  }
  return keys;
}

/** Rows a run has when complete. */
export function rowsPerRun(info: { timesteps: number; blocks: number }): number {
  return info.timesteps * info.blocks + 1;
}

/** `timestep` and `substep` of row `r` of a run with `blocks` blocks. */
export function rowMeta(r: number, blocks: number): { timestep: number; substep: number } {
  return r === 0 ? { timestep: 0, substep: 0 } : { timestep: Math.floor((r - 1) / blocks) + 1, substep: ((r - 1) % blocks) + 1 };
}

/** Options for reading rows. */
export interface RowOptions {
  /** Keep only the initial row and each timestep's last substep. */
  dropSubsteps?: boolean;
  /** Add each row's subset parameters as columns after the metadata (`Results.paramColumns` names them). */
  params?: boolean;
}

/** The results of an experiment: runs in cadCAD's order, each stored column by column. */
export class Results {
  readonly simulations: SimulationInfo[];
  readonly runs: RunData[];

  constructor(simulations: SimulationInfo[], runs: RunData[]) {
    this.simulations = simulations;
    this.runs = [...runs].sort((a, b) => a.simulation - b.simulation || a.subset - b.subset || a.run - b.run);
  }

  /** Total rows stored. */
  get rowCount(): number {
    let n = 0;
    for (const r of this.runs) n += r.rows;
    return n;
  }

  /** The errors of failed runs, in run order. */
  get errors(): ModelErrorInfo[] {
    return this.runs.flatMap((r) => (r.error ? [r.error] : []));
  }

  /** Every run's warnings: runs in plan order, each run's in the order they happened. */
  get warnings(): RunWarning[] {
    return this.runs.flatMap((r) => r.warnings ?? []);
  }

  /** Engine time: from the first run's start to the last run's end, in ms. */
  get engineMs(): number {
    if (this.runs.length === 0) return 0;
    let start = Infinity;
    let end = -Infinity;
    for (const r of this.runs) {
      start = Math.min(start, r.startedAt);
      end = Math.max(end, r.endedAt);
    }
    return end - start;
  }

  /** The indexes of the rows of `run` that `options` keep. */
  rowIndexes(run: RunData, options: RowOptions = {}): number[] {
    const blocks = this.simulations[run.simulation]!.blocks;
    const out: number[] = [];
    for (let r = 0; r < run.rows; r++) {
      if (options.dropSubsteps && r > 0 && (r - 1) % blocks !== blocks - 1) continue;
      out.push(r);
    }
    return out;
  }

  /** Every row as an object (nested state rebuilt), in order. Each call builds fresh objects. */
  *rows(options: RowOptions = {}): Generator<Row> {
    const params = options.params ? this.paramColumns() : [];
    for (const run of this.runs) {
      const values = this.paramValues(run, params);
      for (const r of this.rowIndexes(run, options)) yield params.length ? { ...this.row(run, r), ...values } : this.row(run, r);
    }
  }

  /** The parameter columns (after the variables and metadata): one per parameter key of any simulation. */
  paramColumns(): ParamColumn[] {
    return paramColumns(this.simulations, this.flatColumnNames());
  }

  /** A run's parameter values by column name; a function by its name (it cannot be written as data). */
  paramValues(run: RunData, columns: readonly ParamColumn[] = this.paramColumns()): Record<string, unknown> {
    const params = this.simulations[run.simulation]!.subsets[run.subset] ?? {};
    const out: Record<string, unknown> = {};
    for (const { key, name } of columns) {
      const value = params[key];
      out[name] = typeof value === "function" ? (value.name ? `${value.name}()` : "function") : value;
    }
    return out;
  }

  /** Row `r` of `run` as an object: variables (nested state rebuilt), then the metadata. */
  row(run: RunData, r: number): Row {
    return buildRow(this.simulations[run.simulation]!, run, r);
  }

  /** The flattened column names in order: variables, nested objects as dotted paths, then the metadata. */
  flatColumnNames(options: RowOptions = {}): string[] {
    const names: string[] = [];
    const seen = new Set<string>();
    for (const info of this.simulations) {
      for (const run of this.runs) {
        if (run.simulation !== info.simulation || run.rows === 0) continue;
        info.variables.forEach((variable, v) => {
          const col = run.columns[v]!;
          if (col.kind === "number") add(variable);
          else if (col.kind === "record") col.leaves.forEach((leaf) => add([variable, ...leaf].join(".")));
          else for (const r of this.rowIndexes(run, options)) for (const k of Object.keys(flatten(col.values[r], variable))) add(k);
        });
      }
    }
    for (const k of ["simulation", "subset", "run", "timestep", "substep"]) add(k);
    if (options.params) for (const p of paramColumns(this.simulations, names)) names.push(p.name);
    return names;
    function add(name: string): void {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }

  /** Each row flattened to dotted keys (`contributors.token_balance`); arrays and other values kept as values. */
  *flatRows(options: RowOptions = {}): Generator<Record<string, unknown>> {
    const params = options.params ? this.paramColumns() : [];
    for (const run of this.runs) {
      const values = this.paramValues(run, params);
      for (const r of this.rowIndexes(run, options)) {
        const flat = flatten(this.row(run, r), "");
        yield params.length ? Object.assign(flat, values) : flat;
      }
    }
  }

  /**
   * The numeric series of every run: for each flattened numeric variable, one Float64Array per run over its
   * rows (all substeps). Variables that are not numbers (or nested numbers) are left out.
   */
  numericSeries(run: RunData): { name: string; variable: string; values: Float64Array }[] {
    const info = this.simulations[run.simulation]!;
    const out: { name: string; variable: string; values: Float64Array }[] = [];
    if (run.rows === 0) return out;
    info.variables.forEach((variable, v) => {
      for (const s of numericSeries(run.columns[v]!)) out.push({ name: s.path ? `${variable}.${s.path}` : variable, variable, values: s.values });
    });
    return out;
  }

  /** A run's final value of each numeric series, by flattened name: its last row, or the last one computed when it stopped early. */
  finalValues(run: RunData): Map<string, number> {
    return new Map(this.numericSeries(run).map((s) => [s.name, s.values[run.rows - 1]!]));
  }
}

function buildRow(info: SimulationInfo, run: RunData, r: number): Row {
  const row: Record<string, unknown> = {};
  info.variables.forEach((name, v) => {
    row[name] = columnValue(run.columns[v]!, r);
  });
  const meta = rowMeta(r, info.blocks);
  row.simulation = run.simulation;
  row.subset = run.subset;
  row.run = run.run;
  row.timestep = meta.timestep;
  row.substep = meta.substep;
  return row as Row;
}

/** `{a: {b: 1}}` → `{"a.b": 1}`; plain objects only are opened, everything else is a value. */
export function flatten(value: unknown, prefix: string, out: Record<string, unknown> = {}, open: object[] = []): Record<string, unknown> {
  // A value that holds itself (or one nested beyond any table's use) is a value, not opened again.
  if (isObjectLiteral(value) && !open.includes(value) && open.length < 64) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) out[prefix] = value;
    open.push(value);
    for (const k of keys) flatten(value[k], prefix ? `${prefix}.${k}` : k, out, open);
    open.pop();
  } else if (prefix) out[prefix] = value;
  return out;
}
