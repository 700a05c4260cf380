// Paged table access: any slice equals the same rows read in order, with and without substeps.
import assert from "node:assert/strict";
import { test } from "node:test";
import { simulate } from "../../../src/engine";
import { TableIndex } from "../../../src/shared/tablePages";
import { workTokenModel } from "../helpers";

test("slices match the flattened rows in order, across run boundaries", () => {
  const results = simulate(workTokenModel({ runs: 4, timesteps: 10 }));
  for (const dropSubsteps of [false, true]) {
    const columns = results.flatColumnNames({ dropSubsteps });
    const all = [...results.flatRows({ dropSubsteps })].map((row) => columns.map((c) => row[c]));
    const index = new TableIndex(results, dropSubsteps);
    assert.equal(index.rowCount, all.length);
    assert.equal(index.rowCount, dropSubsteps ? 4 * 11 : 4 * 21);
    for (const [start, count] of [
      [0, 5],
      [18, 7],
      [index.rowCount - 3, 10],
      [40, 0],
    ] as const) {
      assert.deepEqual(index.slice(columns, start, count), all.slice(start, start + count), `start ${start} drop ${dropSubsteps}`);
    }
  }
});
