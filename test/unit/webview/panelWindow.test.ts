// The results panel's pure parts: the virtual table's windowing and page cache, the view state, cell and header texts.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildChartData } from "../../../src/shared/chartData";
import { simulate } from "../../../src/engine";
import type { ResultsHeader } from "../../../src/shared/protocol";
import { columnWidthCh, formatCell } from "../../../webview/panel/cellFormat";
import { formatDuration as duration } from "../../../src/export/format";
import { errorsTitle, facts } from "../../../webview/panel/headerText";
import { PageCache } from "../../../webview/panel/pageCache";
import { chartedVariables, defaultVariables, defaultViewState, MAX_DEFAULT_VARIABLES, restoreViewState, updateViewState } from "../../../webview/panel/state";
import {
  MAX_SCROLL_HEIGHT,
  maxScrollTop,
  pageRows,
  pagesCovering,
  pagesToRequest,
  rowOffset,
  rowWindow,
  scrollExtent,
  scrollTopFor,
  topRowAt,
  type Geometry,
} from "../../../webview/panel/tableWindow";
import { workTokenModel } from "../helpers";

const small: Geometry = { rowCount: 315, rowHeight: 22, viewportHeight: 440 };
const million: Geometry = { rowCount: 1_000_000, rowHeight: 22, viewportHeight: 440 };

describe("table windowing", () => {
  test("a small table scrolls natively: one row per row height, rows at fixed offsets", () => {
    assert.equal(scrollExtent(small), 315 * 22);
    assert.equal(maxScrollTop(small), 315 * 22 - 440);
    assert.equal(topRowAt(220, small), 10);
    assert.equal(scrollTopFor(10, small), 220);
    const win = rowWindow(220, small, 20);
    assert.deepEqual(win, { top: 10, first: 0, end: 50, visibleFirst: 10, visibleEnd: 30 });
    // Whatever the scroll position, a row's offset is its index times the row height.
    assert.equal(rowOffset(25, win.top, 220, 22), 25 * 22);
    assert.equal(rowOffset(25, topRowAt(300, small), 300, 22), 25 * 22);
  });

  test("the end of a small table shows its last rows; a table shorter than the view does not scroll", () => {
    const end = rowWindow(maxScrollTop(small) + 1000, small, 20);
    assert.equal(end.visibleEnd, 315);
    assert.equal(end.end, 315);
    assert.equal(end.visibleFirst, 315 - 20);
    const tiny: Geometry = { rowCount: 5, rowHeight: 22, viewportHeight: 440 };
    assert.equal(maxScrollTop(tiny), 0);
    assert.deepEqual(rowWindow(50, tiny, 20), { top: 0, first: 0, end: 5, visibleFirst: 0, visibleEnd: 5 });
    assert.deepEqual(rowWindow(0, { ...tiny, rowCount: 0 }, 20), { top: 0, first: 0, end: 0, visibleFirst: 0, visibleEnd: 0 });
  });

  test("a million rows fit a capped scroll area that still reaches every row", () => {
    assert.equal(scrollExtent(million), MAX_SCROLL_HEIGHT);
    assert.equal(topRowAt(0, million), 0);
    const last = rowWindow(maxScrollTop(million), million, 20);
    assert.equal(last.visibleEnd, 1_000_000, "the last row is reachable");
    assert.equal(last.visibleFirst, 1_000_000 - 20);
    const middle = rowWindow(maxScrollTop(million) / 2, million, 20);
    assert.ok(Math.abs(middle.top - (1_000_000 - 20) / 2) < 1e-6, `middle top ${middle.top}`);
    assert.ok(middle.end - middle.first <= 20 + 21 + 20, "only the view and its margins");
    // Rows sit one row height apart around the viewport's top, which is at the scroll position.
    assert.equal(
      rowOffset(Math.floor(middle.top), middle.top, maxScrollTop(million) / 2, 22) - maxScrollTop(million) / 2,
      (Math.floor(middle.top) - middle.top) * 22,
    );
    for (const row of [0, 1, 12_345, 499_990, 999_980])
      assert.ok(Math.abs(topRowAt(scrollTopFor(row, million), million) - row) < 1e-6, `row ${row} round-trips`);
  });

  test("pages cover the kept rows; requests go nearest the view first, within the in-flight limit", () => {
    assert.deepEqual(pagesCovering(0, 50, 200), [0]);
    assert.deepEqual(pagesCovering(180, 230, 200), [0, 1]);
    assert.deepEqual(pagesCovering(400, 400, 200), []);
    assert.deepEqual(pagesCovering(399, 401, 200), [1, 2]);
    const held = new Set([5]);
    const pending = new Set([6]);
    const pick = (inFlight: number, max: number) =>
      pagesToRequest(
        [3, 4, 5, 6, 7],
        (p) => held.has(p),
        (p) => pending.has(p),
        inFlight,
        max,
        5,
      );
    assert.deepEqual(pick(1, 4), [4, 3, 7]);
    assert.deepEqual(pick(3, 4), [4]);
    assert.deepEqual(pick(4, 4), []);
    assert.deepEqual(pageRows(2, 200, 315), { start: 400, count: 0 });
    assert.deepEqual(pageRows(1, 200, 315), { start: 200, count: 115 });
    assert.deepEqual(pageRows(0, 200, 315), { start: 0, count: 200 });
  });

  test("the page cache keeps the most recently used pages within its capacity", () => {
    const cache = new PageCache<number>(3);
    for (const k of ["a", "b", "c"]) cache.set(k, k.charCodeAt(0));
    assert.equal(cache.get("a"), 97, "a is now the most recent");
    cache.set("d", 100);
    assert.equal(cache.size, 3);
    assert.equal(cache.has("b"), false, "b, the least recently used, went");
    assert.ok(cache.has("a") && cache.has("c") && cache.has("d"));
    cache.set("c", 1);
    cache.set("e", 2);
    assert.equal(cache.has("a"), false);
    assert.equal(cache.get("c"), 1);
    cache.clear();
    assert.equal(cache.size, 0);
  });
});

