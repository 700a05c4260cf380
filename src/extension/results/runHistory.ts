// Every run of the workspace's models, kept on disk: an index of what each run was (enough to reproduce it:
// the model's text hash, the options, the seed, the engine version, the time) and each run's results in a
// file of its own. A setting bounds the runs kept per model; the oldest unpinned one goes first, and the log
// says so. No vscode here, so it is tested in plain Node.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Overrides } from "../../engine";
import { readStoredResult, writeStoredResult, type StoredResult } from "./storedResultFile";

/** One run in the history. */
export interface HistoryEntry {
  id: string;
  /** Counts up over the workspace's runs: "run 12". */
  number: number;
  file: string;
  title: string;
  /** The user's name for it (Rename…). */
  name?: string;
  /** A pinned run is never evicted. */
  pinned?: boolean;
  /** "3 runs × 52 steps". */
  dimensions: string;
  seed: number;
  overrides: Overrides;
  modelHash?: string;
  engineVersion: string;
  startedAt: number;
  durationMs: number;
  rows: number;
  engineMs: number;
  status: "done" | "failed" | "stopped";
  message?: string;
  /** Its results are on disk (a model that failed to load has none). */
  hasResult: boolean;
}

interface Index {
  version: 1;
  next: number;
  /** Newest first. */
  entries: HistoryEntry[];
}

export type NewEntry = Omit<HistoryEntry, "id" | "number" | "hasResult">;

export class RunHistory {
  private index: Index | undefined;
  /** Every change to the index runs after the one before, so two runs ending together both land. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly folder: string,
    private readonly log: (line: string) => void,
    private readonly maxPerModel: () => number,
  ) {}

  /** Newest first. */
  async entries(): Promise<readonly HistoryEntry[]> {
    return (await this.load()).entries;
  }

  /** The entries already read (empty before the first read): for views that draw synchronously. */
  get loaded(): readonly HistoryEntry[] {
    return this.index?.entries ?? [];
  }

  async find(id: string): Promise<HistoryEntry | undefined> {
    return (await this.load()).entries.find((e) => e.id === id);
  }

  /** The newest run of `file` that has results. */
  async latestWithResult(file: string): Promise<HistoryEntry | undefined> {
    return (await this.load()).entries.find((e) => e.file === file && e.hasResult);
  }

  /** Adds a finished run (with its results, when it has any) and evicts beyond the bound. */
  add(facts: NewEntry, result?: StoredResult): Promise<HistoryEntry> {
    return this.change(async (index) => {
      const number = index.next++;
      const entry: HistoryEntry = { ...facts, id: `${facts.startedAt.toString(36)}-${number}`, number, hasResult: false };
      if (result) {
        await mkdir(this.folder, { recursive: true });
        await writeStoredResult(this.resultPath(entry.id), { ...result, historyId: entry.id });
        entry.hasResult = true;
      }
      index.entries.unshift(entry);
      await this.evict(index, entry.file);
      return entry;
    });
  }

  /** The results of a run, or undefined when they are gone. */
  async result(id: string): Promise<StoredResult | undefined> {
    const entry = await this.find(id);
    if (!entry?.hasResult) return undefined;
    const stored = await readStoredResult(this.resultPath(id));
    return stored && { ...stored, file: entry.file, historyId: id };
  }

  /** Names or pins a run; an empty name removes the name. */
  update(id: string, change: { name?: string; pinned?: boolean }): Promise<HistoryEntry | undefined> {
    return this.change((index) => {
      const entry = index.entries.find((e) => e.id === id);
      if (!entry) return undefined;
      if (change.name !== undefined) {
        if (change.name.trim()) entry.name = change.name.trim();
        else delete entry.name;
      }
      if (change.pinned !== undefined) {
        if (change.pinned) entry.pinned = true;
        else delete entry.pinned;
      }
      return entry;
    });
  }

  /** Deletes a run and its results. */
  remove(id: string): Promise<boolean> {
    return this.change(async (index) => {
      const at = index.entries.findIndex((e) => e.id === id);
      if (at < 0) return false;
      index.entries.splice(at, 1);
      await rm(this.resultPath(id), { force: true });
      return true;
    });
  }

  /** A model file renamed (or a folder of them): its runs follow it. */
  renameFile(moved: (file: string) => string | undefined): Promise<void> {
    return this.change((index) => {
      for (const e of index.entries) e.file = moved(e.file) ?? e.file;
    });
  }

  private async evict(index: Index, file: string): Promise<void> {
    const max = Math.max(1, Math.floor(this.maxPerModel()));
    const ofFile = index.entries.filter((e) => e.file === file);
    let count = ofFile.length;
    // Oldest first; a pinned run stays even beyond the bound.
    for (const old of ofFile.reverse()) {
      if (count <= max) break;
      if (old.pinned) continue;
      count--;
      index.entries.splice(index.entries.indexOf(old), 1);
      await rm(this.resultPath(old.id), { force: true });
      this.log(
        `history: removed run ${old.number} of ${old.title} (${new Date(old.startedAt).toLocaleString()}): substep.history.maxRunsPerModel keeps the newest ${max} runs of each model (pin a run to keep it)`,
      );
    }
  }

  /** Runs `fn` on the index after the changes before it, then writes the index. */
  private change<T>(fn: (index: Index) => T | Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      const index = await this.load();
      const out = await fn(index);
      await mkdir(this.folder, { recursive: true });
      const path = join(this.folder, "index.json");
      await writeFile(`${path}.tmp`, JSON.stringify(index));
      await rename(`${path}.tmp`, path);
      return out;
    });
    this.queue = next.catch(() => {});
    return next;
  }

  private async load(): Promise<Index> {
    if (this.index) return this.index;
    const path = join(this.folder, "index.json");
    let text: string | undefined;
    try {
      text = await readFile(path, "utf8");
    } catch {
      // No history yet.
    }
    let index: Index = { version: 1, next: 1, entries: [] };
    if (text !== undefined) {
      try {
        const parsed = JSON.parse(text) as Index;
        if (parsed.version !== 1 || !Array.isArray(parsed.entries)) throw new Error(`version ${String(parsed.version)}`);
        index = parsed;
      } catch (err) {
        // Kept aside, not overwritten: the runs' result files are still there to recover by hand.
        const aside = `${path}.unreadable-${Date.now()}`;
        await rename(path, aside).catch(() => {});
        this.log(
          `history: the index of runs could not be read (${err instanceof Error ? err.message : String(err)}); it was moved to ${aside} and a new one begun`,
        );
      }
    }
    this.index ??= index;
    return this.index;
  }

  private resultPath(id: string): string {
    return join(this.folder, `${id}.bin`);
  }
}
