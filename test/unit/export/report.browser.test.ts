// The HTML report: its markup from the CLI side, then the real page in headless Chromium, offline, in light and dark.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { combineResults, compareFinals, simulate, type CompareInput, type Model } from "../../../src/engine";
import { jsonForScript, renderHtmlReport, scriptText } from "../../../src/export/htmlReport";
import { CHROMIUM, CHROMIUM_ARGS } from "../../panelPage";
import { formatNumber } from "../../../src/export/format";
import { workTokenModel } from "../helpers";
import { groupLabelsOf, legendProblems, longLabelComparison } from "../../chartLegends";

const ROOT = resolve(__dirname, "../../..");
const OUT = join(ROOT, "test-results");
const BUILD = join(OUT, "report-build");
const RENDERER = join(BUILD, "report.js");

/** The seed notebook's WORK token model. */
const workToken: Model = workTokenModel();

/** Two seeds of the WORK token model, as `substep compare` combines them. */
function seedsCompared(): { inputs: CompareInput[]; html: string } {
  const inputs = [1, 2].map((seed) => ({ label: `seed ${seed} <b>`, results: simulate(workTokenModel({ timesteps: 8 }), { overrides: { seed } }) }));
  const html = renderHtmlReport(
    combineResults(inputs),
    { file: "a.json vs b.json", engineMs: 1, title: "Comparison", comparison: compareFinals(inputs) },
    { rendererPath: RENDERER },
  );
  return { inputs, html };
}

/** A two-subset sweep with a model chart and a run that fails partway, to exercise the rest of the page. */
const sweep: Model = {
  name: "Price walk </script><!-- sweep",
  initialState: { price: 100, label: "x" },
  timesteps: 30,
  runs: 8,
  params: { drift: [0.5, -0.5], volatility: 2 },
  blocks: [
    {
      variables: {
        price: (p, _s, _h, state, _i, ctx) => {
          if (ctx.subset === 1 && ctx.run === 8 && ctx.timestep === 20) throw new Error("volatility spike");
          return state.price + p.drift + ctx.random.normal(0, p.volatility);
        },
      },
    },
  ],
  charts: [
    {
      title: "Price by run (model chart)",
      mark: "line",
      encoding: {
        x: { field: "timestep", type: "quantitative" },
        y: { field: "price", type: "quantitative", scale: { zero: false } },
        color: { field: "subset", type: "nominal" },
        detail: { field: "run", type: "nominal" },
      },
    },
  ],
};

