// The results panel's webview in headless Chromium: a page like the host's (same CSP, a nonce, a stub VS Code API that
// records messages and answers table requests), fed the WORK token model's results, in light and dark themes, offline.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { simulate } from "../../src/engine";
import { buildChartData } from "../../src/shared/chartData";
import { varyingVariables } from "../../src/shared/chartRows";
import type { HostMessage, PanelResults, PanelViewState, WebviewMessage } from "../../src/shared/protocol";
import { TableIndex } from "../../src/shared/tablePages";
import { workTokenModel } from "./helpers";

const ROOT = resolve(__dirname, "../..");
const OUT = join(ROOT, "test-results");
const BUNDLE = join(OUT, "panel-build", "webview.js");
const CHROMIUM = "/usr/bin/chromium";
/** The page's origin: what `webview.cspSource` is in VS Code. */
const ORIGIN = "https://webview.test";
const NONCE = "dGVzdC1ub25jZS0xMjM0NTY3OA==";
const CSP = `default-src 'none'; img-src ${ORIGIN} data:; style-src ${ORIGIN}; font-src ${ORIGIN}; script-src 'nonce-${NONCE}'`;

/** Realistic --vscode-* variables of VS Code's Light Modern and Dark Modern themes. */
const THEMES = {
  light: {
    "--vscode-font-family": "system-ui, -apple-system, 'Segoe UI', 'Ubuntu', sans-serif",
    "--vscode-font-size": "13px",
    "--vscode-font-weight": "normal",
    "--vscode-editor-font-family": "'Droid Sans Mono', monospace",
    "--vscode-editor-font-size": "14px",
    "--vscode-editor-background": "#ffffff",
    "--vscode-editor-foreground": "#3b3b3b",
    "--vscode-foreground": "#3b3b3b",
    "--vscode-descriptionForeground": "#717171",
    "--vscode-panel-border": "#e5e5e5",
    "--vscode-widget-border": "#e5e5e5",
    "--vscode-editorWidget-background": "#f8f8f8",
    "--vscode-editorWidget-foreground": "#3b3b3b",
    "--vscode-editorWidget-border": "#c8c8c8",
    "--vscode-widget-shadow": "rgba(0, 0, 0, 0.16)",
    "--vscode-button-background": "#005fb8",
    "--vscode-button-foreground": "#ffffff",
    "--vscode-button-hoverBackground": "#0258a8",
    "--vscode-button-secondaryBackground": "#e5e5e5",
    "--vscode-button-secondaryForeground": "#3b3b3b",
    "--vscode-button-secondaryHoverBackground": "#cccccc",
    "--vscode-button-border": "#0000001a",
    "--vscode-focusBorder": "#005fb8",
    "--vscode-list-hoverBackground": "#f2f2f2",
    "--vscode-input-background": "#ffffff",
    "--vscode-input-foreground": "#3b3b3b",
    "--vscode-input-border": "#cecece",
    "--vscode-errorForeground": "#f85149",
    "--vscode-textLink-foreground": "#005fb8",
    "--vscode-badge-background": "#cccccc",
    "--vscode-badge-foreground": "#3b3b3b",
    "--vscode-settings-checkboxBackground": "#f8f8f8",
    "--vscode-settings-checkboxBorder": "#cecece",
    "--vscode-settings-checkboxForeground": "#3b3b3b",
    "--vscode-settings-dropdownBackground": "#ffffff",
    "--vscode-settings-dropdownBorder": "#cecece",
    "--vscode-settings-dropdownForeground": "#3b3b3b",
    "--vscode-settings-dropdownListBorder": "#c8c8c8",
    "--vscode-settings-headerBorder": "#e5e5e5",
    "--vscode-list-activeSelectionBackground": "#e8e8e8",
    "--vscode-list-activeSelectionForeground": "#000000",
    "--vscode-menu-background": "#ffffff",
    "--vscode-menu-foreground": "#3b3b3b",
    "--vscode-menu-border": "#cecece",
    "--vscode-menu-selectionBackground": "#005fb8",
    "--vscode-menu-selectionForeground": "#ffffff",
    "--vscode-panelTitle-activeBorder": "#005fb8",
    "--vscode-panelTitle-activeForeground": "#3b3b3b",
    "--vscode-panelTitle-inactiveForeground": "#3b3b3b",
    "--vscode-progressBar-background": "#005fb8",
    "--vscode-charts-blue": "#1a85ff",
    "--vscode-charts-orange": "#d18616",
    "--vscode-charts-red": "#e51400",
    "--vscode-charts-green": "#388a34",
    "--vscode-charts-purple": "#652d90",
    "--vscode-charts-yellow": "#bf8803",
  },
  dark: {
    "--vscode-font-family": "system-ui, -apple-system, 'Segoe UI', 'Ubuntu', sans-serif",
    "--vscode-font-size": "13px",
    "--vscode-font-weight": "normal",
    "--vscode-editor-font-family": "'Droid Sans Mono', monospace",
    "--vscode-editor-font-size": "14px",
    "--vscode-editor-background": "#1f1f1f",
    "--vscode-editor-foreground": "#cccccc",
    "--vscode-foreground": "#cccccc",
    "--vscode-descriptionForeground": "#9d9d9d",
    "--vscode-panel-border": "#2b2b2b",
    "--vscode-widget-border": "#313131",
    "--vscode-editorWidget-background": "#202020",
    "--vscode-editorWidget-foreground": "#cccccc",
    "--vscode-editorWidget-border": "#454545",
    "--vscode-widget-shadow": "rgba(0, 0, 0, 0.36)",
    "--vscode-button-background": "#0078d4",
    "--vscode-button-foreground": "#ffffff",
    "--vscode-button-hoverBackground": "#026ec1",
    "--vscode-button-secondaryBackground": "#313131",
    "--vscode-button-secondaryForeground": "#cccccc",
    "--vscode-button-secondaryHoverBackground": "#3c3c3c",
    "--vscode-button-border": "#ffffff12",
    "--vscode-focusBorder": "#0078d4",
    "--vscode-list-hoverBackground": "#2a2d2e",
    "--vscode-input-background": "#313131",
    "--vscode-input-foreground": "#cccccc",
    "--vscode-input-border": "#3c3c3c",
    "--vscode-errorForeground": "#f85149",
    "--vscode-textLink-foreground": "#4daafc",
    "--vscode-badge-background": "#616161",
    "--vscode-badge-foreground": "#f8f8f8",
    "--vscode-settings-checkboxBackground": "#313131",
    "--vscode-settings-checkboxBorder": "#3c3c3c",
    "--vscode-settings-checkboxForeground": "#cccccc",
    "--vscode-settings-dropdownBackground": "#313131",
    "--vscode-settings-dropdownBorder": "#3c3c3c",
    "--vscode-settings-dropdownForeground": "#cccccc",
    "--vscode-settings-dropdownListBorder": "#454545",
    "--vscode-settings-headerBorder": "#2b2b2b",
    "--vscode-list-activeSelectionBackground": "#04395e",
    "--vscode-list-activeSelectionForeground": "#ffffff",
    "--vscode-menu-background": "#1f1f1f",
    "--vscode-menu-foreground": "#cccccc",
    "--vscode-menu-border": "#454545",
    "--vscode-menu-selectionBackground": "#0078d4",
    "--vscode-menu-selectionForeground": "#ffffff",
    "--vscode-panelTitle-activeBorder": "#0078d4",
    "--vscode-panelTitle-activeForeground": "#cccccc",
    "--vscode-panelTitle-inactiveForeground": "#9d9d9d",
    "--vscode-progressBar-background": "#0078d4",
    "--vscode-charts-blue": "#3794ff",
    "--vscode-charts-orange": "#d18616",
    "--vscode-charts-red": "#f14c4c",
    "--vscode-charts-green": "#89d185",
    "--vscode-charts-purple": "#b180d7",
    "--vscode-charts-yellow": "#cca700",
  },
};

