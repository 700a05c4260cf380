// The Models view's commands: New Model… (a model file from a template, in the workspace folder or where
// the user saves it) and Refresh Models.
import { dirname, join } from "node:path";
import * as vscode from "vscode";
import { registerCommand } from "../common/commands";
import { Disposable } from "../common/dispose";
import type { ModelFiles } from "./modelFiles";
import { TEMPLATES } from "./templates";

export class ModelCommands extends Disposable {
  constructor(
    private readonly files: ModelFiles,
    private readonly output: vscode.LogOutputChannel,
  ) {
    super();
    this.register(registerCommand("substep.newModel", (templateId, options) => this.newModel(templateId, options?.openExisting === true)));
    // Its own id, so that the walkthrough's steps that open examples complete separately.
    this.register(registerCommand("substep.openExample", (templateId) => this.newModel(templateId, true)));
    this.register(registerCommand("substep.refreshModels", () => this.files.rescan()));
  }

  private async newModel(templateId?: string, openExisting = false): Promise<void> {
    const template =
      TEMPLATES.find((t) => t.id === templateId) ??
      (await vscode.window.showQuickPick(
        TEMPLATES.map((t) => ({ ...t, description: t.fileName })),
        { title: "New Model", placeHolder: "Start from a template" },
      ));
    if (!template) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    let target: vscode.Uri | undefined;
    if (folder && openExisting && (await exists(join(folder, template.fileName)))) {
      await vscode.window.showTextDocument(vscode.Uri.file(join(folder, template.fileName)), { preview: false });
      return;
    }
    if (folder) {
      let name = template.fileName;
      for (let i = 2; await exists(join(folder, name)); i++) name = template.fileName.replace(/\.sim\./, `${i}.sim.`);
      target = vscode.Uri.file(join(folder, name));
    } else {
      target = await vscode.window.showSaveDialog({ title: "New Model", filters: { "Model file": ["sim.ts"] } });
    }
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(template.text, "utf8"));
    await vscode.window.showTextDocument(target, { preview: false });
    void this.files.rescan();
    this.output.info(`created ${target.fsPath} from the ${template.id} template (${dirname(target.fsPath)})`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(vscode.Uri.file(path));
    return true;
  } catch {
    return false;
  }
}
