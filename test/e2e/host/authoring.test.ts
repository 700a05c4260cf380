// Inside VS Code: authoring help on model files. A quick fix on a validation problem that, once saved, clears it;
// hovers on a policy and a state variable (where it is defined, its last values after a run); the Model Diagram.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { hostSuite, waitFor, workspaceFile, openModel } from "./harness";
import { WORK_TOKEN_DIAGRAM } from "../../workTokenDiagram";

/** The text of a hover's contents. */
function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === "string" ? c : c.value))
    .join("\n---\n");
}

/** Substep's diagnostics of a file, or undefined when it has none. */
function substepDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] | undefined {
  const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === "substep");
  return found.length > 0 ? found : undefined;
}

/**
 * The code actions at `range`. All providers answer together and one cancelled answer cancels them all: the
 * TypeScript server cancels its requests while it starts (with Substep's plugin), so ask again, as the light bulb does.
 */
async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, range);
    } catch (e) {
      if (!(e instanceof Error && e.message === "Canceled") || Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** The position `delta` characters into the first occurrence of `needle` in the document. */
function positionOf(doc: vscode.TextDocument, needle: string, delta = 1): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} is in ${doc.uri.fsPath}`);
  return doc.positionAt(at + delta);
}

export const run = hostSuite([
  {
    name: "broken.sim.ts: 'Add tokenz to initialState' is offered on the problem and on its key; applied and saved, the problem is gone",
    timeoutMs: 60_000,
    run: async () => {
      const { uri, doc } = await openModel("broken.sim.ts");
      const original = doc.getText();
      try {
        const problem = (await waitFor("the tokenz problem after opening", () => substepDiagnostics(uri), 15_000)).find((d) => /tokenz/.test(d.message));
        assert.ok(problem, "a substep diagnostic about tokenz");
        assert.equal(problem.code, "invalid-model");

        const actions = await codeActions(uri, problem.range);
        const add = actions.find((a) => a.title === "Add 'tokenz' to initialState");
        assert.ok(add?.edit, `the fix is offered: ${actions.map((a) => a.title).join(", ")}`);
        assert.equal(add.kind?.value, vscode.CodeActionKind.QuickFix.value);
        assert.ok(!actions.some((a) => a.title.startsWith("Change 'tokenz'")), "no rename onto the tokens update the block already has");

        // The problem points at the update's function; the fix is there with the cursor on the key as well.
        const key = positionOf(doc, "tokenz:");
        const onKey = await codeActions(uri, new vscode.Range(key, key));
        assert.ok(
          onKey.some((a) => a.title === "Add 'tokenz' to initialState"),
          `on the key: ${onKey.map((a) => a.title).join(", ")}`,
        );

        assert.ok(await vscode.workspace.applyEdit(add.edit));
        assert.match(doc.getText(), /initialState: \{ tokens: 1, supply: 100, tokenz: 0 \},/);
        await doc.save();
        await waitFor("the problem to clear after saving", () => (substepDiagnostics(uri) ? undefined : true), 15_000);
      } finally {
        // Put the fixture back as it was (the workspace is a temporary copy, but later tests may read it).
        const edit = new vscode.WorkspaceEdit();
        edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
        await vscode.workspace.applyEdit(edit);
        await doc.save();
      }
    },
  },
  {
    name: "hover on a policy key says where it is defined (a link) and what it emits",
    run: async () => {
      const { uri, doc } = await openModel("workToken.sim.ts");
      const line =
        doc
          .getText()
          .split("\n")
          .findIndex((l) => l.includes("mint_tokens:")) + 1;
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, positionOf(doc, "mint_tokens:", 3));
      const text = hoverText(hovers);
      assert.match(text, /policy `mint_tokens`/, text);
      assert.match(text, /block 1 "mint"/, text);
      assert.ok(text.includes(`[workToken.sim.ts:${line}](`), `links to workToken.sim.ts:${line}: ${text}`);
      assert.match(text, /emits `minted_tokens`/, text);
    },
  },
  {
    name: "hover on an initialState key: its initial value and updating block; after a run, its last values",
    timeoutMs: 60_000,
    run: async () => {
      const { uri, doc } = await openModel("workToken.sim.ts");
      const hover = async (): Promise<string> =>
        hoverText(await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, positionOf(doc, "community_treasury: 0", 3)));
      const before = await hover();
      assert.match(before, /state variable `community_treasury`.*initial value `0`/, before);
      assert.match(before, /updated in block 1 "mint" at \[workToken\.sim\.ts:\d+\]/, before);
      await vscode.commands.executeCommand("substep.runSimulation", uri);
      const after = await hover();
      // 52 weeks of 100 minted tokens, the same in every run.
      assert.match(after, /last run, timestep 52 \(3 runs\): min 5200 · mean 5200 · max 5200/, after);
    },
  },
  {
    name: "substep.showDiagram lists the blocks of workToken.sim.ts with policies, signals and updated variables",
    run: async () => {
      const uri = workspaceFile("workToken.sim.ts");
      const diagram = await vscode.commands.executeCommand<{ file: string; lines: string[] }>("substep.showDiagram", uri);
      assert.equal(diagram?.file, uri.fsPath);
      assert.deepEqual(diagram.lines, WORK_TOKEN_DIAGRAM);
    },
  },
  {
    name: "a model whose blocks are built in code: once opened (and so validated), the diagram shows its policies, their signals and its updates",
    timeoutMs: 60_000,
    run: async () => {
      // Two blocks from one function: nothing in the source says what they hold; the loaded model does.
      const text = `import { defineModel } from "substep";
const block = (name: string) => ({
  label: name,
  policies: { [\`push_\${name}\`]: () => ({ [\`force_\${name}\`]: 1 }) },
  variables: { [name]: (p: unknown, s: number, h: unknown, state: Record<string, number>, input: Record<string, number>) => state[name]! + input[\`force_\${name}\`]! },
});
export default defineModel({ name: "Built", initialState: { a: 0, b: 0 }, timesteps: 2, blocks: ["a", "b"].map(block) });
`;
      const uri = workspaceFile("built.sim.ts");
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      try {
        await openModel("built.sim.ts");
        const lines = await waitFor(
          "the diagram of the loaded model",
          async () => {
            const diagram = await vscode.commands.executeCommand<{ lines: string[] }>("substep.showDiagram", uri);
            return diagram?.lines.includes("    push_b — emits force_b, …") ? diagram.lines : undefined;
          },
          30_000,
        );
        assert.deepEqual(lines, [
          'Block 1 "a" — 1 policy · 1 update',
          "  Policies — 1",
          "    push_a — emits force_a, …",
          "  Updates — 1",
          "    a",
          'Block 2 "b" — 1 policy · 1 update',
          "  Policies — 1",
          "    push_b — emits force_b, …",
          "  Updates — 1",
          "    b",
        ]);
      } finally {
        await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
        await vscode.workspace.fs.delete(uri);
      }
    },
  },
  {
    name: "substep.openDiagramSvg writes the diagram as SVG and opens it in the image preview",
    run: async () => {
      const uri = workspaceFile("workToken.sim.ts");
      const path = await vscode.commands.executeCommand<string>("substep.openDiagramSvg", uri);
      assert.ok(path?.endsWith("workToken.diagram.svg"), `the SVG file: ${path}`);
      const svg = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path)));
      assert.ok(svg.startsWith("<svg") && svg.includes(">mint_tokens</text>") && svg.includes(">→ emits minted_tokens</text>"), svg.slice(0, 400));
      const tab = await waitFor("the SVG tab", () => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputCustom && input.uri.fsPath === path ? input : undefined;
      });
      assert.equal(tab.viewType, "imagePreview.previewEditor");
    },
  },
  {
    name: "a syntax error is listed once in Problems: TypeScript's in an open .sim.ts, Substep's in a .sim.mjs TypeScript does not check",
    timeoutMs: 60_000,
    run: async () => {
      // The same slip, a missing ")" on line 3, in both kinds of model file.
      const body = "export default defineModel({\n  initialState: { x: (1 + 2 },\n  timesteps: 1,\n  blocks: [],\n});\n";
      const files = {
        ts: { uri: workspaceFile("slip.sim.ts"), text: `import { defineModel } from "substep";\n${body}` },
        mjs: { uri: workspaceFile("slip.sim.mjs"), text: `const defineModel = (m) => m;\n${body}` },
      };
      for (const f of Object.values(files)) await vscode.workspace.fs.writeFile(f.uri, new TextEncoder().encode(f.text));
      const onLine3 = (uri: vscode.Uri, source: string) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === source && d.range.start.line === 2);
      try {
        // The .sim.mjs file: Substep's entry, from validation on open (this is what a .sim.ts would show twice).
        await openModel("slip.sim.mjs");
        await waitFor("Substep's syntax error in slip.sim.mjs", () => (onLine3(files.mjs.uri, "substep").length ? true : undefined), 15_000);
        // The .sim.ts file: TypeScript reports it; a run (which fails to load, and so sets Substep's errors) adds none.
        await openModel("slip.sim.ts");
        await waitFor("TypeScript's syntax error in slip.sim.ts", () => (onLine3(files.ts.uri, "ts").length ? true : undefined), 30_000);
        await vscode.commands.executeCommand("substep.runSimulation", files.ts.uri);
        const all = vscode.languages.getDiagnostics(files.ts.uri).map((d) => `${d.source} line ${d.range.start.line + 1}: ${d.message}`);
        assert.equal(onLine3(files.ts.uri, "substep").length, 0, all.join("; "));
        assert.equal(onLine3(files.ts.uri, "ts").length, 1, all.join("; "));
      } finally {
        await vscode.commands.executeCommand("workbench.action.closeAllEditors");
        for (const f of Object.values(files)) await vscode.workspace.fs.delete(f.uri);
      }
    },
  },
]);
