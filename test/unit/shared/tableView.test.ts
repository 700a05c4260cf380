// The table's sort and filter over the columnar store, against the plain rows sorted and filtered the obvious way.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { simulate, type Model } from "../../../src/engine";
import { TableIndex, TABLE_ROWS } from "../../../src/shared/tablePages";
import { FilterError, parseFilter } from "../../../src/shared/table/rowFilter";
import { finish, RowOrder } from "../../../src/shared/table/rowOrder";
import { TableView, type TableQuery } from "../../../src/shared/table/tableView";
import { workTokenModel } from "../helpers";

/** The reference order: by key, NaN last whatever the direction, ties in row order. */
function referenceOrder(keys: number[], descending: boolean): number[] {
  const rows = keys.map((_, i) => i);
  return rows.sort((a, b) => {
    const [x, y] = [keys[a]!, keys[b]!];
    if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
    const d = descending ? y - x : x - y;
    return d !== 0 ? d : a - b;
  });
}

test("the radix order equals a stable sort with NaN last, both directions, for any keys", () => {
  const key = fc.oneof(fc.double(), fc.integer({ min: -3, max: 3 }), fc.constantFrom(0, -0, Number.NaN, Infinity, -Infinity, 1e-300, -1e300));
  fc.assert(
    fc.property(fc.array(key, { maxLength: 300 }), fc.boolean(), (keys, descending) => {
      const order = finish(
        RowOrder.of(
          Float64Array.from(keys),
          Uint32Array.from(keys, (_, i) => i),
          descending,
        ),
      );
      const got = Array.from(finish(order.slice(0, keys.length)));
      // -0 and 0 are one value in the table: compare with them made equal.
      assert.deepEqual(
        got,
        referenceOrder(
          keys.map((k) => (k === 0 ? 0 : k)),
          descending,
        ),
      );
      assert.equal(order.complete, true);
    }),
    { numRuns: 300 },
  );
});

test("large ranges are split lazily: a page in the middle is right before the rest is sorted", () => {
  const n = 300_000;
  // Many ties and a narrow range: the keys share their top bits, so several levels of digits are needed.
  const keys = Float64Array.from({ length: n }, (_, i) => 1000 + ((i * 7919) % 5003) / 8192);
  const copy = Array.from(keys);
  const order = finish(
    RowOrder.of(
      keys,
      Uint32Array.from({ length: n }, (_, i) => i),
      true,
    ),
  );
  const page = Array.from(finish(order.slice(150_000, 150_200)));
  assert.equal(order.complete, false, "only the ranges around the page are ordered");
  const reference = referenceOrder(copy, true);
  assert.deepEqual(page, reference.slice(150_000, 150_200));
  assert.deepEqual(Array.from(finish(order.slice(0, n))), reference);
});

function view(model: Model, query: Partial<TableQuery>): { columns: string[]; rows: unknown[][]; indexes: number[] } {
  const results = simulate(model);
  const q: TableQuery = { filter: "", dropSubsteps: false, ...query };
  const columns = results.flatColumnNames(TABLE_ROWS);
  const index = new TableIndex(results, q.dropSubsteps);
  const v = finish(TableView.build(results, index, columns, q));
  const { rows, indexes } = finish(v.rows(0, v.rowCount, columns));
  return { columns, rows, indexes };
}

function allRows(model: Model, dropSubsteps = false): { columns: string[]; rows: Record<string, unknown>[] } {
  const results = simulate(model);
  return { columns: results.flatColumnNames(TABLE_ROWS), rows: [...results.flatRows({ ...TABLE_ROWS, dropSubsteps })] };
}

const sweep = (): Model => workTokenModel({ runs: 3, timesteps: 20, params: { minting: [50, 100] } as never });

