// The extension as a user gets it: packaged like `npm run package`, installed from the .vsix with
// `code-server --install-extension`, and nothing loaded unpackaged. Catches what the other suites
// (which load the repo's dist/) cannot: a file .vscodeignore leaves out, a dependency missing from
// the package, the production build.
// SUBSTEP_E2E_VSIX=path tests that .vsix (e.g. a release build) instead of packaging one.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT, type UiSuite } from "../driver";
import { runWorkTokenAndCheckPanel } from "./resultsPanel";

/** Packages the repo into the run folder, outside dist/: the other suites load dist/ unpackaged. */
async function packageVsix(runDir: string): Promise<string> {
  const vsix = path.join(runDir, "substep.vsix");
  const started = Date.now();
  await promisify(execFile)("bash", [path.join(REPO_ROOT, "scripts", "e2e", "package-vsix.sh"), vsix]);
  console.log(`e2e: packaged substep.vsix (${(fs.statSync(vsix).size / 1e6).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return vsix;
}

export const suite: UiSuite = {
  options: { vsix: process.env.SUBSTEP_E2E_VSIX ?? packageVsix, settings: { "workbench.colorTheme": "Default Dark Modern" } },
  tests: [
    {
      name: "Substep is installed, not loaded as a development copy, and activates: its Models view lists workToken.sim.ts",
      run: async (wb) => {
        await wb.runCommand("Extensions: Show Installed Extensions");
        await wb.page.locator(".extensions-viewlet .monaco-list-row", { hasText: "Substep" }).first().waitFor({ timeout: 15_000 });
        assert.doesNotMatch(await wb.page.title(), /\[Extension Development Host\]/);
        // Listed from the manifest alone; the Models view fills only once the extension's code runs.
        await wb.page.locator(".part.activitybar .action-item [aria-label^='Substep']").first().click({ timeout: 15_000 });
        const models = wb.page.locator(".part.sidebar .pane").filter({ has: wb.page.locator(".pane-header", { hasText: "Models" }) });
        await models.locator(".monaco-list-row", { hasText: "workToken.sim.ts" }).first().waitFor({ timeout: 15_000 });
      },
    },
    {
      name: "the packaged TypeScript plugin types `substep`, and workToken.sim.ts has no error squiggle",
      timeoutMs: 120_000,
      run: async (wb) => {
        const lines = fs.readFileSync(path.join(REPO_ROOT, "examples", "workToken.sim.ts"), "utf8").split("\n");
        const index = lines.findIndex((l) => /^import .*"substep"/.test(l));
        assert.ok(index >= 0, 'the fixture imports from "substep"');
        await wb.openFile("workToken.sim.ts");
        const editor = wb.page.locator(".part.editor .monaco-editor").first();
        await editor.locator(".view-line", { hasText: "defineModel" }).first().waitFor({ timeout: 10_000 });

        // TypeScript walks up from its own folder for plugins too, and code-server lives inside the repo:
        // the repo's copy of the plugin would type `substep` (from the repo's dist/) if the packaged one
        // were missing. Where defineModel is declared tells them apart.
        const deadline = Date.now() + 60_000;
        for (;;) {
          // The TypeScript server starts with the first TypeScript file: ask again until it answers.
          await wb.goTo(index + 1, lines[index]!.indexOf("defineModel") + 1);
          await wb.runCommand("Go to Definition");
          try {
            await wb.activeTab("substep.d.ts").waitFor({ timeout: 3_000 });
            break;
          } catch (e) {
            if (Date.now() > deadline) throw new Error("Go to Definition on defineModel does not open substep.d.ts", { cause: e });
          }
        }
        const crumbs = wb.page.locator(".part.editor .editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item");
        const where = (await crumbs.allTextContents()).map((c) => c.trim()).join("/");
        await wb.runCommand("View: Close Editor");
        await wb.activeTab("workToken.sim.ts").waitFor({ timeout: 10_000 });
        assert.match(
          where,
          // The breadcrumbs end with the symbol once the outline has loaded, or with the file before that.
          /\/extensions\/substep\.substep-[^/]+\/dist\/substep\.d\.ts(\/|$)/,
          `defineModel is declared in ${where}, not in the installed extension`,
        );

        // Then a line that is an error only with defineModel typed, to see diagnostics arrive; without
        // it, no squiggle proves nothing.
        await wb.goTo(1, 1);
        await wb.page.keyboard.type("const probe: number = defineModel;\n");
        const squiggle = editor.locator(".squiggly-error").first();
        await squiggle.waitFor({ timeout: 30_000 });
        // Deleted, not reverted: the web workbench auto-saves, so the probe is on disk by now.
        await wb.goTo(1, 1);
        await wb.runCommand("Delete Line");
        await editor.locator(".view-line", { hasText: "const probe" }).first().waitFor({ state: "detached", timeout: 5_000 });
        // Saved now, not whenever auto-save comes: the next test runs this file.
        await wb.page.keyboard.press("Control+S");
        await wb.page.locator(".tabs-container .tab.dirty", { hasText: "workToken.sim.ts" }).waitFor({ state: "detached", timeout: 10_000 });
        await squiggle.waitFor({ state: "detached", timeout: 20_000 }).catch((e: unknown) => {
          throw new Error("workToken.sim.ts as shipped has an error squiggle", { cause: e });
        });
      },
    },
    {
      name: "Substep: Run Simulation shows the WORK token model's 315 rows",
      timeoutMs: 90_000,
      run: (wb) => runWorkTokenAndCheckPanel(wb, "dark", "panel-packaged"),
    },
  ],
};
