// Inside VS Code: what a run that warns, or a run stopped while stuck in model code, leaves in the Problems
// panel: a Warning at the update's line, one per distinct warning (the same in 3 runs is one), replaced by the next run.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { hostSuite, openModel, waitFor } from "./harness";

/** Substep's warnings on a file, as "line: message" (1-based lines), or undefined when there are none. */
function substepWarnings(uri: vscode.Uri): vscode.Diagnostic[] | undefined {
  const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === "substep" && d.severity === vscode.DiagnosticSeverity.Warning);
  return found.length > 0 ? found : undefined;
}

/** The 0-based line of the first line of `doc` holding `needle`. */
function lineOf(doc: vscode.TextDocument, needle: string): number {
  const line = doc
    .getText()
    .split("\n")
    .findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} is in ${doc.uri.fsPath}`);
  return line;
}

export const run = hostSuite([
  {
    name: "misspelt.sim.ts: each distinct warning is a Warning at its update's line, naming value, place and 'and 2 more runs'; a fixed run clears them",
    timeoutMs: 60_000,
    run: async () => {
      const { uri, doc, editor } = await openModel("misspelt.sim.ts");
      await vscode.commands.executeCommand("substep.runSimulation", uri);
      const warnings = await waitFor("the run's warnings", () => substepWarnings(uri), 20_000);
      const tokens = lineOf(doc, "params.epochs_per_yea");
      const staked = lineOf(doc, "state.staked + state.tokens");
      assert.deepEqual(
        warnings.map((d) => [d.range.start.line, d.message, d.code]),
        [
          [
            tokens,
            "'tokens' became NaN (was 101) in state update 'tokens' at run 1, timestep 1, substep 2 (block 'stake'), and 2 more runs",
            "non-finite-value",
          ],
          [
            staked,
            "'staked' became NaN (was 11.01) in state update 'staked' at run 1, timestep 2, substep 2 (block 'stake'), and 2 more runs",
            "non-finite-value",
          ],
        ],
      );
      // The update's function, where the engine locates it: its `(params` on that line.
      assert.equal(warnings[0]!.range.start.character, doc.lineAt(tokens).text.indexOf("(params"));

      // The typo fixed in the editor (a run reads the editor's text): the next run has nothing to warn about.
      const at = doc.lineAt(tokens).text.indexOf("epochs_per_yea") + "epochs_per_yea".length;
      await editor.edit((e) => e.insert(new vscode.Position(tokens, at), "r"));
      try {
        await vscode.commands.executeCommand("substep.runSimulation", uri);
        await waitFor("the warnings to clear", () => (substepWarnings(uri) ? undefined : true), 20_000);
      } finally {
        await vscode.commands.executeCommand("workbench.action.files.revert");
      }
    },
  },
  {
    name: "forever.sim.ts stopped while stuck: a Warning at the looping update says it was still running, and where",
    timeoutMs: 60_000,
    run: async () => {
      const { uri, doc } = await openModel("forever.sim.ts");
      const running = vscode.commands.executeCommand("substep.runSimulation", uri);
      // Timestep 2 loops from the first moment: stop a run that is stuck, not one still starting.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await vscode.commands.executeCommand("substep.stopSimulation", uri);
      await running;
      const [stuck] = await waitFor("the stuck run's warning", () => substepWarnings(uri), 10_000);
      assert.equal(stuck!.code, "stuck-run");
      assert.equal(stuck!.range.start.line, lineOf(doc, "steps: (params"));
      assert.match(stuck!.message, /^was still running when the simulation was stopped \(does it loop forever\?\)/);
      assert.match(stuck!.message, /in state update 'steps' at simulation 0, subset 0, run 1, timestep 2, substep 1$/);
    },
  },
]);
