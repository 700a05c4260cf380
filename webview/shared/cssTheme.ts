// The charts' colours and fonts read from the page's CSS variables, so light, dark and VS Code themes need no code.
import { DEFAULT_THEME, type ChartTheme } from "../../src/shared/chartTheme";

/** The CSS variables read, with the theme field each feeds. */
const VARIABLES = {
  foreground: "--chart-foreground",
  mutedForeground: "--chart-muted",
  gridColor: "--chart-grid",
  fontFamily: "--chart-font",
} as const;

/** The chart theme of `element`'s computed style; unset variables fall back to the neutral default. */
export function themeFromCss(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string): string => style.getPropertyValue(name).trim();
  const theme: ChartTheme = { ...DEFAULT_THEME };
  for (const [key, name] of Object.entries(VARIABLES) as [keyof typeof VARIABLES, string][]) {
    const value = read(name);
    if (value) theme[key] = value;
  }
  const size = Number.parseFloat(read("--chart-font-size"));
  if (Number.isFinite(size) && size > 0) theme.fontSize = size;
  // Lines want solid colours: some themes give a chart colour an alpha (Modern's orange is 33%).
  const palette = splitColours(read("--chart-palette")).map(opaque);
  if (palette.length > 0) theme.palette = palette;
  const background = read("--chart-background");
  if (background) theme.background = background;
  return theme;
}

/** The colours of a list separated by spaces or commas; functional colours ("rgba(0, 0, 0, 0.5)") stay whole. */
function splitColours(list: string): string[] {
  return list.match(/[^\s,()]+(\([^)]*\))?/g) ?? [];
}

/** The colour without its alpha: rgba(r, g, b, a) → rgb(r, g, b), #rrggbbaa → #rrggbb, #rgba → #rgb. */
function opaque(colour: string): string {
  const rgba = /^rgba?\(\s*([^,\s]+)[,\s]+([^,\s]+)[,\s]+([^,\s/)]+)/i.exec(colour);
  if (rgba) return `rgb(${rgba[1]}, ${rgba[2]}, ${rgba[3]})`;
  if (/^#([0-9a-f]{8}|[0-9a-f]{4})$/i.test(colour)) return colour.slice(0, colour.length === 9 ? 7 : 4);
  return colour;
}
