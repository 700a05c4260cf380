// Which charts a results view draws, in order: the overlay (the seed notebook's plot), one per chosen variable, the model's own.
import type { TopLevelSpec } from "vega-lite";
import type { ChartData } from "../../src/shared/chartData";
import type { ChartOptions } from "../../src/shared/chartOptions";
import { overlayChartSpec, userChartSpec, variableChartSpec } from "../../src/shared/chartSpecs";

/** What a chart shows. */
export type ChartKind = "overlay" | "variable" | "model";

/** One chart to draw: its identity, its title and how to build its spec for given options. */
export interface ChartPlan {
  /** Stable across redraws of the same results: "overlay", "variable:<name>" or "model:<n>". */
  key: string;
  kind: ChartKind;
  /** The chart's title, also the name of its exported image. */
  title: string;
  /** The variable charted; for the overlay its variables joined by ", "; for a model chart its title. */
  variable: string;
  spec(options: ChartOptions): TopLevelSpec;
}

/**
 * The charts of `data`: the overlay of those of `overlay` that are chosen, when two or more are, then the chosen
 * `variables` in the data's order (unknown names skipped), then the model's own charts.
 */
export function planCharts(data: ChartData, overlay: readonly string[], variables: Iterable<string>): ChartPlan[] {
  const plans: ChartPlan[] = [];
  const chosen = new Set(variables);
  // The variable picker rules the overlay too: "None" leaves only the model's own charts.
  const known = overlay.filter((v) => data.variables.includes(v) && chosen.has(v));
  if (known.length >= 2) {
    const title = known.join(", ");
    plans.push({ key: "overlay", kind: "overlay", title, variable: title, spec: (options) => overlayChartSpec(data, known, options) });
  }
  for (const v of data.variables) {
    if (chosen.has(v)) plans.push({ key: `variable:${v}`, kind: "variable", title: v, variable: v, spec: (options) => variableChartSpec(data, v, options) });
  }
  data.userCharts.forEach((chart, i) => {
    const title = specTitle(chart.spec) ?? `model chart ${i + 1}`;
    plans.push({ key: `model:${i}`, kind: "model", title, variable: title, spec: (options) => userChartSpec(data, chart, options.theme, options.width) });
  });
  return plans;
}

/** A Vega-Lite spec's title text, if it has one. */
function specTitle(spec: Record<string, unknown>): string | undefined {
  const title = spec.title;
  if (typeof title === "string" && title) return title;
  if (Array.isArray(title) && title.length > 0) return title.join(" ");
  if (typeof title === "object" && title !== null) {
    const text = (title as { text?: unknown }).text;
    if (typeof text === "string" && text) return text;
    if (Array.isArray(text) && text.length > 0) return text.join(" ");
  }
  return undefined;
}
