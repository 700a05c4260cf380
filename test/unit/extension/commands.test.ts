// The command table (src/extension/common/commands.ts) and package.json's contributed commands agree:
// every command the extension registers is contributed, and every contributed one is in the table.
import assert from "node:assert/strict";
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

const root = join(__dirname, "..", "..", "..");

/** The ids of the SubstepCommands interface, read from its source (the module imports vscode, so it cannot be loaded here). */
function tableIds(): string[] {
  const text = readFileSync(join(root, "src", "extension", "common", "commands.ts"), "utf8");
  const body = /export interface SubstepCommands \{([\s\S]*?)\n\}/.exec(text)?.[1];
  assert.ok(body, "SubstepCommands not found in commands.ts");
  return [...body.matchAll(/^\s*"(substep\.[A-Za-z]+)":/gm)].map((m) => m[1]!).sort();
}

test("the command table lists exactly the commands package.json contributes", () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { contributes: { commands: { command: string }[] } };
  const contributed = pkg.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(tableIds(), contributed);
});

test("commands are registered, run and linked only through the table", () => {
  // vscode.commands.* or a { command: "id" } literal would bypass the table's types.
  const hits = execSync(`grep -rnE 'vscode\\.commands\\.|command: "' src/extension || true`, { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .filter((line) => !line.startsWith("src/extension/common/commands.ts:"));
  assert.deepEqual(hits, []);
});
