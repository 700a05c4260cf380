// Activation: construct Substep, register it, return. Everything else lives in its own module.
import type * as vscode from "vscode";
import { Substep } from "./substep";

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(new Substep(context));
}

export function deactivate(): void {
  // Substep's disposables (workers, panels, watchers) are disposed through context.subscriptions.
}
