// How long a large result takes to appear in the results panel: the host's payload (aggregated and
// decimated, built on the host thread: the longest it blocks) and the webview drawing it in Chromium.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import type { Results } from "../../src/engine";
import { buildPanelResults } from "../../src/shared/panelResults";
import { CHROMIUM, CHROMIUM_ARGS, chartsReady, openPanel, send } from "../../test/panelPage";

export interface PanelOpenTiming {
  rows: number;
  /** Host thread time to build the message (it blocks the extension host for this long). */
  hostMs: number;
  payloadBytes: number;
  /** From posting the message to every chart drawn. */
  renderMs: number;
}

export async function measurePanelOpen(results: Results): Promise<PanelOpenTiming | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  const t0 = performance.now();
  const payload = buildPanelResults(results, {
    file: "seed.sim.ts",
    path: "/bench/seed.sim.ts",
    seed: 0,
    engineMs: results.engineMs,
    finishedAt: Date.now(),
    errors: [],
    cancelled: false,
  });
  const hostMs = performance.now() - t0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  try {
    const opened = await openPanel(browser);
    const t1 = performance.now();
    await send(opened.page, { type: "results", results: payload });
    await chartsReady(opened.page);
    const renderMs = performance.now() - t1;
    await opened.close();
    return { rows: results.rowCount, hostMs, payloadBytes: JSON.stringify(payload).length, renderMs };
  } finally {
    await browser.close();
  }
}
