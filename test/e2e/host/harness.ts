// The test harness inside VS Code's extension host: a test module bundled by driver.ts exports
// `run = hostSuite([...])`; VS Code requires it, awaits run(), and the results go to report.json next
// to the bundle, which the driver reads once the workbench reports the end (codeAutomationExit).
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { describeError, withTimeout, type TestResult } from "../results";

/** A test run in the extension host: throws to fail. */
export interface HostTest {
  name: string;
  run: () => Promise<void>;
  /** Default 30 s. */
  timeoutMs?: number;
}

/** The `run` export VS Code awaits: runs the tests in order, writing the report after each one. */
export function hostSuite(tests: HostTest[]): () => Promise<void> {
  return async () => {
    // __dirname is the bundle's folder (the bundle is CommonJS).
    const report = path.join(__dirname, "report.json");
    const grep = process.env.SUBSTEP_E2E_GREP ? new RegExp(process.env.SUBSTEP_E2E_GREP) : undefined;
    const results: TestResult[] = [];
    for (const test of tests.filter((t) => !grep || grep.test(t.name))) {
      const start = Date.now();
      try {
        await withTimeout(test.run(), test.timeoutMs ?? 30_000, test.name);
        results.push({ suite: "", name: test.name, ok: true, ms: Date.now() - start });
      } catch (e) {
        results.push({ suite: "", name: test.name, ok: false, ms: Date.now() - start, error: describeError(e) });
      }
      fs.writeFileSync(report, JSON.stringify(results, null, 2));
    }
    fs.writeFileSync(report, JSON.stringify(results, null, 2));
    const failed = results.filter((r) => !r.ok).length;
    if (failed > 0) throw new Error(`${failed} extension host test(s) failed`);
  };
}

/** The workspace folder VS Code opened (the temporary copy of test/e2e/workspace). */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error("no workspace folder is open");
  return folder.uri;
}

/** A file of the workspace. */
export function workspaceFile(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), relativePath);
}

/** The extension under test, activated. */
export async function activateSubstep(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension("substep.substep");
  if (!ext) throw new Error("the extension substep.substep is not installed in the extension host");
  await ext.activate();
  return ext;
}

/** Polls `probe` every 100 ms until it gives a value that is not undefined; throws after `ms`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Activates Substep and shows a fixture model in an editor. */
export async function openModel(relativePath: string): Promise<{ uri: vscode.Uri; doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  await activateSubstep();
  const uri = workspaceFile(relativePath);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  return { uri, doc, editor };
}
