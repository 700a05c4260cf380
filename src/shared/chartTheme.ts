// The charts' colours and fonts: the theme the host page feeds in, and the Vega-Lite config made from it.
import type { Config } from "vega-lite";

/** Colours and fonts, fed by the host page (CSS variables in the report, `--vscode-*` in the panel). */
export interface ChartTheme {
  /** Titles, legend and header labels. */
  foreground: string;
  /** Axis labels and subtitles. */
  mutedForeground: string;
  /** Grid lines, axis domains and ticks. */
  gridColor: string;
  fontFamily: string;
  /** Base font size in px; titles are a little larger. */
  fontSize: number;
  /** Categorical colours, used in order. */
  palette: string[];
  /** The chart's own background; transparent (the page's) when absent. */
  background?: string;
}

/** Tableau 10, legible on light and dark backgrounds alike. */
const DEFAULT_PALETTE = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"];

/** A neutral theme for when the host gives none. */
export const DEFAULT_THEME: ChartTheme = {
  foreground: "#333333",
  mutedForeground: "#666666",
  gridColor: "#dddddd",
  fontFamily: "system-ui, sans-serif",
  fontSize: 12,
  palette: DEFAULT_PALETTE,
};

/** The Vega-Lite config of a theme: colours, fonts, a transparent background unless the theme sets one. */
export function themeConfig(theme: ChartTheme = DEFAULT_THEME): Config {
  const { foreground: fg, mutedForeground: muted, gridColor: grid, fontFamily: font, fontSize: size } = theme;
  return {
    background: theme.background ?? "transparent",
    font,
    padding: 4,
    view: { stroke: null },
    axis: {
      labelColor: muted,
      titleColor: fg,
      domainColor: grid,
      tickColor: grid,
      gridColor: grid,
      gridOpacity: 0.7,
      labelFont: font,
      titleFont: font,
      labelFontSize: size - 1,
      titleFontSize: size,
      titleFontWeight: "normal",
    },
    legend: {
      labelColor: fg,
      titleColor: fg,
      labelFont: font,
      titleFont: font,
      labelFontSize: size - 1,
      titleFontSize: size,
      titleFontWeight: "normal",
      labelLimit: 320,
      symbolStrokeWidth: 3,
    },
    header: { labelColor: fg, titleColor: fg, labelFont: font, titleFont: font, labelFontSize: size, labelLimit: 360 },
    title: {
      color: fg,
      subtitleColor: muted,
      font,
      subtitleFont: font,
      fontSize: size + 2,
      subtitleFontSize: size - 1,
      fontWeight: 600,
      anchor: "start",
      offset: 8,
    },
    range: { category: theme.palette },
    line: { strokeWidth: 2 },
  };
}
