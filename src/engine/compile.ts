// Validates a model file's default export and turns it into what the simulation loop runs.
import { describeValue } from "./aggregate";
import { ModelError } from "./errors";
import type { Locator, ModelFunction } from "./locate";
import { noLocator } from "./locate";
import { SweepError, expandSweep } from "./sweep";
import type { Model, Policy, PolicyOp, StateUpdate, SweepMode } from "./types";

/** A policy with its name and its place in cadCAD's global policy order. */
export interface CompiledPolicy {
  name: string;
  order: number;
  fn: Policy;
}

/** A state update with the index of its variable in `CompiledModel.variables`. */
export interface CompiledUpdate {
  variable: string;
  varIndex: number;
  order: number;
  fn: StateUpdate;
}

/** A block: policies and updates sorted into cadCAD's global order. */
export interface CompiledBlock {
  /** 1-based, as the `substep` argument and the row's `substep`. */
  substep: number;
  label: string | undefined;
  policies: CompiledPolicy[];
  updates: CompiledUpdate[];
}

/** One model of an experiment, validated, with its subsets expanded. */
export interface CompiledModel {
  simulation: number;
  name: string;
  initialState: Record<string, unknown>;
  variables: string[];
  timesteps: number;
  runs: number;
  seed: number;
  sweep: SweepMode;
  /** The params spec after overrides (candidate lists as written). */
  params: Record<string, unknown>;
  subsets: Record<string, unknown>[];
  blocks: CompiledBlock[];
  policyOps: PolicyOp[];
  charts: object[];
  /** The model's own values that an override changed (absent: nothing was overridden). */
  declared?: Declared;
}

/** The model's own values where an override replaced them: the header says "runs 600 (model: 60)". */
export interface Declared {
  timesteps?: number;
  runs?: number;
  seed?: number;
  sweep?: SweepMode;
  /** The parameters whose candidate values were overridden. */
  params?: string[];
}

/** Values that replace the model's own (CLI options, "Run with Options…"). */
export interface Overrides {
  timesteps?: number;
  runs?: number;
  seed?: number;
  sweep?: SweepMode;
  /** Candidate values by parameter name; each replaces that parameter's list. */
  params?: Record<string, unknown[]>;
}

/** The names cadCAD adds to each row; a state variable may not use them. */
const META_KEYS = ["simulation", "subset", "run", "timestep", "substep"] as const;

/** The most rows one run may have (timesteps × blocks + 1): its columns are allocated whole when it starts. */
const MAX_ROWS_PER_RUN = 100_000_000;
/** The most runs one model may plan (runs × parameter subsets): the plan is a list of every run. */
const MAX_RUNS = 1_000_000;

const MODEL_KEYS = new Set(["name", "initialState", "timesteps", "runs", "seed", "params", "sweep", "policyOps", "blocks", "charts"]);
const BLOCK_KEYS = new Set(["label", "policies", "variables"]);

/** Validates the default export (a model or an array of models) and compiles each model. */
export function compileExperiment(exported: unknown, overrides: Overrides = {}, locator: Locator = noLocator): CompiledModel[] {
  if (exported === undefined) {
    throw new ModelError({ kind: "load", message: "the file has no default export: export a model with `export default defineModel({...})`" });
  }
  if (typeof (exported as { then?: unknown } | null | undefined)?.then === "function") {
    const location = locator.ofKey([], 0);
    throw new ModelError({
      kind: "validate",
      message: "the default export is a Promise: export the model itself (build it synchronously, or `await` it at the top level of the file)",
      ...(location ? { location } : {}),
    });
  }
  const models = Array.isArray(exported) ? exported : [exported];
  if (models.length === 0) {
    const location = locator.ofKey([], 0);
    throw new ModelError({
      kind: "validate",
      message: "the default export is an empty array: an experiment needs at least one model",
      ...(location ? { location } : {}),
    });
  }
  const compiled = models.map((m, i) => compileModel(m, i, overrides, locator, Array.isArray(exported)));
  if (overrides.params) {
    for (const name of Object.keys(overrides.params)) {
      if (!compiled.some((m) => Object.prototype.hasOwnProperty.call(m.params, name))) {
        const known = [...new Set(compiled.flatMap((m) => Object.keys(m.params)))];
        throw new ModelError({
          kind: "validate",
          message: `--param ${name}: the model has no parameter '${name}'${known.length ? ` (its parameters: ${known.join(", ")})` : " (it has no params)"}`,
        });
      }
    }
  }
  return compiled;
}

