// What the UI suites do in the workbench as a user would: the quick pick's rows and input boxes, the panel
// header's facts, a view's context menu, the Substep side bar's Runs view.
import type { FrameLocator, Locator } from "playwright-core";
import { escapeRegExp, type Workbench } from "../driver";

/** The row of the open quick pick whose label (after its icon) is `label`. */
export function quickPickRow(wb: Workbench, label: string): Locator {
  return wb.page.locator(".quick-input-widget .quick-input-list .monaco-list-row").filter({
    has: wb.page.locator(".label-name", { hasText: new RegExp(`^\\s*${label}$`) }),
  });
}

/** In the Run with Options quick pick: picks the row `label`, types `value` in its input box, and is back. */
export async function changeOption(wb: Workbench, label: string, value: string): Promise<void> {
  const row = quickPickRow(wb, label);
  await row.waitFor({ timeout: 20_000 });
  await row.click();
  await wb.page.locator(".quick-input-widget .quick-input-title", { hasText: label }).waitFor({ timeout: 5_000 });
  await wb.page.locator(".quick-input-widget input").fill(value);
  await wb.page.keyboard.press("Enter");
  await row.filter({ has: wb.page.locator(".label-description", { hasText: new RegExp(`^${value}$`) }) }).waitFor({ timeout: 5_000 });
}

/**
 * Waits until the facts in the results panel's header (`<dt>` label, `<dd>` value: Runs, Timesteps,
 * Rows, Seed) read `expected`, each value whole.
 */
export async function expectFacts(view: FrameLocator, expected: Record<string, string>): Promise<void> {
  const fact = (label: string) =>
    view.locator("#substep-header .facts > div", { has: view.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");
  try {
    await Promise.all(
      Object.entries(expected).map(([label, value]) =>
        fact(label)
          .filter({ hasText: new RegExp(`^${escapeRegExp(value)}$`) })
          .waitFor({ timeout: 30_000 }),
      ),
    );
  } catch (e) {
    const shown = await view
      .locator("#substep-header .facts")
      .innerText({ timeout: 1_000 })
      .catch(() => "(no facts)");
    throw new Error(`the panel header does not read ${JSON.stringify(expected)}; it reads ${JSON.stringify(shown.replace(/\s+/g, " "))}`, { cause: e });
  }
}

/** Right-clicks `row` and picks `item` from its context menu. */
export async function contextMenu(wb: Workbench, row: Locator, item: string): Promise<void> {
  await row.click({ button: "right" });
  const entry = wb.page.locator(".context-view .action-menu-item", { hasText: item });
  await entry.waitFor({ timeout: 5_000 });
  // A menu ignores a click that comes as it opens (against a slip of the right-click).
  await wb.page.waitForTimeout(300);
  await entry.click();
}

/** The Substep container's Runs view, opened when it is not showing. */
export async function runsView(wb: Workbench): Promise<Locator> {
  const runs = wb.page.locator(".part.sidebar .pane").filter({ has: wb.page.locator(".pane-header", { hasText: /^Runs/ }) });
  // A click on the Substep icon while its container is open would close the side bar.
  if (!(await runs.isVisible())) await wb.page.locator(".part.activitybar .action-item [aria-label^='Substep']").first().click({ timeout: 15_000 });
  await runs.waitFor({ timeout: 10_000 });
  return runs;
}