describe("panel view state", () => {
  test("defaults: charts tab, mean, colours, all substeps, nothing hidden", () => {
    assert.deepEqual(defaultViewState(), {
      file: "",
      tab: "charts",
      mode: "mean",
      layout: "colour",
      dropSubsteps: false,
      tableFilter: "",
      hiddenColumns: [],
      tableScroll: 0,
    });
    assert.deepEqual(restoreViewState(undefined), defaultViewState());
    assert.deepEqual(restoreViewState(null), defaultViewState());
    assert.deepEqual(restoreViewState("junk"), defaultViewState());
  });

  test("a kept state is restored field by field; bad or unknown fields fall back to the defaults", () => {
    const kept = {
      file: "/w/m.sim.ts",
      tab: "table",
      variables: ["tokens"],
      mode: "runs",
      layout: "facet",
      dropSubsteps: true,
      tableFilter: "treasury < 0",
      tableSort: { column: "tokens", descending: true },
      hiddenColumns: ["substep"],
      tableScroll: 1234,
    };
    assert.deepEqual(restoreViewState(kept), kept);
    const bad = restoreViewState({
      file: 3,
      tab: "graphs",
      variables: ["a", 1],
      mode: "max",
      layout: "grid",
      dropSubsteps: "yes",
      tableFilter: 7,
      tableSort: { column: "tokens" },
      hiddenColumns: "run",
      tableScroll: -5,
      extra: true,
    });
    assert.deepEqual(bad, defaultViewState());
    assert.equal(restoreViewState({ tableScroll: 12.7 }).tableScroll, 12);
    assert.equal(restoreViewState({ tableScroll: Number.NaN }).tableScroll, 0);
    assert.equal("variables" in restoreViewState({ variables: undefined }), false);
  });

  test("updates merge; variables: undefined returns to the default choice", () => {
    const state = updateViewState(defaultViewState(), { variables: ["a"], mode: "median" });
    assert.deepEqual(state.variables, ["a"]);
    assert.equal(state.mode, "median");
    assert.equal(state.layout, "colour");
    const back = updateViewState(state, { variables: undefined });
    assert.equal("variables" in back, false);
    assert.equal(back.mode, "median");
    assert.deepEqual(updateViewState(state, { tab: "table" }).variables, ["a"], "other changes keep the choice");
  });

  test("charted variables: the varying ones by default, the kept choice otherwise, in the data's order", () => {
    const data = buildChartData(simulate(workTokenModel()));
    assert.deepEqual(data.variables, ["tokens", "weekly_token_minting", "community_treasury", "contributors.token_balance"]);
    assert.deepEqual(defaultVariables(data), ["tokens", "community_treasury", "contributors.token_balance"], "constant weekly_token_minting left out");
    assert.deepEqual(chartedVariables(undefined, data), defaultVariables(data));
    assert.deepEqual(chartedVariables(["contributors.token_balance", "tokens", "gone"], data), ["tokens", "contributors.token_balance"]);
    assert.deepEqual(chartedVariables([], data), [], "an empty choice stays empty");
    assert.deepEqual(chartedVariables(["other_model_var"], data), defaultVariables(data), "another model's choice falls back to the default");
  });

  test("at most MAX_DEFAULT_VARIABLES variables are charted by default", () => {
    const initialState: Record<string, number> = {};
    const variables: Record<string, (p: unknown, s: unknown, h: unknown, state: Record<string, number>) => number> = {};
    for (let i = 0; i < 12; i++) {
      initialState[`v${i}`] = 0;
      variables[`v${i}`] = (_p, _s, _h, state) => state[`v${i}`]! + i + 1;
    }
    const data = buildChartData(simulate({ name: "many", initialState, timesteps: 3, runs: 1, blocks: [{ variables }] }));
    assert.equal(data.variables.length, 12);
    assert.deepEqual(defaultVariables(data), data.variables.slice(0, MAX_DEFAULT_VARIABLES));
  });
});

