// Inside the extension host: model files as they change on disk and in editors — a fix saved while a
// slow check runs, renames and deletes, the example the walkthrough opens, and which model a command
// means when no text editor has the focus.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as vscode from "vscode";
import { activateSubstep, hostSuite, openModel, waitFor, workspaceFile } from "./harness";

const WORK_TOKEN = () => fs.readFileSync(workspaceFile("workToken.sim.ts").fsPath, "utf8");

/** A copy of the WORK token model under another name (and file), with `edit` applied to its text. */
function writeModel(file: string, name: string, edit: (text: string) => string = (t) => t): vscode.Uri {
  const uri = workspaceFile(file);
  fs.writeFileSync(uri.fsPath, edit(WORK_TOKEN().replace(/name: "[^"]*"/, `name: "${name}"`)));
  return uri;
}

const substepProblems = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === "substep");

/** The labels of the open results tabs. */
const resultsTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview)
    .map((t) => t.label);

export const run = hostSuite([
  {
    name: "a fix saved while the check of a looping model runs is checked at once (the slow check is dropped)",
    timeoutMs: 40_000,
    run: async () => {
      // Loading it never ends: validation on open runs until its 10 s limit.
      const uri = writeModel("slowCheck.sim.ts", "Slow check", (t) => t.replace(/^import .*$/m, (line) => `${line}\nwhile (Date.now() > 0) {}`));
      const { doc } = await openModel("slowCheck.sim.ts");
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      // The fix has a problem of its own, so its check is seen: it updates 'tokenz', not in initialState.
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), WORK_TOKEN().replace(/^(\s*)tokens: \(params, substep/m, "$1tokenz: (params, substep"));
      await vscode.workspace.applyEdit(edit);
      const saved = Date.now();
      await doc.save();
      const found = await waitFor(
        "the fixed text's problem",
        () => {
          const problems = substepProblems(uri);
          return problems.some((d) => /tokenz/.test(d.message)) ? problems : undefined;
        },
        6_000,
      );
      assert.ok(Date.now() - saved < 6_000);
      assert.deepEqual(
        found.filter((d) => /validation stopped/.test(d.message)),
        [],
        "the dropped check reports nothing",
      );
    },
  },
  {
    name: "a model fixed on disk outside the editor loses its problem without a save, open or closed",
    timeoutMs: 40_000,
    run: async () => {
      const broken = (t: string) => t.replace(/^(\s*)tokens: \(params, substep/m, "$1tokenz: (params, substep");
      for (const open of [false, true]) {
        const file = open ? "fixedOnDiskOpen.sim.ts" : "fixedOnDisk.sim.ts";
        const uri = writeModel(file, "Fixed on disk", broken);
        await openModel(file);
        await waitFor("its problem", () => (substepProblems(uri).some((d) => /tokenz/.test(d.message)) ? true : undefined), 8_000);
        if (!open) await vscode.commands.executeCommand("workbench.action.closeAllEditors");
        // Another editor, or git, writes the fix: no save in VS Code.
        writeModel(file, "Fixed on disk");
        await waitFor(`no problems after the fix on disk (${open ? "open" : "closed"})`, () => (substepProblems(uri).length === 0 ? true : undefined), 10_000);
      }
    },
  },
  {
    name: "deleting a model file removes its problems",
    run: async () => {
      const uri = writeModel("doomed.sim.ts", "Doomed", (t) => t.replace(/^(\s*)tokens: \(params, substep/m, "$1tokenz: (params, substep"));
      await openModel("doomed.sim.ts");
      await waitFor("its problem", () => (substepProblems(uri).length ? true : undefined), 8_000);
      await vscode.commands.executeCommand("workbench.action.closeAllEditors");
      const edit = new vscode.WorkspaceEdit();
      edit.deleteFile(uri);
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor("no problems left for the deleted file", () => (substepProblems(uri).length === 0 ? true : undefined), 5_000);
    },
  },
  {
    name: "a renamed model keeps its results panel and results: Re-run and Export use the new name",
    timeoutMs: 40_000,
    run: async () => {
      const before = writeModel("beforeRename.sim.ts", "Renamed model");
      await activateSubstep();
      await vscode.commands.executeCommand("substep.runSimulation", before);
      const after = workspaceFile("afterRename.sim.ts");
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(before, after);
      assert.ok(await vscode.workspace.applyEdit(edit));
      // The stored results moved: exporting the new file's results needs no run.
      const csv = `${after.fsPath}.csv`;
      await waitFor(
        "the results under the new name",
        async () => {
          await vscode.commands.executeCommand("substep.exportResults", { format: "csv", path: csv, file: after.fsPath });
          return fs.existsSync(csv) ? true : undefined;
        },
        5_000,
      );
      assert.equal(fs.readFileSync(csv, "utf8").trim().split("\n").length - 1, 315);
      // The panel follows: running the new file reuses it (one results tab of this model, not two).
      await vscode.commands.executeCommand("substep.runSimulation", after);
      assert.equal(resultsTabs().filter((l) => l === "Results: Renamed model").length, 1, resultsTabs().join(", "));
      assert.deepEqual(substepProblems(before), []);
    },
  },
  {
    name: "the walkthrough's 'Open the WORK Token Example' opens workToken.sim.ts when it is there, without a copy",
    run: async () => {
      await activateSubstep();
      await vscode.commands.executeCommand("substep.newModel", "workToken", { openExisting: true });
      assert.equal(fs.existsSync(workspaceFile("workToken2.sim.ts").fsPath), false, "no workToken2.sim.ts");
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, workspaceFile("workToken.sim.ts").fsPath);
    },
  },
  {
    name: "with no editor focused, Run Simulation runs the model last worked on (no 'Which model?' question)",
    timeoutMs: 40_000,
    run: async () => {
      writeModel("lastWorkedOn.sim.ts", "Last worked on");
      await openModel("lastWorkedOn.sim.ts");
      await vscode.commands.executeCommand("workbench.action.closeAllEditors");
      assert.equal(vscode.window.activeTextEditor, undefined);
      // A question would keep the command waiting: it must end on its own.
      const ran = await Promise.race([
        Promise.resolve(vscode.commands.executeCommand("substep.runSimulation")).then(() => "ran"),
        new Promise<string>((resolve) => setTimeout(() => resolve("still waiting (a quick pick?)"), 20_000)),
      ]);
      assert.equal(ran, "ran");
      await waitFor("its results tab", () => (resultsTabs().includes("Results: Last worked on") ? true : undefined), 5_000);
    },
  },
]);
