// The Models tree (every model file, each model of an experiment as a child) and the Runs list.
import { basename, dirname } from "node:path";
import * as vscode from "vscode";
import type { SimulationInfo } from "../../engine";
import { Disposable } from "../common/dispose";
import type { ModelFiles } from "./modelFiles";
import type { ResultsStore } from "../results/resultsStore";
import type { RunController, RunRecord } from "../run/runController";

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
    this.register(runs.onDidChangeRunning(refresh));
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
      item.description = `simulation ${node.info.simulation} · ${node.info.subsets.length * node.info.runs} runs × ${node.info.timesteps} steps`;
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
    item.command = { command: "vscode.open", title: "Open Model", arguments: [uri] };
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

export class RunsTree extends Disposable implements vscode.TreeDataProvider<RunRecord> {
  private readonly onDidChangeTreeDataEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.onDidChangeTreeDataEmitter.event;

  constructor(private readonly runs: RunController) {
    super();
    this.register(runs.onDidChangeRecords(() => this.onDidChangeTreeDataEmitter.fire()));
  }

  getChildren(record?: RunRecord): RunRecord[] {
    return record ? [] : this.runs.records;
  }

  getTreeItem(r: RunRecord): vscode.TreeItem {
    const item = new vscode.TreeItem(r.title, vscode.TreeItemCollapsibleState.None);
    const time = new Date(r.startedAt).toLocaleTimeString();
    // Only a model's latest run keeps its results: an older run's entry must not open the newer results.
    const latest = this.runs.records.find((other) => other.file === r.file) === r;
    item.description = r.status === "running" ? `running… ${r.dimensions}` : `${r.dimensions} · seed ${r.seed} · ${r.durationMs} ms · ${r.status}`;
    item.tooltip = new vscode.MarkdownString(
      [
        `**${r.title}** (${vscode.workspace.asRelativePath(r.file)})`,
        `${r.dimensions}, seed ${r.seed}, ${r.rows.toLocaleString("en-US")} rows`,
        `started ${time}, ${r.durationMs} ms (engine ${r.engineMs.toFixed(1)} ms): ${r.status}`,
        r.message ?? "",
        latest ? "" : "_A newer run of this model replaced these results._",
      ].join("\n\n"),
    );
    item.iconPath = new vscode.ThemeIcon(r.status === "running" ? "sync~spin" : r.status === "done" ? "pass" : r.status === "stopped" ? "debug-stop" : "error");
    item.contextValue = "run";
    if (latest) item.command = { command: "substep.openResults", title: "Open Results", arguments: [vscode.Uri.file(r.file)] };
    return item;
  }
}
