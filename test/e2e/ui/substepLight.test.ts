// The results panel in a light theme (a second code-server: the theme is a user setting at start), then
// in Dark High Contrast chosen while the panel is open.
// "Default Light Modern" is the id VS Code 1.139 migrates the older "Default Light Modern" to.
import * as assert from "node:assert/strict";
import type { UiSuite } from "../driver";
import { runWorkTokenAndCheckPanel } from "./resultsPanel";

export const suite: UiSuite = {
  options: { settings: { "workbench.colorTheme": "Default Light Modern" } },
  tests: [
    {
      name: "Substep: Run Simulation opens the results panel (light theme)",
      timeoutMs: 90_000,
      run: (wb) => runWorkTokenAndCheckPanel(wb, "light", "panel-light"),
    },
    {
      name: "switched to Dark High Contrast, the open panel redraws its charts in the theme's colours",
      timeoutMs: 60_000,
      run: async (wb) => {
        await wb.runCommand("Preferences: Color Theme");
        await wb.page.locator(".quick-input-widget input").fill("Dark High Contrast");
        await wb.page.locator(".quick-input-list .monaco-list-row.focused", { hasText: "Dark High Contrast" }).waitFor({ timeout: 10_000 });
        await wb.page.keyboard.press("Enter");
        await wb.page.locator(".monaco-workbench.hc-black").waitFor({ timeout: 10_000 });
        const view = await wb.webviewFrame();
        // The test before left the Table tab open.
        await view
          .getByRole("tab", { name: "Charts", exact: true })
          .or(view.getByText("Charts", { exact: true }))
          .first()
          .click();
        // Axis labels take the theme's (description) foreground: near-white in Dark High Contrast, where the
        // light theme's were dark.
        const label = view.locator("[data-testid=chart] .role-axis-label text").first();
        const deadline = Date.now() + 15_000;
        let fill = await label.getAttribute("fill");
        while (!isWhite(fill) && Date.now() < deadline) {
          await wb.page.waitForTimeout(250);
          fill = await label.getAttribute("fill");
        }
        assert.ok(isWhite(fill), `axis labels in the high-contrast foreground, not ${fill}`);
        await wb.screenshot("panel-high-contrast", wb.page.locator(".part.editor"));
      },
    },
  ],
};

/** True for white, with any opacity: #fff, #ffffff, rgb(255, 255, 255), rgba(255, 255, 255, a). */
function isWhite(colour: string | null): boolean {
  return /^(#fff(fff)?|rgba?\(255, ?255, ?255(, ?[\d.]+)?\))$/i.test(colour ?? "");
}
