// The model file contract (docs/model-api.md) as types: what users write and what the engine reads.

/** The five identifiers cadCAD adds to every row and to the state handed to model functions. */
export interface StateMeta {
  /** Index of the model in an experiment (an exported array of models), from 0. */
  readonly simulation: number;
  /** Index of the parameter subset of a sweep, from 0. */
  readonly subset: number;
  /** Monte Carlo run within the subset, from 1. */
  readonly run: number;
  /** Timestep of this row: 0 for the initial row. */
  readonly timestep: number;
  /** Block (partial state update block) that produced this row, from 1; 0 for the initial row. */
  readonly substep: number;
}

/** The state handed to policies and state updates: the previous row, metadata included. */
export type State<S> = S & StateMeta;

/** A row of the output: state variables plus metadata. */
export type Row<S = Record<string, unknown>> = S & StateMeta;

/**
 * cadCAD's `sH`: completed timesteps only. `history[0]` is `[initial row]`, `history[i]` the rows of
 * timestep i. Read-only: rows are frozen copies.
 */
export type History<S> = ReadonlyArray<ReadonlyArray<Readonly<Row<S>>>>;

/**
 * The run's seeded generator. Calling it gives a number in [0, 1). Its methods may be used detached
 * during the run (`const { normal } = ctx.random`), so they are typed as properties.
 */
export interface Random {
  (): number;
  /** An integer in [lo, hi], both ends included (Python's `randint`). */
  int: (lo: number, hi: number) => number;
  /** A float in [a, b). */
  uniform: (a: number, b: number) => number;
  /** A normal draw (Box-Muller). */
  normal: (mean?: number, sd?: number) => number;
  /** One element of a non-empty array. */
  choice: <T>(items: readonly T[]) => T;
}

/**
 * Where a call happens, and the run's generator. One object per run, updated between calls: read it
 * during the call, do not keep it.
 */
export interface Context {
  readonly simulation: number;
  readonly subset: number;
  readonly run: number;
  /** The timestep being computed, from 1. */
  readonly timestep: number;
  /** The block being computed, from 1. */
  readonly substep: number;
  /** The run's seeded generator; `Math.random()` in model code draws from it too. */
  readonly random: Random;
}

/** Signals returned by policies, and the aggregated input handed to state updates. */
export type Signals = Record<string, any>;

/** A policy: `(params, substep, history, state, ctx) => signals`. */
export type Policy<S = any, P = any> = (params: P, substep: number, history: History<S>, state: State<S>, ctx: Context) => Signals;

/**
 * A state update for a variable of type `V`: returns the variable's new value itself, not cadCAD's
 * `(key, value)` tuple (`["x", v]` is a run error unless the variable already held arrays).
 */
export type StateUpdate<S = any, P = any, V = any, I = Signals> = (
  params: P,
  substep: number,
  history: History<S>,
  state: State<S>,
  input: I,
  ctx: Context,
) => V;

/** A block's policies by name. */
export type Policies<S = any, P = any> = Record<string, Policy<S, P>>;

type Unboxed<T> = T extends { 0: infer I } ? I : never;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * The `input` of a block's state updates: every signal its policies return (same-named signals are
 * aggregated by `policyOps`). Policies known only as a `Record<string, Policy>` give `Signals`.
 */
export type InputOf<Pol> = string extends keyof Pol
  ? Signals
  : [keyof Pol] extends [never]
    ? {}
    : // Boxed, so a policy that returns one of several shapes stays a union: only policies intersect.
      Unboxed<UnionToIntersection<{ [K in keyof Pol]: [Pol[K] extends (...args: any[]) => infer R ? R : never] }[keyof Pol]>>;

/** A partial state update block: block k produces the row with `substep: k`. */
export interface Block<S = any, P = any, Pol = Policies<S, P>> {
  /** Shown in the UI and in error messages. */
  label?: string;
  /** Policies by name; a name used in several blocks is one policy for cadCAD's ordering. */
  policies?: Pol;
  /** State updates by the variable they update; every key must be in `initialState`. */
  variables?: { [K in keyof S]?: StateUpdate<S, P, NoInfer<S[K]>, InputOf<Pol>> };
}

/** A policy op: the first folds two values, each further one maps one value. */
export type PolicyOp = (a: any, b?: any) => any;

