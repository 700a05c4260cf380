// The Runs view's history actions: open a kept run, re-run it with its options, rename, pin, delete.
import * as vscode from "vscode";
import { registerCommand, type RunTarget } from "../common/commands";
import { Disposable } from "../common/dispose";
import { checkTrust } from "../common/trust";
import type { ResultsPanels } from "../results/resultsPanels";
import type { ResultsStore } from "../results/resultsStore";
import type { HistoryEntry, RunHistory } from "../results/runHistory";
import type { RunCommands } from "./runCommands";
import type { RunsTree } from "./runsTree";

export class RunHistoryCommands extends Disposable {
  constructor(
    private readonly history: RunHistory,
    private readonly store: ResultsStore,
    private readonly panels: ResultsPanels,
    private readonly runCommands: RunCommands,
    private readonly tree: RunsTree,
    private readonly output: vscode.LogOutputChannel,
  ) {
    super();
    this.register(
      registerCommand("substep.openRun", async (target) => {
        const entry = await this.entry(target);
        if (entry && !(await this.panels.showRun(entry.id))) {
          void vscode.window.showWarningMessage(`The results of run ${entry.number} (${entry.title}) are no longer on disk.`);
        }
      }),
    );
    this.register(
      registerCommand("substep.rerunWithOptions", async (target) => {
        // From the panel: the result shown names its file and options; from the Runs view: a history entry.
        const options = typeof target === "object" && "file" in target ? target : await this.entry(target);
        if (!options || !checkTrust(this.output)) return;
        await this.runCommands.run(options.file, options.overrides ?? {});
      }),
    );
    this.register(
      registerCommand("substep.renameRun", async (target, name) => {
        const entry = await this.entry(target);
        if (!entry) return;
        const newName =
          name ??
          (await vscode.window.showInputBox({
            title: `Rename run ${entry.number} (${entry.title})`,
            value: entry.name ?? "",
            prompt: "A name for this run in the Runs view and its panel (empty: no name)",
          }));
        if (newName === undefined) return;
        await this.history.update(entry.id, { name: newName });
        this.tree.refresh();
      }),
    );
    this.register(registerCommand("substep.pinRun", (target) => this.pin(target, true)));
    this.register(registerCommand("substep.unpinRun", (target) => this.pin(target, false)));
    this.register(
      registerCommand("substep.deleteRun", async (target, options) => {
        const entry = await this.entry(target);
        if (!entry) return;
        if (!options?.confirmed) {
          const pick = await vscode.window.showWarningMessage(
            `Delete run ${entry.number} of ${entry.title} and its results?`,
            { modal: true, detail: `${entry.dimensions}, seed ${entry.seed}, ${new Date(entry.startedAt).toLocaleString()}` },
            "Delete",
          );
          if (pick !== "Delete") return;
        }
        const wasLatest = (await this.history.latestWithResult(entry.file))?.id === entry.id;
        await this.history.remove(entry.id);
        this.output.info(`history: deleted run ${entry.number} of ${entry.title}`);
        // Inline values and the panel's "latest" now come from the run before it, if any.
        if (wasLatest) this.store.forget(entry.file);
        this.tree.refresh();
      }),
    );
  }

  private async pin(target: RunTarget, pinned: boolean): Promise<void> {
    const entry = await this.entry(target);
    if (!entry) return;
    await this.history.update(entry.id, { pinned });
    this.tree.refresh();
  }

  private entry(target: RunTarget): Promise<HistoryEntry | undefined> {
    return runEntry(this.history, target);
  }
}

/** The history entry a command is about (a Runs view item, or its id); a stale one (deleted meanwhile) says so. */
export async function runEntry(history: RunHistory, target: RunTarget): Promise<HistoryEntry | undefined> {
  const id = typeof target === "string" ? target : target.id;
  const entry = await history.find(id);
  if (!entry) void vscode.window.showWarningMessage("That run is no longer in the history.");
  return entry;
}
