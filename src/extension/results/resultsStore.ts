// The last results of each model, in memory and on disk (extension storage), so they survive a restart.
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { deserialize, serialize } from "node:v8";
import * as vscode from "vscode";
import { Results, type ModelErrorInfo, type RunData, type SimulationInfo } from "../../engine";

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
  /** TypeScript errors of the model file when the run started (absent in results saved by older versions). */
  typeErrors?: number;
  /** After a stop: the runs that were running, as located messages (a stuck run names its function and place). */
  interrupted?: ModelErrorInfo[];
  /** The model file's text as it ran (`modelTextHash`): results read back from disk are shown inline only for that text. */
  modelHash?: string;
}

/** A short hash of a model file's text, to tell whether a stored result describes the text in an editor. */
export function modelTextHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** A stored result as written to disk: the results as their plain parts (v8 serialize keeps no classes). */
interface OnDisk extends Omit<StoredResult, "results"> {
  version: 1;
  simulations: SimulationInfo[];
  runs: RunData[];
}

/** Keeps the latest result per model file. */
export class ResultsStore {
  private readonly memory = new Map<string, StoredResult>();
  /** Model files with no result on disk, so that views asking on every editor change read the disk once. */
  private readonly absent = new Set<string>();
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
    if (this.absent.has(file)) return undefined;
    try {
      const { version, simulations, runs, ...facts } = deserialize(await readFile(this.pathOf(file).fsPath)) as OnDisk;
      if (version !== 1 || facts.file !== file) {
        this.absent.add(file);
        return undefined;
      }
      const stored: StoredResult = { ...facts, results: new Results(simulations, runs) };
      if (this.memory.has(file)) return this.memory.get(file); // a run finished meanwhile: it is newer
      // Read from disk (after a window reload, say): announced, so the views that show results catch up.
      this.memory.set(file, stored);
      this.onDidChangeEmitter.fire(file);
      return stored;
    } catch {
      this.absent.add(file);
      return undefined;
    }
  }

  /** Keeps `result` as the model's latest, and writes it to disk in the background. */
  async set(result: StoredResult): Promise<void> {
    this.memory.set(result.file, result);
    this.absent.delete(result.file);
    this.onDidChangeEmitter.fire(result.file);
    const { results, ...facts } = result;
    const data: OnDisk = { version: 1, ...facts, simulations: results.simulations, runs: results.runs };
    await mkdir(this.folder.fsPath, { recursive: true });
    await writeFile(this.pathOf(result.file).fsPath, serialize(data));
  }

  /** The result of `from`, now the model file `to` (renamed): kept under its new name. */
  async move(from: string, to: string): Promise<StoredResult | undefined> {
    const stored = await this.load(from);
    if (!stored) return undefined;
    this.memory.delete(from);
    const moved = { ...stored, file: to };
    await this.set(moved).catch(() => {});
    return moved;
  }

  private pathOf(file: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder, `${createHash("sha256").update(file).digest("hex").slice(0, 24)}.bin`);
  }

  dispose(): void {
    this.onDidChangeEmitter.dispose();
  }
}
