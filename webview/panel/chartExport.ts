// Images of a drawn chart for export: PNG as a data URL, SVG as text, on the page's background so they read anywhere.
import type { View } from "vega";

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
