// Ways to run a model besides a plain run, as a user drives them: Run with Options… (the quick pick and
// its input boxes), stopping a model that never ends (the progress notification's Cancel, and the Stop
// Simulation CodeLens), and substep.runOnSave (an edit saved with Ctrl+S runs the model again).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, type UiSuite, type Workbench } from "../driver";
import { cellsByColumn } from "../../panelPage";
import { WORK_TOKEN_ROWS, inlineValueTexts } from "./resultsPanel";
import { changeOption, contextMenu, expectFacts, quickPickRow, runsView } from "./workbenchUi";

/** workToken's rows: an initial row per run, and a row per block (2) per timestep. */
const workTokenRows = (runs: number, timesteps: number) => runs * (timesteps * 2 + 1);

export const suite: UiSuite = {
  options: {
    // A time limit far beyond the tests: only the user's Cancel or Stop may end forever.sim.ts's runs.
    settings: { "workbench.colorTheme": "Default Dark Modern", "substep.runOnSave": true, "substep.timeoutSeconds": 120 },
  },
  tests: [
    {
      name: "Run Simulation on workToken.sim.ts: the panel header reads 3 runs × 52 timesteps = 315 rows",
      run: async (wb) => {
        assert.equal(workTokenRows(3, 52), WORK_TOKEN_ROWS);
        await runWorkToken(wb);
      },
    },
    {
      name: "CodeLens Run with Options… starts from the model's own values: 3 runs, 52 timesteps",
      run: async (wb) => {
        await wb.openFile("workToken.sim.ts");
        await wb.codeLens("Run with Options…").click();
        const runRow = quickPickRow(wb, "Run");
        await runRow.waitFor({ timeout: 20_000 });
        try {
          await wb.screenshot("run-options-start", wb.page.locator(".quick-input-widget"));
          const shown = {
            run: await runRow.locator(".label-description").textContent(),
            runs: await quickPickRow(wb, "Monte Carlo runs").locator(".label-description").textContent(),
            timesteps: await quickPickRow(wb, "Timesteps").locator(".label-description").textContent(),
            seed: await quickPickRow(wb, "Seed").locator(".label-description").textContent(),
          };
          assert.deepEqual(shown, { run: "3 runs (1 subset × 3) × 52 timesteps", runs: "3", timesteps: "52", seed: "42" });
        } finally {
          await wb.page.keyboard.press("Escape");
        }
      },
    },
    {
      name: "CodeLens Run with Options…: runs 2 and timesteps 10 give 2 × 21 = 42 rows",
      run: async (wb) => {
        await wb.openFile("workToken.sim.ts");
        await wb.codeLens("Run with Options…").click();
        await changeOption(wb, "Monte Carlo runs", "2");
        await changeOption(wb, "Timesteps", "10");
        // The Run row says what will run before anything does.
        const runRow = quickPickRow(wb, "Run");
        await runRow.filter({ hasText: "2 runs (1 subset × 2) × 10 timesteps" }).waitFor({ timeout: 5_000 });
        await wb.screenshot("run-options-changed", wb.page.locator(".quick-input-widget"));
        await runRow.click();
        // The seed is the model's own (42): a whole-value match tells it from 42 rows. An override names
        // the model's own value beside it.
        await expectFacts(await wb.webviewFrame(), {
          Runs: "2 (model: 3)",
          Timesteps: "10 (model: 52)",
          Rows: String(workTokenRows(2, 10)),
          Seed: "42",
        });
        await wb.screenshot("run-options-panel", wb.page.locator(".part.editor"));
      },
    },
    {
      name: "Runs view: the first run opens as 'Run 1 (a newer run exists)'; Re-run with These Options repeats run 2's options; Delete, Rename and Pin",
      run: async (wb) => {
        const runs = await runsView(wb);
        const first = runs.locator(".monaco-list-row", { hasText: "3 runs × 52 steps" });
        const second = runs.locator(".monaco-list-row", { hasText: "2 runs × 10 steps" });
        await second.waitFor({ timeout: 10_000 });
        assert.equal(await first.count(), 1, `the Runs view: ${await runs.innerText()}`);
        await wb.screenshot("runs-view-history", runs);
        // A click opens that run's own results, not the model's latest.
        await first.click();
        await expectFacts(await wb.webviewFrame(), { Run: "1 (a newer run exists)", Runs: "3", Timesteps: "52", Rows: String(WORK_TOKEN_ROWS) });
        await wb.screenshot("runs-view-older-run", wb.page.locator(".part.editor"));
        // Its inline action repeats its options: runs 2, timesteps 10, seed 42.
        await second.hover();
        await second.locator(".action-label[aria-label='Re-run with These Options']").click({ timeout: 5_000 });
        await expectFacts(await wb.webviewFrame(), { Run: "3", Runs: "2 (model: 3)", Timesteps: "10 (model: 52)", Rows: "42", Seed: "42" });
        await runs.locator(".monaco-list-row", { hasText: "2 runs × 10 steps" }).nth(1).waitFor({ timeout: 10_000 });
        // Delete from the context menu asks first (a modal), then the run is gone.
        await contextMenu(wb, first, "Delete Run");
        await wb.page.locator(".monaco-dialog-box .monaco-button", { hasText: "Delete" }).click({ timeout: 5_000 });
        await first.waitFor({ state: "detached", timeout: 10_000 });
        assert.equal(await runs.locator(".monaco-list-row", { hasText: "2 runs × 10 steps" }).count(), 2);
        // Rename and pin the newest: its row says so.
        const newest = runs.locator(".monaco-list-row").first();
        await contextMenu(wb, newest, "Rename Run…");
        await wb.page.locator(".quick-input-widget input").fill("baseline");
        await wb.page.keyboard.press("Enter");
        await contextMenu(wb, runs.locator(".monaco-list-row", { hasText: "baseline (run 3)" }), "Pin Run (keep it)");
        await runs.locator(".monaco-list-row", { hasText: "baseline (run 3)" }).locator(".codicon-pinned").waitFor({ timeout: 10_000 });
        await wb.screenshot("runs-view-renamed-pinned", runs);
      },
    },
    {
      name: "forever.sim.ts: Cancel on the progress notification stops the run (no toasts here: the Notifications Center)",
      run: async (wb) => {
        await wb.openFile("forever.sim.ts");
        await wb.runCommand("Substep: Run Simulation");
        await expectRunning(wb);
        // The notification comes 700 ms into a run. The smoke-test driver that the harness needs turns
        // toasts off, so it does not pop up; it is in the Notifications Center, with its Cancel button.
        await wb.page.waitForTimeout(1_000);
        await wb.screenshot("forever-running");
        await wb.runCommand("Notifications: Show Notifications");
        const notification = wb.page.locator(".notifications-center .notification-list-item", { hasText: "Substep: running forever.sim.ts" }).first();
        await notification.waitFor({ timeout: 10_000 }).catch(async (e: unknown) => {
          const messages = await wb.page.locator(".notifications-center .notification-list-item-message").allTextContents();
          throw new Error(`no progress notification for forever.sim.ts; notifications: ${JSON.stringify(messages)}`, { cause: e });
        });
        await wb.screenshot("forever-progress-notification", wb.page.locator(".notifications-center"));
        await notification.locator(".monaco-button", { hasText: /^Cancel$/ }).click();
        await expectStopped(wb);
        await wb.screenshot("forever-cancelled");
        await wb.runCommand("Notifications: Clear All Notifications");
      },
    },
    {
      name: "forever.sim.ts: the Stop Simulation CodeLens stops the run; then workToken.sim.ts runs again (315 rows)",
      run: async (wb) => {
        await wb.openFile("forever.sim.ts");
        await wb.codeLens("▶ Run Simulation").click();
        await expectRunning(wb);
        // Stop a run that is stuck, not one still starting: its timestep 2 loops from the first moment.
        await wb.page.waitForTimeout(1_000);
        await wb.screenshot("forever-stop-codelens", wb.page.locator(".part.editor"));
        await wb.codeLens("Stop Simulation").click();
        await expectStopped(wb);

        await runWorkToken(wb);
      },
    },
    {
      name: "runOnSave: timesteps: 52 → 20 typed in the editor and Ctrl+S run it again: 3 × 41 = 123 rows",
      run: async (wb) => {
        const lines = fs.readFileSync(path.join(REPO_ROOT, "examples", "workToken.sim.ts"), "utf8").split("\n");
        const index = lines.findIndex((l) => /^\s*timesteps: 52\b/.test(l));
        assert.ok(index > 0, "the model has a line `timesteps: 52`");
        await wb.openFile("workToken.sim.ts");
        await wb.goTo(index + 1, lines[index]!.indexOf("52") + 1);
        await wb.page.keyboard.press("Shift+ArrowRight");
        await wb.page.keyboard.press("Shift+ArrowRight");
        await wb.page.keyboard.type("20");
        const editor = wb.page.locator(".part.editor .monaco-editor").first();
        await editor
          .locator(".view-line", { hasText: /timesteps:\s*20,/ })
          .first()
          .waitFor({ timeout: 5_000 });
        await wb.page.keyboard.press("Control+S");
        await expectFacts(await wb.webviewFrame(), { Runs: "3", Timesteps: "20", Rows: String(workTokenRows(3, 20)) });
        // The CodeLens summary above the model follows the new result.
        await wb.codeLens(`3 runs × 20 steps · ${workTokenRows(3, 20)} rows`).waitFor({ timeout: 10_000 });
        await wb.screenshot("run-on-save", wb.page.locator(".part.editor"));
      },
    },
    {
      name: "staking.sim.ts (3 APRs): each variable's inline value names every subset by its APR, not one pooled mean",
      run: async (wb) => {
        await wb.openFile("staking.sim.ts");
        await wb.runCommand("Substep: Run Simulation");
        await wb.activeTab("Results: Staking sweep").waitFor({ timeout: 30_000 });
        const texts = await inlineValueTexts(wb, 2);
        const staked = texts.find((t) => t.includes("apr = 0.05") && t.includes("apr = 0.1") && t.includes("apr = 0.2"));
        assert.ok(staked, `inline values: ${texts.join(" | ")}`);
        // Both variables are on one line: "apr = 0.05: staked: 1051.25, rewards: 51.2458 · apr = 0.1: …".
        // 1000 × (1 + apr/52)^52: about 1051, 1105 and 1221; the three must differ.
        const values = [...staked.matchAll(/apr = [\d.]+: staked: ≈? ?([\d.]+)/g)].map((m) => Number(m[1]));
        assert.equal(new Set(values).size, 3, staked);
        await wb.screenshot("inline-values-sweep", wb.page.locator(".part.editor"));

        // The Summary tab: the host describes each APR's final values over its 2 runs and draws a histogram.
        const view = await wb.webviewFrame();
        await view
          .getByRole("tab", { name: "Summary", exact: true })
          .or(view.getByText("Summary", { exact: true }))
          .first()
          .click();
        await view.locator(".summary-tab[data-state=drawn]").waitFor({ timeout: 15_000 });
        assert.deepEqual(await view.locator(".summary-group h3").allTextContents(), ["apr = 0.05", "apr = 0.1", "apr = 0.2"]);
        const cells = await view.locator(".summary-group").first().locator("tr", { hasText: "staked" }).locator("td").allTextContents();
        // No randomness: both runs end at 1000 × (1 + 0.05/52)^52 ≈ 1051.25, so sd is 0.
        assert.deepEqual([cells[1], cells[2], cells[3]], ["2", "1051.25", "0"], cells.join(" | "));
        await view.locator(".summary-chart svg, .summary-chart canvas").first().waitFor({ state: "attached", timeout: 5_000 });
        await wb.screenshot("summary-tab-sweep", wb.page.locator(".part.editor"));
      },
    },
    {
      name: "failsInRun2.sim.ts: the header says run 2 failed and run 3 was not run, names the place, and keeps 31 rows",
      run: async (wb) => {
        await wb.openFile("failsInRun2.sim.ts");
        await wb.runCommand("Substep: Run Simulation");
        await wb.activeTab("Results: Fails in run 2").waitFor({ timeout: 30_000 });
        const view = await wb.webviewFrame();
        // Run 1: 1 + 10 × 2 rows; run 2: its initial row and timesteps 1–4 (2 rows each) and timestep 5's first block.
        // Runs: the 2 of 3 it holds rows of, not the 3 planned.
        await expectFacts(view, { Runs: "2 of 3", Timesteps: "10", Rows: "31" });
        const errors = view.locator("#substep-header .run-errors");
        await errors
          .filter({
            hasText:
              /^1 run failed, and the simulation stopped there \(1 of 3 runs not run\): failsInRun2\.sim\.ts:\d+:\d+: RangeError: x out of range in run 2/,
          })
          .waitFor({ timeout: 10_000 });
        await errors.getByText("Where").click();
        await errors
          .locator("pre", { hasText: "in state update 'x' at simulation 0, subset 0, run 2, timestep 5, substep 2 (block 'check')" })
          .waitFor({ timeout: 5_000 });
        // Said once, in the header: no second box repeating it.
        assert.equal(await view.locator(".failure").isVisible(), false, "no failure box");
        await wb.screenshot("fails-in-run-2", wb.page.locator(".part.editor"));
      },
    },
    {
      name: "misspelt.sim.ts: the header warns of 6 NaNs, Show row jumps the table to the row, the link opens the update's line; ran with a type error",
      run: async (wb) => {
        const source = fs.readFileSync(path.join(__dirname, "..", "workspace", "misspelt.sim.ts"), "utf8").split("\n");
        const line = source.findIndex((l) => l.includes("params.epochs_per_yea"));
        const column = source[line]!.indexOf("(params") + 1;
        await wb.openFile("misspelt.sim.ts");
        // The run counts the type errors the editor shows: wait for TypeScript to mark the typo in this
        // file's editor (an earlier test's editor, failsInRun2.sim.ts, may show a squiggle of its own).
        await wb.page.locator(".part.editor .editor-group-container.active .monaco-editor .squiggly-error").first().waitFor({ timeout: 60_000 });
        await wb.runCommand("Substep: Run Simulation");
        await wb.activeTab("Results: Misspelt parameter").waitFor({ timeout: 30_000 });
        const view = await wb.webviewFrame();
        await expectFacts(view, { Runs: "3", Timesteps: "5", Rows: "33" });
        const warnings = view.locator("#substep-header .run-warnings");
        await warnings
          .filter({
            hasText:
              /^⚠ 6 warnings: 'tokens' became NaN \(was 101\) in state update 'tokens' at run 1, timestep 1, substep 2 \(block 'stake'\), and 2 more runs/,
          })
          .waitFor({ timeout: 10_000 });
        assert.equal(await warnings.locator(":scope > .location-link").textContent(), `misspelt.sim.ts:${line + 1}:${column}`);
        await view.locator("#substep-header .type-errors", { hasText: /^ran with 1 type error$/ }).waitFor({ timeout: 5_000 });
        await wb.screenshot("warnings-header", wb.page.locator(".part.editor"));

        // Show row: the Table tab, at run 1's timestep 1, substep 2 (row 2: after the initial row and substep 1).
        await warnings.locator(":scope > .show-row").click();
        const marked = view.locator(".substep-row.marked:not(.placeholder)");
        await marked.waitFor({ timeout: 10_000 });
        assert.equal(await marked.getAttribute("data-index"), "2");
        const cells = await cellsByColumn(view.locator("#substep-table"), marked);
        // The row carries its subset's parameter too (epochs_per_year = 52).
        assert.deepEqual(
          [cells.tokens, cells.run, cells.timestep, cells.substep, cells.epochs_per_year],
          ["NaN", "1", "1", "2", "52"],
          "tokens NaN at run 1, timestep 1, substep 2",
        );
        await wb.screenshot("warnings-show-row", wb.page.locator(".part.editor"));

        // The link opens the update's line in the editor beside the panel.
        await warnings.locator(":scope > .location-link").click();
        await wb.page
          .locator(".statusbar-item", { hasText: `Ln ${line + 1}, Col ${column}` })
          .first()
          .waitFor({ timeout: 10_000 });
        await wb.activeTab("misspelt.sim.ts").waitFor({ timeout: 5_000 });

        // "ran with 1 type error" opens the Problems panel, which has the warning too.
        await view.locator("#substep-header .type-errors").click();
        await wb.page.locator(".markers-panel", { hasText: "'tokens' became NaN (was 101)" }).first().waitFor({ timeout: 10_000 });
        await wb.screenshot("warnings-problems");
      },
    },
  ],
};

