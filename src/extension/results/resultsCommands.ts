// Open Results and Export Results…: a model's stored results shown in its panel or written to a file.
import * as vscode from "vscode";
import { executeCommand, registerCommand, type ExportRequest, type ModelTarget } from "../common/commands";
import { Disposable } from "../common/dispose";
import type { ModelPicker } from "../common/modelPicker";
import { exportResult } from "./exportResults";
import type { ExportFile, ResultsPanels } from "./resultsPanels";
import type { ResultsStore } from "./resultsStore";

const FORMATS = [
  { label: "CSV", description: "one column per flattened variable", format: "csv" },
  { label: "JSON", description: "rows, nested state kept nested", format: "json" },
  { label: "HTML report", description: "charts and final values, works offline", format: "html" },
];

export class ResultsCommands extends Disposable {
  constructor(
    private readonly store: ResultsStore,
    panels: ResultsPanels,
    private readonly picker: ModelPicker,
    private readonly exportFile: ExportFile,
  ) {
    super();
    this.register(registerCommand("substep.exportResults", (arg) => this.exportCommand(arg)));
    this.register(
      registerCommand("substep.openResults", async (uri) => {
        const file = await this.picker.pick(uri, true);
        if (!file) return;
        const stored = await this.store.load(file);
        if (!stored) {
          void vscode.window.showInformationMessage(`No results yet for ${vscode.workspace.asRelativePath(file)}: run it first.`);
          return;
        }
        panels.showLatest(file, stored);
      }),
    );
  }

  private async exportCommand(arg?: ModelTarget | ExportRequest): Promise<string | undefined> {
    // The panel and the tests pass a request with a format and a path; a view or an editor passes a model.
    const given = arg && !(arg instanceof vscode.Uri) && "format" in arg ? arg : undefined;
    const file = await this.picker.pick(given ? (given.file ? { file: given.file } : undefined) : (arg as ModelTarget | undefined), true);
    const stored = file && (await this.store.load(file));
    if (!stored) {
      void vscode.window.showInformationMessage("No results to export: run a model first.");
      return undefined;
    }
    const format = given?.format ?? (await vscode.window.showQuickPick(FORMATS, { title: "Export Results" }))?.format;
    if (!format) return undefined;
    return this.exportFile(file, format, given?.path ? { path: given.path } : {});
  }
}

/** Writes a model's stored results in `format` (to `path`, else beside the model) and says where. */
export function storedResultsExporter(store: ResultsStore, output: vscode.LogOutputChannel): ExportFile {
  return async (file, format, options) => {
    const { result, ...where } = options;
    const stored = result ?? (await store.load(file));
    if (!stored) return undefined;
    try {
      const path = await exportResult(stored, format, where);
      if (path) output.info(`exported ${format} to ${path}`);
      if (path && !options.path) {
        void vscode.window.showInformationMessage(`Exported ${vscode.workspace.asRelativePath(path)}`, "Open").then((pick) => {
          if (pick) void executeCommand("vscode.open", vscode.Uri.file(path));
        });
      }
      return path;
    } catch (err) {
      void vscode.window.showErrorMessage(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };
}
