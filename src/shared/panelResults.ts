// The message that shows a result in the results panel: header facts, aggregated chart data, table shape.
import { formatPlace, groupWarnings, resultsTitle, runTotals, type Results } from "../engine";
import { plural } from "../export/format";
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
      ...warningLines(results, facts),
    },
    charts,
    // The seed notebook's plot: the first two variables that change on one scale (tokens and community_treasury for WORK).
    overlay: overlayVariables(charts),
    table: { columns: results.flatColumnNames(), rowCount: results.rowCount, rowCountDropped: new TableIndex(results, true).rowCount },
  };
}

/** Warnings shown in the header; the rest are counted. */
const MAX_HEADER_WARNINGS = 20;

/** The header's warnings: `file:line:column: message` then the place, the model file named as the header names it. */
function warningLines(results: Results, facts: Pick<ResultFacts, "file" | "path">): Pick<ResultsHeader, "warnings" | "warningCount"> {
  const groups = groupWarnings(results.warnings);
  const warnings = groups.slice(0, MAX_HEADER_WARNINGS).map(({ first, otherRuns }) => {
    const at = first.location;
    const where = at ? `${at.file === facts.path ? facts.file : at.file}:${at.line}:${at.column}: ` : "";
    return `${where}${first.message}\n  at ${formatPlace(first.place)}${otherRuns ? `, and the same in ${plural(otherRuns, "more run")}` : ""}`;
  });
  return { warnings, warningCount: results.warnings.length };
}
