// What a results chart can be asked to show (mode, layout, size, theme), as the panel, the report and the spec builders share it.
import type { ChartTheme } from "./chartTheme";

/** What a chart shows: every run as a thin line, or the mean or median with the p5–p95 band. */
export type ChartMode = "runs" | "mean" | "median";

/** Groups as colours in one chart, or one small chart per group. */
export type ChartLayout = "colour" | "facet";

/** The chart modes and layouts as the panel and the report offer them, in menu order. */
export const MODE_LABELS: [ChartMode, string][] = [
  ["mean", "Mean, p5–p95 band"],
  ["median", "Median, p5–p95 band"],
  ["runs", "Individual runs"],
];
export const LAYOUT_LABELS: [ChartLayout, string][] = [
  ["colour", "Colours in one chart"],
  ["facet", "Small multiples"],
];

/** Options shared by the spec builders. */
export interface ChartOptions {
  mode: ChartMode;
  layout: ChartLayout;
  theme?: ChartTheme;
  /** Total width available in px (default 640). */
  width?: number;
  /** Whether a drag across a chart brushes a time range (where the page zooms to it: the panel). */
  brush?: boolean;
  /** Timesteps shown, from and to (a brushed range); undefined: all of them. */
  timeRange?: readonly [number, number];
  /** Plot height in px: of the chart, or of each small multiple (defaults 220 and 160). */
  height?: number;
}
