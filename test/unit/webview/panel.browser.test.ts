// The results panel's webview in headless Chromium: a page like the host's (same CSP, a nonce, a stub VS Code API that
// records messages and answers table requests), fed the WORK token model's results, in light and dark themes, offline.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import { simulate, type Results } from "../../../src/engine";
import { loadModelFile } from "../../../src/loader";
import { buildPanelResults } from "../../../src/shared/panelResults";
import type { PanelResults, PanelViewState, WebviewMessage } from "../../../src/shared/protocol";
import { TableIndex } from "../../../src/shared/tablePages";
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  OUT,
  ROOT,
  THEMES,
  allProblems,
  chartsReady,
  lastState,
  openPanel,
  posted,
  send,
  type Opened,
  type PageGlobals,
  cellsByColumn,
} from "../../panelPage";
import { workTokenModel } from "../helpers";
import { groupLabelsOf, legendProblems, longLabelComparison, longLabelSweep } from "../../chartLegends";

/** Results as the host posts them for examples/workToken.sim.ts. */
function payloadOf(results: Results): PanelResults {
  return buildPanelResults(results, {
    file: "examples/workToken.sim.ts",
    path: "/workspace/examples/workToken.sim.ts",
    seed: 42,
    engineMs: 4.2,
    finishedAt: Date.now(),
    errors: [],
    cancelled: false,
  });
}

/** The WORK token model's results as the host posts them, and its table's rows for the stub to answer with. */
function workTokenResults(): { results: PanelResults; rows: unknown[][]; dropped: unknown[][] } {
  const results = simulate(workTokenModel());
  const payload = payloadOf(results);
  const columns = payload.table.columns;
  const all = new TableIndex(results, false);
  const dropped = new TableIndex(results, true);
  return { results: payload, rows: all.slice(columns, 0, all.rowCount), dropped: dropped.slice(columns, 0, dropped.rowCount) };
}