/** Runs workToken.sim.ts from the palette; its panel must read 3 runs × 52 timesteps = 315 rows. */
async function runWorkToken(wb: Workbench): Promise<void> {
  await wb.openFile("workToken.sim.ts");
  await wb.runCommand("Substep: Run Simulation");
  await wb.activeTab("Results: WORK token distribution").waitFor({ timeout: 30_000 });
  await expectFacts(await wb.webviewFrame(), { Runs: "3", Timesteps: "52", Rows: String(WORK_TOKEN_ROWS) });
}

/** forever.sim.ts runs: its status bar item, Stop Simulation above the model, the panel's run status. */
async function expectRunning(wb: Workbench): Promise<void> {
  await wb.page.locator(".statusbar-item", { hasText: "Forever" }).first().waitFor({ timeout: 20_000 });
  await wb.codeLens("Stop Simulation").waitFor({ timeout: 20_000 });
  const view = await wb.webviewFrame();
  await view.locator(".run-status", { hasText: "Running Forever…" }).waitFor({ timeout: 15_000 });
}

/**
 * forever.sim.ts's run has ended: ▶ Run Simulation is back above the model, and the panel and the status
 * bar say it stopped, and where its stuck run was, and nothing says it failed (a stop is the user's doing, not a problem).
 */
