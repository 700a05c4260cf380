// The Summary tab's histogram: one number's values over the runs at a timestep, a colour per subset, overlaid.
import type { TopLevelSpec } from "vega-lite";
import { DEFAULT_THEME, themeConfig, type ChartTheme } from "./chartTheme";
import type { PanelSummary } from "./panelSummary";

/** Bars of the runs' values binned (about 30 bins), a subset's bars translucent over the others'. */
export function histogramSpec(summary: PanelSummary, theme: ChartTheme = DEFAULT_THEME, width = 560): TopLevelSpec {
  const values = summary.groups.flatMap((g) => g.values.map((value) => ({ group: g.label, value })));
  const many = summary.groups.length > 1;
  const at = summary.timestep === undefined ? "final values" : `timestep ${summary.timestep}`;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: summary.variable, subtitle: `${at} over ${values.length} runs` },
    width,
    height: 220,
    data: { values },
    mark: { type: "bar", opacity: many ? 0.55 : 0.85, binSpacing: 1 },
    encoding: {
      x: { field: "value", type: "quantitative", bin: { maxbins: 30 }, title: summary.variable },
      y: { aggregate: "count", type: "quantitative", title: "runs", stack: null },
      color: many
        ? {
            field: "group",
            type: "nominal",
            title: null,
            scale: { range: theme.palette },
            sort: summary.groups.map((g) => g.label),
            legend: { orient: "bottom", labelLimit: 0 },
          }
        : { value: theme.palette[0]! },
      tooltip: [
        ...(many ? [{ field: "group", type: "nominal" as const, title: "subset" }] : []),
        { field: "value", type: "quantitative", bin: { maxbins: 30 }, title: "value" },
        { aggregate: "count", type: "quantitative", title: "runs" },
      ],
    },
    config: themeConfig(theme),
  };
}
