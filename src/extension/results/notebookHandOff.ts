// Hand-off to a notebook: Open in Jupyter writes a run's CSV and a notebook that reads it into the results folder
// beside the model and opens the notebook; Save Results to Folder writes the CSV and an HTML report that links it.
import { basename, dirname, relative } from "node:path";
import * as vscode from "vscode";
import { csvChunks } from "../../export/csv";
import { renderHtmlReport } from "../../export/htmlReport";
import { notebookFacts, renderNotebook } from "../../export/notebook";
import { modelStem } from "../../shared/modelFilePattern";
import { executeCommand, registerCommand, type ModelTarget, type RunTarget } from "../common/commands";
import { Disposable } from "../common/dispose";
import type { ModelPicker } from "../common/modelPicker";
import { readSettings } from "../common/settings";
import { runEntry } from "../run/runHistoryCommands";
import { resultsFolderPath, runFileBase, writeRunFiles, type RunFile } from "./resultsFolder";
import type { HistoryEntry } from "./runHistory";
import type { ResultsStore, StoredResult } from "./resultsStore";

/** A run to hand off: its results, and its history entry when it has one (its number names the files). */
interface RunToHandOff {
  result: StoredResult;
  entry?: HistoryEntry;
}

export class NotebookHandOff extends Disposable {
  constructor(
    private readonly store: ResultsStore,
    private readonly picker: ModelPicker,
    private readonly output: vscode.LogOutputChannel,
  ) {
    super();
    this.register(registerCommand("substep.openInJupyter", (target) => this.openInJupyter(target)));
    this.register(registerCommand("substep.saveResults", (target) => this.saveResults(target)));
  }

  private async openInJupyter(target?: ModelTarget | RunTarget): Promise<string | undefined> {
    const run = await this.runOf(target);
    if (!run) return undefined;
    const facts = notebookFacts(run.result.results);
    const written = await this.write(run, [
      csvFile(run.result),
      {
        ext: "ipynb",
        chunks: (base) => [
          renderNotebook({
            title: run.result.results.simulations[0]?.name ?? modelStem(basename(run.result.file)),
            csvFile: `${base}.csv`,
            about: about(run),
            ...facts,
          }),
        ],
      },
    ]);
    const notebook = written?.find((p) => p.endsWith(".ipynb"));
    if (!notebook) return undefined;
    try {
      // VS Code's own notebook editor (the built-in ipynb extension): no Jupyter extension or kernel is needed to read it.
      await executeCommand("vscode.openWith", vscode.Uri.file(notebook), "jupyter-notebook");
    } catch (err) {
      this.output.warn(`Open in Jupyter: the notebook editor did not open ${notebook}: ${err instanceof Error ? err.message : String(err)}`);
      void vscode.window.showWarningMessage(`Wrote ${vscode.workspace.asRelativePath(notebook)}, but VS Code could not open it as a notebook.`);
    }
    return notebook;
  }

  private async saveResults(target?: ModelTarget | RunTarget): Promise<string[] | undefined> {
    const run = await this.runOf(target);
    if (!run) return undefined;
    const { result } = run;
    const written = await this.write(run, [
      csvFile(result),
      {
        ext: "html",
        chunks: (base) => [
          renderHtmlReport(result.results, { file: vscode.workspace.asRelativePath(result.file), engineMs: result.engineMs, dataHref: `${base}.csv` }),
        ],
      },
    ]);
    if (!written?.[0]) return undefined;
    const folder = dirname(written[0]);
    const names = written.map((p) => basename(p)).join(", ");
    void vscode.window.showInformationMessage(`Saved ${runText(run)} to ${displayFolder(folder, result.file)}: ${names}`, "Reveal", "Open").then((pick) => {
      if (pick === "Reveal") void executeCommand("revealInExplorer", vscode.Uri.file(written[0]!));
      if (pick === "Open") void executeCommand("vscode.open", vscode.Uri.file(written[0]!));
    });
    return written;
  }

  /** Writes the run's files into the results folder; a folder that cannot be written says so, naming it. */
  private async write(run: RunToHandOff, files: RunFile[]): Promise<string[] | undefined> {
    const { result, entry } = run;
    const folder = resultsFolderPath(result.file, readSettings(vscode.Uri.file(result.file)).resultsFolder);
    const base = runFileBase(modelStem(basename(result.file)), entry, result.finishedAt);
    try {
      const paths = await writeRunFiles(folder, base, entry?.id ?? `${result.finishedAt.toString(36)}`, files);
      this.output.info(`wrote ${paths.join(", ")}`);
      return paths;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.output.error(`writing ${runText(run)} failed: ${message}`);
      void vscode.window.showErrorMessage(`Substep could not save ${runText(run)} (setting substep.resultsFolder): ${message}`);
      return undefined;
    }
  }

  /** The run a command acts on: a Runs view item's (or an id), else the latest run of the model picked. */
  private async runOf(target?: ModelTarget | RunTarget): Promise<RunToHandOff | undefined> {
    const history = this.store.history;
    if (typeof target === "string" || (target && !(target instanceof vscode.Uri) && "id" in target)) {
      const entry = await runEntry(history, target);
      if (!entry) return undefined;
      const result = await history.result(entry.id);
      if (!result) void vscode.window.showWarningMessage(`The results of run ${entry.number} (${entry.title}) are no longer on disk.`);
      return result && { result, entry };
    }
    const file = await this.picker.pick(target, true);
    if (!file) return undefined;
    const result = await this.store.load(file);
    if (!result) {
      void vscode.window.showInformationMessage(`No results yet for ${vscode.workspace.asRelativePath(file)}: run it first.`);
      return undefined;
    }
    const entry = result.historyId !== undefined ? await history.find(result.historyId) : undefined;
    return entry ? { result, entry } : { result };
  }
}

/** The run's rows as pandas reads them: parameters as columns, every value as it is (no spreadsheet quoting). */
function csvFile(result: StoredResult): RunFile {
  return { ext: "csv", chunks: () => csvChunks(result.results, { params: true }) };
}

/** "run 3 of workToken.sim.ts", "run baseline (3) of …", "the results of …". */
function runText({ result, entry }: RunToHandOff): string {
  const model = vscode.workspace.asRelativePath(result.file);
  if (!entry) return `the results of ${model}`;
  return `run ${entry.name ? `${entry.name} (${entry.number})` : entry.number} of ${model}`;
}

/** The notebook's line about its data. */
function about(run: RunToHandOff): string {
  const { result, entry } = run;
  const model = vscode.workspace.asRelativePath(result.file);
  const when = new Date(result.finishedAt).toLocaleString();
  if (!entry) return `Results of \`${model}\` (seed ${result.seed}, ${when}).`;
  const name = entry.name ? ` ("${entry.name}")` : "";
  return `Run ${entry.number}${name} of \`${model}\`: ${entry.dimensions}, seed ${result.seed}, ${when}.`;
}

/** The folder as the message shows it: relative to the model's folder when inside it. */
function displayFolder(folder: string, modelFile: string): string {
  const rel = relative(dirname(modelFile), folder);
  return rel && !rel.startsWith("..") ? `${rel}/` : folder;
}
