// Inside VS Code: a model file in a workspace with nothing installed is typed by Substep's TypeScript
// server plugin: no errors on the WORK token example, `state.` completes its variables and `input.` its block's
// signals, the model properties' JSDoc shows on hover, a typo is an error.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { hostSuite, waitFor, openModel } from "./harness";

/** Completion labels at `position`, asked until they include `expected` (the TypeScript server starts first). */
async function completionsIncluding(uri: vscode.Uri, position: vscode.Position, expected: string, ms: number): Promise<string[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", uri, position, ".");
    const names = list.items.map((i) => (typeof i.label === "string" ? i.label : i.label.label));
    if (names.includes(expected) || Date.now() > deadline) return names;
    await new Promise((r) => setTimeout(r, 500));
  }
}

export const run = hostSuite([
  {
    name: "workToken.sim.ts has no TypeScript errors, state. completes tokens, input. its block's minted_tokens",
    timeoutMs: 90_000,
    run: async () => {
      const { uri, doc } = await openModel("workToken.sim.ts");
      const line = doc
        .getText()
        .split("\n")
        .findIndex((l) => l.includes("state.tokens + input.minted_tokens"));
      assert.ok(line > 0, "the fixture reads state.tokens");
      const position = new vscode.Position(line, doc.lineAt(line).text.indexOf("state.tokens") + "state.".length);
      const labels = await completionsIncluding(uri, position, "tokens", 60_000);
      for (const name of ["tokens", "community_treasury", "contributors", "timestep", "substep"])
        assert.ok(labels.includes(name), `state. completes ${name}: ${labels.slice(0, 30).join(", ")}`);
      // input. lists the signals of this block's policies, not those of the other block.
      const inputAt = new vscode.Position(line, doc.lineAt(line).text.indexOf("input.minted_tokens") + "input.".length);
      const signals = await completionsIncluding(uri, inputAt, "minted_tokens", 20_000);
      assert.ok(signals.includes("minted_tokens"), `input. completes minted_tokens: ${signals.slice(0, 30).join(", ")}`);
      assert.ok(!signals.includes("impact"), "block 2's signal is not offered in block 1");
      // The model properties' JSDoc shows on hover.
      const timesteps = doc
        .getText()
        .split("\n")
        .findIndex((l) => /^\s*timesteps:/.test(l));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        "vscode.executeHoverProvider",
        uri,
        new vscode.Position(timesteps, doc.lineAt(timesteps).text.indexOf("timesteps") + 2),
      );
      const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : c.value))).join("\n");
      assert.match(hoverText, /Number of timesteps T/);
      const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.source === "ts" && d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(
        errors.map((d) => `${d.range.start.line + 1}: ${d.message}`),
        [],
      );
    },
  },
  {
    name: "a typo (state.tokenz) is a TypeScript error on its line",
    timeoutMs: 60_000,
    run: async () => {
      const { uri, doc, editor } = await openModel("workToken.sim.ts");
      const line = doc
        .getText()
        .split("\n")
        .findIndex((l) => l.includes("state.tokens + input.minted_tokens"));
      const start = doc.lineAt(line).text.indexOf("state.tokens") + "state.".length;
      await editor.edit((e) => e.replace(new vscode.Range(line, start, line, start + "tokens".length), "tokenz"));
      const typo = await waitFor(
        "a TypeScript error about tokenz",
        () => vscode.languages.getDiagnostics(uri).find((d) => d.source === "ts" && d.severity === vscode.DiagnosticSeverity.Error && /tokenz/.test(d.message)),
        30_000,
      );
      assert.equal(typo.range.start.line, line, `on the line of the typo: ${typo.message}`);
      assert.match(typo.message, /Property 'tokenz' does not exist/);
      await vscode.commands.executeCommand("workbench.action.files.revert");
    },
  },
]);
