// The Runs view: the runs in progress, then every run kept in the history (on disk, so it survives a
// reload), newest first. A kept run opens its own results, not the model's latest.
import * as vscode from "vscode";
import { formatDuration, plural } from "../../export/format";
import { commandLink } from "../common/commands";
import { Disposable } from "../common/dispose";
import type { HistoryEntry, RunHistory } from "../results/runHistory";
import type { RunController, RunRecord } from "./runController";

type RunsItem = RunRecord | HistoryEntry;

export class RunsTree extends Disposable implements vscode.TreeDataProvider<RunsItem> {
  private readonly onDidChangeTreeDataEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.onDidChangeTreeDataEmitter.event;

  constructor(
    private readonly runs: RunController,
    private readonly history: RunHistory,
  ) {
    super();
    this.register(runs.onDidStart(() => this.refresh()));
    this.register(runs.onDidEnd(() => this.refresh()));
  }

  refresh(): void {
    this.onDidChangeTreeDataEmitter.fire();
  }

  async getChildren(item?: RunsItem): Promise<RunsItem[]> {
    if (item) return [];
    return [...this.runs.records, ...(await this.history.entries())];
  }

  getTreeItem(item: RunsItem): vscode.TreeItem {
    return typeof item.id === "string" ? pastItem(item as HistoryEntry) : liveItem(item as RunRecord);
  }
}

/** A run in progress (or one the history could not keep). */
function liveItem(r: RunRecord): vscode.TreeItem {
  const item = new vscode.TreeItem(r.title, vscode.TreeItemCollapsibleState.None);
  item.description = r.status === "running" ? `running… ${r.dimensions}` : `${r.dimensions} · seed ${r.seed} · ${formatDuration(r.durationMs)} · ${r.status}`;
  item.tooltip = `${r.title} (${vscode.workspace.asRelativePath(r.file)}): ${r.status}${r.message ? `\n${r.message}` : ""}`;
  item.iconPath = new vscode.ThemeIcon(r.status === "running" ? "sync~spin" : "warning");
  item.contextValue = "run.live";
  item.command = commandLink("substep.openResults", "Open Results", vscode.Uri.file(r.file));
  return item;
}

function pastItem(e: HistoryEntry): vscode.TreeItem {
  // The run's number (or name) first and what it ran next: a narrow side bar still tells runs apart.
  const item = new vscode.TreeItem(e.name ? `${e.name} (run ${e.number})` : `run ${e.number}`, vscode.TreeItemCollapsibleState.None);
  item.id = e.id;
  const options = optionsText(e);
  item.description = [
    e.dimensions,
    ...(options ? [options] : []),
    `seed ${e.seed}`,
    new Date(e.startedAt).toLocaleTimeString(),
    e.title,
    ...(e.status === "done" ? [] : [e.status]),
  ].join(" · ");
  item.tooltip = new vscode.MarkdownString(
    [
      `**${e.name ? `${e.name}: ` : ""}${e.title}**, run ${e.number} (${vscode.workspace.asRelativePath(e.file)})`,
      `${e.dimensions}, seed ${e.seed}, ${plural(e.rows, "row")}${options ? `; options: ${options}` : ""}`,
      `started ${new Date(e.startedAt).toLocaleString()}, ${formatDuration(e.durationMs)} (engine ${formatDuration(e.engineMs)}): ${e.status}`,
      e.message ?? "",
      e.hasResult ? "" : "_No results: the run ended before it had any._",
      e.pinned ? "Pinned: kept whatever `substep.history.maxRunsPerModel` says." : "",
      `Substep ${e.engineVersion}${e.modelHash ? ` · model text ${e.modelHash}` : ""}`,
    ]
      .filter(Boolean)
      .join("\n\n"),
  );
  const icon = e.pinned ? "pinned" : e.status === "done" ? "pass" : e.status === "stopped" ? "debug-stop" : "error";
  item.iconPath = new vscode.ThemeIcon(icon);
  item.contextValue = `run.past${e.pinned ? ".pinned" : ""}${e.hasResult ? ".results" : ""}`;
  if (e.hasResult) item.command = commandLink("substep.openRun", "Open This Run", { id: e.id });
  return item;
}

/** The options a run overrode, as Run with Options… takes them: "runs 600, timesteps 20, apr = [0.2]". */
export function optionsText(e: Pick<HistoryEntry, "overrides">): string {
  const { params, ...rest } = e.overrides;
  const parts = Object.entries(rest)
    .filter(([key, value]) => value !== undefined && key !== "seed")
    .map(([key, value]) => `${key} ${String(value)}`);
  for (const [name, values] of Object.entries(params ?? {})) parts.push(`${name} = ${JSON.stringify(values)}`);
  return parts.join(", ");
}
