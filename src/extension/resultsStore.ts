// The last results of each model, in memory and on disk (extension storage), so they survive a restart.
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { deserialize, serialize } from "node:v8";
import * as vscode from "vscode";
import { Results, type RunData, type SimulationInfo } from "../engine";

/** A finished simulation of a model file, with what the UI shows about it. */
export interface StoredResult {
  file: string;
  results: Results;
  seed: number;
  engineMs: number;
  finishedAt: number;
  cancelled: boolean;
  /** Why the run was stopped, when it was. */
  stopped?: string;
  /** Located messages of failed runs. */
  errors: string[];
}

interface OnDisk {
  version: 1;
  file: string;
  simulations: SimulationInfo[];
  runs: RunData[];
  seed: number;
  engineMs: number;
  finishedAt: number;
  cancelled: boolean;
  stopped?: string;
  errors: string[];
}

/** Keeps the latest result per model file. */
export class ResultsStore {
  private readonly memory = new Map<string, StoredResult>();
  private readonly onDidChangeEmitter = new vscode.EventEmitter<string>();
  /** Fires with the model file whose result changed. */
  readonly onDidChange = this.onDidChangeEmitter.event;

  constructor(private readonly folder: vscode.Uri) {}

  /** The result in memory, or undefined (see `load` for the one on disk). */
  get(file: string): StoredResult | undefined {
    return this.memory.get(file);
  }

  /** The result in memory, else the one saved on disk by an earlier session. */
  async load(file: string): Promise<StoredResult | undefined> {
    const inMemory = this.memory.get(file);
    if (inMemory) return inMemory;
    try {
      const data = deserialize(await readFile(this.pathOf(file).fsPath)) as OnDisk;
      if (data.version !== 1 || data.file !== file) return undefined;
      const stored: StoredResult = {
        file,
        results: new Results(data.simulations, data.runs),
        seed: data.seed,
        engineMs: data.engineMs,
        finishedAt: data.finishedAt,
        cancelled: data.cancelled,
        ...(data.stopped ? { stopped: data.stopped } : {}),
        errors: data.errors,
      };
      this.memory.set(file, stored);
      return stored;
    } catch {
      return undefined;
    }
  }

  /** Keeps `result` as the model's latest, and writes it to disk in the background. */
  async set(result: StoredResult): Promise<void> {
    this.memory.set(result.file, result);
    this.onDidChangeEmitter.fire(result.file);
    const data: OnDisk = {
      version: 1,
      file: result.file,
      simulations: result.results.simulations,
      runs: result.results.runs,
      seed: result.seed,
      engineMs: result.engineMs,
      finishedAt: result.finishedAt,
      cancelled: result.cancelled,
      ...(result.stopped ? { stopped: result.stopped } : {}),
      errors: result.errors,
    };
    await mkdir(this.folder.fsPath, { recursive: true });
    await writeFile(this.pathOf(result.file).fsPath, serialize(data));
  }

  private pathOf(file: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder, `${createHash("sha256").update(file).digest("hex").slice(0, 24)}.bin`);
  }

  dispose(): void {
    this.onDidChangeEmitter.dispose();
  }
}
