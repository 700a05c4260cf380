// The results panel's Summary tab in headless Chromium (the real webview bundle, the host's page and CSP, a stub
// VS Code API): it asks the host for the summary, draws the histogram and a table per subset named by its
// parameter, and asks again for another variable or timestep. The test answers as the host does.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import { simulate, type Model, type Results } from "../../../src/engine";
import { buildPanelResults } from "../../../src/shared/panelResults";
import { buildPanelSummary } from "../../../src/shared/panelSummary";
import type { WebviewMessage } from "../../../src/shared/protocol";
import { CHROMIUM, CHROMIUM_ARGS, OUT, allProblems, lastState, openPanel, posted, send, type Opened } from "../../panelPage";

/** A staking pool over three APRs, 30 runs each: the final stake's spread differs by subset. */
const staking: Model = {
  name: "Staking sweep",
  initialState: { staked: 1000, rewards: 0 },
  params: { apr: [0.05, 0.1, 0.2] },
  timesteps: 52,
  runs: 30,
  blocks: [
    {
      variables: {
        rewards: (p, _s, _h, st, _i, ctx) => st.staked * ((p.apr as number) / 52) * ctx.random.uniform(0.5, 1.5),
      },
    },
    { variables: { staked: (_p, _s, _h, st) => st.staked + st.rewards } },
  ],
};

type SummaryAsk = Extract<WebviewMessage, { type: "summary" }>;

/** The newest `summary` request the page posted after `after` of them; waits for it. */
async function nextAsk(page: Page, after: number): Promise<{ ask: SummaryAsk; count: number }> {
  for (let i = 0; i < 200; i++) {
    const asks = (await posted(page)).filter((m): m is SummaryAsk => m.type === "summary");
    if (asks.length > after) return { ask: asks[asks.length - 1]!, count: asks.length };
    await page.waitForTimeout(25);
  }
  throw new Error("the page asked for no summary");
}

async function answer(page: Page, results: Results, ask: SummaryAsk): Promise<void> {
  const summary = buildPanelSummary(results, { variable: ask.variable, timestep: ask.timestep });
  await send(page, { type: "summary", requestId: ask.requestId, summary });
}

async function drawn(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = (globalThis as unknown as { document: { querySelector(s: string): { dataset: Record<string, string> } | null } }).document.querySelector(
      ".summary-tab",
    );
    return el?.dataset.state === "drawn" || el?.dataset.state === "error";
  });
  assert.equal(await page.locator(".summary-tab").getAttribute("data-state"), "drawn");
}

describe("the panel's Summary tab in headless Chromium", { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing` }, () => {
  let browser: Browser;
  let opened: Opened;
  let page: Page;
  const results = simulate(staking);

  before(async () => {
    await mkdir(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    opened = await openPanel(browser, {
      file: "/workspace/staking.sim.ts",
      tab: "summary",
      mode: "runs",
      tableFilter: "",
      layout: "colour",
      dropSubsteps: false,
      hiddenColumns: [],
      tableScroll: 0,
    });
    page = opened.page;
    await page.evaluate("window.__setTheme('dark')");
  });
  after(async () => {
    await opened?.close();
    await browser?.close();
  });

  test("final values: a histogram of staked's 90 runs and a table per APR, each with mean, sd and percentiles", async () => {
    const panel = buildPanelResults(results, {
      file: "staking.sim.ts",
      path: "/workspace/staking.sim.ts",
      seed: 1,
      engineMs: 1,
      finishedAt: Date.now(),
      errors: [],
      cancelled: false,
      typeErrors: 0,
      displayPath: (p) => p.replace(/.*\//, ""),
    });
    await send(page, { type: "results", results: panel });
    const { ask, count } = await nextAsk(page, 0);
    assert.deepEqual([ask.variable, ask.timestep], [undefined, undefined], "the first ask: defaults");
    await answer(page, results, ask);
    await drawn(page);
    assert.deepEqual(await page.locator(".summary-group h3").allTextContents(), ["apr = 0.05", "apr = 0.1", "apr = 0.2"]);
    const headers = await page.locator(".summary-group").first().locator("th").allTextContents();
    assert.deepEqual(headers, ["variable", "runs", "mean", "sd", "min", "p5", "p50", "p95", "max"]);
    const first = buildPanelSummary(results).groups[0]!.distributions.find((d) => d.name === "staked")!;
    const cells = await page.locator(".summary-group").first().locator("tr", { hasText: "staked" }).locator("td").allTextContents();
    assert.equal(cells[1], "30");
    assert.equal(Number(cells[2]!.replace(/,/g, "")).toFixed(0), first.mean.toFixed(0), "the mean shown is the subset's");
    assert.match(
      await page
        .locator(".summary-chart svg, .summary-chart canvas")
        .first()
        .evaluate((e) => e.outerHTML),
      /(svg|canvas)/,
    );
    await page.screenshot({ path: join(OUT, "summary-tab.png"), fullPage: true });

    // Another variable and a timestep: asked of the host, kept in the view state.
    await page.locator(".summary-tab vscode-textfield").evaluate((el: { value: string; dispatchEvent(e: Event): boolean }) => {
      el.value = "26";
      el.dispatchEvent(new Event("change"));
    });
    const second = await nextAsk(page, count);
    assert.equal(second.ask.timestep, 26);
    await answer(page, results, second.ask);
    await drawn(page);
    assert.match((await page.locator(".summary-note").first().textContent()) ?? "", /At timestep 26, over 90 runs/);
    assert.equal((await lastState(page)).summaryTimestep, 26);
    assert.deepEqual(await allProblems(opened), []);
  });
});