describe("cell and header texts", () => {
  test("cells: numbers as numbers, long floats shortened with the exact value kept, nested values as compact JSON", () => {
    assert.deepEqual(formatCell(5201), { text: "5201", numeric: true, empty: false });
    assert.deepEqual(formatCell(1 / 3), { text: "0.333333333333", full: String(1 / 3), numeric: true, empty: false });
    assert.deepEqual(formatCell(0.5), { text: "0.5", numeric: true, empty: false });
    assert.deepEqual(formatCell(1.1390625000000001e21), { text: "1.1390625e+21", full: "1.1390625000000001e+21", numeric: true, empty: false });
    assert.deepEqual(formatCell(2 ** 53), { text: "9007199254740992", numeric: true, empty: false });
    assert.deepEqual(formatCell(null), { text: "null", numeric: false, empty: true });
    assert.deepEqual(formatCell({ a: [1, 2], b: "x" }), { text: '{"a":[1,2],"b":"x"}', numeric: false, empty: false });
    assert.equal(formatCell("Infinity").text, "Infinity");
    const long = formatCell("x".repeat(500));
    assert.equal(long.text.length, 120);
    assert.equal(long.full?.length, 500);
    assert.equal(columnWidthCh("timestep", [0, 52]), 9);
    assert.equal(columnWidthCh("run", [123_456_789]), 9, "the widest value");
    assert.equal(columnWidthCh("x", []), 4, "never narrower than 4ch");
    assert.equal(columnWidthCh("y", ["z".repeat(100)]), 36, "never wider than 36ch");
  });

  test("header facts: simulations only for experiments; durations read naturally", () => {
    const header: ResultsHeader = {
      title: "WORK",
      file: "m.sim.ts",
      path: "/w/m.sim.ts",
      simulations: 1,
      subsets: 1,
      runs: 3,
      runsKept: 3,
      timesteps: 52,
      blocks: 2,
      rows: 315,
      seed: 42,
      engineMs: 12.46,
      finishedAt: Date.now(),
      errors: [],
      cancelled: false,
      warningCount: 0,
      warnings: [],
      typeErrors: 0,
    };
    const shown = facts(header);
    assert.deepEqual(shown.slice(0, 6), [
      ["Subsets", "1"],
      ["Runs", "3"],
      ["Timesteps", "52"],
      ["Blocks", "2"],
      ["Rows", "315"],
      ["Seed", "42"],
    ]);
    assert.deepEqual(shown[6], ["Engine", "12.5 ms"]);
    assert.equal(facts({ ...header, simulations: 2, rows: 1_000_000 })[0]![0], "Simulations");
    assert.deepEqual(facts({ ...header, rows: 1_000_000 })[4], ["Rows", "1,000,000"]);
    assert.equal(errorsTitle(["e"], header), "1 run failed");
    assert.equal(errorsTitle(["e"], { runs: 3, runsKept: 2 }), "1 run failed, and the simulation stopped there (1 of 3 runs not run)");
    assert.equal(duration(3421), "3.42 s");
    assert.equal(duration(125_000), "2 min 5 s");
  });
});