/**
 * The stub VS Code API, run (by nonce) before the bundle: records posted messages and kept states, answers table
 * requests from `__table` (real rows, or generated ones for a big table), records CSP violations, switches themes.
 */
const STUB = `
(() => {
  const themes = ${JSON.stringify(THEMES)};
  window.__posted = [];
  window.__states = [];
  window.__violations = [];
  window.__table = { rows: [], dropped: [] };
  document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
  window.__setTheme = (name) => {
    const style = document.documentElement.style;
    for (const [k, v] of Object.entries(themes[name])) style.setProperty(k, v);
    document.body.className = "vscode-" + name;
  };
  window.__setTheme("light");
  let state = window.__initialState;
  const rowsFor = (start, count, drop) => {
    const t = window.__table;
    if (t.generated) return Array.from({ length: Math.max(0, Math.min(count, t.generated - start)) }, (_, k) => t.columns.map((_, c) => (start + k) * 100 + c));
    return (drop ? t.dropped : t.rows).slice(start, start + count);
  };
  window.acquireVsCodeApi = () => ({
    postMessage(message) {
      window.__posted.push(message);
      if (message.type === "tableRows") {
        const { requestId, start, count, dropSubsteps } = message;
        setTimeout(() => window.postMessage({ type: "tableRows", requestId, start, rows: rowsFor(start, count, dropSubsteps) }, "*"), 5);
      }
    },
    getState: () => state,
    setState: (s) => { state = s; window.__states.push(JSON.parse(JSON.stringify(s))); },
  });
})();
`;

