// What the CLI embeds in an HTML report for its renderer (webview/report/main.ts) to draw.
import type { ChartData } from "./chartData";
import type { ChartLayout, ChartMode } from "./chartOptions";

/** The id of the `<script type="application/json">` element holding the payload. */
export const REPORT_DATA_ID = "substep-report-data";
/** The id of the element the renderer fills with controls and charts. */
export const REPORT_CHARTS_ID = "substep-charts";

/** The report's chart data and its initial view. */
export interface ReportPayload {
  data: ChartData;
  /** Variables overlaid in one chart at the top (the seed notebook's plot); fewer than two: no overlay. */
  overlay: string[];
  /** Variables charted one per chart when the page opens. */
  variables: string[];
  mode: ChartMode;
  layout: ChartLayout;
}
