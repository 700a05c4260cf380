// Shared by the UI suites that run the WORK token model: run it from the palette and check the
// results panel's webview (header, drawn chart marks, table rows), then screenshot the panel.
import * as assert from "node:assert/strict";
import type { Workbench } from "../driver";

/** The fixture's WORK token model: 3 runs × (1 initial row + 52 timesteps × 2 blocks). */
export const WORK_TOKEN_ROWS = 315;

/**
 * Runs "Substep: Run Simulation" on workToken.sim.ts in a workbench of the given theme kind, checks the
 * results panel and saves a screenshot of the editor area as SHOT.png.
 */
export async function runWorkTokenAndCheckPanel(wb: Workbench, theme: "dark" | "light", shot: string): Promise<void> {
  // The workbench's class names the theme kind (vs, vs-dark, hc-black, hc-light).
  await wb.page
    .locator(`.monaco-workbench.${theme === "dark" ? "vs-dark" : "vs"}`)
    .waitFor({ timeout: 10_000 })
    .catch((e: unknown) => {
      throw new Error(`the workbench is not in a ${theme} theme`, { cause: e });
    });
  await wb.openFile("workToken.sim.ts");
  await wb.runCommand("Substep: Run Simulation");
  await wb.activeTab("Results: WORK token distribution").waitFor({ timeout: 30_000 });

  const view = await wb.webviewFrame();
  const header = view.locator("#substep-header");
  await header
    .filter({ hasText: String(WORK_TOKEN_ROWS) })
    .waitFor({ timeout: 30_000 })
    .catch(async (e: unknown) => {
      throw new Error(
        `#substep-header does not mention ${WORK_TOKEN_ROWS} rows: ${JSON.stringify(await header.textContent({ timeout: 1_000 }).catch(() => null))}`,
        { cause: e },
      );
    });

  const marks = view.locator("[data-testid=chart] .mark-line path");
  await marks.first().waitFor({ state: "attached", timeout: 30_000 });
  assert.ok((await marks.count()) > 0, "line marks drawn in the charts");
  await wb.screenshot(shot, wb.page.locator(".part.editor"));

  await view
    .getByRole("tab", { name: "Table", exact: true })
    .or(view.getByText("Table", { exact: true }))
    .first()
    .click();
  const table = view.locator("#substep-table");
  await table.waitFor({ timeout: 15_000 });
  const deadline = Date.now() + 10_000;
  let rows = await table.getAttribute("data-row-count");
  while (rows !== String(WORK_TOKEN_ROWS) && Date.now() < deadline) {
    await wb.page.waitForTimeout(200);
    rows = await table.getAttribute("data-row-count");
  }
  assert.equal(rows, String(WORK_TOKEN_ROWS), "#substep-table[data-row-count]");
  await view.locator(".substep-row").first().waitFor({ timeout: 10_000 });
}

/**
 * The inline values drawn in the editor ("→ 5201", as CSS ::after content of decorations), once at least
 * `atLeast` are there or 15 s have passed.
 */
export async function inlineValueTexts(wb: Workbench, atLeast = 1): Promise<string[]> {
  const read = () =>
    wb.page.evaluate<string[]>(
      `[...document.querySelectorAll(".part.editor .monaco-editor .view-line span")]
        .map((el) => getComputedStyle(el, "::after").content)
        .filter((c) => c.startsWith('"→'))`,
    );
  let texts: string[] = [];
  for (const deadline = Date.now() + 15_000; texts.length < atLeast && Date.now() < deadline;) {
    await wb.page.waitForTimeout(250);
    texts = await read();
  }
  return texts;
}