/** Sweep rule: `zip` (cadCAD's, by position) or `cartesian` (every combination). */
export type SweepMode = "zip" | "cartesian";

/** A parameter's candidate values: an array lists them; anything else is a constant. */
export type ParamSpec = Record<string, unknown>;

/** The plain parameter values of one subset, from a `params` spec. */
export type ParamValues<PS> = { [K in keyof PS]: PS[K] extends readonly (infer U)[] ? U : PS[K] };

/** A model: cadCAD's initial state, partial state update blocks and simulation configuration. */
export interface Model<S = any, PS = any> {
  /** Shown in the UI. */
  name?: string;
  /** cadCAD `genesis_states`: every state variable and its initial value. */
  initialState: S;
  /** Number of timesteps T: timesteps 1..T are computed (cadCAD `T = range(T)`). */
  timesteps: number;
  /** Monte Carlo runs per parameter subset (cadCAD `N`); default 1. */
  runs?: number;
  /** Base seed of the runs' generators; default 0. */
  seed?: number;
  /** cadCAD `M`: an array lists candidate values, anything else is a constant. */
  params?: PS;
  /** How parameter lists combine into subsets; default `zip`. */
  sweep?: SweepMode;
  /** cadCAD `policy_ops`: how signals with the same key are aggregated; default `[add]`. */
  policyOps?: PolicyOp[];
  /** The partial state update blocks, in order. */
  blocks: Block<S, ParamValues<PS>>[];
  /** Extra Vega-Lite specs (without `data`) for the results panel; they read the tidy rows. */
  charts?: object[];
}

/**
 * The blocks `defineModel` accepts. TypeScript infers each position's policies separately (a type
 * parameter per block, so the policies' signals are known before the block's state updates are
 * checked, which a mapped tuple type cannot do), which types `input` in the first 12 blocks; later
 * blocks get `Signals`. A block literal after a spread (`[...common, {...}]`) could be at any position, so
 * its contextual type is a union of slots whose `input` types differ, and TypeScript gives its functions
 * no parameter types: the README says to write it before the spread or declare it as a `Block<S>`.
 */
export type BlockList<S, P, B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10, B11> = [
  Block<S, P, B0>?,
  Block<S, P, B1>?,
  Block<S, P, B2>?,
  Block<S, P, B3>?,
  Block<S, P, B4>?,
  Block<S, P, B5>?,
  Block<S, P, B6>?,
  Block<S, P, B7>?,
  Block<S, P, B8>?,
  Block<S, P, B9>?,
  Block<S, P, B10>?,
  Block<S, P, B11>?,
  ...Block<S, P>[],
];

/** What `defineModel` accepts: a model whose blocks are typed position by position. */
export interface ModelSpec<S, PS, B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10, B11> extends Omit<Model<S, PS>, "blocks"> {
  /** The partial state update blocks, in order. */
  blocks: BlockList<S, ParamValues<PS>, B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10, B11>;
}

type Pol<S, PS> = Policies<S, ParamValues<PS>>;

/** Declares a model. It only adds types: a plain object literal is a valid model too. */
export type DefineModel = <
  S extends Record<string, unknown>,
  PS extends ParamSpec = {},
  B0 extends Pol<S, PS> = Pol<S, PS>,
  B1 extends Pol<S, PS> = Pol<S, PS>,
  B2 extends Pol<S, PS> = Pol<S, PS>,
  B3 extends Pol<S, PS> = Pol<S, PS>,
  B4 extends Pol<S, PS> = Pol<S, PS>,
  B5 extends Pol<S, PS> = Pol<S, PS>,
  B6 extends Pol<S, PS> = Pol<S, PS>,
  B7 extends Pol<S, PS> = Pol<S, PS>,
  B8 extends Pol<S, PS> = Pol<S, PS>,
  B9 extends Pol<S, PS> = Pol<S, PS>,
  B10 extends Pol<S, PS> = Pol<S, PS>,
  B11 extends Pol<S, PS> = Pol<S, PS>,
>(
  model: ModelSpec<S, PS, B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10, B11>,
) => Model<S, PS>;

/** What a model file's default export may be: a model, or an experiment of models. */
export type ModelExport = Model | Model[];
