// Inside the extension host: Substep's commands, export, diagnostics and run time limit, through the
// public API only (command ids, settings, diagnostics), on the fixture workspace.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import { activateSubstep, hostSuite, waitFor, workspaceFile, openModel } from "./harness";

const CONTRACT_COMMANDS = [
  "substep.runSimulation",
  "substep.runSimulationWithOptions",
  "substep.stopSimulation",
  "substep.openResults",
  "substep.exportResults",
  "substep.newModel",
];

/** Settles (resolve or reject) within `ms`, else fails; returns how it settled and when. */
async function settlesWithin(promise: Thenable<unknown>, ms: number): Promise<{ outcome: string; ms: number }> {
  const start = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    Promise.resolve(promise).then(
      () => "resolved",
      (e: unknown) => `rejected: ${e instanceof Error ? e.message : String(e)}`,
    ),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve("pending"), ms))),
  ]);
  clearTimeout(timer);
  if (outcome === "pending") throw new Error(`still running after ${ms / 1000} s`);
  return { outcome, ms: Date.now() - start };
}

export const run = hostSuite([
  {
    name: "the extension activates and registers its commands",
    run: async () => {
      const ext = await activateSubstep();
      assert.ok(ext.isActive);
      const commands = new Set(await vscode.commands.getCommands(true));
      const missing = CONTRACT_COMMANDS.filter((c) => !commands.has(c));
      assert.deepEqual(missing, [], `commands not registered: ${missing.join(", ")}`);
    },
  },
  {
    name: "substep.runSimulation on workToken.sim.ts resolves",
    timeoutMs: 60_000,
    run: async () => {
      await activateSubstep();
      await vscode.commands.executeCommand("substep.runSimulation", workspaceFile("workToken.sim.ts"));
    },
  },
  {
    name: "substep.exportResults writes a CSV of 315 rows without dialogs",
    run: async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "substep-export-")), "workToken.csv");
      await vscode.commands.executeCommand("substep.exportResults", { format: "csv", path: file });
      const lines = (await waitFor("the CSV file", () => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined)))
        .split(/\r?\n/)
        .filter((l) => l.trim() !== "");
      assert.match(lines[0] ?? "", /\btokens\b.*\btimestep\b/, `header line: ${lines[0]}`);
      assert.equal(lines.length - 1, 315, "data rows");
    },
  },
  {
    name: "Open Results and Run on a view item (a Runs record, a Models node) act on that item's model, not the active editor's",
    timeoutMs: 60_000,
    run: async () => {
      await activateSubstep();
      const model = workspaceFile("workToken.sim.ts");
      await vscode.commands.executeCommand("workbench.action.closeAllEditors");
      await openModel("broken.sim.ts");
      const resultsTab = () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find((t) => t.input instanceof vscode.TabInputWebview && /^Results: (WORK token|workToken)/.test(t.label));
      // What VS Code passes to a Runs view item's inline Open Results: the item itself, a run record.
      await vscode.commands.executeCommand("substep.openResults", { id: 1, file: model.fsPath, title: "workToken.sim.ts", status: "done" });
      await waitFor("the results tab of workToken.sim.ts", resultsTab);
      await vscode.commands.executeCommand("workbench.action.closeAllEditors");
      await openModel("broken.sim.ts");
      // A Models view node: Run Simulation runs that model (broken.sim.ts would fail to load).
      await vscode.commands.executeCommand("substep.runSimulation", { kind: "file", file: model.fsPath });
      await waitFor("the results tab of workToken.sim.ts after a run", resultsTab);
    },
  },
  {
    name: "opening broken.sim.ts gives a substep diagnostic on the line updating tokenz, without running it",
    run: async () => {
      const { uri, doc } = await openModel("broken.sim.ts");
      const expectedLine = doc
        .getText()
        .split("\n")
        .findIndex((l) => /^\s*tokenz\s*:/.test(l));
      assert.ok(expectedLine > 0, "the fixture has a tokenz update");
      const substepDiagnostics = () => {
        const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === "substep");
        return found.length > 0 ? found : undefined;
      };
      // Validation on open reports it: nothing is run by hand.
      const found = await waitFor("a diagnostic after opening", substepDiagnostics, 8_000);
      const onLine = found.filter((d) => d.range.start.line === expectedLine);
      const where = found.map((d) => `line ${d.range.start.line + 1}: ${d.message}`).join("; ");
      assert.ok(onLine.length > 0, `expected one on line ${expectedLine + 1}, got ${where}`);
      assert.match(onLine[0]!.message, /tokenz/);
    },
  },
  {
    name: "a model looping forever is stopped by substep.timeoutSeconds, and the extension still runs models",
    timeoutMs: 60_000,
    run: async () => {
      await activateSubstep();
      const config = () => vscode.workspace.getConfiguration("substep");
      await config().update("timeoutSeconds", 2, vscode.ConfigurationTarget.Global);
      try {
        const forever = await settlesWithin(vscode.commands.executeCommand("substep.runSimulation", workspaceFile("forever.sim.ts")), 10_000);
        console.log(`forever.sim.ts: ${forever.outcome} after ${forever.ms} ms`);
      } finally {
        await config().update("timeoutSeconds", undefined, vscode.ConfigurationTarget.Global);
      }
      await settlesWithin(vscode.commands.executeCommand("substep.runSimulation", workspaceFile("workToken.sim.ts")), 30_000).then(({ outcome }) =>
        assert.equal(outcome, "resolved", "running workToken.sim.ts afterwards"),
      );
    },
  },
]);
