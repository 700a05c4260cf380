// Compare Runs… (runs of the history, picked in the Runs view or a list) and Compare with HEAD (the model as
// committed against the working copy, both run with the same options): each opens the comparison panel.
import { basename } from "node:path";
import * as vscode from "vscode";
import { ModelError, formatModelError } from "../../engine";
import { CancelledError } from "../../runner/pool";
import { modelStem } from "../../shared/modelFilePattern";
import { registerCommand, type ModelTarget, type RunTarget } from "../common/commands";
import { Disposable } from "../common/dispose";
import type { ModelPicker } from "../common/modelPicker";
import { checkTrust } from "../common/trust";
import type { ResultsPanels } from "../results/resultsPanels";
import type { HistoryEntry, RunHistory } from "../results/runHistory";
import type { RunController } from "../run/runController";
import { optionsText } from "../run/runsTree";
import { buildComparison, type ComparedResult, type Comparison } from "./comparison";
import { GitError, readHeadVersion } from "./gitHead";

export class CompareCommands extends Disposable {
  constructor(
    private readonly history: RunHistory,
    private readonly panels: ResultsPanels,
    private readonly runs: RunController,
    private readonly picker: ModelPicker,
    private readonly output: vscode.LogOutputChannel,
  ) {
    super();
    // From the Runs view VS Code passes the clicked item and every selected one; from the palette, nothing.
    this.register(registerCommand("substep.compareRuns", (target, selected) => this.compareRuns(target, selected)));
    this.register(registerCommand("substep.compareWithHead", (target) => this.compareWithHead(target)));
    panels.reopenComparison = (ids) => this.comparisonOf(ids);
  }

  private async compareRuns(target?: RunTarget | { readonly ids: readonly string[] }, selected?: readonly RunTarget[]): Promise<Comparison | undefined> {
    let ids = idsOf(target, selected);
    if (ids.length < 2) ids = await this.pickRuns(ids);
    if (ids.length < 2) return undefined;
    const comparison = await this.comparisonOf(ids);
    if (!comparison) {
      void vscode.window.showWarningMessage("Those runs' results are no longer all on disk: pick others to compare.");
      return undefined;
    }
    this.panels.showComparison(comparison);
    this.output.info(`compared ${comparison.panel.runs.map((r) => r.label).join(", ")}`);
    return comparison;
  }

  /** Two or more runs with results, picked from the history; `chosen` starts picked. */
  private async pickRuns(chosen: readonly string[]): Promise<string[]> {
    const entries = (await this.history.entries()).filter((e) => e.hasResult);
    if (entries.length < 2) {
      void vscode.window.showInformationMessage("Compare Runs needs two runs with results: run a model twice (another seed, other options).");
      return [];
    }
    const picks = await vscode.window.showQuickPick(
      entries.map((e) => ({
        label: entryName(e),
        description: [e.title, e.dimensions, `seed ${e.seed}`, optionsText(e)].filter(Boolean).join(" · "),
        detail: `${vscode.workspace.asRelativePath(e.file)} · ${new Date(e.startedAt).toLocaleString()}`,
        picked: chosen.includes(e.id),
        id: e.id,
      })),
      { title: "Compare Runs", placeHolder: "Pick two or more runs (the first is the baseline)", canPickMany: true },
    );
    if (picks && picks.length === 1) void vscode.window.showInformationMessage("Pick two or more runs to compare.");
    return picks?.map((p) => p.id) ?? [];
  }

  /** The comparison of runs of the history, oldest first (the baseline); undefined when one has no results left. */
  private async comparisonOf(ids: readonly string[]): Promise<Comparison | undefined> {
    const all = await this.history.entries();
    const entries = ids.flatMap((id) => all.filter((e) => e.id === id)).sort((a, b) => a.startedAt - b.startedAt);
    const files = new Set(entries.map((e) => e.file));
    const inputs: ComparedResult[] = [];
    for (const e of entries) {
      const result = await this.history.result(e.id);
      if (!result) return undefined;
      // Runs of several models are told apart by model first.
      const label = files.size > 1 ? `${modelStem(basename(e.file))} ${entryName(e)}` : entryName(e);
      inputs.push({ label, result, note: optionsText(e) });
    }
    if (inputs.length < 2) return undefined;
    return buildComparison(
      inputs,
      (f) => vscode.workspace.asRelativePath(f),
      entries.map((e) => e.id),
    );
  }

  /** The model as HEAD has it against the working copy (the editor's text), both with the model's own options. */
  private async compareWithHead(target?: ModelTarget): Promise<Comparison | undefined> {
    const file = await this.picker.pick(target);
    if (!file || !checkTrust(this.output)) return undefined;
    const shown = vscode.workspace.asRelativePath(file);
    let head;
    try {
      head = await readHeadVersion(file);
    } catch (err) {
      if (!(err instanceof GitError)) throw err;
      void vscode.window.showErrorMessage(`Compare with HEAD: ${err.message}.`);
      this.output.warn(`compare with HEAD: ${err.message}`);
      return undefined;
    }
    const comparison = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Comparing ${shown} with HEAD (${head.commit})`, cancellable: true },
      async (progress, token) => {
        const stop = new AbortController();
        token.onCancellationRequested(() => stop.abort());
        const sides: ComparedResult[] = [];
        for (const [label, text, note] of [
          [`HEAD (${head.commit})`, head.text, "as committed"],
          ["working copy", undefined, "as edited"],
        ] as const) {
          progress.report({ message: `running ${label}…` });
          try {
            sides.push({ label, note, result: await this.runs.runApart(file, text, {}, stop.signal) });
          } catch (err) {
            const message =
              err instanceof ModelError
                ? formatModelError(this.runs.relative(err.info))
                : err instanceof CancelledError
                  ? "stopped before it had results"
                  : err instanceof Error
                    ? err.message
                    : String(err);
            void vscode.window.showErrorMessage(`Compare with HEAD: ${label} of ${shown}: ${message}`);
            this.output.error(`compare with HEAD: ${label} of ${shown}: ${message}`);
            return undefined;
          }
        }
        return buildComparison(sides, (f) => vscode.workspace.asRelativePath(f));
      },
    );
    if (!comparison) return undefined;
    this.panels.showComparison(comparison);
    this.output.info(`compared ${shown} with HEAD (${head.commit})`);
    return comparison;
  }
}

/** "run 3", or its name: "baseline (run 3)". */
function entryName(e: HistoryEntry): string {
  return e.name ? `${e.name} (run ${e.number})` : `run ${e.number}`;
}

/** The history ids a command names: the selection when it has the clicked item, else the clicked item, else a list. */
function idsOf(target: RunTarget | { readonly ids: readonly string[] } | undefined, selected: readonly RunTarget[] | undefined): string[] {
  const id = (t: unknown): string | undefined =>
    typeof t === "string" ? t : typeof (t as { id?: unknown })?.id === "string" ? (t as { id: string }).id : undefined;
  if (target && typeof target === "object" && "ids" in target) return [...target.ids];
  const chosen = (selected ?? []).map(id).filter((x): x is string => x !== undefined);
  const clicked = id(target);
  // Live runs (numbered, not in the history yet) have no results to compare: their ids are numbers.
  return chosen.length > 0 ? chosen : clicked ? [clicked] : [];
}