describe(
  "results panel in headless Chromium",
  { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing: install Debian's chromium to run the browser checks` },
  () => {
    let browser: Browser;
    let opened: Opened;
    let page: Page;
    const work = workTokenResults();

    before(async () => {
      await mkdir(OUT, { recursive: true });
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: CHROMIUM_ARGS,
      });
      opened = await openPanel(browser);
      page = opened.page;
    });
    after(async () => {
      await opened?.close();
      await browser?.close();
    });

    test("says ready first and keeps the default view state", async () => {
      const messages = await posted(page);
      assert.deepEqual(messages[0], { type: "ready" });
      assert.deepEqual(await lastState(page), {
        file: "",
        tab: "charts",
        mode: "mean",
        layout: "colour",
        dropSubsteps: false,
        hiddenColumns: [],
        tableFilter: "",
        tableScroll: 0,
      });
      assert.equal(await page.getByText("Waiting for results…").isVisible(), true);
    });

    test("a run in progress shows its title, progress and a Stop button that posts stop", async () => {
      await send(page, { type: "running", title: "WORK token distribution", file: "examples/workToken.sim.ts" });
      await send(page, { type: "progress", done: 100, total: 315 });
      const status = page.locator(".run-status");
      await status.getByText("100 of 315 rows (31%)").waitFor();
      assert.match((await status.textContent()) ?? "", /Running WORK token distribution/);
      assert.equal(await page.locator("#substep-header h1").textContent(), "WORK token distribution");
      await page.screenshot({ path: join(OUT, "panel-running.png") });
      await status.getByRole("button", { name: "Stop the run" }).click();
      assert.deepEqual((await posted(page)).at(-1), { type: "stop" });
    });

    test("results draw the overlay first, then one chart per varying variable, with line marks", async () => {
      await page.evaluate((t) => ((globalThis as unknown as { __table: unknown }).__table = t), { rows: work.rows, dropped: work.dropped });
      await send(page, { type: "results", results: work.results });
      await chartsReady(page);
      assert.equal(await page.locator(".run-status").isVisible(), false, "the progress state is gone");
      const charts = page.locator("[data-testid=chart]");
      assert.equal(await charts.count(), 4);
      assert.deepEqual(await charts.evaluateAll((els) => els.map((e) => (e as unknown as { dataset: Record<string, string> }).dataset.variable)), [
        "tokens, community_treasury",
        "tokens",
        "community_treasury",
        "contributors.token_balance",
      ]);
      assert.equal(await charts.first().getAttribute("data-kind"), "overlay");
      const strokes = await charts
        .first()
        .locator(".mark-line path")
        .evaluateAll((els) => els.map((e) => e.getAttribute("stroke")));
      // The colour-blind-safe palette (the theme's own chart colours only in high contrast): blue, then orange.
      assert.deepEqual(strokes.slice(0, 2), ["#0072b2", "#e69f00"], `the palette's first two colours draw the two lines: ${strokes.join(",")}`);
      for (let i = 0; i < 4; i++) assert.ok((await charts.nth(i).locator(".mark-line path").count()) > 0, `chart ${i} has lines`);
      assert.ok((await charts.nth(1).locator(".mark-area path").count()) > 0, "mean mode draws the p5–p95 band");
      assert.ok(await charts.first().isVisible(), "the overlay is in view without a click");

      const header = (await page.locator("#substep-header").textContent()) ?? "";
      for (const text of ["WORK token distribution", "examples/workToken.sim.ts", "Runs3", "Timesteps52", "Blocks2", "Rows315", "Seed42", "Engine4.2 ms"]) {
        assert.ok(header.includes(text), `header mentions ${text}: ${header}`);
      }
      assert.equal(header.includes("Simulations"), false, "one simulation: not mentioned");
      assert.equal((await lastState(page)).file, "/workspace/examples/workToken.sim.ts", "the state keeps the model's path");
      const fill = await charts.nth(1).locator(".role-title-text text").first().getAttribute("fill");
      assert.equal(fill, THEMES.light["--vscode-editor-foreground"], "chart text follows the theme's editor foreground");
      await page.screenshot({ path: join(OUT, "panel-light.png") });
      assert.deepEqual(await allProblems(opened), []);
    });

    test("hovering a chart shows a tooltip", async () => {
      const chart = page.locator("[data-testid=chart]").nth(3);
      await chart.scrollIntoViewIfNeeded();
      const box = (await chart.locator("svg").boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
      await page.waitForFunction(() => {
        const doc = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document;
        // vega-tooltip's element, styled by the panel's stylesheet.
        return /timestep/.test(doc.querySelector("#vg-tooltip-element.visible")?.textContent ?? "");
      });
    });

    test("changing the mode redraws the charts and is kept in the state", async () => {
      await page.locator("vscode-single-select[aria-label=Show]").click();
      await page.getByRole("option", { name: "Individual runs" }).click();
      await chartsReady(page);
      const chart = page.locator("[data-testid=chart]").nth(3);
      assert.ok((await chart.locator(".mark-line path").count()) >= 3, "a line per run");
      assert.equal(await chart.locator(".mark-area path").count(), 0, "no band");
      assert.equal((await lastState(page)).mode, "runs");
    });

    test("brushing a time range on one chart zooms every chart to it; Show All Timesteps undoes it", async () => {
      const charts = page.locator("[data-testid=chart]");
      const firstTick = async (i: number) => Number(await charts.nth(i).locator(".role-axis-label text").first().textContent());
      assert.equal(await firstTick(3), 0);
      await charts.nth(1).scrollIntoViewIfNeeded();
      const box = (await charts.nth(1).locator("svg").boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 8 });
      await page.mouse.up();
      await page.getByRole("button", { name: "Show All Timesteps" }).waitFor();
      await chartsReady(page);
      const range = (await lastState(page)).timeRange;
      assert.ok(range && range[0] > 5 && range[1] < 52 && range[0] < range[1], `the brushed range: ${JSON.stringify(range)}`);
      // Every chart now starts its time axis at the range, not at 0: those that were not brushed too.
      assert.ok((await firstTick(3)) >= range[0], `chart 3 starts at ${await firstTick(3)}`);
      assert.ok((await firstTick(0)) >= range[0], `the overlay starts at ${await firstTick(0)}`);
      await page.screenshot({ path: join(OUT, "panel-zoomed.png") });
      await page.getByRole("button", { name: "Show All Timesteps" }).click();
      await chartsReady(page);
      assert.equal((await lastState(page)).timeRange, undefined);
      assert.equal(await firstTick(3), 0);
    });

    test("the variable picker adds and removes charts, and keeps the choice", async () => {
      const picker = page.getByRole("button", { name: /^Variables: 3 of 4/ });
      await picker.click();
      const dialog = page.getByRole("dialog", { name: "Variables to chart" });
      await dialog.waitFor();
      await dialog.locator("vscode-checkbox[value=tokens]").click();
      await dialog.locator("vscode-checkbox[value=weekly_token_minting]").click();
      await page.screenshot({ path: join(OUT, "panel-picker.png") });
      await page.keyboard.press("Escape");
      assert.equal(await dialog.isVisible(), false, "Escape closes the picker");
      await chartsReady(page);
      // tokens is no longer chosen: the overlay of tokens and community_treasury goes with it.
      assert.deepEqual(
        await page.locator("[data-testid=chart]").evaluateAll((els) => els.map((e) => (e as unknown as { dataset: Record<string, string> }).dataset.variable)),
        ["weekly_token_minting", "community_treasury", "contributors.token_balance"],
      );
      assert.deepEqual((await lastState(page)).variables, ["weekly_token_minting", "community_treasury", "contributors.token_balance"]);
      assert.match((await picker.textContent()) ?? "", /Variables: 3 of 4/);
      // Chosen again, tokens brings the overlay back, first.
      await picker.click();
      await dialog.locator("vscode-checkbox[value=tokens]").click();
      await page.keyboard.press("Escape");
      await chartsReady(page);
      assert.equal(await page.locator("[data-testid=chart]").first().getAttribute("data-variable"), "tokens, community_treasury");
    });

    test("charts export as PNG and SVG images, data through the host, with a confirmation", async () => {
      await page.locator("[data-testid=chart]").first().getByRole("button", { name: "Save chart tokens, community_treasury as PNG" }).click();
      await page.waitForFunction("window.__posted.some((m) => m.type === 'export' && m.format === 'png')");
      const png = (await posted(page)).find((m) => m.type === "export" && m.format === "png") as { data: string; name: string };
      assert.match(png.data, /^data:image\/png;base64,/);
      assert.ok(png.data.length > 5000, "a real image");
      assert.equal(png.name, "tokens, community_treasury");
      await writeFile(join(OUT, "panel-export.png"), Buffer.from(png.data.slice(png.data.indexOf(",") + 1), "base64"));

      const menuItem = async (label: string) => {
        await page.getByRole("button", { name: "Export ▾" }).click();
        await page.locator("vscode-context-menu-item", { hasText: label }).click();
      };
      await menuItem("First chart as SVG");
      await page.waitForFunction("window.__posted.some((m) => m.type === 'export' && m.format === 'svg')");
      const svg = (await posted(page)).find((m) => m.type === "export" && m.format === "svg") as { data: string; name: string };
      assert.match(svg.data, /^<svg/);
      assert.match(svg.data, /tokens/);
      await menuItem("CSV (every row)");
      assert.deepEqual((await posted(page)).at(-1), { type: "export", format: "csv" });
      await send(page, { type: "exported", path: "/workspace/out/work-token.csv" });
      await page.getByText("Exported to /workspace/out/work-token.csv").waitFor();
      assert.deepEqual(await allProblems(opened), []);
    });

    test("a theme change redraws the charts in the new colours", async () => {
      await page.evaluate("window.__setTheme('dark')");
      await page.waitForFunction((colour) => {
        const doc = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document;
        return doc.querySelector("[data-testid=chart] .role-title-text text")?.getAttribute("fill") === colour;
      }, THEMES.dark["--vscode-editor-foreground"]);
      await chartsReady(page);
      await page.locator("vscode-single-select[aria-label=Show]").click();
      await page.getByRole("option", { name: "Mean, p5–p95 band" }).click();
      await chartsReady(page);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(OUT, "panel-dark.png") });
      assert.deepEqual(await allProblems(opened), []);
    });

    test("in a dark theme, Images: Light background exports a chart drawn again in dark text on white", async () => {
      const svgs = async () => (await posted(page)).filter((m) => m.type === "export" && m.format === "svg") as { data: string }[];
      const before = (await svgs()).length;
      const save = page.locator("[data-testid=chart]").first().getByRole("button", { name: "Save chart tokens, community_treasury as SVG" });
      await save.click();
      await page.waitForFunction(
        (n) =>
          (globalThis as unknown as { __posted: { type: string; format?: string }[] }).__posted.filter((m) => m.type === "export" && m.format === "svg")
            .length > n,
        before,
      );
      const themed = (await svgs()).at(-1)!.data;
      assert.ok(themed.includes(`fill="${THEMES.dark["--vscode-editor-foreground"]}"`), "as shown: the dark theme's text");

      await page.locator("vscode-single-select[aria-label=Images]").click();
      await page.getByRole("option", { name: "Light background" }).click();
      assert.equal((await lastState(page)).imageBackground, "light");
      await save.click();
      await page.waitForFunction(
        (n) =>
          (globalThis as unknown as { __posted: { type: string; format?: string }[] }).__posted.filter((m) => m.type === "export" && m.format === "svg")
            .length > n,
        before + 1,
      );
      const light = (await svgs()).at(-1)!.data;
      assert.match(light, /^<svg/);
      assert.ok(light.includes('fill="#ffffff"'), "a white background");
      assert.ok(light.includes('fill="#333333"') && !light.includes(`fill="${THEMES.dark["--vscode-editor-foreground"]}"`), "dark text, not the theme's");
      assert.ok(light.includes("#0072b2"), "the light palette's first colour");
      await writeFile(join(OUT, "panel-export-light.svg"), light);
      await page.locator("vscode-single-select[aria-label=Images]").click();
      await page.getByRole("option", { name: "Theme background" }).click();
      assert.deepEqual(await allProblems(opened), []);
    });

    test("the table pages through the real rows; drop substeps shows the timesteps' ends", async () => {
      await page.getByRole("tab", { name: "Table" }).click();
      const table = page.locator("#substep-table");
      await table.waitFor();
      assert.equal(await table.getAttribute("data-row-count"), "315");
      await page.locator(".substep-row:not(.placeholder)").first().waitFor();
      const first = page.locator(".substep-row[data-index='0']");
      const columns = work.results.table.columns;
      const expected = Object.fromEntries(columns.map((c, i) => [c, String(work.rows[0]![i])]));
      assert.deepEqual(await cellsByColumn(table, first), expected, "row 0 shows the model's initial state and metadata");
      const headers = await table.locator(".vt-header [data-column]").allTextContents();
      assert.deepEqual(headers.slice(0, 5), ["run", "timestep", "substep", "simulation", "subset"], "the identifying columns first");
      assert.deepEqual(await table.locator(".vt-header .pinned").allTextContents(), ["run", "timestep", "substep"], "pinned: those that vary");
      assert.equal((await lastState(page)).tab, "table");
      const requests = (await posted(page)).filter((m) => m.type === "tableRows");
      assert.deepEqual(
        requests.map((m) => [m.start, m.count]),
        [
          [0, 200],
          [200, 115],
        ].slice(0, requests.length),
      );

      await page.locator("vscode-checkbox[label='Drop substeps']").click();
      await page.waitForFunction("document.getElementById('substep-table').dataset.rowCount === '159'");
      assert.equal(work.results.table.rowCountDropped, 159);
      await page.locator(".substep-row:not(.placeholder)[data-index='1']").waitFor();
      assert.deepEqual(
        await cellsByColumn(table, page.locator(".substep-row[data-index='1']")),
        Object.fromEntries(work.results.table.columns.map((c, i) => [c, String(work.dropped[1]![i])])),
      );
      assert.equal((await lastState(page)).dropSubsteps, true);
      assert.ok((await posted(page)).some((m) => m.type === "tableQuery" && m.query.dropSubsteps));
      await page.screenshot({ path: join(OUT, "panel-table-dark.png") });
      await page.locator("vscode-checkbox[label='Drop substeps']").click();
      await page.waitForFunction("document.getElementById('substep-table').dataset.rowCount === '315'");
    });

    test("a million rows: few row elements, the middle fetched by its page, columns chosen, the position kept", async () => {
      await page.evaluate("window.__setTheme('light')");
      const big: PanelResults = {
        ...work.results,
        header: { ...work.results.header, rows: 1_000_000 },
        table: { ...work.results.table, rowCount: 1_000_000, rowCountDropped: 333_334 },
      };
      await page.evaluate((columns) => ((globalThis as unknown as { __table: unknown }).__table = { generated: 1_000_000, columns }), big.table.columns);
      const before = (await posted(page)).length;
      await send(page, { type: "results", results: big });
      const table = page.locator("#substep-table");
      await page.waitForFunction("document.getElementById('substep-table').dataset.rowCount === '1000000'");
      await page.locator(".substep-row:not(.placeholder)[data-index='0']").waitFor();
      assert.equal((await cellsByColumn(table, table.locator(".substep-row[data-index='0']"))).tokens, "0");
      assert.ok((await page.locator(".substep-row").count()) < 200, "only the rows in view and a margin");

      await page.evaluate(() => {
        const el = (globalThis as unknown as PageGlobals).document.getElementById("substep-table")!;
        el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
      });
      await page.waitForFunction(() => {
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ dataset: Record<string, string> }> } }).document;
        const rows = Array.from(doc.querySelectorAll(".substep-row:not(.placeholder)"));
        return rows.some((r) => Number(r.dataset.index) > 490_000);
      });
      const indexes = (
        await page.locator(".substep-row").evaluateAll((els) => els.map((e) => Number((e as unknown as { dataset: Record<string, string> }).dataset.index)))
      ).sort((a, b) => a - b);
      assert.ok(indexes.length < 200, `${indexes.length} row elements`);
      const middle = indexes[Math.floor(indexes.length / 2)]!;
      assert.ok(middle > 499_000 && middle < 501_000, `the middle rows are shown (${middle})`);
      const requested = (await posted(page)).slice(before).filter((m): m is Extract<WebviewMessage, { type: "tableRows" }> => m.type === "tableRows");
      assert.ok(
        requested.every((m) => m.start % 200 === 0 && m.count === 200),
        "whole pages",
      );
      assert.ok(
        requested.some((m) => m.start === Math.floor(middle / 200) * 200),
        `the middle's page (${Math.floor(middle / 200) * 200}) was asked for`,
      );
      assert.ok(requested.length <= 8, `${requested.length} requests: only pages near the view`);
      const row = page.locator(`.substep-row[data-index='${middle}']`);
      await row.and(page.locator(":not(.placeholder)")).waitFor();
      assert.equal((await cellsByColumn(table, row)).tokens, String(middle * 100), "the row holds its own values");
      assert.equal(await row.locator("[role=rowheader]").textContent(), String(middle));

      // The column chooser hides a column from the header and the rows.
      await page.getByRole("button", { name: /^Columns: 9 of 9/ }).click();
      await page.getByRole("dialog", { name: "Columns to show" }).locator("vscode-checkbox[value=weekly_token_minting]").click();
      await page.keyboard.press("Escape");
      assert.deepEqual((await lastState(page)).hiddenColumns, ["weekly_token_minting"]);
      assert.equal(await page.locator(".vt-header [role=columnheader]").count(), 9, "the row number and 8 columns");
      await row.and(page.locator(":not(.placeholder)")).waitFor();
      assert.equal(await row.locator("[role=gridcell]").count(), 8);

      await page.waitForTimeout(400);
      const kept = (await lastState(page)).tableScroll;
      assert.ok(Math.abs(kept - (indexes[0]! + 20)) <= 2, `the scroll position is kept as the top row (${kept})`);
      await page.screenshot({ path: join(OUT, "panel-table.png") });

      // Keys move by rows even though the scroll area is scaled: End reaches the last row, Home the first.
      await table.focus();
      await page.keyboard.press("End");
      await page.locator(".substep-row:not(.placeholder)[data-index='999999']").waitFor();
      await page.keyboard.press("PageUp");
      await page.keyboard.press("Home");
      await page.locator(".substep-row:not(.placeholder)[data-index='0']").waitFor();
      assert.equal(
        await page
          .locator(".substep-row[data-index='0']")
          .boundingBox()
          .then((b) => Math.round(b!.y)),
        await page
          .locator(".vt-header")
          .boundingBox()
          .then((b) => Math.round(b!.y + b!.height)),
        "row 0 right under the header",
      );
      assert.deepEqual(await allProblems(opened), []);
    });

    test("a failed run shows its message and keeps the last results", async () => {
      await send(page, { type: "running", title: "WORK token distribution", file: "examples/workToken.sim.ts" });
      await send(page, { type: "failed", message: "TypeError: state.tokens is undefined\n  in state update 'tokens' at timestep 3" });
      const failure = page.locator(".failure");
      await failure.waitFor();
      assert.match((await failure.textContent()) ?? "", /state\.tokens is undefined/);
      assert.equal(await page.locator(".run-status").isVisible(), false);
      assert.equal(await page.locator("#substep-table").getAttribute("data-row-count"), "1000000", "the last results stay");
      await page.getByRole("tab", { name: "Charts" }).click();
      // The theme changed to light while the charts were hidden: they are drawn again in its colours.
      await page.waitForFunction((colour) => {
        const doc = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document;
        return doc.querySelector("[data-testid=chart] .role-title-text text")?.getAttribute("fill") === colour;
      }, THEMES.light["--vscode-editor-foreground"]);
      await chartsReady(page);
      assert.ok((await page.locator("[data-testid=chart] .mark-line path").count()) > 0);
      await page.screenshot({ path: join(OUT, "panel-failed.png") });
      await page.getByRole("button", { name: "Re-run" }).click();
      assert.deepEqual((await posted(page)).at(-1), { type: "rerun" });

      // A result with failed runs, stopped early: errors prominent but compact, the stop noted.
      const errors = [
        "RangeError: impact out of range\n  in policy 'do_work' at simulation 0, subset 0, run 2, timestep 7, substep 2\n    at do_work (examples/workToken.sim.ts:31:11)",
        "RangeError: impact out of range\n  in policy 'do_work' at simulation 0, subset 0, run 3, timestep 9, substep 2",
      ];
      await send(page, { type: "results", results: { ...work.results, header: { ...work.results.header, errors, cancelled: true } } });
      await chartsReady(page);
      const shown = page.locator("#substep-header .run-errors");
      assert.match((await shown.textContent()) ?? "", /2 runs failed: RangeError: impact out of range/);
      // A run failed and the simulation stopped there: the runs never run are counted.
      await send(page, { type: "results", results: { ...work.results, header: { ...work.results.header, errors: errors.slice(0, 1), runsKept: 2 } } });
      await chartsReady(page);
      assert.match((await shown.textContent()) ?? "", /^1 run failed, and the simulation stopped there \(1 of 3 runs not run\): RangeError/);
      await send(page, { type: "results", results: { ...work.results, header: { ...work.results.header, errors, cancelled: true } } });
      await chartsReady(page);
      assert.equal(await page.locator("#substep-header .badge").textContent(), "Stopped: partial results");
      assert.equal(await page.locator(".failure").isVisible(), false, "new results clear the failure");
      await shown.getByText("All errors").click();
      assert.match((await shown.locator("pre").textContent()) ?? "", /run 3, timestep 9/);
      await page.screenshot({ path: join(OUT, "panel-errors.png") });

      // Stopped by the time limit: a warning-coloured note says why; it is not a failure.
      const why =
        "The simulation was stopped after 2 s (setting substep.timeoutSeconds): does the model loop forever? The 105 rows of the runs that had finished are kept.";
      await send(page, { type: "results", results: { ...work.results, header: { ...work.results.header, errors: [], cancelled: true, stopped: why } } });
      await chartsReady(page);
      assert.equal(await page.locator(".stop-note").textContent(), why);
      assert.equal(await page.locator("#substep-header .badge").getAttribute("title"), why);
      assert.equal(await page.locator("#substep-header .run-errors").isVisible(), false);
      await page.screenshot({ path: join(OUT, "panel-stopped.png") });
      // A new run: the badge and the note were about the last one.
      await send(page, { type: "running", title: "WORK token distribution", file: "examples/workToken.sim.ts" });
      assert.equal(await page.locator("#substep-header .badge").isVisible(), false);
      assert.equal(await page.locator(".stop-note").isVisible(), false);
      // Stopped while still loading: the run strip goes, the last results keep their own notes, the note
      // says the results are the previous run's, and nothing says it failed.
      await send(page, { type: "stopped", message: "The simulation was stopped. It was still loading the model." });
      assert.equal(await page.locator(".run-status").isVisible(), false);
      assert.equal(
        await page.locator(".stop-note").textContent(),
        "The simulation was stopped. It was still loading the model. The results shown are from the previous run.",
      );
      assert.equal(await page.locator("#substep-header .badge").isVisible(), true, "the shown results were stopped too: their badge is back");
      assert.equal(await page.locator(".failure").isVisible(), false);
      assert.deepEqual(await allProblems(opened), []);
    });

    test("the page's CSP is in force: no injected script or eval runs", async () => {
      const ran = await page.evaluate(async () => {
        const g = globalThis as unknown as {
          document: { createElement(tag: string): { textContent: string }; body: { append(node: unknown): void } };
          setTimeout(code: string, ms: number): void;
          injected?: boolean;
          evaluated?: boolean;
          __violations: string[];
        };
        const script = g.document.createElement("script");
        script.textContent = "window.injected = true";
        g.document.body.append(script);
        g.setTimeout("window.evaluated = true", 0);
        await new Promise((done) => setTimeout(done, 50));
        const result = { injected: g.injected === true, evaluated: g.evaluated === true, violations: g.__violations.length };
        g.__violations.length = 0;
        return result;
      });
      assert.deepEqual(ran, { injected: false, evaluated: false, violations: 2 });
      opened.problems.length = 0;
    });

    test("a reloaded panel restores its view state: tab, variables, mode, substeps, columns, scroll", async () => {
      const state: PanelViewState = {
        file: "/workspace/examples/workToken.sim.ts",
        tab: "table",
        variables: ["contributors.token_balance"],
        mode: "median",
        layout: "colour",
        dropSubsteps: true,
        tableFilter: "",
        hiddenColumns: ["substep"],
        tableScroll: 50,
      };
      const again = await openPanel(browser, state);
      try {
        const p = again.page;
        assert.deepEqual((await posted(p))[0], { type: "ready" });
        await p.evaluate((t) => ((globalThis as unknown as { __table: unknown }).__table = t), { rows: work.rows, dropped: work.dropped });
        await send(p, { type: "results", results: work.results });
        await p.waitForFunction("document.getElementById('substep-table')?.dataset.rowCount === '159'");
        assert.equal(await p.getByRole("tab", { name: "Table" }).getAttribute("aria-selected"), "true");
        await p.locator(".substep-row:not(.placeholder)[data-index='50']").waitFor();
        assert.equal(await p.locator(".vt-header [role=columnheader]", { hasText: /^substep$/ }).count(), 0, "substep stays hidden");
        const top = await p.evaluate(() => (globalThis as unknown as PageGlobals).document.getElementById("substep-table")!.scrollTop);
        assert.equal(top, 50 * 22, "scrolled back to row 50");
        await p.getByRole("tab", { name: "Charts" }).click();
        await chartsReady(p);
        assert.deepEqual(
          await p.locator("[data-testid=chart]").evaluateAll((els) => els.map((e) => (e as unknown as { dataset: Record<string, string> }).dataset.variable)),
          ["contributors.token_balance"],
        );
        assert.match((await p.locator("[data-testid=chart]").first().textContent()) ?? "", /median and p5–p95 band/);
        assert.deepEqual(await allProblems(again), []);
      } finally {
        await again.close();
      }
    });

    test("a narrow panel wraps its header and controls and never scrolls sideways", async () => {
      const narrow = await openPanel(browser, undefined, { width: 480, height: 800 });
      try {
        const p = narrow.page;
        await send(p, { type: "results", results: { ...work.results, header: { ...work.results.header, errors: ["Error: boom"] } } });
        await chartsReady(p);
        const widths = await p.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        assert.deepEqual(widths, [480, 480]);
        const overflow = await p.locator("[data-testid=chart]").evaluateAll((els) =>
          els.map((e) => {
            const el = e as unknown as { scrollWidth: number; clientWidth: number };
            return el.scrollWidth - el.clientWidth;
          }),
        );
        assert.ok(
          overflow.every((d) => d <= 0),
          `charts fit their frames: ${overflow.join(",")}`,
        );
        await p.screenshot({ path: join(OUT, "panel-narrow.png") });
        assert.deepEqual(await allProblems(narrow), []);
      } finally {
        await narrow.close();
      }
    });

    test("a very narrow panel draws its charts to fit, with the PNG/SVG buttons above the titles", async () => {
      const narrow = await openPanel(browser, undefined, { width: 300, height: 800 });
      try {
        const p = narrow.page;
        await send(p, { type: "results", results: work.results });
        await chartsReady(p);
        const fits = await p.locator("figure.chart").evaluateAll((els) =>
          els.map((e) => {
            const figure = e as unknown as {
              clientWidth: number;
              querySelector(s: string): { getBoundingClientRect(): { width: number; bottom: number; top: number } } | null;
            };
            const svg = figure.querySelector("svg")!.getBoundingClientRect();
            const tools = figure.querySelector(".chart-tools")!.getBoundingClientRect();
            const title = figure.querySelector(".role-title-text")!.getBoundingClientRect();
            return { svg: Math.round(svg.width), frame: figure.clientWidth, toolsBottom: tools.bottom, titleTop: title.top };
          }),
        );
        for (const f of fits) {
          assert.ok(f.svg <= f.frame, `the chart (${f.svg} px) fits its frame (${f.frame} px)`);
          assert.ok(f.toolsBottom <= f.titleTop, `the buttons (bottom ${f.toolsBottom}) are above the title (top ${f.titleTop})`);
        }
        await p.screenshot({ path: join(OUT, "panel-very-narrow.png") });
      } finally {
        await narrow.close();
      }
    });

    test("legends show every long subset name in full inside its chart, narrow and wide, sweep and comparison", async () => {
      const sweep = simulate(longLabelSweep());
      const compared = longLabelComparison();
      for (const width of [400, 1100]) {
        const opened = await openPanel(browser, undefined, { width, height: 900 });
        try {
          const p = opened.page;
          for (const [name, results] of [
            ["sweep", sweep],
            ["comparison", compared],
          ] as const) {
            await send(p, { type: "results", results: payloadOf(results) });
            await chartsReady(p);
            const problems = await legendProblems(p.locator("figure.chart"), groupLabelsOf(results));
            assert.deepEqual(problems.slice(0, 8), [], `${name} at ${width} px: ${problems.length} problems`);
            await p.screenshot({ path: join(OUT, `panel-legends-${name}-${width}.png`), fullPage: true });
          }
          assert.deepEqual(await allProblems(opened), []);
        } finally {
          await opened.close();
        }
      }
    });

    test("an overlay of a price and a supply gives the price an axis of its own: its line spans its plot's height", async () => {
      const { exported } = await loadModelFile(join(ROOT, "examples/bondingCurve.sim.ts"));
      const results = simulate(exported);
      const opened = await openPanel(browser, undefined, { width: 800, height: 900 });
      try {
        const p = opened.page;
        // The bonding curve's price (0 to ~5) beside its supply (0 to ~2,300): on one axis, the price is a line at zero.
        await send(p, { type: "results", results: { ...payloadOf(results), overlay: ["supply", "price"] } });
        await chartsReady(p);
        const overlay = p.locator("figure.chart[data-kind=overlay]");
        // Plot heights as chartSpecs.ts draws them: 220 px for one chart, 160 px for each small multiple.
        for (const [layout, plotHeight] of [
          ["colour", 220],
          ["facet", 160],
        ] as const) {
          if (layout === "facet") {
            await p.locator("vscode-single-select[aria-label=Groups]").click();
            await p.getByRole("option", { name: "Small multiples" }).click();
            await chartsReady(p);
          }
          // The price's lines: the palette's second colour (the overlay colours by variable, in order).
          const heights = await overlay
            .locator(".mark-line path[stroke='#e69f00']")
            .evaluateAll((els) => els.map((e) => (e as unknown as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height));
          assert.ok(heights.length > 0, `${layout}: the price is drawn`);
          const tallest = Math.max(...heights);
          assert.ok(tallest > 0.3 * plotHeight, `${layout}: the price's line spans ${Math.round(tallest)} of ${plotHeight} px`);
          const titles = await overlay.locator(".role-axis-title text").allTextContents();
          assert.ok(titles.includes("price") && titles.includes("supply"), `each axis names its variable: ${titles.join("|")}`);
          await p.screenshot({ path: join(OUT, `panel-overlay-axes-${layout}.png`) });
        }
        assert.deepEqual(await allProblems(opened), []);
      } finally {
        await opened.close();
      }
    });

    test("a run that fails before any result: no 'Waiting for results…', and the file named once", async () => {
      const fresh = await openPanel(browser);
      try {
        const p = fresh.page;
        await send(p, { type: "running", title: "broken.sim.ts", file: "broken.sim.ts" });
        await send(p, { type: "failed", message: "broken.sim.ts:12:5: block 1 updates 'tokenz', which is not in initialState" });
        await p.locator(".failure").waitFor();
        assert.equal(await p.getByText("Waiting for results…").isVisible(), false);
        assert.equal(await p.locator("#substep-header").getByText("broken.sim.ts", { exact: true }).filter({ visible: true }).count(), 1);
      } finally {
        await fresh.close();
      }
    });
  },
);
