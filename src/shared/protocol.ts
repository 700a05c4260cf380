// The one message protocol between the extension host and the results panel (a webview).
// The webview speaks first (`ready`); every switch over these unions ends in assertNever.
import type { ChartData } from "./chartData";
import type { ChartLayout, ChartMode } from "./chartOptions";
import type { Declared } from "../engine";
import type { PanelSummary } from "./panelSummary";
import type { ComparisonTable } from "../export/compareText";
import type { TableQuery, TableSort } from "./table/tableView";

export type { TableQuery, TableSort } from "./table/tableView";

/** What the panel shows at the top: which model, how big, how fast. */
export interface ResultsHeader {
  /** The model's name (or "n models" for an experiment). */
  title: string;
  /** The model file, relative to the workspace when inside it. */
  file: string;
  /** The model file's absolute path (what the panel's view state keeps, to be revived after a reload). */
  path: string;
  simulations: number;
  subsets: number;
  runs: number;
  /** Runs the results hold rows of: fewer than `runs` when a failure or a stop ended the simulation early. */
  runsKept: number;
  timesteps: number;
  blocks: number;
  rows: number;
  seed: number;
  engineMs: number;
  /** When the run finished (ms since the epoch). */
  finishedAt: number;
  /** The model's own values that this run overrode (of the first model of an experiment). */
  declared?: Declared;
  /** The run's name in the history when it has one, else its number ("run 4"); absent for a run not in the history. */
  runName?: string;
  /** The result is this many runs compared (a comparison panel's): each run's seed is in its own line, not here. */
  comparedRuns?: number;
  /** A newer run of the model exists: this panel shows an older one, opened from the Runs view. */
  older?: boolean;
  /** Located error messages of failed runs (their rows so far are included). */
  errors: string[];
  /** The run was stopped before its end. */
  cancelled: boolean;
  /** Why and how it was stopped (by the user, by substep.timeoutSeconds), when it was, and what of the runs it kept. */
  stopped?: string;
  /** Warnings of all runs (a NaN, a change of kind): how many there are in all. */
  warningCount: number;
  /** The distinct warnings (the same in several runs is one), the first few, in plan order. */
  warnings: PanelWarning[];
  /** TypeScript errors VS Code reported for the model file when the run started. */
  typeErrors: number;
}

/** A place in the source, as the panel shows it and asks the host to open it. */
export interface PanelLocation {
  /** Absolute path: what the panel sends back in `openLocation`. */
  file: string;
  /** The file as shown: relative to the workspace when inside it. */
  display: string;
  line: number;
  column: number;
}

/** One distinct warning of a result, as the header lists it. */
export interface PanelWarning {
  /** "'tokens' became NaN (was 101) in state update 'tokens'". */
  message: string;
  /** Where it first happened: "run 1, timestep 1, substep 2 (block 'stake')". */
  place: string;
  /** Other runs with the same warning. */
  otherRuns: number;
  /** The update that returned the value. */
  location?: PanelLocation;
  /** The table row of the place: with every substep, and with substeps dropped (the row ending its timestep). */
  row?: { all: number; dropped: number };
}

/** The table's shape; its rows are asked for page by page (never all at once). */
export interface TableInfo {
  /** Flattened column names: variables (nested ones dotted), then the five metadata keys. */
  columns: string[];
  rowCount: number;
  /** Row count with `dropSubsteps` (initial row and each timestep's last substep). */
  rowCountDropped: number;
  /** The metadata columns that vary, pinned at the table's left: they identify a row. */
  pinned: string[];
}

/** Everything the panel needs to draw a result, sized for a webview: charts aggregated and decimated. */
export interface PanelResults {
  header: ResultsHeader;
  charts: ChartData;
  /** Variables overlaid in the first chart (the seed notebook's plot). */
  overlay: string[];
  table: TableInfo;
  /** Present when the panel compares several runs (Compare Runs…, Compare with HEAD). */
  comparison?: PanelComparison;
}

/** Several runs shown as one: each its own colour in the charts, its final values side by side. */
export interface PanelComparison {
  runs: ComparedRun[];
  /** The final-value table as text cells, the first run the baseline. */
  finals: ComparisonTable;
  /** The runs' history ids, when every one is in the history: what the panel is reopened from after a reload. */
  historyIds?: string[];
}