function compileModel(model: unknown, simulation: number, overrides: Overrides, locator: Locator, experiment: boolean): CompiledModel {
  // Which model of an experiment is named; a lone model's problems need no "simulation 0".
  const fail = (message: string, path: string[] = [], fn?: ModelFunction): never => {
    const location = (fn && locator.ofFunction(fn)) || locator.ofKey(path, simulation) || locator.ofKey([], simulation);
    throw new ModelError({ kind: "validate", message, ...(location ? { location } : {}), ...(experiment ? { place: { simulation } } : {}) });
  };
  const prefix = experiment ? `model ${simulation}: ` : "";
  if (typeof model !== "object" || model === null || Array.isArray(model)) {
    fail(`${prefix}the default export must be a model object (or an array of models), not ${describeValue(model)}`);
  }
  const m = model as Model & Record<string, unknown>;
  for (const key of Object.keys(m)) {
    if (!MODEL_KEYS.has(key)) fail(`${prefix}unknown model property '${key}'${suggest(key, MODEL_KEYS)}`, [key]);
  }
  if (!isRecord(m.initialState)) fail(`${prefix}initialState must be an object of state variables, not ${describeValue(m.initialState)}`, ["initialState"]);
  const variables = Object.keys(m.initialState as Record<string, unknown>);
  for (const v of variables) {
    if ((META_KEYS as readonly string[]).includes(v) || v === "__proto__") {
      fail(`${prefix}'${v}' cannot be a state variable: it is one of the names every row carries (${META_KEYS.join(", ")})`, ["initialState", v]);
    }
  }
  const timesteps = overrides.timesteps ?? m.timesteps;
  if (!Number.isInteger(timesteps) || timesteps < 0) fail(`${prefix}timesteps must be a whole number >= 0, not ${show(timesteps)}`, ["timesteps"]);
  const runs = overrides.runs ?? m.runs ?? 1;
  if (!Number.isInteger(runs) || runs < 1) fail(`${prefix}runs must be a whole number >= 1, not ${show(runs)}`, ["runs"]);
  const seed = overrides.seed ?? m.seed ?? 0;
  const blockCount = Array.isArray(m.blocks) ? Math.max(1, m.blocks.length) : 1;
  if (timesteps * blockCount + 1 > MAX_ROWS_PER_RUN) {
    fail(`${prefix}timesteps is too large: ${timesteps} timesteps of ${blockCount} block(s) make more than ${MAX_ROWS_PER_RUN} rows per run`, ["timesteps"]);
  }
  if (typeof seed !== "number" || !Number.isFinite(seed)) fail(`${prefix}seed must be a finite number, not ${show(seed)}`, ["seed"]);
  const sweep = overrides.sweep ?? m.sweep ?? "zip";
  if (sweep !== "zip" && sweep !== "cartesian") fail(`${prefix}sweep must be "zip" or "cartesian", not ${show(sweep)}`, ["sweep"]);
  if (m.name !== undefined && typeof m.name !== "string") fail(`${prefix}name must be a string`, ["name"]);
  if (m.params !== undefined && !isRecord(m.params)) fail(`${prefix}params must be an object of parameters, not ${describeValue(m.params)}`, ["params"]);
  const params: Record<string, unknown> = { ...(m.params as Record<string, unknown> | undefined) };
  for (const [name, values] of Object.entries(overrides.params ?? {})) {
    if (Object.prototype.hasOwnProperty.call(params, name)) params[name] = values;
  }
  let subsets: Record<string, unknown>[] = [];
  try {
    subsets = expandSweep(params, sweep);
  } catch (err) {
    if (!(err instanceof SweepError)) throw err;
    const given = err.params.filter((name) => overrides.params && Object.prototype.hasOwnProperty.call(overrides.params, name));
    const note = given.length ? ` (${given.map((n) => `'${n}'`).join(" and ")}: overridden for this run, not the model's own values)` : "";
    fail(`${prefix}${err.message}${note}`, ["params", err.params[err.params.length - 1] ?? ""]);
  }
  if (runs * subsets.length > MAX_RUNS) {
    fail(`${prefix}runs is too large: ${runs} runs of ${subsets.length} parameter subset(s) make more than ${MAX_RUNS} runs`, ["runs"]);
  }
  const clash = collidingVariable(m.initialState as Record<string, unknown>);
  if (clash)
    fail(`${prefix}'${clash.variable}' cannot be a state variable: its column would be the same as that of '${clash.path}' (${clash.other}'s nested value)`, [
      "initialState",
      clash.variable,
    ]);
  const policyOps = m.policyOps ?? [];
  if (!Array.isArray(policyOps) || policyOps.some((op) => typeof op !== "function")) {
    fail(`${prefix}policyOps must be an array of functions`, ["policyOps"]);
  }
  if (m.charts !== undefined && (!Array.isArray(m.charts) || m.charts.some((c) => !isRecord(c)))) {
    fail(`${prefix}charts must be an array of Vega-Lite specs (objects)`, ["charts"]);
  }
  if (!Array.isArray(m.blocks)) fail(`${prefix}blocks must be an array of partial state update blocks, not ${describeValue(m.blocks)}`, ["blocks"]);
  if (m.blocks.length === 0) fail(`${prefix}blocks is empty: a model needs at least one block`, ["blocks"]);

  // cadCAD's order: policies by the first appearance of their name across all blocks; updates likewise.
  const policyOrder = new Map<string, number>();
  const updateOrder = new Map<string, number>();
  m.blocks.forEach((block, b) => {
    const at = ["blocks", String(b)];
    if (!isRecord(block)) fail(`${prefix}block ${b + 1} must be an object with policies and variables, not ${describeValue(block)}`, at);
    for (const key of Object.keys(block)) {
      if (!BLOCK_KEYS.has(key))
        fail(`${prefix}block ${b + 1}: unknown property '${key}'${suggest(key, BLOCK_KEYS)} (a block has label, policies, variables)`, [...at, key]);
    }
    if (block.label !== undefined && typeof block.label !== "string") fail(`${prefix}block ${b + 1}: label must be a string`, [...at, "label"]);
    for (const part of ["policies", "variables"] as const) {
      const fns = block[part];
      if (fns === undefined) continue;
      if (!isRecord(fns)) fail(`${prefix}block ${b + 1}: ${part} must be an object of functions, not ${describeValue(fns)}`, [...at, part]);
      for (const [name, fn] of Object.entries(fns)) {
        if (typeof fn !== "function") {
          fail(`${prefix}block ${b + 1}: ${part === "policies" ? "policy" : "state update"} '${name}' must be a function, not ${describeValue(fn)}`, [
            ...at,
            part,
            name,
          ]);
        }
        if (part === "variables" && !variables.includes(name)) {
          fail(
            `${prefix}block ${b + 1} updates '${name}', which is not in initialState${suggest(name, new Set(variables))}: add it to initialState or remove its update`,
            [...at, part, name],
            fn as ModelFunction,
          );
        }
        const order = part === "policies" ? policyOrder : updateOrder;
        if (!order.has(name)) order.set(name, order.size);
      }
    }
  });
  const blocks: CompiledBlock[] = m.blocks.map((block, b) => ({
    substep: b + 1,
    label: block.label,
    policies: Object.entries(block.policies ?? {})
      .map(([name, fn]) => ({ name, order: policyOrder.get(name)!, fn: fn as Policy }))
      .sort((x, y) => x.order - y.order),
    updates: Object.entries(block.variables ?? {})
      .map(([variable, fn]) => ({ variable, varIndex: variables.indexOf(variable), order: updateOrder.get(variable)!, fn: fn as StateUpdate }))
      .sort((x, y) => x.order - y.order),
  }));
  return {
    simulation,
    name: m.name ?? `model ${simulation}`,
    initialState: m.initialState as Record<string, unknown>,
    variables,
    timesteps,
    runs,
    seed,
    sweep,
    params,
    subsets,
    blocks,
    policyOps,
    charts: m.charts ?? [],
    ...declaredValues(m, { timesteps, runs, seed, sweep }, overrides, params),
  };
}

