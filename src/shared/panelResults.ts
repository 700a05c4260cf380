// The message that shows a result in the results panel: header facts, aggregated chart data, table shape.
import { resultsTitle, runTotals, type Results } from "../engine";
import { buildChartData } from "./chartData";
import { overlayVariables } from "./chartRows";
import { panelWarnings } from "./runWarnings";
import type { PanelComparison, PanelResults, ResultsHeader } from "./protocol";
import { TABLE_ROWS, TableIndex } from "./tablePages";

/** What the panel shows about a result beyond what its rows tell. */
export interface ResultFacts extends Pick<
  ResultsHeader,
  "file" | "path" | "seed" | "engineMs" | "finishedAt" | "errors" | "cancelled" | "stopped" | "runName" | "older"
> {
  /** Most timesteps per chart series (decimated beyond). */
  maxTimesteps?: number;
  /** TypeScript errors of the model file when the run started (none when not known). */
  typeErrors?: number;
  /** A source file as the panel shows it (relative to the workspace, say); default: as it is. */
  displayPath?: (path: string) => string;
  /** The result is several runs combined (`combineResults`): what they are and their final values compared. */
  comparison?: PanelComparison;
  /** The header's title instead of the model's name (a comparison's). */
  title?: string;
}

/** The panel's payload: never raw rows (the table asks for pages), charts decimated to `maxTimesteps`. */
export function buildPanelResults(results: Results, facts: ResultFacts): PanelResults {
  const sims = results.simulations;
  const charts = buildChartData(results, facts.maxTimesteps !== undefined ? { maxTimesteps: facts.maxTimesteps } : {});
  const { maxTimesteps: _, typeErrors, displayPath = (p: string) => p, comparison, title, ...given } = facts;
  const totals = runTotals(sims);
  return {
    header: {
      ...given,
      title: title ?? resultsTitle(sims),
      ...totals,
      runsKept: results.runs.length,
      ...(sims[0]?.declared ? { declared: sims[0].declared } : {}),
      ...(comparison ? { comparedRuns: comparison.runs.length } : {}),
      rows: results.rowCount,
      warningCount: results.warnings.length,
      warnings: panelWarnings(results, totals, displayPath),
      typeErrors: typeErrors ?? 0,
    },
    charts,
    // The seed notebook's plot: the first two variables that change on one scale (tokens and community_treasury for WORK).
    overlay: overlayVariables(charts),
    table: {
      columns: results.flatColumnNames(TABLE_ROWS),
      rowCount: results.rowCount,
      rowCountDropped: new TableIndex(results, true).rowCount,
      pinned: identifyingColumns(results),
    },
    ...(comparison ? { comparison } : {}),
  };
}

/**
 * The metadata columns that tell this result's rows apart, pinned at the table's left: a column that is the same in
 * every row (one model, one subset, one block) would only take room from the values in a narrow panel.
 */
function identifyingColumns(results: Results): string[] {
  const sims = results.simulations;
  const varies: Record<string, boolean> = {
    simulation: sims.length > 1,
    subset: sims.some((s) => s.subsets.length > 1),
    run: sims.some((s) => s.runs > 1),
    timestep: true,
    substep: sims.some((s) => s.blocks > 1),
  };
  return Object.keys(varies).filter((c) => varies[c]);
}