function pageHtml(initialState?: PanelViewState): string {
  const initial = initialState ? `<script nonce="${NONCE}">window.__initialState = ${JSON.stringify(initialState)};</script>` : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${ORIGIN}/media/panel.css">
<title>Results: WORK token distribution</title>
</head>
<body>
<div id="app"></div>
${initial}<script nonce="${NONCE}">${STUB}</script>
<script nonce="${NONCE}" src="${ORIGIN}/dist/webview.js"></script>
</body>
</html>`;
}

/** The WORK token model's results as the host posts them, and its table's rows for the stub to answer with. */
function workTokenResults(): { results: PanelResults; rows: unknown[][]; dropped: unknown[][] } {
  const results = simulate(workTokenModel());
  const charts = buildChartData(results);
  const columns = results.flatColumnNames();
  const all = new TableIndex(results, false);
  const dropped = new TableIndex(results, true);
  return {
    results: {
      header: {
        title: charts.title,
        file: "examples/workToken.sim.ts",
        path: "/workspace/examples/workToken.sim.ts",
        simulations: 1,
        subsets: 1,
        runs: 3,
        timesteps: 52,
        blocks: 2,
        rows: results.rowCount,
        seed: 42,
        engineMs: 4.2,
        finishedAt: Date.now(),
        errors: [],
        cancelled: false,
      },
      charts,
      overlay: varyingVariables(charts).slice(0, 2),
      table: { columns, rowCount: all.rowCount, rowCountDropped: dropped.rowCount },
    },
    rows: all.slice(columns, 0, all.rowCount),
    dropped: dropped.slice(columns, 0, dropped.rowCount),
  };
}

interface Opened {
  page: Page;
  problems: string[];
  close(): Promise<void>;
}

let built: Promise<string> | undefined;

/** Builds the panel's bundle as esbuild.mjs does, into test-results (other bundles in progress cannot break this test). */
function buildBundle(): Promise<string> {
  built ??= build({
    entryPoints: [join(ROOT, "webview/panel/main.ts")],
    outfile: BUNDLE,
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    sourcemap: false,
    logLevel: "warning",
    legalComments: "none",
  }).then(() => readFile(BUNDLE, "utf8"));
  return built;
}

/** Opens the panel page offline: only the page, the bundle and the stylesheet load; anything else is refused and recorded. */
async function openPanel(browser: Browser, initialState?: PanelViewState, viewport = { width: 1100, height: 900 }): Promise<Opened> {
  const [bundle, css] = await Promise.all([buildBundle(), readFile(join(ROOT, "media/panel.css"), "utf8")]);
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  const files: Record<string, [string, string]> = {
    [`${ORIGIN}/index.html`]: ["text/html", pageHtml(initialState)],
    [`${ORIGIN}/dist/webview.js`]: ["text/javascript", bundle],
    [`${ORIGIN}/media/panel.css`]: ["text/css", css],
  };
  await context.route("**/*", (route) => {
    const url = route.request().url();
    const file = files[url];
    if (file) return route.fulfill({ status: 200, contentType: file[0], body: file[1] });
    problems.push(`request: ${url}`);
    return route.abort();
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction("window.__posted.length > 0");
  return { page, problems, close: () => context.close() };
}

function send(page: Page, message: HostMessage): Promise<void> {
  return page.evaluate((m) => (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(m, "*"), message);
}

function posted(page: Page): Promise<WebviewMessage[]> {
  return page.evaluate("window.__posted") as Promise<WebviewMessage[]>;
}

async function lastState(page: Page): Promise<PanelViewState> {
  return (await page.evaluate("window.__states[window.__states.length - 1]")) as PanelViewState;
}

/** Problems of the page: requests, errors, console errors and warnings, CSP violations. */
async function allProblems(opened: Opened): Promise<string[]> {
  const violations = (await opened.page.evaluate("window.__violations")) as string[];
  return [...opened.problems, ...violations.map((v) => `CSP violation: ${v}`)];
}

async function chartsReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const state = (globalThis as unknown as PageGlobals).document.getElementById("substep-charts")?.dataset.state;
    return state === "ready" || state === "error";
  });
  assert.equal(await page.locator("#substep-charts").getAttribute("data-state"), "ready");
}

/** The few page globals callbacks in the browser use: the Node side compiles without the DOM library. */
interface PageGlobals {
  document: { getElementById(id: string): { dataset: Record<string, string | undefined>; scrollTop: number; scrollHeight: number; clientHeight: number } | null };
}

describe("results panel in headless Chromium", { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing: install Debian's chromium to run the browser checks` }, () => {
  let browser: Browser;
  let opened: Opened;
  let page: Page;
  const work = workTokenResults();

  before(async () => {
    await mkdir(OUT, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
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
    assert.deepEqual(await lastState(page), { file: "", tab: "charts", mode: "mean", layout: "colour", dropSubsteps: false, hiddenColumns: [], tableScroll: 0 });
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
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ querySelector(s: string): { getAttribute(n: string): string | null } | null }> } }).document;
      return /timestep/.test(doc.querySelectorAll("[data-testid=chart]")[3]?.querySelector("[title]:not(button)")?.getAttribute("title") ?? "");
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
    assert.deepEqual(await page.locator("[data-testid=chart]").evaluateAll((els) => els.map((e) => (e as unknown as { dataset: Record<string, string> }).dataset.variable)), [
      "tokens, community_treasury",
      "weekly_token_minting",
      "community_treasury",
      "contributors.token_balance",
    ]);
    assert.deepEqual((await lastState(page)).variables, ["weekly_token_minting", "community_treasury", "contributors.token_balance"]);
    assert.match((await picker.textContent()) ?? "", /Variables: 3 of 4/);
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
    await page.waitForFunction(
      (colour) => {
        const doc = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document;
        return doc.querySelector("[data-testid=chart] .role-title-text text")?.getAttribute("fill") === colour;
      },
      THEMES.dark["--vscode-editor-foreground"],
    );
    await chartsReady(page);
    await page.locator("vscode-single-select[aria-label=Show]").click();
    await page.getByRole("option", { name: "Mean, p5–p95 band" }).click();
    await chartsReady(page);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(OUT, "panel-dark.png") });
    assert.deepEqual(await allProblems(opened), []);
  });

  test("the table pages through the real rows; drop substeps shows the timesteps' ends", async () => {
    await page.getByRole("tab", { name: "Table" }).click();
    const table = page.locator("#substep-table");
    await table.waitFor();
    assert.equal(await table.getAttribute("data-row-count"), "315");
    await page.locator(".substep-row:not(.placeholder)").first().waitFor();
    const first = page.locator(".substep-row[data-index='0']");
    const cells = await first.locator("[role=cell]").allTextContents();
    assert.deepEqual(cells, work.rows[0]!.map(String), "row 0 shows the model's initial state and metadata");
    assert.equal((await lastState(page)).tab, "table");
    const requests = (await posted(page)).filter((m) => m.type === "tableRows");
    assert.deepEqual(requests.map((m) => [m.start, m.count, m.dropSubsteps]), [[0, 200, false], [200, 115, false]].slice(0, requests.length));

    await page.locator("vscode-checkbox[label='Drop substeps']").click();
    await page.waitForFunction("document.getElementById('substep-table').dataset.rowCount === '159'");
    assert.equal(work.results.table.rowCountDropped, 159);
    await page.locator(".substep-row:not(.placeholder)[data-index='1']").waitFor();
    assert.deepEqual(await page.locator(".substep-row[data-index='1'] [role=cell]").allTextContents(), work.dropped[1]!.map(String));
    assert.equal((await lastState(page)).dropSubsteps, true);
    assert.ok((await posted(page)).some((m) => m.type === "tableRows" && m.dropSubsteps));
    await page.screenshot({ path: join(OUT, "panel-table-dark.png") });
    await page.locator("vscode-checkbox[label='Drop substeps']").click();
    await page.waitForFunction("document.getElementById('substep-table').dataset.rowCount === '315'");
  });

  test("a million rows: few row elements, the middle fetched by its page, columns chosen, the position kept", async () => {
    await page.evaluate("window.__setTheme('light')");
    const big: PanelResults = { ...work.results, header: { ...work.results.header, rows: 1_000_000 }, table: { ...work.results.table, rowCount: 1_000_000, rowCountDropped: 333_334 } };
    await page.evaluate((columns) => ((globalThis as unknown as { __table: unknown }).__table = { generated: 1_000_000, columns }), big.table.columns);
    const before = (await posted(page)).length;
    await send(page, { type: "results", results: big });
    const table = page.locator("#substep-table");
    await page.waitForFunction("document.getElementById('substep-table').dataset.rowCount === '1000000'");
    await page.locator(".substep-row:not(.placeholder)[data-index='0']").waitFor();
    assert.equal(await table.locator(".substep-row[data-index='0'] [role=cell]").first().textContent(), "0");
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
    const indexes = (await page.locator(".substep-row").evaluateAll((els) => els.map((e) => Number((e as unknown as { dataset: Record<string, string> }).dataset.index)))).sort((a, b) => a - b);
    assert.ok(indexes.length < 200, `${indexes.length} row elements`);
    const middle = indexes[Math.floor(indexes.length / 2)]!;
    assert.ok(middle > 499_000 && middle < 501_000, `the middle rows are shown (${middle})`);
    const requested = (await posted(page)).slice(before).filter((m): m is Extract<WebviewMessage, { type: "tableRows" }> => m.type === "tableRows");
    assert.ok(requested.every((m) => m.start % 200 === 0 && m.count === 200), "whole pages");
    assert.ok(requested.some((m) => m.start === Math.floor(middle / 200) * 200), `the middle's page (${Math.floor(middle / 200) * 200}) was asked for`);
    assert.ok(requested.length <= 8, `${requested.length} requests: only pages near the view`);
    const row = page.locator(`.substep-row[data-index='${middle}']`);
    await row.and(page.locator(":not(.placeholder)")).waitFor();
    assert.equal(await row.locator("[role=cell]").first().textContent(), String(middle * 100), "the row holds its own values");
    assert.equal(await row.locator("[role=rowheader]").textContent(), String(middle));

    // The column chooser hides a column from the header and the rows.
    await page.getByRole("button", { name: /^Columns: 9 of 9/ }).click();
    await page.getByRole("dialog", { name: "Columns to show" }).locator("vscode-checkbox[value=weekly_token_minting]").click();
    await page.keyboard.press("Escape");
    assert.deepEqual((await lastState(page)).hiddenColumns, ["weekly_token_minting"]);
    assert.equal(await page.locator(".vt-header [role=columnheader]").count(), 9, "the row number and 8 columns");
    await row.and(page.locator(":not(.placeholder)")).waitFor();
    assert.equal(await row.locator("[role=cell]").count(), 8);

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
    assert.equal(await page.locator(".substep-row[data-index='0']").boundingBox().then((b) => Math.round(b!.y)), await page.locator(".vt-header").boundingBox().then((b) => Math.round(b!.y + b!.height)), "row 0 right under the header");
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
    await page.waitForFunction(
      (colour) => {
        const doc = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document;
        return doc.querySelector("[data-testid=chart] .role-title-text text")?.getAttribute("fill") === colour;
      },
      THEMES.light["--vscode-editor-foreground"],
    );
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
    assert.equal(await page.locator("#substep-header .badge").textContent(), "Stopped: partial results");
    assert.equal(await page.locator(".failure").isVisible(), false, "new results clear the failure");
    await shown.getByText("All errors").click();
    assert.match((await shown.locator("pre").textContent()) ?? "", /run 3, timestep 9/);
    await page.screenshot({ path: join(OUT, "panel-errors.png") });
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
      assert.deepEqual(await p.locator("[data-testid=chart]").evaluateAll((els) => els.map((e) => (e as unknown as { dataset: Record<string, string> }).dataset.variable)), [
        "tokens, community_treasury",
        "contributors.token_balance",
      ]);
      assert.match((await p.locator("[data-testid=chart]").nth(1).textContent()) ?? "", /median and p5–p95 band/);
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
      assert.ok(overflow.every((d) => d <= 0), `charts fit their frames: ${overflow}`);
      await p.screenshot({ path: join(OUT, "panel-narrow.png") });
      assert.deepEqual(await allProblems(narrow), []);
    } finally {
      await narrow.close();
    }
  });
});
