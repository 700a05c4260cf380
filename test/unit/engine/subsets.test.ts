// Subsets named by their parameter values, and those values as columns of the rows (CSV, table; JSON on request).
import assert from "node:assert/strict";
import { test } from "node:test";
import { simulate, type Model } from "../../../src/engine";
import { modelName, paramColumns, subsetName } from "../../../src/engine/subsets";
import { csvChunks } from "../../../src/export/csv";
import { jsonChunks } from "../../../src/export/json";
import { TABLE_ROWS, TableIndex } from "../../../src/shared/tablePages";

function staking(params: Record<string, unknown>, extra: Partial<Model> = {}): Model {
  return {
    name: "staking",
    initialState: { staked: 100 },
    params,
    timesteps: 2,
    runs: 1,
    blocks: [{ variables: { staked: (p, _s, _h, st) => st.staked * (1 + (p.apr as number)) } }],
    ...extra,
  };
}

test("a subset is named by the parameters that vary; a lone subset needs no name; equal subsets by index", () => {
  const sim = simulate(staking({ apr: [0.05, 0.1], fee: 0.01, tiers: [[1, 2]] })).simulations[0]!;
  assert.deepEqual(
    [0, 1].map((s) => subsetName(sim, s)),
    ["apr = 0.05", "apr = 0.1"],
  );
  const two = simulate(staking({ apr: [0.05, 0.1], fee: [0.01, 0.02] }, { sweep: "zip" })).simulations[0]!;
  assert.equal(subsetName(two, 1), "apr = 0.1, fee = 0.02");
  assert.equal(subsetName(simulate(staking({ apr: 0.05 })).simulations[0]!, 0), "");
  const same = simulate(staking({ apr: [0.05, 0.05] })).simulations[0]!;
  assert.deepEqual(
    [0, 1].map((s) => subsetName(same, s)),
    ["subset 0", "subset 1"],
  );
});

test("a parameter column takes the key's name, params.<key> where a variable or metadata column has it", () => {
  assert.deepEqual(paramColumns([{ subsets: [{ apr: 1, staked: 2, run: 3 }] }, { subsets: [{ apr: 1, cap: 4 }] }], ["staked", "simulation", "run"]), [
    { key: "apr", name: "apr" },
    { key: "staked", name: "params.staked" },
    { key: "run", name: "params.run" },
    { key: "cap", name: "cap" },
  ]);
  const sims = [
    { simulation: 0, name: "a" },
    { simulation: 1, name: "a" },
    { simulation: 2, name: "b" },
  ];
  assert.deepEqual(
    [0, 1, 2].map((s) => modelName(sims, s)),
    ["a (simulation 0)", "a (simulation 1)", "b"],
  );
});

test("CSV rows carry each subset's parameters after the metadata; a list parameter as its JSON text", () => {
  const results = simulate(staking({ apr: [0.05, 0.1], tiers: [[1, 2]], label: "x,y" }));
  const lines = [...csvChunks(results)].join("").trimEnd().split("\n");
  assert.equal(lines[0], "staked,simulation,subset,run,timestep,substep,apr,tiers,label");
  assert.equal(lines[1], '100,0,0,1,0,0,0.05,"[1,2]","x,y"');
  assert.equal(lines[4], '100,0,1,1,0,0,0.1,"[1,2]","x,y"');
  assert.equal(lines.length, 1 + 2 * 3);
  assert.equal([...csvChunks(results, { params: false })].join("").split("\n")[0], "staked,simulation,subset,run,timestep,substep");
});

test("JSON rows stay as cadCAD gives them unless the parameters are asked for", () => {
  const results = simulate(staking({ apr: [0.05, 0.1], staked: 7 }));
  const plain = JSON.parse([...jsonChunks(results)].join("")) as Record<string, unknown>[];
  assert.deepEqual(Object.keys(plain[0]!), ["staked", "simulation", "subset", "run", "timestep", "substep"]);
  const withParams = JSON.parse([...jsonChunks(results, { params: true })].join("")) as Record<string, unknown>[];
  assert.deepEqual(withParams[3], { staked: 100, simulation: 0, subset: 1, run: 1, timestep: 0, substep: 0, apr: 0.1, "params.staked": 7 });
});

test("the table's rows carry the parameters in the columns the panel is given", () => {
  const results = simulate(staking({ apr: [0.05, 0.1] }, { runs: 2 }));
  const columns = results.flatColumnNames(TABLE_ROWS);
  assert.deepEqual(columns.slice(-2), ["substep", "apr"]);
  const index = new TableIndex(results, false);
  assert.deepEqual(
    index.slice(columns, 5, 2).map((row) => row.slice(-3)),
    [
      [2, 1, 0.05],
      [0, 0, 0.1],
    ],
  );
});
