// Images of a drawn chart for export: PNG as a data URL, SVG as text, on the page's background so they read anywhere.
import type { View } from "vega";
import type { ChartOptions } from "../../src/shared/chartOptions";
import { DEFAULT_THEME } from "../../src/shared/chartTheme";
import type { ChartPlan } from "../shared/chartPlan";
import { imageOfSpec } from "../shared/vegaView";

/** What an exported image is drawn on: the panel's theme as shown, or a light background for slides and papers. */
export type ImageBackground = "theme" | "light";

/** The image of `view` as `format`, drawn on `background` (charts are transparent on the page). */
export async function chartImage(view: View, format: "png" | "svg", background: string): Promise<string> {
  const previous: unknown = view.background();
  view.background(background);
  try {
    // Twice the pixels: a PNG stays sharp on high-DPI screens and in slides.
    return format === "png" ? await view.toImageURL("png", 2) : await view.toSVG();
  } finally {
    view.background(previous as string);
    await view.runAsync();
  }
}

/** The colour behind the charts: the body's background, white if it has none. */
export function pageBackground(): string {
  const colour = getComputedStyle(document.body).backgroundColor;
  return !colour || colour === "transparent" || colour === "rgba(0, 0, 0, 0)" ? "#ffffff" : colour;
}

/**
 * The image of a chart drawn again in the light default theme on white: a dark theme's light text on a white
 * background would not read, so the colours change with the background.
 */
export function lightChartImage(plan: ChartPlan, options: ChartOptions, format: "png" | "svg"): Promise<string> {
  return imageOfSpec(plan.spec({ ...options, theme: { ...DEFAULT_THEME, background: "#ffffff" } }), format);
}