/** One run of a comparison, as the header lists it. */
export interface ComparedRun {
  /** Its name in the charts' legends and the table ("run 3", "HEAD (4f2a1c9)"). */
  label: string;
  /** The model file, as shown. */
  file: string;
  /** "3 runs × 52 steps · seed 1 · runs 2 · 16:40:12". */
  detail: string;
}

/** The panel's own view state, kept by the webview (setState): VS Code restores it after hide and reload. */
export interface PanelViewState {
  /** The model file this panel shows (absolute path): lets the serializer reopen it after a reload. */
  file: string;
  /** A comparison panel: the history ids of the runs it compares (empty: runs not in the history, such as HEAD's). */
  compare?: string[];
  tab: "charts" | "table" | "summary";
  /** The Summary tab's number and timestep (undefined: the first number; the runs' final values). */
  summaryVariable?: string;
  summaryTimestep?: number;
  /** Variables charted; undefined: the default choice. */
  variables?: string[];
  mode: ChartMode;
  layout: ChartLayout;
  /** The time range the charts are zoomed to (brushed on one of them); undefined: every timestep. */
  timeRange?: [number, number];
  /** What exported chart images are drawn on (undefined: the theme's background, as shown). */
  imageBackground?: "theme" | "light";
  dropSubsteps: boolean;
  /** The table's filter ("treasury < 0 and timestep > 10"); empty: every row. */
  tableFilter: string;
  /** The column the table is sorted by; undefined: the rows' own order. */
  tableSort?: TableSort;
  /** Table columns hidden by the column chooser. */
  hiddenColumns: string[];
  tableScroll: number;
}

/** Host → webview. */
export type HostMessage =
  | { type: "results"; results: PanelResults }
  | { type: "running"; title: string; file: string }
  | { type: "progress"; done: number; total: number }
  | { type: "failed"; message: string }
  /** A run stopped before it had any result to show (it was still loading). */
  | { type: "stopped"; message: string }
  /** The table's current query is ready: its row count, or why its filter cannot be applied (`index`: where in the text). */
  | { type: "tableView"; queryId: number; rowCount: number; error?: { message: string; index: number } }
  /** Rows of a query's view; `indexes` are their numbers in the unfiltered, unsorted table (the gutter). */
  | { type: "tableRows"; requestId: number; start: number; rows: unknown[][]; indexes: number[] }
  /** Rows put on the clipboard as TSV: how many, of how many selected (a copy has a limit). */
  | { type: "copied"; rows: number; selected: number }
  | { type: "summary"; requestId: number; summary: PanelSummary }
  | { type: "exported"; path: string };

/** Export formats: data from the host, images drawn by the webview. */
export type ExportFormat = "csv" | "json" | "html" | "png" | "svg";

/** Webview → host. */
export type WebviewMessage =
  | { type: "ready" }
  /** The table's view changes (filter, sort, substeps): later requests name its id; the host answers `tableView`. */
  | { type: "tableQuery"; queryId: number; query: TableQuery }
  | { type: "tableRows"; requestId: number; queryId: number; start: number; count: number }
  /** Copies view rows `start` .. `end - 1` of the shown `columns` to the clipboard as TSV with a header line. */
  | { type: "copyRows"; queryId: number; start: number; end: number; columns: string[] }
  /** The Summary tab's content: a number's outcome over the runs at a timestep (undefined: the final values). */
  | { type: "summary"; requestId: number; variable?: string; timestep?: number }
  /** For png/svg, `data` is the image (a data URL for png, SVG text for svg) and `name` the chart's title. */
  | { type: "export"; format: ExportFormat; data?: string; name?: string }
  | { type: "rerun" }
  | { type: "stop" }
  /** Opens a place in the editor; the host opens only files of the shown result (its model, files its errors and warnings name). */
  | { type: "openLocation"; file: string; line: number; column: number }
  /** Opens the Problems panel (the header's "ran with N type errors"). */
  | { type: "showProblems" };

export { assertNever } from "./assertNever";