describe("report markup", () => {
  before(buildRenderer);

  test("is one self-contained document with the summary, the data and the renderer", () => {
    const html = renderHtmlReport(simulate(workToken), { file: "examples/workToken.sim.ts", engineMs: 12.5 }, { rendererPath: RENDERER });
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<h1>WORK token distribution<\/h1>/);
    assert.match(html, /<dt>Runs<\/dt><dd>3<\/dd>/);
    assert.match(html, /<dt>Timesteps<\/dt><dd>52<\/dd>/);
    assert.match(html, /<dt>Blocks<\/dt><dd>2 \(mint, work\)<\/dd>/);
    assert.match(html, /<dt>Rows<\/dt><dd>315<\/dd>/);
    assert.match(html, /<dt>Seed<\/dt><dd>42<\/dd>/);
    assert.match(html, /<dt>Engine time<\/dt><dd>12\.5 ms<\/dd>/);
    assert.match(html, /<tr class="mean"><td>mean of 3<\/td><td class="num">5201<\/td><td class="num">100<\/td><td class="num">5200<\/td>/);
    // Markup only: the inlined renderer's own code may hold such text in strings (vega-tooltip's image tooltips).
    const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, "$1</script>");
    assert.doesNotMatch(markup, /<(script|link|img)[^>]+(src|href)=/i, "nothing loaded from elsewhere");
    assert.doesNotMatch(html, /sourceMappingURL/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);
    const payload = JSON.parse(html.match(/<script type="application\/json" id="substep-report-data">([^]*?)<\/script>/)![1]!);
    assert.deepEqual(payload.overlay, ["tokens", "community_treasury"], "the seed plot: constant weekly_token_minting is skipped");
    assert.deepEqual(payload.variables, ["tokens", "weekly_token_minting", "community_treasury", "contributors.token_balance"]);
    assert.equal(payload.mode, "mean");
  });

  test("escapes names, embeds data that cannot end its script element, and shows the model's errors", () => {
    const results = simulate(sweep);
    const html = renderHtmlReport(results, { file: "sweep.sim.ts", engineMs: 1 }, { rendererPath: RENDERER });
    assert.equal(results.errors.length, 1);
    assert.match(html, /<h1>Price walk &lt;\/script&gt;&lt;!-- sweep<\/h1>/);
    assert.match(html, /The model failed<\/h2>/);
    assert.match(
      html,
      /volatility spike\n {2}in state update &#39;price&#39;|volatility spike\n {2}in state update 'price' at simulation 0, subset 1, run 8, timestep 20, substep 1/,
    );
    assert.match(html, /8 <span class="stopped">\(stopped at timestep 19, substep 1\)<\/span>/);
    assert.match(html, /<th>drift<\/th><th>volatility<\/th>/);
    const data = html.match(/id="substep-report-data">([^]*?)<\/script>/)![1]!;
    assert.doesNotMatch(data, /<\/script|<!--/i);
    assert.equal(JSON.parse(data).data.title, "Price walk </script><!-- sweep");
  });

  test("an experiment lists each simulation; results with no runs still make a page", () => {
    const html = renderHtmlReport(
      simulate([workToken, { ...workToken, name: "Second", runs: 2 }]),
      { file: "ab.sim.ts", engineMs: 1 },
      { rendererPath: RENDERER },
    );
    assert.match(html, /<h1>2 models<\/h1>/);
    assert.match(html, /<dt>Simulations<\/dt><dd>2<\/dd>/);
    assert.match(html, /<tr><td>1<\/td><td>Second<\/td><td class="num">1<\/td><td class="num">2<\/td>/);
    assert.match(html, /<h3>Second \(simulation 1\), timestep 52<\/h3>/);
    const empty = renderHtmlReport(simulate(workToken, { shouldStop: () => true }), { file: "m", engineMs: 0 }, { rendererPath: RENDERER });
    assert.match(empty, /<dt>Rows<\/dt><dd>0<\/dd>/);
    assert.doesNotMatch(empty, /Final values/);
  });

  test("a comparison shows the final values side by side near the top, escaped, numbers right-aligned", () => {
    const { inputs, html } = seedsCompared();
    const section = html.match(/<section class="comparison"><h2>Final values compared<\/h2>[^]*?<\/section>/)?.[0];
    assert.ok(section, "the comparison section is there");
    assert.ok(html.indexOf(section) < html.indexOf('<section class="charts-section">'), "before the charts");
    assert.match(
      section,
      /<th>variable<\/th><th class="num">seed 1 &lt;b&gt;<\/th><th class="num">seed 2 &lt;b&gt;<\/th><th class="num">seed 2 &lt;b&gt; − seed 1 &lt;b&gt;<\/th>/,
    );
    const mean = (i: number): number => compareFinals(inputs).rows.find((r) => r.name === "contributors.token_balance")!.means[i]!;
    assert.match(
      section,
      new RegExp(`<td>contributors\\.token_balance</td><td class="num">${formatNumber(mean(0))}</td><td class="num">${formatNumber(mean(1))}</td>`),
    );
    assert.doesNotMatch(section, /<b>/);
    assert.doesNotMatch(renderHtmlReport(simulate(workToken), { file: "m", engineMs: 0 }, { rendererPath: RENDERER }), /Final values compared/);
  });

  test("script and JSON escaping keep the text's meaning", () => {
    assert.equal(scriptText('a = "</script>"; b = "<!--";'), 'a = "<\\/script>"; b = "<\\!--";');
    const value = { s: "</script><!-- \u2028" };
    assert.deepEqual(JSON.parse(jsonForScript(value)), value);
    assert.doesNotMatch(jsonForScript(value), /</);
  });

  test("says how to build the renderer when it is missing", () => {
    assert.throws(() => renderHtmlReport(simulate(workToken), { file: "m", engineMs: 0 }, { rendererPath: join(BUILD, "nope.js") }), /node esbuild\.mjs/);
  });
});

