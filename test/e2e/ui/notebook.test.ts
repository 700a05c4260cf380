// Hand-off to a notebook as a user does it: run the WORK token model, Open in Jupyter (the notebook opens in VS
// Code's notebook editor, its CSV beside it in results/), Save Results to Folder (a report that links its CSV),
// the same from the Runs view for an older run, and a results folder that cannot be written.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { UiSuite, Workbench } from "../driver";
import { contextMenu, runsView } from "./workbenchUi";

/** The files in the workspace's results folder. */
function resultsFiles(wb: Workbench): string[] {
  const folder = path.join(wb.workspace, "results");
  return fs.existsSync(folder) ? fs.readdirSync(folder).sort() : [];
}

/** Waits until the results folder holds `names` (the command writes, then opens). */
async function waitForFiles(wb: Workbench, names: string[]): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!names.every((n) => resultsFiles(wb).includes(n))) {
    if (Date.now() > deadline) throw new Error(`results/ holds ${JSON.stringify(resultsFiles(wb))}, not all of ${JSON.stringify(names)}`);
    await wb.page.waitForTimeout(200);
  }
}

/**
 * The open notebook's cells, once it shows them. The notebook editor draws into an overlay of the workbench (not
 * inside .part.editor), and the built-in ipynb extension activates on the first notebook: that takes a while. The
 * list draws only the cells in view.
 */
async function notebookCells(wb: Workbench): Promise<string[]> {
  // Each notebook open has its overlay; the hidden ones are the tabs behind.
  const editor = wb.page.locator(".notebookOverlay.notebook-editor").filter({ visible: true });
  const cells = editor.locator(".cell-list-container .monaco-list-row");
  await cells.filter({ hasText: "read_csv" }).first().waitFor({ timeout: 60_000 });
  // The editor draws spaces as no-break spaces.
  return (await cells.allInnerTexts()).map((text) => text.replace(/\u00a0/g, " "));
}

