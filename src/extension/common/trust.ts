// Workspace trust: model files are code from the workspace, so they run only in a trusted one.
import * as vscode from "vscode";
import { executeCommand } from "./commands";

/** True when model code may run; else says why, offers to manage trust, and logs the refusal. */
export function checkTrust(output: vscode.LogOutputChannel): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage("Substep runs model files only in a trusted workspace: a model file is code. Trust this workspace to run it.", "Manage Workspace Trust")
    .then((pick) => {
      if (pick) void executeCommand("workbench.trust.manage");
    });
  output.warn("a run was refused: the workspace is not trusted");
  return false;
}
