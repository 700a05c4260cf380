// Inside VS Code: a model created from a template opens, runs and exports as a user would get it, and the
// contributed snippets expand into model files that run, in TypeScript and JavaScript.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import { activateSubstep, hostSuite, waitFor, workspaceFile } from "./harness";

/** Exports the last results of `file` as CSV and returns its data rows (the header line left out). */
async function exportedRows(file: vscode.Uri): Promise<string[]> {
  const csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "substep-export-")), `${path.basename(file.fsPath)}.csv`);
  await vscode.commands.executeCommand("substep.exportResults", { format: "csv", path: csv, file: file.fsPath });
  const lines = (await waitFor("the CSV file", () => (fs.existsSync(csv) ? fs.readFileSync(csv, "utf8") : undefined)))
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  return lines.slice(1);
}

/** A new empty model file in the workspace, opened in an editor. */
async function emptyModelEditor(name: string): Promise<vscode.TextEditor> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

export const run = hostSuite([
  {
    name: "substep.newModel bondingCurve creates bondingCurve.sim.ts in the workspace and shows it in a pinned tab",
    run: async () => {
      await activateSubstep();
      const uri = workspaceFile("bondingCurve.sim.ts");
      assert.ok(!fs.existsSync(uri.fsPath), "not in the fixture workspace beforehand");
      await vscode.commands.executeCommand("substep.newModel", "bondingCurve");
      assert.ok(fs.existsSync(uri.fsPath), "the file is written");
      assert.match(fs.readFileSync(uri.fsPath, "utf8"), /name: "Token bonding curve"/);
      const shown = await waitFor("an editor on bondingCurve.sim.ts", () =>
        vscode.window.activeTextEditor?.document.uri.fsPath === uri.fsPath ? vscode.window.activeTextEditor : undefined,
      );
      assert.match(shown.document.getText(), /curve_exponent: EXPONENTS/);
      // Pinned, not a preview: a preview would take the place of the walkthrough whose button created it.
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      assert.ok(tab && tab.input instanceof vscode.TabInputText && tab.input.uri.fsPath === uri.fsPath, "the active tab");
      assert.equal(tab.isPreview, false, "a pinned tab");
    },
  },
  {
    name: "substep.runSimulation on it resolves, and the CSV export has 3 subsets × 5 runs × (100 × 2 + 1) rows",
    timeoutMs: 60_000,
    run: async () => {
      const uri = workspaceFile("bondingCurve.sim.ts");
      await vscode.commands.executeCommand("substep.runSimulation", uri);
      const rows = await exportedRows(uri);
      assert.equal(rows.length, 3 * 5 * (100 * 2 + 1), "data rows");
    },
  },
  {
    name: "the substep-model snippet, inserted by VS Code in a .sim.ts and a .sim.js file, makes a model that runs",
    timeoutMs: 60_000,
    run: async () => {
      for (const name of ["fromSnippet.sim.ts", "fromSnippet.sim.js"]) {
        const editor = await emptyModelEditor(name);
        const langId = editor.document.languageId;
        assert.ok(langId === "typescript" || langId === "javascript", `${name} opens as ${langId}`);
        await vscode.commands.executeCommand("editor.action.insertSnippet", { langId, name: "Substep model" });
        const text = await waitFor("the inserted snippet", () => (editor.document.getText().includes("defineModel") ? editor.document.getText() : undefined));
        assert.match(text, /sweep: "zip"/, "the first choice");
        await vscode.commands.executeCommand("leaveSnippet");
        assert.ok(await editor.document.save(), `${name} saved`);
        await vscode.commands.executeCommand("substep.runSimulation", editor.document.uri);
        // 3 runs × 2 subsets (growth_rate: [0.01, 0.02]) × (52 timesteps × 1 block + 1).
        assert.equal((await exportedRows(editor.document.uri)).length, 3 * 2 * (52 + 1), `${name}: data rows`);
      }
    },
  },
]);