async function expectStopped(wb: Workbench): Promise<void> {
  await wb.codeLens("▶ Run Simulation").waitFor({ timeout: 15_000 });
  const view = await wb.webviewFrame();
  await view.locator(".run-status").waitFor({ state: "hidden", timeout: 15_000 });
  await view.locator("#substep-header .badge", { hasText: "Stopped: partial results" }).waitFor({ timeout: 15_000 });
  await view.locator(".stop-note", { hasText: /^The simulation was stopped\. No run had finished/ }).waitFor({ timeout: 5_000 });
  // Where the stuck run was, from the outcome: its update's line, and its place.
  await view
    .locator(".stop-note", {
      hasText:
        /forever\.sim\.ts:\d+:\d+: was still running when the simulation was stopped \(does it loop forever\?\).*\s+in state update 'steps' at simulation 0, subset 0, run 1, timestep 2, substep 1 \(block 'step'\)/,
    })
    .waitFor({ timeout: 5_000 });
  await wb.page
    .locator(".statusbar-item", { hasText: "forever.sim.ts: stopped" })
    .or(wb.page.locator(".statusbar-item", { hasText: "Forever: stopped" }))
    .first()
    .waitFor({ timeout: 5_000 });
  assert.equal(await view.locator("#substep-header .run-errors").isVisible(), false, "no errors in the header");
  assert.equal(await view.locator(".failure").isVisible(), false, "no failure box");
}
