// Substep as a user meets it, in VS Code's default dark theme: the Models view, the CodeLens above a
// model, and a run from the palette that opens the results panel.
import * as assert from "node:assert/strict";
import type { Locator } from "playwright-core";
import type { UiSuite, Workbench } from "../driver";
import { inlineValueTexts, runWorkTokenAndCheckPanel } from "./resultsPanel";

export const suite: UiSuite = {
  // With no theme set, VS Code 1.139 starts in "Light 2026". A theme id in a fresh profile's settings is
  // not applied at startup either; a legacy id is, as VS Code migrates it (and re-reads the setting).
  options: { settings: { "workbench.colorTheme": "Default Dark Modern" } },
  tests: [
    {
      name: "the Substep view container's Models view lists workToken.sim.ts",
      run: async (wb) => {
        await wb.page.locator(".part.activitybar .action-item [aria-label^='Substep']").first().click({ timeout: 15_000 });
        const models = wb.page.locator(".part.sidebar .pane").filter({ has: wb.page.locator(".pane-header", { hasText: "Models" }) });
        await models.locator(".monaco-list-row", { hasText: "workToken.sim.ts" }).first().waitFor({ timeout: 15_000 });
      },
    },
    {
      name: "workToken.sim.ts shows a CodeLens ▶ Run Simulation above the model",
      run: async (wb) => {
        await wb.openFile("workToken.sim.ts");
        const lens = wb.codeLens("▶ Run Simulation");
        await lens.waitFor({ timeout: 20_000 });
        // Above the model: right above the line `export default defineModel({`.
        // (Editor lines render spaces as no-break spaces: \s matches both.)
        const line = wb.page.locator(".monaco-editor .view-line", { hasText: /export\s+default\s+defineModel/ }).first();
        // CodeLenses are drawn again when their provider says they changed (after validation, say): an
        // element found a moment ago may be gone, so measure until both are there.
        let [lensBox, lineBox] = [await lens.boundingBox(), await line.boundingBox()];
        for (const deadline = Date.now() + 10_000; !(lensBox && lineBox) && Date.now() < deadline;) {
          await wb.page.waitForTimeout(200);
          [lensBox, lineBox] = [await lens.boundingBox(), await line.boundingBox()];
        }
        assert.ok(lensBox && lineBox, "CodeLens and model line are visible");
        const gap = lineBox.y - (lensBox.y + lensBox.height);
        assert.ok(gap >= -1 && gap < lineBox.height, `the CodeLens is ${gap.toFixed(0)} px above the model line`);
      },
    },
    {
      name: "Substep: Run Simulation opens the results panel (dark theme)",
      timeoutMs: 90_000,
      run: (wb) => runWorkTokenAndCheckPanel(wb, "dark", "panel-dark"),
    },
    {
      name: "after a window reload the panel comes back with its results and its tab (from disk, not re-run)",
      timeoutMs: 90_000,
      run: async (wb) => {
        await wb.runCommand("Developer: Reload Window");
        await wb.page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
        await wb.page.locator(".tabs-container .tab", { hasText: "Results: WORK token distribution" }).first().click({ timeout: 30_000 });
        const view = await wb.webviewFrame();
        await view.locator("#substep-header").filter({ hasText: "315" }).waitFor({ timeout: 30_000 });
        // The previous test left the Table tab open: the webview's saved state brings it back.
        const table = view.locator("#substep-table");
        await table.waitFor({ timeout: 15_000 });
        assert.equal(await table.getAttribute("data-row-count"), "315");
        await wb.screenshot("panel-after-reload", wb.page.locator(".part.editor"));
      },
    },
    {
      name: "after the reload, workToken.sim.ts shows its inline values and the Model Diagram its blocks (not 'Open a model file')",
      timeoutMs: 60_000,
      run: async (wb) => {
        await wb.page.locator(".tabs-container .tab", { hasText: "workToken.sim.ts" }).first().click({ timeout: 15_000 });
        const texts = await inlineValueTexts(wb);
        assert.ok(
          texts.some((t) => t.includes("5201")),
          `inline values after the reload: ${texts.join(" | ") || "none"}`,
        );
        const diagram = sidebarPane(wb, "Model Diagram");
        // The Substep container may be open already (a click on its icon would then close the side bar).
        if (!(await diagram.isVisible())) await wb.page.locator(".part.activitybar .action-item [aria-label^='Substep']").first().click({ timeout: 15_000 });
        await expectRow(diagram, "mint_tokens", "the Model Diagram after the reload");
        // The Runs view lists the run from before the reload: the history is on disk.
        await expectRow(sidebarPane(wb, /^Runs/), "3 runs × 52 steps", "the Runs view after the reload");
        await wb.screenshot("after-reload-editor", wb.page.locator(".monaco-workbench"));
      },
    },
  ],
};

/** A view of the side bar, by its header's text. */
function sidebarPane(wb: Workbench, header: string | RegExp): Locator {
  return wb.page.locator(".part.sidebar .pane").filter({ has: wb.page.locator(".pane-header", { hasText: header }) });
}

/** Waits for a row of `pane` holding `text`; else fails with what the pane shows. */
async function expectRow(pane: Locator, text: string, what: string): Promise<void> {
  await pane
    .locator(".monaco-list-row", { hasText: text })
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(async (e: unknown) => {
      throw new Error(`${what}: ${JSON.stringify(await pane.textContent())}`, { cause: e });
    });
}
