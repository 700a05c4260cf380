// Writing a model as a user does, in the editor of the real VS Code: Trigger Suggest (Ctrl+Space) after
// `input.` suggests the signals of the block's own policies (from the TypeScript server plugin), and a
// model mistake is squiggled and fixed from the Quick Fix menu.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { FIXTURE_WORKSPACE, REPO_ROOT, type UiSuite } from "../driver";

export const suite: UiSuite = {
  options: { settings: { "workbench.colorTheme": "Default Dark Modern" } },
  tests: [
    {
      name: "Trigger Suggest after input. in block 1 suggests minted_tokens, not block 2's impact",
      timeoutMs: 90_000,
      run: async (wb) => {
        const lines = fs.readFileSync(path.join(REPO_ROOT, "examples", "workToken.sim.ts"), "utf8").split("\n");
        const index = lines.findIndex((l) => l.includes("state.tokens + input.minted_tokens"));
        assert.ok(index > 0, "the fixture reads input.minted_tokens");
        const column = lines[index]!.indexOf("input.minted_tokens") + "input.".length + 1;
        await wb.openFile("workToken.sim.ts");
        await wb.page.locator(".monaco-editor .view-line", { hasText: "defineModel" }).first().waitFor({ timeout: 10_000 });
        const suggestions = wb.page.locator(".editor-widget.suggest-widget .monaco-list-row");
        // The TypeScript server starts with the first TypeScript file: ask again until it answers.
        const deadline = Date.now() + 60_000;
        for (;;) {
          await wb.goTo(index + 1, column);
          await wb.runCommand("Trigger Suggest");
          try {
            await suggestions.filter({ hasText: "minted_tokens" }).first().waitFor({ timeout: 5_000 });
            break;
          } catch (e) {
            await wb.page.keyboard.press("Escape");
            if (Date.now() > deadline) throw e;
          }
        }
        const labels = (await suggestions.locator(".label-name").allTextContents()).map((t) => t.trim());
        assert.ok(labels.includes("minted_tokens"), labels.join(", "));
        assert.ok(!labels.includes("impact"), `block 2's signal is offered in block 1: ${labels.join(", ")}`);
        await wb.screenshot("input-completion", wb.page.locator(".part.editor"));
        await wb.page.keyboard.press("Escape");
      },
    },
    {
      name: "broken.sim.ts: the tokenz update is squiggled; Quick Fix 'Add tokenz to initialState' and save clear it",
      timeoutMs: 90_000,
      run: async (wb) => {
        const lines = fs.readFileSync(path.join(FIXTURE_WORKSPACE, "broken.sim.ts"), "utf8").split("\n");
        const index = lines.findIndex((l) => /^\s*tokenz:/.test(l));
        await wb.openFile("broken.sim.ts");
        const editor = wb.page.locator(".part.editor .monaco-editor").first();
        await editor.locator(".squiggly-error").first().waitFor({ timeout: 30_000 });
        await wb.goTo(index + 1, lines[index]!.indexOf("tokenz") + 1);
        await wb.screenshot("broken-squiggle", wb.page.locator(".part.editor"));
        await wb.runCommand("Quick Fix...");
        const fix = wb.page.locator(".action-widget .monaco-list-row", { hasText: "Add 'tokenz' to initialState" }).first();
        await fix.waitFor({ timeout: 15_000 });
        await wb.screenshot("broken-quick-fix", wb.page.locator(".part.editor"));
        await fix.click();
        await editor
          .locator(".view-line", { hasText: /initialState:\s*\{\s*tokens:\s*1,\s*supply:\s*100,\s*tokenz:\s*0\s*\}/ })
          .first()
          .waitFor({ timeout: 10_000 });
        await wb.page.keyboard.press("Control+S");
        // Saving validates again: the Substep problem and the TypeScript one (an unknown variable) go away.
        await editor.locator(".squiggly-error").first().waitFor({ state: "detached", timeout: 30_000 });
        await wb.screenshot("broken-fixed", wb.page.locator(".part.editor"));
      },
    },
  ],
};
