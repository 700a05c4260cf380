// Comparing runs as a user does: two seeds of the WORK token model picked in the Runs view and compared
// (its context menu), and Compare with HEAD in a git workspace (the test commits the model, edits it, compares).
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { FrameLocator } from "playwright-core";
import type { UiSuite, Workbench } from "../driver";
import { changeOption, contextMenu, expectFacts, quickPickRow, runsView } from "./workbenchUi";

export const suite: UiSuite = {
  options: { settings: { "workbench.colorTheme": "Default Dark Modern" } },
  tests: [
    {
      name: "Compare Runs on two seeds from the Runs view: one colour per run in the charts, final values and their differences",
      run: async (wb) => {
        await wb.openFile("workToken.sim.ts");
        await wb.runCommand("Substep: Run Simulation");
        await wb.activeTab("Results: WORK token distribution").waitFor({ timeout: 30_000 });
        await expectFacts(await wb.webviewFrame(), { Seed: "42" });
        await wb.codeLens("Run with Options…").click();
        await changeOption(wb, "Seed", "7");
        await quickPickRow(wb, "Run").click();
        await expectFacts(await wb.webviewFrame(), { Seed: "7 (model: 42)" });

        // Both runs selected (a click, then Ctrl+click), and Compare Runs… from the selection's context menu.
        const runs = await runsView(wb);
        const first = runs.locator(".monaco-list-row", { hasText: "seed 42" });
        const second = runs.locator(".monaco-list-row", { hasText: "seed 7" });
        await second.waitFor({ timeout: 10_000 });
        await first.click();
        await second.click({ modifiers: ["Control"] });
        await contextMenu(wb, second, "Compare Runs…");
        await wb.activeTab("Compare run 1 · run 2").waitFor({ timeout: 20_000 });
        const view = await comparisonFrame(wb);
        const compared = await view.locator(".compared-runs li").allInnerTexts();
        assert.equal(compared.length, 2, compared.join(" | "));
        assert.match(compared[0]!, /^run 1 workToken\.sim\.ts · 3 runs × 52 steps · seed 42 · /);
        assert.match(compared[1]!, /^run 2 workToken\.sim\.ts · 3 runs × 52 steps · seed 7 · /);
        await expectFacts(view, { Compared: "2 runs", Runs: "6", Rows: String(2 * 315) });
        assert.equal(await view.locator(".header-actions vscode-button", { hasText: "Re-run" }).isVisible(), false, "no Re-run in a comparison");

        // Each run its own legend entry in the charts.
        const legend = view.locator("figure.chart").first().locator("svg .role-legend");
        await legend.first().waitFor({ timeout: 20_000 });
        const entries = await legend.locator("text").allTextContents();
        assert.ok(entries.includes("run 1") && entries.includes("run 2"), `legend: ${entries.join(" | ")}`);
        // A hover shows a themed tooltip (vega-tooltip) naming the run, the timestep and the values there.
        const plot = view.locator("figure.chart").first().locator("svg");
        const box = await plot.boundingBox();
        assert.ok(box, "the first chart is drawn");
        const tooltip = view.locator("#vg-tooltip-element.visible");
        for (let x = 0.3; x < 0.8 && !(await tooltip.isVisible()); x += 0.05) {
          await plot.hover({ position: { x: box.width * x, y: box.height * 0.45 } });
          await wb.page.waitForTimeout(150);
        }
        const tip = await tooltip.innerText({ timeout: 5_000 });
        assert.match(tip, /group\s+run [12]/, tip);
        assert.match(tip, /timestep\s+\d+/, tip);
        assert.match(tip, /mean\s+[\d,.]+/, tip);
        await wb.screenshot("compare-runs-charts", wb.page.locator(".part.editor"));

        // Dragging across a chart zooms every chart to that time range; Show All Timesteps undoes it.
        await plot.hover({ position: { x: box.width * 0.35, y: box.height * 0.5 } });
        await wb.page.mouse.down();
        for (let step = 1; step <= 8; step++) await plot.hover({ position: { x: box.width * (0.35 + step * 0.04), y: box.height * 0.5 } });
        await wb.page.mouse.up();
        const showAll = view.getByRole("button", { name: "Show All Timesteps" });
        await showAll.waitFor({ timeout: 10_000 });
        const firstTick = async (i: number) => Number(await view.locator("figure.chart").nth(i).locator(".role-axis-label text").first().textContent());
        await view.locator("#substep-charts[data-state=ready]").waitFor({ timeout: 15_000 });
        assert.ok((await firstTick(1)) > 0, `the second chart's time axis starts at ${await firstTick(1)}, not 0`);
        await wb.screenshot("compare-runs-zoomed", wb.page.locator(".part.editor"));
        await showAll.click();
        await view.locator("#substep-charts[data-state=ready]").waitFor({ timeout: 15_000 });
        await showAll.waitFor({ state: "hidden", timeout: 10_000 });

        // The Summary tab starts with the final values side by side.
        await view.getByText("Summary", { exact: true }).first().click();
        const table = view.locator(".compare-table");
        await table.waitFor({ timeout: 10_000 });
        assert.deepEqual(await table.locator("thead th").allTextContents(), ["variable", "run 1", "run 2", "run 2 − run 1"]);
        const row = async (name: string): Promise<string[]> =>
          table
            .locator("tbody tr", { has: view.locator("td", { hasText: new RegExp(`^${name}$`) }) })
            .locator("td")
            .allTextContents();
        // Minting does not draw: both seeds end with 1 + 52 × 100 tokens. The contributors' rewards are drawn.
        assert.deepEqual(await row("tokens"), ["tokens", "5201", "5201", "0"]);
        const balance = await row("contributors.token_balance");
        const [a, b] = [Number(balance[1]), Number(balance[2])];
        assert.ok(a > 52 && a < 520 && b > 52 && b < 520 && a !== b, balance.join(" | "));
        const difference = Number(balance[3]!.replace("−", "-").replace(/ \(.*\)$/, ""));
        assert.ok(Math.abs(difference - (b - a)) < 0.01, `difference ${balance[3]} of ${a} and ${b}`);
        await wb.screenshot("compare-runs-summary", wb.page.locator(".part.editor"));
      },
    },
    {
      name: "after a window reload the comparison panel compares the same runs again, read from the history",
      timeoutMs: 90_000,
      run: async (wb) => {
        await wb.runCommand("Developer: Reload Window");
        await wb.page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
        await wb.page.locator(".tabs-container .tab", { hasText: "Compare run 1 · run 2" }).first().click({ timeout: 30_000 });
        const view = await comparisonFrame(wb);
        const compared = await view.locator(".compared-runs li").allInnerTexts();
        assert.deepEqual(
          compared.map((c) => c.split(" ")[0] + " " + c.split(" ")[1]),
          ["run 1", "run 2"],
        );
        // The previous test left the Summary tab open: it is back, with the table.
        await view.locator(".compare-table").waitFor({ timeout: 15_000 });
        await wb.screenshot("compare-after-reload", wb.page.locator(".part.editor"));
      },
    },
    {
      name: "Compare with HEAD: the committed model against the edited one, both with the model's options; the difference is the edit's",
      run: async (wb) => {
        const git = (...args: string[]) =>
          execFileSync("git", ["-c", "user.name=Substep tests", "-c", "user.email=tests@substep.invalid", ...args], { cwd: wb.workspace, encoding: "utf8" });
        git("init", "-q");
        git("add", "workToken.sim.ts");
        git("commit", "-q", "-m", "WORK token model");
        const commit = git("rev-parse", "--short", "HEAD").trim();
        // The edit: twice the weekly minting. Written to disk while the editor shows the file: VS Code reloads it.
        const file = path.join(wb.workspace, "workToken.sim.ts");
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("weekly_token_minting: 100,", "weekly_token_minting: 200,"));
        await wb.openFile("workToken.sim.ts");
        await wb.page.locator(".part.editor .monaco-editor .view-line", { hasText: "weekly_token_minting: 200," }).first().waitFor({ timeout: 10_000 });
        await wb.runCommand("Substep: Compare with HEAD");
        await wb.activeTab("Compare HEAD").waitFor({ timeout: 60_000 });
        const view = await comparisonFrame(wb);
        const compared = await view.locator(".compared-runs li").allInnerTexts();
        assert.match(compared[0]!, new RegExp(`^HEAD \\(${commit}\\) workToken\\.sim\\.ts · 3 runs × 52 steps · seed 42 · as committed · `));
        assert.match(compared[1]!, /^working copy workToken\.sim\.ts · 3 runs × 52 steps · seed 42 · as edited · /);
        await view.getByText("Summary", { exact: true }).first().click();
        const table = view.locator(".compare-table");
        await table.waitFor({ timeout: 10_000 });
        const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
        const byName = new Map(rows.map((r) => [r[0], r.slice(1)]));
        // 1 + 52 × 100 against 1 + 52 × 200; the same seed draws the same rewards.
        assert.deepEqual(byName.get("tokens"), ["5201", "10401", "+5200 (+100%)"]);
        assert.deepEqual(byName.get("community_treasury"), ["5200", "10400", "+5200 (+100%)"]);
        assert.equal(byName.get("contributors.token_balance")?.[2], "0");
        await wb.screenshot("compare-with-head", wb.page.locator(".part.editor"));

        // Export ▾ → HTML report: the save dialog proposes comparison.html beside the model; its report has the table.
        await view.locator(".header-actions vscode-button", { hasText: "Export" }).click();
        await view.locator("vscode-context-menu.export-menu").getByText("HTML report", { exact: true }).click();
        const input = wb.page.locator(".quick-input-widget input");
        await input.waitFor({ timeout: 10_000 });
        // The dialog types its proposal in as it opens.
        for (let i = 0; i < 40 && !/comparison\.html$/.test(await input.inputValue()); i++) await wb.page.waitForTimeout(250);
        assert.match(await input.inputValue(), /comparison\.html$/);
        await wb.page.keyboard.press("Enter");
        const report = path.join(wb.workspace, "comparison.html");
        for (let i = 0; i < 60 && !fs.existsSync(report); i++) await wb.page.waitForTimeout(250);
        assert.ok(fs.existsSync(report), `no ${report}`);
        const html = fs.readFileSync(report, "utf8");
        assert.ok(
          html.includes("Final values compared") && html.includes(`HEAD (${commit})`) && html.includes("+5200 (+100%)"),
          "the report's comparison table",
        );
      },
    },
  ],
};

/** The comparison panel's content: the webview whose header lists compared runs. */
async function comparisonFrame(wb: Workbench): Promise<FrameLocator> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const outer = wb.page.locator("iframe.webview.ready");
    for (let i = (await outer.count()) - 1; i >= 0; i--) {
      const view = outer.nth(i).contentFrame().locator("#active-frame").contentFrame();
      if (
        await view
          .locator(".compared-runs li")
          .first()
          .isVisible()
          .catch(() => false)
      )
        return view;
    }
    if (Date.now() > deadline) throw new Error("no comparison panel shows its runs");
    await wb.page.waitForTimeout(250);
  }
}
