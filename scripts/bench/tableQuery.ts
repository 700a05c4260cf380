// The table's sort and filter on a 10,000,000-row result, as the extension host runs them (TableSession, time
// slices): how long until the view is ready, and the longest the event loop was kept busy meanwhile.
import type { Results } from "../../src/engine";
import { TableSession } from "../../src/extension/results/tableSession";
import { TABLE_ROWS } from "../../src/shared/tablePages";
import type { TableQuery } from "../../src/shared/table/tableView";

export interface QueryTiming {
  name: string;
  rows: number;
  /** From the query to its view and first page. */
  readyMs: number;
  /** Longest gap between two turns of the event loop while it ran: the longest the host was busy. */
  busyMs: number;
  /** Sorting only: the whole order, every page settled. */
  fullMs?: number;
}

/** Times `query` on `results` through the host's session; `full`: also every row's place (a sort's worst case). */
async function time(results: Results, name: string, query: TableQuery, id: number, full = false): Promise<QueryTiming> {
  const session = new TableSession(results, results.flatColumnNames(TABLE_ROWS));
  let longest = 0;
  let last = performance.now();
  let ticking = true;
  // A timer that asks for a turn every millisecond: the gaps between its turns are what a user would wait.
  const tick = (): void => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (ticking) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  await new Promise((r) => setTimeout(r, 20));
  longest = 0;
  const t0 = performance.now();
  const outcome = await session.query(id, query);
  if (!outcome || "error" in outcome) throw new Error(`${name}: ${outcome ? outcome.error : "superseded"}`);
  const page = await session.rows(id, 0, 200);
  const readyMs = performance.now() - t0;
  let fullMs: number | undefined;
  if (full) {
    await session.rows(id, Math.max(0, outcome.rowCount - 200), 200);
    // Every page, 200,000 rows at a time (as a scroll through the whole table would ask, but in bigger steps).
    for (let start = 0; start < outcome.rowCount; start += 200_000) await session.rows(id, start, 1);
    fullMs = performance.now() - t0;
  }
  ticking = false;
  if (!page || page.rows.length === 0) throw new Error(`${name}: no first page`);
  return { name, rows: outcome.rowCount, readyMs, busyMs: longest, ...(fullMs !== undefined ? { fullMs } : {}) };
}

/** Sort by a value both ways, filter by a value and a timestep range, and both at once. */
export async function measureTableQueries(results: Results): Promise<QueryTiming[]> {
  const out: QueryTiming[] = [];
  let id = 1;
  out.push(
    await time(
      results,
      "sort by contributors.token_balance, descending",
      { filter: "", sort: { column: "contributors.token_balance", descending: true }, dropSubsteps: false },
      id++,
      true,
    ),
  );
  out.push(await time(results, "sort by tokens, ascending", { filter: "", sort: { column: "tokens", descending: false }, dropSubsteps: false }, id++));
  out.push(
    await time(
      results,
      "filter contributors.token_balance < 150000 and timestep >= 1000",
      { filter: "contributors.token_balance < 150000 and timestep >= 1000", dropSubsteps: false },
      id++,
    ),
  );
  out.push(
    await time(
      results,
      "filter run in [2, 4, 6] and substep == 2, sorted by tokens",
      { filter: "run in [2, 4, 6] and substep == 2", sort: { column: "tokens", descending: true }, dropSubsteps: false },
      id,
    ),
  );
  return out;
}
