// The Table tab as a user works with it, in the real VS Code: a staking model swept over three APRs, filtered by a
// parameter and a timestep range, sorted by a column both ways, a typo in the filter named, rows copied as TSV.
import * as assert from "node:assert/strict";
import type { FrameLocator, Locator } from "playwright-core";
import { cellsByColumn } from "../../panelPage";
import type { UiSuite, Workbench } from "../driver";

/** Every loaded row's cells by column (the rows in view and a margin). */
async function loadedRows(view: FrameLocator): Promise<Record<string, string>[]> {
  const table = view.locator("#substep-table");
  await table.locator(".substep-row:not(.placeholder)").first().waitFor({ timeout: 15_000 });
  const rows = await table.locator(".substep-row:not(.placeholder)").all();
  const out: Record<string, string>[] = [];
  for (const row of rows) out.push({ "#": (await row.locator("[role=rowheader]").textContent()) ?? "", ...(await cellsByColumn(table, row)) });
  return out;
}

async function applyFilter(view: FrameLocator, text: string): Promise<void> {
  const input = view.locator(".table-filter input");
  await input.fill(text);
  await input.press("Enter");
}

async function rowCount(view: FrameLocator, expected: RegExp): Promise<string> {
  const count = view.locator(".row-count", { hasText: expected });
  await count.waitFor({ timeout: 20_000 });
  return (await count.textContent()) ?? "";
}

function header(view: FrameLocator, column: string): Locator {
  return view.locator(`.vt-header [data-column="${column}"]`);
}

async function openTable(wb: Workbench): Promise<FrameLocator> {
  await wb.openFile("staking.sim.ts");
  await wb.runCommand("Substep: Run Simulation");
  await wb.activeTab("Results: Staking sweep").waitFor({ timeout: 30_000 });
  const view = await wb.webviewFrame();
  await view.getByText("Table", { exact: true }).first().click();
  await view.locator("#substep-table[data-row-count='318']").waitFor({ timeout: 20_000 });
  return view;
}