test("a filter keeps exactly the rows its condition holds for, in row order, with each row's number", () => {
  const model = sweep();
  const { columns, rows } = allRows(model);
  for (const [filter, predicate] of [
    ["tokens > 1000 and substep == 2", (r: Record<string, unknown>) => (r.tokens as number) > 1000 && r.substep === 2],
    ["minting == 50 && run in [1, 3]", (r: Record<string, unknown>) => r.minting === 50 && (r.run === 1 || r.run === 3)],
    [
      "timestep >= 5 and timestep <= 7 or contributors.token_balance < 10",
      (r: Record<string, unknown>) => ((r.timestep as number) >= 5 && (r.timestep as number) <= 7) || (r.contributors_token_balance as number) < 10,
    ],
    ["not (subset == 0) and abs(tokens - 1001) < 1", (r: Record<string, unknown>) => r.subset !== 0 && Math.abs((r.tokens as number) - 1001) < 1],
  ] as const) {
    const expected = rows.map((r, i) => [r, i] as const).filter(([r]) => predicate({ ...r, contributors_token_balance: r["contributors.token_balance"] }));
    const got = view(model, { filter });
    assert.ok(expected.length > 0 && expected.length < rows.length, `${filter} keeps some rows: ${expected.length}`);
    assert.deepEqual(
      got.indexes,
      expected.map(([, i]) => i),
      filter,
    );
    assert.deepEqual(
      got.rows,
      expected.map(([r]) => columns.map((c) => r[c])),
      filter,
    );
  }
});

test("a sort orders the filtered rows by the column, ties in row order; substeps dropped first", () => {
  const model = sweep();
  const { columns, rows } = allRows(model, true);
  const kept = rows.map((r, i) => [r, i] as const).filter(([r]) => (r.timestep as number) > 0);
  const expected = [...kept].sort(([a, i], [b, j]) => (b["contributors.token_balance"] as number) - (a["contributors.token_balance"] as number) || i - j);
  const got = view(model, { filter: "timestep > 0", sort: { column: "contributors.token_balance", descending: true }, dropSubsteps: true });
  assert.deepEqual(
    got.indexes,
    expected.map(([, i]) => i),
  );
  assert.deepEqual(
    got.rows,
    expected.map(([r]) => columns.map((c) => r[c])),
  );
});

test("a column of text sorts in natural order, missing values last", () => {
  const model: Model = {
    name: "labels",
    initialState: { label: "n1", x: 0 },
    timesteps: 12,
    blocks: [
      {
        policies: {},
        variables: {
          x: (_p, _s, _h, state) => state.x + 1,
          label: (_p, _s, _h, state) => (state.x % 4 === 3 ? undefined : `n${(state.x * 5) % 12}`),
        },
      },
    ],
  };
  const { columns, rows } = view(model, { sort: { column: "label", descending: false } });
  const labels = rows.map((r) => r[columns.indexOf("label")]);
  const present = labels.filter((l) => l !== undefined) as string[];
  assert.deepEqual(
    present,
    [...present].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))),
    "n2 before n10",
  );
  assert.deepEqual(
    labels.slice(present.length),
    labels.slice(present.length).map(() => undefined),
    "missing values last",
  );
});

test("a bad filter says what is wrong and where", () => {
  const columns = ["tokens", "community_treasury", "run", "timestep"];
  const cases: [string, RegExp, number][] = [
    ["treasury < 0", /no column 'treasury'/, 0],
    ["timestep > 3 and tokns < 5", /no column 'tokns' \(did you mean 'tokens'\?\)/, 17],
    ["tokens <", /Expected expression/, 8],
    ["tokens + 1", /a filter is a condition/, 0],
    ["tokens | 1 == 1", /operator '\|' is not supported/, 7],
    ["sqrt(tokens) > 1", /no function 'sqrt'/, 0],
  ];
  for (const [text, message, index] of cases) {
    assert.throws(
      () => parseFilter(text, columns),
      (err: unknown) => err instanceof FilterError && message.test(err.message) && err.index === index,
      text,
    );
  }
});
