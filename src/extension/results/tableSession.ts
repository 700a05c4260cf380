// The host's side of one panel's table: the current query's view (filter, sort, substeps) over the shown result, its
// pages and copies. Every step runs in time slices and one at a time, so a sort of ten million rows leaves the
// extension host free, and two page requests never reorder the same rows at once.
import type { Results } from "../../engine";
import { tsvText } from "../../export/tsv";
import { FilterError } from "../../shared/table/rowFilter";
import { TableView, type TableQuery, type ViewRows } from "../../shared/table/tableView";
import { TableIndex } from "../../shared/tablePages";
import { runInSlices, Superseded } from "../common/timeSlice";

/** Most rows one copy puts on the clipboard: beyond it text editors and spreadsheets choke (Export CSV writes them all). */
export const MAX_COPY_ROWS = 100_000;

/** A query's outcome: its row count, or why its filter cannot be applied. */
export type QueryOutcome = { rowCount: number } | { error: string; index: number };

/** Rows copied as TSV: the text, how many rows it holds, and how many were selected. */
export interface CopiedRows {
  text: string;
  rows: number;
  selected: number;
}

export class TableSession {
  private readonly indexes = new Map<boolean, TableIndex>();
  private queryId = -1;
  private view: Promise<TableView | undefined> = Promise.resolve(undefined);
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly results: Results,
    private readonly columns: readonly string[],
  ) {}

  /** The table with or without substeps (also what Show row and warnings count rows in). */
  index(dropSubsteps: boolean): TableIndex {
    let index = this.indexes.get(dropSubsteps);
    if (!index) {
      index = new TableIndex(this.results, dropSubsteps);
      this.indexes.set(dropSubsteps, index);
    }
    return index;
  }

  /** Makes `query` the current one (a newer query stops this one's work); undefined when a newer one replaced it. */
  async query(queryId: number, query: TableQuery): Promise<QueryOutcome | undefined> {
    this.queryId = queryId;
    const stale = (): boolean => this.queryId !== queryId;
    const built = this.serial(() => runInSlices(TableView.build(this.results, this.index(query.dropSubsteps), this.columns, query), stale));
    this.view = built.catch(() => undefined);
    try {
      const view = await built;
      return stale() ? undefined : { rowCount: view.rowCount };
    } catch (err) {
      if (err instanceof Superseded) return undefined;
      if (err instanceof FilterError) return { error: err.message, index: err.index };
      throw err;
    }
  }

  /** View rows of the current query (undefined for an older query's request: the panel has moved on). */
  async rows(queryId: number, start: number, count: number): Promise<ViewRows | undefined> {
    const view = await this.currentView(queryId);
    if (!view) return undefined;
    return this.serial(() => runInSlices(view.rows(start, count, this.columns), () => this.queryId !== queryId)).catch(ignoreSuperseded);
  }

  /** View rows `start` .. `end - 1` as TSV with a header line, of `columns` (those shown), at most MAX_COPY_ROWS of them. */
  async copy(queryId: number, start: number, end: number, columns: readonly string[]): Promise<CopiedRows | undefined> {
    const view = await this.currentView(queryId);
    if (!view) return undefined;
    const from = Math.max(0, Math.min(start, end));
    const to = Math.min(view.rowCount, Math.max(start, end));
    const shown = columns.filter((c) => this.columns.includes(c));
    const stop = Math.min(to, from + MAX_COPY_ROWS);
    const rows = await this.serial(() => runInSlices(view.rows(from, stop - from, shown))).catch(ignoreSuperseded);
    if (!rows) return undefined;
    return { text: tsvText(shown, rows.rows), rows: rows.rows.length, selected: to - from };
  }

  private async currentView(queryId: number): Promise<TableView | undefined> {
    if (queryId !== this.queryId) return undefined;
    const view = await this.view;
    return queryId === this.queryId ? view : undefined;
  }

  /** Runs `step` after every step asked for before it. */
  private serial<T>(step: () => Promise<T>): Promise<T> {
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function ignoreSuperseded(err: unknown): undefined {
  if (err instanceof Superseded) return undefined;
  throw err;
}
