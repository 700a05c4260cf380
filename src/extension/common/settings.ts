// The extension's settings, read fresh each time (users change them while working).
import * as vscode from "vscode";
import { MODEL_GLOB } from "../../shared/modelFilePattern";

/** Substep's settings with their defaults. */
export interface Settings {
  runOnSave: boolean;
  defaultSeed: number | undefined;
  workers: number | undefined;
  maxPanelRows: number;
  timeoutSeconds: number;
  maxMemoryMb: number;
  /** Runs kept in the history per model file. */
  maxRunsPerModel: number;
  validateOnSave: boolean;
  /** The panel's CSV export neutralises text a spreadsheet would run as a formula (OWASP "CSV Injection"). */
  csvSafe: boolean;
  /** Where Open in Jupyter and Save Results to Folder write a run's files, relative to the model file's folder. */
  resultsFolder: string;
}

export function readSettings(scope?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration("substep", scope);
  const num = (key: string): number | undefined => {
    const v = c.get<number | null>(key);
    return typeof v === "number" && Number.isFinite(v) ? v : undefined;
  };
  return {
    runOnSave: c.get<boolean>("runOnSave", false),
    defaultSeed: num("defaultSeed"),
    workers: num("workers"),
    maxPanelRows: num("maxPanelRows") ?? 1000,
    timeoutSeconds: num("timeoutSeconds") ?? 300,
    maxMemoryMb: num("maxMemoryMb") ?? 4096,
    maxRunsPerModel: num("history.maxRunsPerModel") ?? 20,
    validateOnSave: c.get<boolean>("validateOnSave", true),
    csvSafe: c.get<boolean>("csvSafe", false),
    resultsFolder: c.get<string>("resultsFolder", "results"),
  };
}

/** The model files on disk, for language features (CodeLens, hovers, quick fixes). */
export const MODEL_SELECTOR: vscode.DocumentSelector = [{ scheme: "file", pattern: MODEL_GLOB }];
