// The harness itself: code-server serves the workbench, the workspace copy is open in the Explorer,
// and the extension under test is loaded as the development extension. Needs nothing from Substep.
import * as assert from "node:assert/strict";
import type { UiSuite } from "../driver";

export const suite: UiSuite = {
  tests: [
    {
      name: "the Explorer lists the fixture workspace's files",
      run: async (wb) => {
        const rows = wb.page.locator(".explorer-folders-view .monaco-list-row");
        for (const file of ["broken.sim.ts", "forever.sim.ts", "workToken.sim.ts"]) {
          await rows.filter({ hasText: file }).first().waitFor({ timeout: 10_000 });
        }
      },
    },
    {
      name: "the window is an Extension Development Host",
      run: async (wb) => {
        // The title shows it once the payload's extensionDevelopmentPath was honoured.
        const deadline = Date.now() + 10_000;
        while (!(await wb.page.title()).includes("[Extension Development Host]") && Date.now() < deadline) {
          await wb.page.waitForTimeout(200);
        }
        assert.match(await wb.page.title(), /\[Extension Development Host\]/);
      },
    },
    {
      name: "Quick Open opens a file and the palette runs a built-in command",
      run: async (wb) => {
        await wb.openFile("workToken.sim.ts");
        await wb.page.locator(".monaco-editor .view-line", { hasText: "defineModel" }).first().waitFor({ timeout: 10_000 });
        await wb.runCommand("View: Close All Editors");
        await wb.page.locator(".tabs-container .tab").first().waitFor({ state: "detached", timeout: 10_000 });
      },
    },
  ],
};