export const suite: UiSuite = {
  options: { settings: { "workbench.colorTheme": "Default Dark Modern" } },
  tests: [
    {
      name: "Open in Jupyter: the notebook opens in the notebook editor and reads the run's CSV, both in results/",
      timeoutMs: 120_000,
      run: async (wb) => {
        await wb.openFile("workToken.sim.ts");
        await wb.runCommand("Substep: Run Simulation");
        await wb.activeTab("Results: WORK token distribution").waitFor({ timeout: 30_000 });
        await wb.openFile("workToken.sim.ts");
        await wb.runCommand("Substep: Open in Jupyter");
        await wb.activeTab("workToken-run-1.ipynb").first().waitFor({ timeout: 20_000 });
        const cells = (await notebookCells(wb)).join("\n");
        assert.match(cells, /df = pd\.read_csv\("workToken-run-1\.csv"\)/, cells);
        // The cells further down and the Markdown (drawn in the notebook's webview), as the file has them.
        const notebook = JSON.parse(fs.readFileSync(path.join(wb.workspace, "results", "workToken-run-1.ipynb"), "utf8")) as { cells: { source: string[] }[] };
        const code = notebook.cells.map((c) => c.source.join("")).join("\n");
        assert.match(code, /^# WORK token distribution\n\nRun 1 of `workToken\.sim\.ts`: 3 runs × 52 steps, seed 42, /);
        assert.match(code, /df = df\[\(df\.substep == df\.substep\.max\(\)\) \| \(df\.timestep == 0\)\]/);
        assert.match(code, /variables = \["tokens", "community_treasury"\]/);
        assert.match(code, /df\.groupby\(\["subset", "run"\]\)\.last\(\)/);
        assert.deepEqual(resultsFiles(wb), [".substep-runs.json", "workToken-run-1.csv", "workToken-run-1.ipynb"]);
        const csv = fs.readFileSync(path.join(wb.workspace, "results", "workToken-run-1.csv"), "utf8").split("\n");
        assert.equal(csv[0], "tokens,weekly_token_minting,community_treasury,contributors.token_balance,simulation,subset,run,timestep,substep");
        assert.equal(csv.filter(Boolean).length, 1 + 315);
        await wb.screenshot("notebook-editor", wb.page.locator(".part.editor"));
      },
    },
    {
      name: "Save Results to Folder: the CSV and an HTML report that links it, and a message saying where",
      run: async (wb) => {
        await wb.openFile("workToken.sim.ts");
        await wb.runCommand("Substep: Save Results to Folder");
        await waitForFiles(wb, ["workToken-run-1.html"]);
        assert.deepEqual(resultsFiles(wb), [".substep-runs.json", "workToken-run-1.csv", "workToken-run-1.html", "workToken-run-1.ipynb"]);
        const html = fs.readFileSync(path.join(wb.workspace, "results", "workToken-run-1.html"), "utf8");
        assert.match(html, /<p class="data">Data: <a href="workToken-run-1\.csv">workToken-run-1\.csv<\/a><\/p>/);
        const messages = await wb.notificationMessages();
        assert.ok(
          messages.some((m) => m.startsWith("Saved run 1 of workToken.sim.ts to results/: workToken-run-1.csv, workToken-run-1.html")),
          messages.join(" | "),
        );
        await wb.page.keyboard.press("Escape");
      },
    },
    {
      name: "from the Runs view: an older run's notebook and files get that run's number, the newer run's its own",
      run: async (wb) => {
        await wb.openFile("workToken.sim.ts");
        await wb.runCommand("Substep: Run Simulation");
        const runs = await runsView(wb);
        const run = (n: number) => runs.locator(".monaco-list-row").filter({ has: wb.page.locator(".label-name", { hasText: new RegExp(`^run ${n}$`) }) });
        await run(2).waitFor({ timeout: 30_000 });
        await contextMenu(wb, run(1), "Save Results to Folder");
        await contextMenu(wb, run(2), "Open in Jupyter");
        await wb.activeTab("workToken-run-2.ipynb").first().waitFor({ timeout: 20_000 });
        const cells = (await notebookCells(wb)).join("\n");
        assert.match(cells, /pd\.read_csv\("workToken-run-2\.csv"\)/, cells);
        assert.deepEqual(resultsFiles(wb), [
          ".substep-runs.json",
          "workToken-run-1.csv",
          "workToken-run-1.html",
          "workToken-run-1.ipynb",
          "workToken-run-2.csv",
          "workToken-run-2.ipynb",
        ]);
        await wb.screenshot("notebook-editor-run-2");
      },
    },
    {
      name: "a results folder that cannot be written: an error naming it, and the extension keeps working",
      run: async (wb) => {
        // A folder inside a file cannot be made.
        fs.mkdirSync(path.join(wb.workspace, ".vscode"), { recursive: true });
        fs.writeFileSync(path.join(wb.workspace, ".vscode", "settings.json"), JSON.stringify({ "substep.resultsFolder": "workToken.sim.ts/out" }));
        const folder = path.join(wb.workspace, "workToken.sim.ts", "out");
        await wb.openFile("workToken.sim.ts");
        const deadline = Date.now() + 20_000;
        let messages: string[] = [];
        // The settings file is read a moment after it changes: try until the error comes.
        while (!messages.some((m) => m.includes(`Cannot write to ${folder}`))) {
          if (Date.now() > deadline) throw new Error(`no error naming ${folder}; notifications: ${messages.join(" | ")}`);
          await wb.runCommand("Substep: Save Results to Folder");
          await wb.page.waitForTimeout(500);
          messages = await wb.notificationMessages();
          await wb.page.keyboard.press("Escape");
        }
        assert.ok(
          messages.some((m) => m.startsWith("Substep could not save run 2 of workToken.sim.ts (setting substep.resultsFolder): Cannot write to ")),
          messages.join(" | "),
        );
        // Still working: a run, then the folder setting back to the default and Save Results again.
        await wb.runCommand("Substep: Run Simulation");
        await runsView(wb).then((runs) => runs.locator(".label-name", { hasText: /^run 3$/ }).waitFor({ timeout: 30_000 }));
        fs.writeFileSync(path.join(wb.workspace, ".vscode", "settings.json"), "{}");
        await wb.openFile("workToken.sim.ts");
        const again = Date.now() + 20_000;
        while (!resultsFiles(wb).includes("workToken-run-3.html")) {
          if (Date.now() > again) throw new Error(`results/ holds ${JSON.stringify(resultsFiles(wb))}`);
          await wb.runCommand("Substep: Save Results to Folder");
          await wb.page.waitForTimeout(1_000);
        }
      },
    },
  ],
};
