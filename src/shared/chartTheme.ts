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

/**
 * Okabe and Ito's colour-blind-safe set, ordered so that neighbours differ under every common colour-vision
 * deficiency (no red next to green). The panel's and the report's stylesheets give the same colours.
 */
const DEFAULT_PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999"];

/** A neutral theme for when the host gives none. */
export const DEFAULT_THEME: ChartTheme = {
  foreground: "#333333",
  mutedForeground: "#666666",
  gridColor: "#dddddd",
  fontFamily: "system-ui, sans-serif",
  fontSize: 12,
  palette: DEFAULT_PALETTE,
};

const LEGENDS_STACKED = { layout: { bottom: { direction: "vertical", anchor: "start", margin: 8 } } };

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
      // Legends below a chart (colour, then dash) stacked, not side by side: two wide legends in a row overflow the
      // chart. Vega-Lite hands this to Vega as it is, but its types leave Vega's `layout` out.
      ...(LEGENDS_STACKED as object),
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
