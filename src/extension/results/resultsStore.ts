// The latest results of each model: in memory, and on disk as the newest run of the model in the run
// history, so they survive a restart. Inline values, CodeLens, hovers and the panels read them here.
import { createHash } from "node:crypto";
import * as vscode from "vscode";
import type { RunHistory } from "./runHistory";
import { readStoredResult, type StoredResult } from "./storedResultFile";

export type { StoredResult } from "./storedResultFile";

/** A short hash of a model file's text, to tell whether a stored result describes the text in an editor. */
export function modelTextHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** Keeps the latest result per model file. */
export class ResultsStore {
  private readonly memory = new Map<string, StoredResult>();
  /** Model files with no result on disk, so that views asking on every editor change read the disk once. */
  private readonly absent = new Set<string>();
  private readonly onDidChangeEmitter = new vscode.EventEmitter<string>();
  /** Fires with the model file whose result changed. */
  readonly onDidChange = this.onDidChangeEmitter.event;

  /** `legacyFolder`: where versions before the run history kept one result per model. */
  constructor(
    readonly history: RunHistory,
    private readonly legacyFolder: vscode.Uri,
  ) {}

  /** The result in memory, or undefined (see `load` for the one on disk). */
  get(file: string): StoredResult | undefined {
    return this.memory.get(file);
  }

  /** The result in memory, else the newest one on disk (the history's, else one saved by an older version). */
  async load(file: string): Promise<StoredResult | undefined> {
    const inMemory = this.memory.get(file);
    if (inMemory) return inMemory;
    if (this.absent.has(file)) return undefined;
    const latest = await this.history.latestWithResult(file);
    const stored = (latest && (await this.history.result(latest.id))) || (await readStoredResult(this.legacyPath(file)));
    if (!stored || stored.file !== file) {
      this.absent.add(file);
      return undefined;
    }
    if (this.memory.has(file)) return this.memory.get(file); // a run finished meanwhile: it is newer
    // Read from disk (after a window reload, say): announced, so the views that show results catch up.
    this.memory.set(file, stored);
    this.onDidChangeEmitter.fire(file);
    return stored;
  }

  /** Keeps `result` as the model's latest (the history has written it to disk). */
  set(result: StoredResult): void {
    this.memory.set(result.file, result);
    this.absent.delete(result.file);
    this.onDidChangeEmitter.fire(result.file);
  }

  /** The latest result of `from` is now the model file `to`'s (renamed); the history's runs follow with `renameFile`. */
  async move(from: string, to: string): Promise<StoredResult | undefined> {
    const stored = await this.load(from);
    if (!stored) return undefined;
    this.memory.delete(from);
    const moved = { ...stored, file: to };
    this.set(moved);
    return moved;
  }

  /** A run deleted from the history: a model whose latest result it was is read again. */
  forget(file: string): void {
    this.memory.delete(file);
    this.absent.delete(file);
    this.onDidChangeEmitter.fire(file);
  }

  private legacyPath(file: string): string {
    return vscode.Uri.joinPath(this.legacyFolder, `${createHash("sha256").update(file).digest("hex").slice(0, 24)}.bin`).fsPath;
  }

  dispose(): void {
    this.onDidChangeEmitter.dispose();
  }
}
