// The message that shows a result in the results panel: header facts, aggregated chart data, table shape.
import { resultsTitle, runTotals, type Results } from "../engine";
import { buildChartData } from "./chartData";
import { overlayVariables } from "./chartRows";
import type { PanelResults, ResultsHeader } from "./protocol";
import { TableIndex } from "./tablePages";

/** What the panel shows about a result beyond what its rows tell. */
export interface ResultFacts extends Pick<ResultsHeader, "file" | "path" | "seed" | "engineMs" | "finishedAt" | "errors" | "cancelled" | "stopped"> {
  /** Most timesteps per chart series (decimated beyond). */
  maxTimesteps?: number;
}

/** The panel's payload: never raw rows (the table asks for pages), charts decimated to `maxTimesteps`. */
export function buildPanelResults(results: Results, facts: ResultFacts): PanelResults {
  const sims = results.simulations;
  const charts = buildChartData(results, facts.maxTimesteps !== undefined ? { maxTimesteps: facts.maxTimesteps } : {});
  const { maxTimesteps: _, ...given } = facts;
  return {
    header: {
      ...given,
      title: resultsTitle(sims),
      ...runTotals(sims),
      runsKept: results.runs.length,
      rows: results.rowCount,
    },
    charts,
    // The seed notebook's plot: the first two variables that change on one scale (tokens and community_treasury for WORK).
    overlay: overlayVariables(charts),
    table: { columns: results.flatColumnNames(), rowCount: results.rowCount, rowCountDropped: new TableIndex(results, true).rowCount },
  };
}
