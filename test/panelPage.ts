// The results panel as a plain page in headless Chromium, built like the host builds it (same CSP, a
// nonce, a stub acquireVsCodeApi that records messages and answers table pages): for the panel's tests
// and the bench's panel-open timing.
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import type { Browser, Locator, Page } from "playwright-core";
import { panelHtmlText } from "../src/shared/panelHtml";
import type { HostMessage, PanelViewState, WebviewMessage } from "../src/shared/protocol";

export const ROOT = resolve(__dirname, "..");
export const OUT = join(ROOT, "test-results");
export const BUNDLE = join(OUT, "panel-build", "webview.js");
export const CHROMIUM = "/usr/bin/chromium";
/**
 * Headless Chromium as this machine allows it: no sandbox (root), no GPU, and none of its background
 * connections (the network is closed: they would be refused at every start).
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** The page's origin: what `webview.cspSource` is in VS Code. */
export const ORIGIN = "https://webview.test";
export const NONCE = "dGVzdC1ub25jZS0xMjM0NTY3OA==";

/** Realistic --vscode-* variables of VS Code's Light Modern and Dark Modern themes. */
export const THEMES = {
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
    "--vscode-editorWarning-foreground": "#bf8803",
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
    // As VS Code's Light Modern gives it: a third opaque, which the panel must not use for lines.
    "--vscode-charts-orange": "rgba(234, 92, 0, 0.33)",
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
    "--vscode-editorWarning-foreground": "#cca700",
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
export const STUB = `
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
  const queries = new Map();
  const rowsFor = (start, count, drop) => {
    const t = window.__table;
    if (t.generated) return Array.from({ length: Math.max(0, Math.min(count, t.generated - start)) }, (_, k) => t.columns.map((_, c) => (start + k) * 100 + c));
    return (drop ? t.dropped : t.rows).slice(start, start + count);
  };
  window.acquireVsCodeApi = () => ({
    postMessage(message) {
      window.__posted.push(message);
      // The host's views, as far as these tests need them: every row, or the timesteps' ends (filters and sorts are
      // the host's, tested in Node and in the real VS Code).
      if (message.type === "tableQuery") {
        const { queryId, query } = message;
        queries.set(queryId, query.dropSubsteps);
        const t = window.__table;
        const rowCount = t.generated ?? (query.dropSubsteps ? t.dropped : t.rows).length;
        setTimeout(() => window.postMessage({ type: "tableView", queryId, rowCount }, "*"), 5);
      }
      if (message.type === "tableRows") {
        const { requestId, queryId, start, count } = message;
        const rows = rowsFor(start, count, queries.get(queryId));
        setTimeout(() => window.postMessage({ type: "tableRows", requestId, start, rows, indexes: rows.map((_, k) => start + k) }, "*"), 5);
      }
    },
    getState: () => state,
    setState: (s) => { state = s; window.__states.push(JSON.parse(JSON.stringify(s))); },
  });
})();
`;

/** The host's page (src/shared/panelHtml.ts) at the test origin, with the VS Code API stub before the bundle. */
export function pageHtml(initialState?: PanelViewState): string {
  return panelHtmlText({
    cspSource: ORIGIN,
    scriptUri: `${ORIGIN}/dist/webview.js`,
    styleUri: `${ORIGIN}/media/panel.css`,
    nonce: NONCE,
    title: "Results: WORK token distribution",
    preludes: [...(initialState ? [`window.__initialState = ${JSON.stringify(initialState)};`] : []), STUB],
  });
}

export interface Opened {
  page: Page;
  problems: string[];
  close(): Promise<void>;
}

let built: Promise<string> | undefined;

/** Builds the panel's bundle as esbuild.mjs does, into test-results (other bundles in progress cannot break this test). */
export function buildBundle(): Promise<string> {
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
export async function openPanel(browser: Browser, initialState?: PanelViewState, viewport = { width: 1100, height: 900 }): Promise<Opened> {
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

export function send(page: Page, message: HostMessage): Promise<void> {
  return page.evaluate((m) => (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(m, "*"), message);
}

export function posted(page: Page): Promise<WebviewMessage[]> {
  return page.evaluate<WebviewMessage[]>("window.__posted");
}

export async function lastState(page: Page): Promise<PanelViewState> {
  return page.evaluate<PanelViewState>("window.__states[window.__states.length - 1]");
}

/** Problems of the page: requests, errors, console errors and warnings, CSP violations. */
export async function allProblems(opened: Opened): Promise<string[]> {
  const violations = await opened.page.evaluate<string[]>("window.__violations");
  return [...opened.problems, ...violations.map((v) => `CSP violation: ${v}`)];
}

export async function chartsReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const state = (globalThis as unknown as PageGlobals).document.getElementById("substep-charts")?.dataset.state;
    return state === "ready" || state === "error";
  });
  const state = await page.locator("#substep-charts").getAttribute("data-state");
  if (state !== "ready") throw new Error(`the charts ended in state '${state}'`);
}

/** The few page globals callbacks in the browser use: the Node side compiles without the DOM library. */
export interface PageGlobals {
  document: {
    getElementById(id: string): { dataset: Record<string, string | undefined>; scrollTop: number; scrollHeight: number; clientHeight: number } | null;
  };
}

/** A table row's cells by column name, as on screen (the pinned identifying columns first). */
export async function cellsByColumn(table: Locator, row: Locator): Promise<Record<string, string>> {
  const names = await table.locator(".vt-header [data-column]").evaluateAll((cells) => cells.map((c) => c.getAttribute("data-column") ?? ""));
  const cells = await row.locator("[role=gridcell]").allTextContents();
  return Object.fromEntries(names.map((name, i) => [name, cells[i]!]));
}
