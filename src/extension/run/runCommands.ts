// Run Simulation, Run with Options… and Stop: from the palette, CodeLens, trees, keybinding and panel.
import * as vscode from "vscode";
import type { Overrides } from "../../engine";
import { registerCommand, targetFile } from "../common/commands";
import { Disposable } from "../common/dispose";
import type { ModelPicker } from "../common/modelPicker";
import { checkTrust } from "../common/trust";
import type { ResultsPanels } from "../results/resultsPanels";
import type { RunController } from "./runController";
import { askRunOptions } from "./runOptions";

export class RunCommands extends Disposable {
  constructor(
    private readonly runs: RunController,
    private readonly panels: ResultsPanels,
    private readonly picker: ModelPicker,
    private readonly output: vscode.LogOutputChannel,
  ) {
    super();
    this.register(
      registerCommand("substep.runSimulation", async (uri) => {
        const file = await this.picker.pick(uri);
        if (file && checkTrust(this.output)) await this.run(file);
      }),
    );
    this.register(
      registerCommand("substep.runSimulationWithOptions", async (uri) => {
        const file = await this.picker.pick(uri);
        if (!file || !checkTrust(this.output)) return;
        const overrides = await askRunOptions(file, () => this.runs.describe(file));
        if (overrides) await this.run(file, overrides);
      }),
    );
    this.register(registerCommand("substep.stopSimulation", (uri) => this.runs.stop(targetFile(uri))));
  }

  /** Saves the model's editor, shows its panel and runs it; resolves when the run has ended. */
  async run(file: string, overrides: Overrides = {}): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
    if (doc?.isDirty) await doc.save();
    this.panels.open(file);
    await this.runs.run(file, overrides);
  }
}
