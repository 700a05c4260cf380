// Legends of the results charts laid out to fit the chart's width: every entry in full, on more lines if need be.
import type { ChartOptions } from "./chartOptions";
import { DEFAULT_THEME } from "./chartTheme";

type Json = Record<string, unknown>;

/**
 * Width of a label character as a share of the font size. The specs are built where text cannot be measured (the
 * report's data is made in Node, and one spec must draw alike everywhere), so widths are estimated from the label's
 * length: 0.62 em is above the average of the sans-serif fonts VS Code and browsers use, so estimates err wide.
 */
const CHAR_EM = 0.62;
/** An entry's stroke symbol, the gap to its label, and the padding between columns, in px. */
const SYMBOL_WIDTH = 26;
const COLUMN_PADDING = 12;
/** Room the chart keeps around its legend (padding and the figure's own). */
const CHART_INSET = 16;

/** Legend for a colour (or dash) channel: none for a single entry or in small multiples, where headers name the groups. */
export function legendFor(labels: readonly string[], options: ChartOptions): Json | null {
  if (labels.length <= 1 || options.layout === "facet") return null;
  const fontSize = (options.theme ?? DEFAULT_THEME).fontSize - 1;
  const charWidth = fontSize * CHAR_EM;
  const room = Math.max(80, (options.width ?? 640) - CHART_INSET);
  // Labels too long for the chart's width are broken at their own separators (", " and " · ") onto more lines.
  const perLine = Math.max(8, Math.floor((room - SYMBOL_WIDTH) / charWidth));
  const lines = labels.map((label) => wrapLabel(label, perLine));
  const widest = Math.max(...lines.flatMap((l) => l.map((line) => line.length))) * charWidth + SYMBOL_WIDTH;
  const columns = Math.max(1, Math.min(labels.length, Math.floor((room + COLUMN_PADDING) / (widest + COLUMN_PADDING))));
  const wrapped = lines.some((l) => l.length > 1);
  // Symbols drawn as solid strokes: taken from the band they would be as faint as its fill.
  return {
    orient: "bottom",
    direction: "horizontal",
    columns,
    columnPadding: COLUMN_PADDING,
    // No truncation: the columns and line breaks above make every label fit.
    labelLimit: 0,
    // Every entry: Vega-Lite's default of 30 would end a 36-subset legend in "…6 entries".
    symbolLimit: labels.length,
    symbolType: "stroke",
    symbolOpacity: 1,
    symbolStrokeWidth: 3,
    ...(wrapped ? { labelExpr: linesExpr(labels, lines), labelBaseline: "top", symbolOffset: 0 } : {}),
  };
}

/**
 * `label` as lines of at most `perLine` characters, broken after its separators (", " between parameters, " · "
 * between an input and its subset), then at spaces; a single word longer than a line is cut.
 */
export function wrapLabel(label: string, perLine: number): string[] {
  if (label.length <= perLine) return [label];
  const parts = label.split(/(?<=, | · )/).flatMap((p) => (p.length <= perLine ? [p] : p.split(/(?<= )/)));
  const lines: string[] = [];
  let line = "";
  for (const part of parts) {
    if (line && (line + part).trimEnd().length > perLine) {
      lines.push(line.trimEnd());
      line = "";
    }
    line += part;
    while (line.length > perLine) {
      lines.push(line.slice(0, perLine));
      line = line.slice(perLine);
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** A Vega expression giving each label's lines (an array of text is drawn as lines), the label itself otherwise. */
function linesExpr(labels: readonly string[], lines: string[][]): string {
  return `${JSON.stringify(lines)}[indexof(${JSON.stringify(labels)}, datum.label)] || datum.label`;
}
