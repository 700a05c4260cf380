// In a workspace that is not trusted (trust enabled, not granted: Restricted Mode), running a model
// runs nothing: no results panel, and a message says why.
import * as assert from "node:assert/strict";
import type { UiSuite } from "../driver";

export const suite: UiSuite = {
  options: { trusted: false },
  tests: [
    {
      name: "Substep: Run Simulation in an untrusted workspace shows a trust message and no results",
      run: async (wb) => {
        await wb.page.locator(".statusbar-item", { hasText: "Restricted Mode" }).first().waitFor({ timeout: 15_000 });
        await wb.openFile("workToken.sim.ts");
        await wb.runCommand("Substep: Run Simulation");
        // A notification that mentions (workspace) trust (a modal dialog would do too).
        const deadline = Date.now() + 10_000;
        let messages: string[] = [];
        while (!messages.some((m) => /trust/i.test(m)) && Date.now() < deadline) {
          if ((await wb.page.locator(".monaco-dialog-box", { hasText: /trust/i }).count()) > 0) break;
          await wb.page.waitForTimeout(500);
          messages = await wb.notificationMessages();
        }
        const dialog = await wb.page.locator(".monaco-dialog-box", { hasText: /trust/i }).count();
        assert.ok(dialog > 0 || messages.some((m) => /trust/i.test(m)), `no message about trust; notifications: ${JSON.stringify(messages)}`);
        await wb.screenshot("untrusted-message");
        // Nothing ran: no results tab and no webview, even a moment later.
        await wb.page.waitForTimeout(2_000);
        assert.equal(await wb.page.locator(".tabs-container .tab", { hasText: "Results:" }).count(), 0, "a results tab opened");
        assert.equal(await wb.page.locator("iframe.webview").count(), 0, "a webview opened");
      },
    },
  ],
};