export const suite: UiSuite = {
  options: { settings: { "workbench.colorTheme": "Default Dark Modern" } },
  tests: [
    {
      name: "a filter by parameter and timestep keeps those rows; a header click sorts them, then sorts them the other way",
      run: async (wb) => {
        const view = await openTable(wb);
        // 3 APRs × 2 runs × 53 rows: the columns that identify a row come first, pinned; one model and one block
        // make simulation and substep the same in every row: first too, but not pinned.
        const headers = await view.locator(".vt-header [data-column]").allTextContents();
        assert.deepEqual(headers.slice(0, 5), ["subset", "run", "timestep", "simulation", "substep"], headers.join(" | "));
        assert.deepEqual(await view.locator(".vt-header .pinned").allTextContents(), ["subset", "run", "timestep"]);

        await applyFilter(view, "apr == 0.1 and timestep >= 50");
        assert.equal(await rowCount(view, /^6 of 318 rows$/), "6 of 318 rows");
        await view.locator("#substep-table[data-row-count='6']").waitFor({ timeout: 10_000 });
        const kept = await loadedRows(view);
        assert.equal(kept.length, 6);
        for (const r of kept) assert.ok(r.apr === "0.1" && Number(r.timestep) >= 50, JSON.stringify(r));
        // The gutter keeps each row's number in the whole table: subset 1 (apr 0.1), run 1 starts at row 106.
        assert.deepEqual(
          kept.map((r) => r["#"]),
          ["156", "157", "158", "209", "210", "211"],
        );

        await header(view, "staked").click();
        await view.locator('.vt-header [data-column="staked"][aria-sort="ascending"]').waitFor({ timeout: 10_000 });
        const ascending = (await loadedRows(view)).map((r) => Number(r.staked!.replace(/,/g, "")));
        assert.deepEqual(
          ascending,
          [...ascending].sort((a, b) => a - b),
          "ascending",
        );
        await header(view, "staked").click();
        await view.locator('.vt-header [data-column="staked"][aria-sort="descending"]').waitFor({ timeout: 10_000 });
        await view.locator(".vt-sort", { hasText: "▼" }).waitFor();
        const descending = await loadedRows(view);
        const values = descending.map((r) => Number(r.staked!.replace(/,/g, "")));
        assert.deepEqual(
          values,
          [...values].sort((a, b) => b - a),
          "descending",
        );
        // Both runs of a subset are alike (no randomness): ties keep row order, run 1 before run 2.
        assert.deepEqual(
          descending.map((r) => `${r.run}/${r.timestep}`),
          ["1/52", "2/52", "1/51", "2/51", "1/50", "2/50"],
        );
        await wb.screenshot("table-filtered-sorted", wb.page.locator(".part.editor"));
      },
    },
    {
      name: "a typo in the filter is named with a suggestion, and the table keeps working",
      run: async (wb) => {
        const view = await wb.webviewFrame();
        await applyFilter(view, "stakd > 1000");
        const error = view.locator(".filter-error");
        await error.waitFor({ timeout: 10_000 });
        assert.equal(await error.textContent(), "Filter: no column 'stakd' (did you mean 'staked'?) (at column 1)");
        await wb.screenshot("table-filter-error", wb.page.locator(".part.editor"));
        // Escape clears the filter: every row again, still sorted by staked, descending.
        await view.locator(".table-filter input").press("Escape");
        await rowCount(view, /^318 rows$/);
        assert.equal(await error.isVisible(), false);
        const top = (await loadedRows(view))[0]!;
        assert.equal(top.apr, "0.2", "the largest stake is the highest APR's");
      },
    },
    {
      name: "rows selected with a click and Shift+click are copied as TSV with their headers",
      run: async (wb) => {
        const view = await wb.webviewFrame();
        await header(view, "staked").click(); // third click: the rows' own order
        await view.locator('.vt-header [data-column="staked"][aria-sort="none"]').waitFor({ timeout: 10_000 });
        await applyFilter(view, "run == 2 and subset == 0 and timestep in [0, 1, 2]");
        await view.locator("#substep-table[data-row-count='3']").waitFor({ timeout: 10_000 });
        const rows = view.locator(".substep-row:not(.placeholder)");
        await rows.nth(2).waitFor();
        await rows.nth(0).click();
        await rows.nth(2).click({ modifiers: ["Shift"] });
        const copy = view.getByRole("button", { name: "Copy 3 rows" });
        await copy.click();
        await rowCount(view, /^Copied 3 rows$/);
        const text = await wb.page.evaluate<string>("navigator.clipboard.readText()");
        const lines = text.trimEnd().split("\n");
        const columns = await view.locator(".vt-header [data-column]").allTextContents();
        assert.equal(lines[0], columns.join("\t"), "the header line is the columns on screen");
        assert.equal(lines.length, 4, text);
        const cells = lines.slice(1).map((l) => Object.fromEntries(l.split("\t").map((v, i) => [columns[i]!, v])));
        assert.deepEqual(
          cells.map((c) => [c.run, c.subset, c.timestep, c.apr]),
          [
            ["2", "0", "0", "0.05"],
            ["2", "0", "1", "0.05"],
            ["2", "0", "2", "0.05"],
          ],
        );
        // Full precision on the clipboard, whatever the cell shows: 1000 × (1 + 0.05/52).
        assert.equal(Number(cells[1]!.staked), 1000 + (1000 * 0.05) / 52);
        await wb.screenshot("table-rows-selected", wb.page.locator(".part.editor"));

        // Ctrl+C copies the selection too (the panel's copy event, not a stretch of cell text): here rows 1 and 2.
        await wb.page.evaluate("navigator.clipboard.writeText('')");
        await rows.nth(1).click();
        await rows.nth(2).click({ modifiers: ["Shift"] });
        await view.getByRole("button", { name: "Copy 2 rows" }).waitFor();
        await wb.page.keyboard.press("Control+c");
        await rowCount(view, /^Copied 2 rows$/);
        const pasted = await wb.page.evaluate<string>("navigator.clipboard.readText()");
        assert.equal(pasted.trimEnd().split("\n").length, 3, pasted);
      },
    },
  ],
};
