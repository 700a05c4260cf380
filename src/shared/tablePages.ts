// Random access to a result's rows for a paged table: the row at any index without walking the others.
import { flatten, type Place, type Results, type RunData } from "../engine";

/** The table's options of reading rows: its columns include the subset parameters (`Results.flatColumnNames`). */
export const TABLE_ROWS = { params: true } as const;

/** Locates table rows inside runs; built once per result and drop-substeps choice. */
export class TableIndex {
  /** Rows before each run, with its last entry the total. */
  private readonly offsets: number[];
  /** For each run, the stride between kept rows: its block count when dropping substeps, else 1. */
  private readonly stride: number[];
  /** Each run's parameter values by column name. */
  private readonly params: Record<string, unknown>[];

  constructor(
    private readonly results: Results,
    readonly dropSubsteps: boolean,
  ) {
    this.offsets = [0];
    const columns = results.paramColumns();
    this.params = results.runs.map((run) => results.paramValues(run, columns));
    // Dropping substeps keeps rows 0, B, 2B, ...: the initial row and each timestep's last block.
    this.stride = results.runs.map((run) => (dropSubsteps ? results.simulations[run.simulation]!.blocks : 1));
    results.runs.forEach((run, i) => this.offsets.push(this.offsets[i]! + (run.rows === 0 ? 0 : Math.floor((run.rows - 1) / this.stride[i]!) + 1)));
  }

  get rowCount(): number {
    return this.offsets[this.offsets.length - 1]!;
  }

  /** Rows `start` .. `start + count - 1` as arrays of cell values in `columns` order (flattened names). */
  slice(columns: readonly string[], start: number, count: number): unknown[][] {
    const out: unknown[][] = [];
    for (let index = Math.max(0, start); index < Math.min(this.rowCount, start + count); index++) out.push(this.row(index, columns));
    return out;
  }

  /**
   * The table row of a place (a run's row at its timestep and substep); with dropped substeps, the row that ends
   * its timestep (or the run's last row, for a run cut short). Undefined when the results hold no row of that run.
   */
  rowOf(place: Place): number | undefined {
    const i = this.results.runs.findIndex((r) => r.simulation === place.simulation && r.subset === place.subset && r.run === place.run);
    const run = this.results.runs[i];
    if (!run || run.rows === 0) return undefined;
    const blocks = this.results.simulations[run.simulation]!.blocks;
    const timestep = place.timestep ?? 0;
    const r = Math.min(run.rows - 1, timestep === 0 ? 0 : (timestep - 1) * blocks + (place.substep ?? blocks));
    const count = this.offsets[i + 1]! - this.offsets[i]!;
    return this.offsets[i]! + Math.min(Math.ceil(r / this.stride[i]!), count - 1);
  }

  /** Each run's rows in the table: its first row, how many, and the stride between the run's rows they are. */
  spans(): { run: RunData; first: number; count: number; stride: number }[] {
    return this.results.runs.map((run, i) => ({ run, first: this.offsets[i]!, count: this.offsets[i + 1]! - this.offsets[i]!, stride: this.stride[i]! }));
  }

  /** Row `index` as its cell values in `columns` order. */
  row(index: number, columns: readonly string[]): unknown[] {
    const i = this.runAt(index);
    return this.cells(i, (index - this.offsets[i]!) * this.stride[i]!, columns);
  }

  private runAt(index: number): number {
    let lo = 0;
    let hi = this.results.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private cells(i: number, r: number, columns: readonly string[]): unknown[] {
    const flat = Object.assign(flatten(this.results.row(this.results.runs[i]!, r), ""), this.params[i]);
    return columns.map((c) => flat[c]);
  }
}
