// Generated model files for the runner's contract property: valid blocks mixed with one fault of a known class.
import fc from "fast-check";

/** Faults raised by model code while a run runs: exit code 1, located, at a known place. */
export const RUN_FAULTS = {
  throw: 'throw new Error("boom");',
  throwValue: "throw { code: 42 };",
  badMessage: 'const e = new Error("x"); Object.defineProperty(e, "message", { get() { throw new Error("m"); } }); throw e;',
  returnUndefined: "return undefined;",
  exit: "process.exit(3);",
  function: "return () => 1;",
  symbol: 'return Symbol("s");',
  promise: "return (async () => 1)();",
  weakMap: "return new WeakMap();",
  method: "return { v: 1, get() { return 1; } };",
  proxy: "return new Proxy({}, {});",
  history: "return h;",
  ctx: "return ctx;",
  getter: 'return { get a() { throw new Error("getter"); } };',
  deep: "let l = null; for (let j = 0; j < 20000; j++) l = { next: l }; return l;",
  // Policies: these are in block k's policy instead.
  policyNumber: "return 42;",
  asyncPolicy: "return Promise.resolve({ d: 1 });",
} as const;
export type RunFault = keyof typeof RUN_FAULTS;
const POLICY_FAULTS: ReadonlySet<RunFault> = new Set(["policyNumber", "asyncPolicy"]);

/** Faults found while loading or validating: exit code 2, located in the file. */
export const LOAD_FAULTS = [
  "loadThrow",
  "loadThrowsBadError",
  "syntax",
  "noDefault",
  "promiseExport",
  "unknownVariable",
  "hugeTimesteps",
  "hugeRuns",
  "collidingColumn",
  "sweepMismatch",
] as const;
export type LoadFault = (typeof LOAD_FAULTS)[number];

/** Valid state that is easy to get wrong: records, text, lists, Map, Set, BigInt64Array, a cycle, a function parameter. */
export const EXTRAS = ["record", "text", "list", "map", "set", "bigint64", "cycle", "fnParam", "dotted"] as const;
export type Extra = (typeof EXTRAS)[number];

/** Where a run fault fires (all 1-based but subset, which counts from 0 like the rows). */
export interface At {
  subset: number;
  run: number;
  timestep: number;
  block: number;
}

/** One generated model file and what the contract says of it. */
export interface FuzzCase {
  runs: number;
  timesteps: number;
  rates: number[];
  blocks: number;
  extras: Extra[];
  fault?: { kind: RunFault; at: At } | { kind: LoadFault };
}

const isRunFault = (f: FuzzCase["fault"]): f is { kind: RunFault; at: At } => f !== undefined && "at" in f;

