// The Runs view: the simulations started from the editor, newest first.
import * as vscode from "vscode";
import { formatDuration, plural } from "../../export/format";
import { commandLink } from "../common/commands";
import { Disposable } from "../common/dispose";
import type { RunController, RunRecord } from "./runController";

export class RunsTree extends Disposable implements vscode.TreeDataProvider<RunRecord> {
  private readonly onDidChangeTreeDataEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.onDidChangeTreeDataEmitter.event;

  constructor(private readonly runs: RunController) {
    super();
    const refresh = (): void => this.onDidChangeTreeDataEmitter.fire();
    this.register(runs.onDidStart(refresh));
    this.register(runs.onDidEnd(refresh));
  }

  getChildren(record?: RunRecord): RunRecord[] {
    return record ? [] : this.runs.records;
  }

  getTreeItem(r: RunRecord): vscode.TreeItem {
    const item = new vscode.TreeItem(r.title, vscode.TreeItemCollapsibleState.None);
    const time = new Date(r.startedAt).toLocaleTimeString();
    // Only a model's latest run keeps its results: an older run's entry must not open the newer results.
    const latest = this.runs.records.find((other) => other.file === r.file) === r;
    item.description = r.status === "running" ? `running… ${r.dimensions}` : `${r.dimensions} · seed ${r.seed} · ${formatDuration(r.durationMs)} · ${r.status}`;
    item.tooltip = new vscode.MarkdownString(
      [
        `**${r.title}** (${vscode.workspace.asRelativePath(r.file)})`,
        `${r.dimensions}, seed ${r.seed}, ${plural(r.rows, "row")}`,
        `started ${time}, ${formatDuration(r.durationMs)} (engine ${formatDuration(r.engineMs)}): ${r.status}`,
        r.message ?? "",
        latest ? "" : "_A newer run of this model replaced these results._",
      ].join("\n\n"),
    );
    item.iconPath = new vscode.ThemeIcon(r.status === "running" ? "sync~spin" : r.status === "done" ? "pass" : r.status === "stopped" ? "debug-stop" : "error");
    item.contextValue = "run";
    if (latest) item.command = commandLink("substep.openResults", "Open Results", vscode.Uri.file(r.file));
    return item;
  }
}