/** What the model itself says where the run used another value; empty when nothing changed. */
function declaredValues(
  m: Model,
  used: { timesteps: number; runs: number; seed: number; sweep: SweepMode },
  overrides: Overrides,
  params: Record<string, unknown>,
): { declared?: Declared } {
  const declared: Declared = {};
  if (overrides.timesteps !== undefined && used.timesteps !== m.timesteps) declared.timesteps = m.timesteps;
  if (overrides.runs !== undefined && used.runs !== (m.runs ?? 1)) declared.runs = m.runs ?? 1;
  if (overrides.seed !== undefined && used.seed !== (m.seed ?? 0)) declared.seed = m.seed ?? 0;
  if (overrides.sweep !== undefined && used.sweep !== (m.sweep ?? "zip")) declared.sweep = m.sweep ?? "zip";
  const own = (m.params ?? {}) as Record<string, unknown>;
  const changed = Object.keys(overrides.params ?? {}).filter((name) => Object.hasOwn(own, name) && JSON.stringify(own[name]) !== JSON.stringify(params[name]));
  if (changed.length) declared.params = changed;
  return Object.keys(declared).length ? { declared } : {};
}

/** A dotted variable name that is also the flattened column of another variable's nested value (`pool.size` beside `pool: {size}`). */
function collidingVariable(state: Record<string, unknown>): { variable: string; other: string; path: string } | undefined {
  const dotted = new Set(Object.keys(state).filter((v) => v.includes(".")));
  if (dotted.size === 0) return undefined;
  for (const other of Object.keys(state)) {
    const stack: [unknown, string][] = [[state[other], other]];
    const seen = new Set<unknown>();
    while (stack.length) {
      const [value, path] = stack.pop()!;
      if (path !== other && dotted.has(path)) return { variable: path, other, path };
      if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype || seen.has(value)) continue;
      seen.add(value);
      for (const key of Object.keys(value)) stack.push([(value as Record<string, unknown>)[key], `${path}.${key}`]);
    }
  }
  return undefined;
}

/** A record as a model writes one: an object literal or a null-prototype object, not an array or a class instance. */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function show(value: unknown): string {
  if (value === undefined) return "missing";
  if (typeof value === "string") return JSON.stringify(value);
  // An object would read "[object Object]": its kind says more.
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return describeValue(value);
}

/** " (did you mean 'x'?)" for a near miss among `known`. */
export function suggest(name: string, known: Set<string>): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? ` (did you mean '${best}'?)` : "";
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
