// Results read back from JSON rows: what `substep run --out x.json` wrote comes back as the same rows.
import assert from "node:assert/strict";
import { test } from "node:test";
import { RowsError, compareFinals, resultsFromJson, resultsFromRows, simulate, subsetName, type Model, type Results } from "../../../src/engine";
import { jsonChunks } from "../../../src/export/json";
import { workTokenModel } from "../helpers";

const json = (results: Results, params = false, dropSubsteps = false): string => [...jsonChunks(results, { params, dropSubsteps }, 64)].join("");

test("a run's JSON rows read back as equal rows: nested state, dimensions, final values", () => {
  const results = simulate(workTokenModel({ timesteps: 6 }));
  const back = resultsFromJson(json(results), { file: "a.json", name: "WORK" });
  assert.deepEqual([...back.rows()], [...results.rows()]);
  const info = back.simulations[0]!;
  assert.deepEqual([info.name, info.timesteps, info.blocks, info.runs, info.subsets], ["WORK", 6, 2, 3, [{}]]);
  assert.deepEqual(info.variables, ["tokens", "weekly_token_minting", "community_treasury", "contributors"]);
  assert.equal(back.runs[0]!.columns[3]!.kind, "record", "a record of numbers is stored as numeric leaves");
  assert.deepEqual(back.finalValues(back.runs[2]!), results.finalValues(results.runs[2]!));
});

test("a swept model's parameter columns give each subset its values, so subsets are named by them", () => {
  const model: Model = {
    initialState: { staked: 1000, apr: 0 },
    params: { apr: [0.05, 0.1], fee: 1 },
    timesteps: 4,
    runs: 2,
    blocks: [{ variables: { staked: (p, _s, _h, state) => state.staked * (1 + (p.apr as number)) - (p.fee as number), apr: (p) => p.apr as number } }],
  };
  const results = simulate(model);
  const text = json(results, true);
  assert.match(text, /"params\.apr": 0\.05/, "a parameter sharing a variable's name has its own column");
  const back = resultsFromJson(text, { file: "sweep.json" });
  assert.deepEqual([...back.rows({ params: true })], [...results.rows({ params: true })]);
  assert.deepEqual([...back.rows()], [...results.rows()]);
  const info = back.simulations[0]!;
  assert.deepEqual(info.subsets, [
    { apr: 0.05, fee: 1 },
    { apr: 0.1, fee: 1 },
  ]);
  assert.deepEqual([subsetName(info, 0), subsetName(info, 1)], ["apr = 0.05", "apr = 0.1"]);
  const groups = (r: Results): string[] => compareFinals([{ label: "x", results: r }]).rows.map((row) => `${row.group}:${row.name}`);
  assert.deepEqual(groups(back), groups(results));
  // Without the parameter columns the subsets have no values: they are told apart by number.
  const plain = resultsFromJson(json(results), { file: "plain.json" });
  assert.deepEqual(plain.simulations[0]!.subsets, [{}, {}]);
  assert.equal(subsetName(plain.simulations[0]!, 1), "subset 1");
});

test("non-finite numbers, written as strings, read back as numbers", () => {
  const model: Model = {
    initialState: { x: 1, pool: { a: 1, b: 1 }, label: "NaN-free text" },
    timesteps: 3,
    blocks: [
      {
        variables: {
          x: (_p, _s, _h, state) => (state.x > 2 ? NaN : state.x * 2),
          pool: (_p, _s, _h, state) => ({ a: state.pool.a / 0, b: -state.pool.b / 0 }),
        },
      },
    ],
  };
  const results = simulate(model);
  const text = json(results);
  assert.match(text, /"x": "NaN"/);
  assert.match(text, /"a":"Infinity","b":"-Infinity"/);
  const back = resultsFromJson(text, { file: "nan.json" });
  assert.deepEqual([...back.rows()], [...results.rows()]);
  assert.equal(back.runs[0]!.columns[0]!.kind, "number");
  assert.equal(back.runs[0]!.columns[1]!.kind, "record");
});

test("rows written with --drop-substeps read as one row per timestep, with the same final values", () => {
  const results = simulate(workTokenModel({ timesteps: 5, runs: 2 }));
  const back = resultsFromJson(json(results, false, true), { file: "dropped.json" });
  assert.equal(back.simulations[0]!.blocks, 1);
  assert.equal(back.rowCount, 12);
  // Each timestep's row is its substep 1 now (the file's rows said substep 2): one block, the values unchanged.
  const expected = [...results.rows({ dropSubsteps: true })].map((row) => ({ ...row, substep: row.timestep === 0 ? 0 : 1 }));
  assert.deepEqual([...back.rows()], expected);
  assert.deepEqual(back.finalValues(back.runs[1]!), results.finalValues(results.runs[1]!));
});

test("bad input: the error names the file and the row", () => {
  const row = { x: 1, simulation: 0, subset: 0, run: 1, timestep: 0, substep: 0 };
  const fails = (input: unknown, pattern: RegExp): void => {
    assert.throws(
      () => (typeof input === "string" ? resultsFromJson(input, { file: "f.json" }) : resultsFromRows(input, { file: "f.json" })),
      (err: unknown) => err instanceof RowsError && pattern.test(err.message),
      String(pattern),
    );
  };
  fails("[{", /^f\.json: not JSON \(/);
  fails({ rows: [] }, /^f\.json: not an array of rows/);
  fails([], /^f\.json: no rows/);
  fails([row, 3], /^f\.json: row 1 is not an object/);
  fails([row, { x: 2, simulation: 0, subset: 0, run: 1, substep: 1 }], /^f\.json: row 1 has no 'timestep'/);
  fails([{ ...row, run: "1" }], /^f\.json: row 0: 'run' is "1", not a whole number/);
  fails([row, { y: 1, ...row, timestep: 1, substep: 1 }], /^f\.json: row 1 has the variables y, x, not those of simulation 0's first row \(x\)/);
  fails([{ ...row, run: 2 }, row], /^f\.json: row 1: simulation 0, subset 0, run 1 comes after run 2/);
  fails(
    [row, { ...row, timestep: 2, substep: 1 }, { ...row, timestep: 1, substep: 1 }],
    /^f\.json: row 1: timestep 2, substep 1 where run 1 .* has timestep 1, substep 1 next/,
  );
});