/** The case as model file text. */
export function modelSource(c: FuzzCase): string {
  const fault = c.fault;
  const kind = fault?.kind;
  const runFault = isRunFault(fault) ? fault : undefined;
  const when = (k: number): string | undefined =>
    runFault && runFault.at.block === k
      ? `ctx.subset === ${runFault.at.subset} && ctx.run === ${runFault.at.run} && ctx.timestep === ${runFault.at.timestep}`
      : undefined;
  const state: string[] = [];
  const blocks: string[] = [];
  for (let k = 1; k <= c.blocks; k++) {
    state.push(`n${k}: 0`);
    const w = when(k);
    const policyFault = w && POLICY_FAULTS.has(runFault!.kind) ? `if (${w}) { ${RUN_FAULTS[runFault!.kind]} } ` : "";
    const updateFault = w && !POLICY_FAULTS.has(runFault!.kind) ? `if (${w}) { ${RUN_FAULTS[runFault!.kind]} } ` : "";
    const scale = c.extras.includes("fnParam") ? "params.scale(params.rate)" : "params.rate";
    const vars = [`n${k}: (params, substep, h, st, input, ctx) => { ${updateFault}return st.n${k} + input.d; }`];
    if (k === 1) {
      if (c.extras.includes("record")) vars.push("rec: (p, s, h, st) => ({ a: st.rec.a + 1, b: { c: st.rec.b.c * 2 } })");
      if (c.extras.includes("text")) vars.push('text: (p, s, h, st) => st.text + "x"');
      if (c.extras.includes("list")) vars.push("list: (p, s, h, st, i, ctx) => [...st.list, ctx.timestep]");
      if (c.extras.includes("map")) vars.push("m: (p, s, h, st, i, ctx) => { st.m.set(`t${ctx.timestep}`, ctx.run); return st.m; }");
      if (c.extras.includes("set")) vars.push("set: (p, s, h, st, i, ctx) => new Set([...st.set, ctx.timestep])");
      if (c.extras.includes("bigint64")) vars.push("big: (p, s, h, st) => { const a = st.big.slice(); a[0] += 1n; return a; }");
      if (c.extras.includes("dotted")) vars.push('"pool.size": (p, s, h, st) => st["pool.size"] + 1');
    }
    blocks.push(
      `    { label: "b${k}", policies: { p${k}: (params, substep, h, st, ctx) => { ${policyFault}return { d: ${scale} }; } }, variables: { ${vars.join(", ")} } }`,
    );
  }
  if (c.extras.includes("record")) state.push("rec: { a: 0, b: { c: 1 } }");
  if (c.extras.includes("text")) state.push('text: ""');
  if (c.extras.includes("list")) state.push("list: []");
  if (c.extras.includes("map")) state.push("m: new Map()");
  if (c.extras.includes("set")) state.push("set: new Set()");
  if (c.extras.includes("bigint64")) state.push("big: new BigInt64Array(2)");
  if (c.extras.includes("cycle")) state.push("cyc: cyclic");
  if (c.extras.includes("dotted")) state.push('"pool.size": 1');
  if (kind === "collidingColumn") state.push("pool: { size: 5 }", ...(c.extras.includes("dotted") ? [] : ['"pool.size": 1']));
  if (kind === "unknownVariable") blocks.push("    { variables: { nope: (p, s, h, st) => 1 } }");
  const params = [`rate: [${c.rates.join(", ")}]`];
  if (c.extras.includes("fnParam")) params.push("scale: (x) => x * 2");
  if (kind === "sweepMismatch") params.push("other: [1, 2]", "another: [1, 2, 3]");
  const model = [
    "{",
    `  initialState: { ${state.join(", ")} },`,
    `  timesteps: ${kind === "hugeTimesteps" ? "1e15" : c.timesteps},`,
    `  runs: ${kind === "hugeRuns" ? "1e9" : c.runs},`,
    "  seed: 7,",
    `  params: { ${params.join(", ")} },`,
    "  blocks: [",
    blocks.join(",\n"),
    "  ],",
    "}",
  ].join("\n");
  const lines = ["// generated by the runner's contract property", "const cyclic: any = { a: 1 }; cyclic.self = cyclic;"];
  if (kind === "loadThrow") lines.push('throw new Error("fails at load");');
  if (kind === "loadThrowsBadError")
    lines.push('{ const e = new Error("x"); Object.defineProperty(e, "stack", { get() { throw new Error("s"); } }); throw e; }');
  if (kind === "syntax") lines.push("const = ;");
  lines.push(`const model: any = ${model};`);
  if (kind === "noDefault") lines.push("export const notDefault = model;");
  else if (kind === "promiseExport") lines.push("export default Promise.resolve(model);");
  else lines.push("export default model;");
  return `${lines.join("\n")}\n`;
}

/** Rows of one complete run. */
export const rowsPerRun = (c: FuzzCase): number => c.timesteps * c.blocks + 1;

/** What the contract says of the case: the exit code, and for a run fault its place and the rows kept. */
export function expected(c: FuzzCase): { exit: 0 | 1 | 2; rows: number; place?: { subset: number; run: number; timestep: number; substep: number } } {
  const all = c.rates.length * c.runs * rowsPerRun(c);
  const fault = c.fault;
  if (!fault) return { exit: 0, rows: all };
  if (!isRunFault(fault)) return { exit: 2, rows: 0 };
  const { subset, run, timestep, block } = fault.at;
  // Every run before the failing one in plan order, then that run up to the row of the failing block.
  const before = (subset * c.runs + (run - 1)) * rowsPerRun(c);
  return { exit: 1, rows: before + (timestep - 1) * c.blocks + block, place: { subset, run, timestep, substep: block } };
}

/** Open causes, kept out of the default mix (see the report of issue 15): none at present. */
const RUN_KINDS = Object.keys(RUN_FAULTS) as RunFault[];

/** A generated case: most have one fault, a fifth are valid. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc
  .record({
    runs: fc.integer({ min: 1, max: 3 }),
    timesteps: fc.integer({ min: 1, max: 4 }),
    rates: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 2 }),
    blocks: fc.integer({ min: 1, max: 3 }),
    extras: fc.subarray([...EXTRAS]),
    faultClass: fc.constantFrom("none", "run", "run", "run", "load"),
    runKind: fc.constantFrom(...RUN_KINDS),
    loadKind: fc.constantFrom(...LOAD_FAULTS),
    pick: fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()),
  })
  .map((r): FuzzCase => {
    const base = { runs: r.runs, timesteps: r.timesteps, rates: r.rates, blocks: r.blocks, extras: r.extras };
    if (r.faultClass === "none") return base;
    if (r.faultClass === "load") return { ...base, fault: { kind: r.loadKind } };
    const [s, u, t, b] = r.pick;
    const at = { subset: s % r.rates.length, run: (u % r.runs) + 1, timestep: (t % r.timesteps) + 1, block: (b % r.blocks) + 1 };
    return { ...base, fault: { kind: r.runKind, at } };
  });
