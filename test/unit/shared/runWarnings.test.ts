// Run warnings as VS Code shows them: one per distinct warning with the count of other runs, the place in
// short words, the update's location, and the table row of the place with and without substeps.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { simulate, type Model } from "../../../src/engine";
import { bundleModelFile } from "../../../src/loader";
import { runBundle } from "../../../src/runner/pool";
import { buildPanelResults } from "../../../src/shared/panelResults";
import { groupWarnings, warningText } from "../../../src/shared/runWarnings";
import { TableIndex } from "../../../src/shared/tablePages";
import { shortPlace } from "../../../src/shared/warningText";

const misspelt = join(__dirname, "..", "..", "fixtures", "models", "misspeltParam.sim.ts");

const facts = { file: "m.sim.ts", path: "/w/m.sim.ts", seed: 1, engineMs: 1, finishedAt: 0, errors: [], cancelled: false };

test("a misspelt parameter's 6 warnings (2 variables × 3 runs) are 2 entries, each named once with 'and 2 more runs'", async () => {
  const { results } = await runBundle(await bundleModelFile(misspelt), { workers: 1 });
  assert.equal(results.warnings.length, 6);
  const groups = groupWarnings(results.warnings);
  assert.deepEqual(
    groups.map((g) => [g.first.variable, g.first.place.run, g.otherRuns]),
    [
      ["tokens", 1, 2],
      ["staked", 1, 2],
    ],
  );
  assert.equal(
    warningText(groups[0]!, { simulations: 1, subsets: 1 }),
    "'tokens' became NaN (was 101) in state update 'tokens' at run 1, timestep 1, substep 2 (block 'stake'), and 2 more runs",
  );

  const header = buildPanelResults(results, { ...facts, typeErrors: 2, displayPath: (p) => p.replace(/.*\//, "") }).header;
  assert.equal(header.warningCount, 6);
  assert.equal(header.typeErrors, 2);
  const [tokens] = header.warnings;
  assert.equal(tokens!.message, "'tokens' became NaN (was 101) in state update 'tokens'");
  assert.equal(tokens!.place, "run 1, timestep 1, substep 2 (block 'stake')");
  assert.equal(tokens!.otherRuns, 2);
  assert.equal(tokens!.location?.display, "misspeltParam.sim.ts");
  assert.equal(tokens!.location?.file, misspelt);
  assert.ok((tokens!.location?.line ?? 0) > 1);
  // Row 0 is run 1's initial row, row 1 timestep 1 substep 1, row 2 timestep 1 substep 2: where tokens became NaN.
  assert.deepEqual(tokens!.row, { all: 2, dropped: 1 });
});

test("the row of a place holds that place, in every run, with and without substeps; a run cut short ends at its last row", () => {
  const model: Model = {
    initialState: { x: 1 },
    timesteps: 6,
    runs: 3,
    blocks: [
      { label: "a", variables: { x: (_p, _s, _h, state) => state.x + 1 } },
      { label: "b", variables: { x: (_p, _s, _h, state) => state.x * 2 } },
      { label: "c", variables: { x: (_p, _s, _h, state) => state.x - 1 } },
    ],
  };
  const results = simulate(model);
  for (const drop of [false, true]) {
    const index = new TableIndex(results, drop);
    const columns = results.flatColumnNames();
    const at = (c: string, row: unknown[]) => row[columns.indexOf(c)];
    for (const place of [
      { simulation: 0, subset: 0, run: 1, timestep: 0, substep: 0 },
      { simulation: 0, subset: 0, run: 2, timestep: 3, substep: 2 },
      { simulation: 0, subset: 0, run: 3, timestep: 6, substep: 3 },
    ]) {
      const row = index.slice(columns, index.rowOf(place)!, 1)[0]!;
      assert.equal(at("run", row), place.run);
      assert.equal(at("timestep", row), place.timestep, `${JSON.stringify(place)} drop ${drop}`);
      // Dropping substeps keeps each timestep's last block: the row ending the place's timestep.
      assert.equal(at("substep", row), drop && place.timestep > 0 ? 3 : place.substep);
    }
    assert.equal(index.rowOf({ simulation: 0, subset: 0, run: 4, timestep: 1, substep: 1 }), undefined, "no such run");
  }
  // A run with 5 rows (timestep 1 whole, timestep 2's first block): a place beyond them is its last row.
  const cut = simulate({ ...model, runs: 1 });
  cut.runs[0]!.rows = 5;
  assert.equal(new TableIndex(cut, false).rowOf({ simulation: 0, subset: 0, run: 1, timestep: 4, substep: 1 }), 4);
  assert.equal(new TableIndex(cut, true).rowOf({ simulation: 0, subset: 0, run: 1, timestep: 2, substep: 1 }), 1);
});

test("a place names the simulation and subset only when there is more than one", () => {
  const place = { simulation: 1, subset: 2, run: 3, timestep: 4, substep: 1 };
  assert.equal(shortPlace(place, { simulations: 1, subsets: 1 }), "run 3, timestep 4, substep 1");
  assert.equal(shortPlace(place, { simulations: 1, subsets: 3 }, "mint"), "subset 2, run 3, timestep 4, substep 1 (block 'mint')");
  assert.equal(shortPlace(place, { simulations: 2, subsets: 2 }), "simulation 1, run 3, timestep 4, substep 1");
});