describe(
  "report in headless Chromium",
  { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing: install Debian's chromium to run the browser checks` },
  () => {
    let browser: Browser;
    before(async () => {
      await buildRenderer();
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: CHROMIUM_ARGS,
      });
    });
    after(() => browser?.close());

    test("the WORK token report draws every chart offline, light and dark, with no errors", async () => {
      const file = await writeReport(
        "work-token.html",
        renderHtmlReport(simulate(workToken), { file: "examples/workToken.sim.ts", engineMs: 3.2 }, { rendererPath: RENDERER }),
      );
      for (const scheme of ["light", "dark"] as const) {
        const { page, problems, close } = await openPage(browser, file, scheme);
        try {
          const charts = page.locator("figure.chart");
          assert.equal(await charts.count(), 5, "the overlay and one chart per numeric variable");
          for (let i = 0; i < 5; i++) {
            const chart = charts.nth(i);
            assert.ok((await chart.locator("svg .mark-line path").count()) > 0, `chart ${i} has lines`);
            assert.ok((await chart.locator("svg .mark-area path").count()) > 0, `chart ${i} has its band`);
          }
          assert.equal(await charts.nth(0).getAttribute("data-title"), "tokens, community_treasury");
          const texts = await page.locator("figure.chart svg text").allTextContents();
          assert.ok(texts.includes("contributors.token_balance"), "titles are drawn");
          const fill = await charts.nth(1).locator("svg .role-title-text text").first().getAttribute("fill");
          assert.equal(fill, scheme === "dark" ? "#e6edf3" : "#1f2328", "chart text follows the page's colour scheme");
          await page.screenshot({ path: join(OUT, scheme === "dark" ? "report-dark.png" : "report.png"), fullPage: true });

          // Hovering a chart names the nearest point in the page's tooltip (vega-tooltip's, styled by the report).
          await charts.nth(3).scrollIntoViewIfNeeded();
          const box = (await charts.nth(3).locator("svg").boundingBox())!;
          await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
          await page.waitForFunction(() => {
            const { document } = globalThis as unknown as PageGlobals;
            return /timestep/.test(document.querySelector("#vg-tooltip-element.visible")?.textContent ?? "");
          });

          // The controls redraw: individual runs, then one variable fewer.
          await page.selectOption("select[name=mode]", "runs");
          await waitReady(page);
          assert.ok((await charts.nth(4).locator("svg .mark-line path").count()) >= 3, "one line per run");
          assert.equal(await charts.nth(4).locator("svg .mark-area path").count(), 0);
          await page.getByRole("checkbox", { name: "weekly_token_minting" }).uncheck();
          await waitReady(page);
          assert.equal(await charts.count(), 4);
          assert.deepEqual(problems, [], "no network requests, page errors or console errors");

          // The page's CSP is in force and has no 'unsafe-eval': the charts above were drawn without eval.
          const ran = await page.evaluate(async () => {
            const page = globalThis as unknown as PageGlobals;
            const script = page.document.createElement("script");
            script.textContent = "window.injected = true";
            page.document.body.append(script);
            page.setTimeout("window.evaluated = true", 0);
            await new Promise((done) => setTimeout(done, 50));
            return { injected: page.injected === true, evaluated: page.evaluated === true };
          });
          assert.deepEqual(ran, { injected: false, evaluated: false });
        } finally {
          await close();
        }
      }
    });

    test("a comparison report draws its table and charts with each input in the legend", async () => {
      const file = await writeReport("compare.html", seedsCompared().html);
      const { page, problems, close } = await openPage(browser, file, "light");
      try {
        assert.equal(await page.getByRole("heading", { name: "Final values compared" }).count(), 1);
        assert.equal(await page.locator("table.compared tbody tr").count(), 4, "one row per number");
        const charts = page.locator("figure.chart");
        assert.ok((await charts.count()) > 0);
        const legend = await charts.nth(0).locator("svg .role-legend-label text").allTextContents();
        assert.ok(legend.includes("seed 1 <b>") && legend.includes("seed 2 <b>"), `both inputs in the legend: ${legend.join("|")}`);
        await page.screenshot({ path: join(OUT, "report-compare.png"), fullPage: true });
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });

    test("legends show every long subset name in full inside its chart, at 400 px and at full width", async () => {
      const results = longLabelComparison();
      const file = await writeReport("legends.html", renderHtmlReport(results, { file: "a.json vs b.json", engineMs: 1 }, { rendererPath: RENDERER }));
      for (const width of [400, 1100]) {
        const { page, problems, close } = await openPage(browser, file, "light", width);
        try {
          const found = await legendProblems(page.locator("figure.chart"), groupLabelsOf(results));
          assert.deepEqual(found.slice(0, 8), [], `${found.length} problems at ${width} px`);
          await page.screenshot({ path: join(OUT, `report-legends-${width}.png`), fullPage: true });
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
      }
    });

    test("a sweep draws small multiples, the model's own chart and its error, with no errors", async () => {
      const file = await writeReport("sweep.html", renderHtmlReport(simulate(sweep), { file: "sweep.sim.ts", engineMs: 1 }, { rendererPath: RENDERER }));
      const { page, problems, close } = await openPage(browser, file, "light");
      try {
        const charts = page.locator("figure.chart");
        assert.equal(await charts.count(), 2, "price and the model chart (one varying variable: no overlay)");
        await page.selectOption("select[name=layout]", "facet");
        await waitReady(page);
        const headers = await charts.nth(0).locator("svg .role-header-label text, svg .mark-text.role-header-label text").allTextContents();
        const allText = (await charts.nth(0).locator("svg text").allTextContents()).join("|");
        assert.ok(allText.includes("drift = 0.5") && allText.includes("drift = -0.5"), `group headers in ${allText} ${headers.join("|")}`);
        assert.ok((await charts.nth(0).locator("svg .mark-line path").count()) >= 2, "a line per small multiple");
        assert.ok((await charts.nth(1).locator("svg .mark-line path").count()) >= 16, "the model chart draws a line per run");
        await page.screenshot({ path: join(OUT, "report-sweep.png"), fullPage: true });
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  },
);

/** The few page globals the callbacks run in the browser use: the Node side compiles without the DOM library. */
interface PageGlobals {
  document: {
    getElementById(id: string): { dataset: Record<string, string | undefined> } | null;
    querySelector(selector: string): { textContent: string | null } | null;
    createElement(tag: string): { textContent: string };
    body: { append(node: unknown): void };
  };
  /** The string form, which the CSP must refuse as eval. */
  setTimeout(code: string, ms: number): void;
  injected?: boolean;
  evaluated?: boolean;
}

let built: Promise<void> | undefined;

/** Builds the renderer as esbuild.mjs does, into test-results, so other bundles in progress cannot break this test. */
function buildRenderer(): Promise<void> {
  built ??= build({
    entryPoints: [join(ROOT, "webview/report/main.ts")],
    outfile: RENDERER,
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    sourcemap: true,
    logLevel: "warning",
    legalComments: "none",
  }).then(() => undefined);
  return built;
}

async function writeReport(name: string, html: string): Promise<string> {
  await mkdir(OUT, { recursive: true });
  const path = join(OUT, name);
  await writeFile(path, html);
  return path;
}

/** Opens a report offline: any request but the file itself is refused and recorded, like page and console errors. */
async function openPage(
  browser: Browser,
  file: string,
  colorScheme: "light" | "dark",
  width = 1100,
): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const url = pathToFileURL(file).href;
  await page.route("**/*", (route) => {
    const requested = route.request().url();
    if (requested === url) return route.continue();
    problems.push(`request: ${requested}`);
    return route.abort();
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  await page.goto(url);
  await waitReady(page);
  return { page, problems, close: () => context.close() };
}

async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const state = (globalThis as unknown as PageGlobals).document.getElementById("substep-charts")?.dataset.state;
    return state === "ready" || state === "error";
  });
  assert.equal(await page.locator("#substep-charts").getAttribute("data-state"), "ready");
}
