// The status bar item: a run in progress, else the last result.
import * as vscode from "vscode";
import { Disposable } from "../common/dispose";

export class RunStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem("substep.status", vscode.StatusBarAlignment.Left, 50));

  constructor() {
    super();
    this.item.name = "Substep";
  }

  running(title: string): void {
    this.item.text = `$(sync~spin) ${title}`;
    this.item.tooltip = "Substep: simulation running (click to stop)";
    this.item.command = "substep.stopSimulation";
    this.item.show();
  }

  finished(title: string, summary: string, ok: boolean): void {
    this.item.text = `${ok ? "$(graph-line)" : "$(warning)"} ${title}: ${summary}`;
    this.item.tooltip = "Substep: open the last results";
    this.item.command = "substep.openResults";
    this.item.show();
  }

  stopped(title: string, summary: string): void {
    this.item.text = `$(debug-stop) ${title}: stopped, ${summary}`;
    this.item.tooltip = "Substep: the last run was stopped before its end";
    this.item.command = "substep.openResults";
    this.item.show();
  }

  failed(title: string): void {
    this.item.text = `$(error) ${title}: failed`;
    this.item.tooltip = "Substep: the last run failed (see Problems and the Substep output)";
    this.item.command = "workbench.actions.view.problems";
    this.item.show();
  }
}
