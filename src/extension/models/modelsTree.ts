// The Models view: every model file in the workspace, each model of an experiment as a child.
import { basename, dirname } from "node:path";
import * as vscode from "vscode";
import { runTotals, type SimulationInfo } from "../../engine";
import { runsBySteps } from "../../export/format";
import { commandLink } from "../common/commands";
import { Disposable } from "../common/dispose";
import type { ModelFiles } from "./modelFiles";
import type { ResultsStore } from "../results/resultsStore";
import type { RunController } from "../run/runController";

type ModelNode = { kind: "file"; file: string } | { kind: "model"; file: string; info: SimulationInfo };

export class ModelsTree extends Disposable implements vscode.TreeDataProvider<ModelNode> {
  private readonly onDidChangeTreeDataEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.onDidChangeTreeDataEmitter.event;

  constructor(
    private readonly files: ModelFiles,
    private readonly store: ResultsStore,
    private readonly runs: RunController,
  ) {
    super();
    const refresh = (): void => this.onDidChangeTreeDataEmitter.fire();
    this.register(files.onDidChange(refresh));
    this.register(store.onDidChange(refresh));
    this.register(runs.onDidStart(refresh));
    this.register(runs.onDidEnd(refresh));
  }

  getChildren(node?: ModelNode): ModelNode[] {
    if (!node) return this.files.list.map((file) => ({ kind: "file", file }));
    if (node.kind === "file") {
      const sims = this.store.get(node.file)?.results.simulations ?? [];
      return sims.length > 1 ? sims.map((info) => ({ kind: "model", file: node.file, info })) : [];
    }
    return [];
  }

  getTreeItem(node: ModelNode): vscode.TreeItem {
    const uri = vscode.Uri.file(node.file);
    if (node.kind === "model") {
      const item = new vscode.TreeItem(node.info.name, vscode.TreeItemCollapsibleState.None);
      item.description = `simulation ${node.info.simulation} · ${runsBySteps(runTotals([node.info]).runs, node.info.timesteps)}`;
      item.iconPath = new vscode.ThemeIcon("symbol-class");
      item.contextValue = "experimentModel";
      return item;
    }
    const stored = this.store.get(node.file);
    const running = this.runs.running.includes(node.file);
    const sims = stored?.results.simulations ?? [];
    const item = new vscode.TreeItem(basename(node.file), sims.length > 1 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.resourceUri = uri;
    item.id = node.file;
    item.description = running ? "running…" : sims.length === 1 ? sims[0]!.name : folderLabel(node.file);
    item.tooltip = node.file;
    item.iconPath = new vscode.ThemeIcon(running ? "sync~spin" : "beaker");
    item.contextValue = stored ? "modelWithResults" : "model";
    item.command = commandLink("vscode.open", "Open Model", uri);
    return item;
  }
}

/** The model's folder relative to its workspace folder ("" at the top of the workspace). */
function folderLabel(file: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  const dir = dirname(file);
  if (!folder) return dir;
  return dir === folder.uri.fsPath ? "" : vscode.workspace.asRelativePath(dir, false);
}
