// The results panel's warnings in headless Chromium (the real webview bundle, the host's page and CSP, a stub VS Code
// API): the header's warning line and its links (the update's line, the Problems panel), and Show row, which
// switches to the Table tab at the warning's row.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import { simulate, type Model, type Results } from "../../../src/engine";
import { bundleModelFile } from "../../../src/loader";
import { runBundle } from "../../../src/runner/pool";
import { buildPanelResults } from "../../../src/shared/panelResults";
import type { PanelResults } from "../../../src/shared/protocol";
import { TableIndex } from "../../../src/shared/tablePages";
import { CHROMIUM, CHROMIUM_ARGS, OUT, allProblems, cellsByColumn, openPanel, posted, send, type Opened } from "../../panelPage";

const misspelt = join(__dirname, "..", "..", "fixtures", "models", "misspeltParam.sim.ts");

/** The payload the host posts, and the table's rows for the stub to answer with. */
function payload(results: Results, typeErrors = 0): { results: PanelResults; table: { rows: unknown[][]; dropped: unknown[][] } } {
  const panel = buildPanelResults(results, {
    file: "misspelt.sim.ts",
    path: "/workspace/misspelt.sim.ts",
    seed: 1,
    engineMs: 1,
    finishedAt: Date.now(),
    errors: [],
    cancelled: false,
    typeErrors,
    displayPath: (p) => p.replace(/.*\//, ""),
  });
  const columns = panel.table.columns;
  const all = new TableIndex(results, false);
  const dropped = new TableIndex(results, true);
  return { results: panel, table: { rows: all.slice(columns, 0, all.rowCount), dropped: dropped.slice(columns, 0, dropped.rowCount) } };
}

/** 3 runs × 50 timesteps × 2 blocks; x turns NaN in run 3 at timestep 40, block 2: row 2 × 101 + 39 × 2 + 2 = 282. */
const lateNaN: Model = {
  name: "late NaN",
  initialState: { x: 1 },
  timesteps: 50,
  runs: 3,
  blocks: [
    { label: "grow", variables: { x: (_p, _s, _h, state) => state.x + 1 } },
    { label: "check", variables: { x: (_p, _s, _h, state, _i, ctx) => (ctx.run === 3 && ctx.timestep === 40 ? Number.NaN : state.x) } },
  ],
};

async function withTable(page: Page, table: unknown): Promise<void> {
  await page.evaluate((t) => ((globalThis as unknown as { __table: unknown }).__table = t), table);
}

describe("the panel's warnings in headless Chromium", { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing` }, () => {
  let browser: Browser;
  let opened: Opened;
  let page: Page;

  before(async () => {
    await mkdir(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    opened = await openPanel(browser);
    page = opened.page;
    await page.evaluate("window.__setTheme('dark')");
  });
  after(async () => {
    await opened?.close();
    await browser?.close();
  });

  test("a misspelt parameter: '⚠ 6 warnings' and the first, its update's line as a link, all of them on demand, the type errors", async () => {
    const { results } = await runBundle(await bundleModelFile(misspelt), { workers: 1 });
    const shown = payload(results, 2);
    await withTable(page, shown.table);
    await send(page, { type: "results", results: shown.results });
    const line = page.locator("#substep-header .run-warnings");
    await line.waitFor();
    const text = await line.locator(":scope > strong, :scope > .first-warning").allTextContents();
    assert.equal(
      text.join(""),
      "⚠ 6 warnings: 'tokens' became NaN (was 101) in state update 'tokens' at run 1, timestep 1, substep 2 (block 'stake'), and 2 more runs",
    );
    const location = shown.results.header.warnings[0]!.location!;
    await line.locator(":scope > .location-link").click();
    const open = (await posted(page)).filter((m) => m.type === "openLocation");
    assert.deepEqual(open, [{ type: "openLocation", file: misspelt, line: location.line, column: location.column }]);
    assert.equal(await line.locator(":scope > .location-link").textContent(), `misspeltParam.sim.ts:${location.line}:${location.column}`);

    await line.getByText("All warnings").click();
    const items = await line.locator(".warning-list > li > span").allTextContents();
    assert.equal(items.length, 2);
    assert.match(items[1]!, /^'staked' became NaN \(was 11\.01\) in state update 'staked' at run 1, timestep 2, substep 2 \(block 'stake'\), and 2 more runs$/);

    const typeErrors = page.locator("#substep-header .type-errors");
    assert.equal(await typeErrors.textContent(), "ran with 2 type errors");
    await typeErrors.click();
    assert.ok((await posted(page)).some((m) => m.type === "showProblems"));
    // The warning colour, not the error colour: Dark Modern's editorWarning.foreground.
    assert.equal(
      await line
        .locator(":scope > strong")
        .evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color),
      "rgb(204, 167, 0)",
    );
    await line.screenshot({ path: join(OUT, "panel-warnings-dark.png") });
    assert.deepEqual(await allProblems(opened), []);
  });

  test("Show row switches to the Table tab at the warning's row (282 of 303), marked; with substeps dropped, its timestep's row", async () => {
    const shown = payload(simulate(lateNaN));
    assert.deepEqual(shown.results.header.warnings[0]!.row, { all: 282, dropped: 2 * 51 + 40 });
    await withTable(page, shown.table);
    await send(page, { type: "results", results: shown.results });
    await page.locator("#substep-header .run-warnings", { hasText: "at run 3, timestep 40, substep 2" }).waitFor();
    await page.locator("#substep-header .run-warnings > .show-row").click();
    const marked = page.locator(".substep-row.marked:not(.placeholder)");
    await marked.waitFor();
    assert.equal(await marked.getAttribute("data-index"), "282");
    assert.ok(await marked.isVisible(), "the marked row is in view");
    const cells = await cellsByColumn(page.locator("#substep-table"), marked);
    assert.deepEqual([cells.x, cells.run, cells.timestep, cells.substep], ["NaN", "3", "40", "2"], "run 3, timestep 40, substep 2");
    assert.equal(await page.getByRole("tab", { name: "Table" }).getAttribute("aria-selected"), "true");
    await page.screenshot({ path: join(OUT, "panel-warning-row-dark.png") });

    await page.locator("vscode-checkbox[label='Drop substeps']").click();
    await page.getByRole("tab", { name: "Charts" }).click();
    await page.locator("#substep-header .run-warnings > .show-row").click();
    await page.locator(".substep-row.marked:not(.placeholder)[data-index='142']").waitFor();
    assert.deepEqual(await allProblems(opened), []);
  });
});
