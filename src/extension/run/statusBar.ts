// The status bar item: a run in progress, else how the last run ended.
import * as vscode from "vscode";
import { commandLink } from "../common/commands";
import { Disposable } from "../common/dispose";
import { RunController } from "./runController";
import type { RunEnd } from "./runEvents";

export class RunStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem("substep.status", vscode.StatusBarAlignment.Left, 50));

  constructor(runs: RunController) {
    super();
    this.item.name = "Substep";
    this.register(runs.onDidStart(({ title }) => this.running(title)));
    this.register(runs.onDidEnd((end) => this.ended(end)));
  }

  private ended(end: RunEnd): void {
    if (end.outcome === "failed") return this.failed(vscode.workspace.asRelativePath(end.file));
    const result = end.result;
    if (result) {
      const sims = result.results.simulations;
      const title = sims.length === 1 ? sims[0]!.name : vscode.workspace.asRelativePath(result.file);
      const summary = RunController.summary(result.results, result.engineMs);
      if (result.cancelled) this.stopped(title, summary);
      else this.finished(title, summary, result.errors.length === 0);
    } else if (end.outcome === "stopped" && end.reason !== "superseded") this.stopped(vscode.workspace.asRelativePath(end.file), "no rows");
  }

  private running(title: string): void {
    this.item.text = `$(sync~spin) ${title}`;
    this.item.tooltip = "Substep: simulation running (click to stop)";
    this.item.command = commandLink("substep.stopSimulation", "Stop Simulation");
    this.item.show();
  }

  private finished(title: string, summary: string, ok: boolean): void {
    this.item.text = `${ok ? "$(graph-line)" : "$(warning)"} ${title}: ${summary}`;
    this.item.tooltip = "Substep: open the last results";
    this.item.command = commandLink("substep.openResults", "Open Results");
    this.item.show();
  }

  private stopped(title: string, summary: string): void {
    this.item.text = `$(debug-stop) ${title}: stopped, ${summary}`;
    this.item.tooltip = "Substep: the last run was stopped before its end";
    this.item.command = commandLink("substep.openResults", "Open Results");
    this.item.show();
  }

  private failed(title: string): void {
    this.item.text = `$(error) ${title}: failed`;
    this.item.tooltip = "Substep: the last run failed (see Problems and the Substep output)";
    this.item.command = commandLink("workbench.actions.view.problems", "Show Problems");
    this.item.show();
  }
}
