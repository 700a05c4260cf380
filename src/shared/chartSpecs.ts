// Vega-Lite v6 specs of the results charts: one variable's runs or band, a multi-variable overlay, the model's own charts.
import type { TopLevelSpec } from "vega-lite";
import type { ChartData, UserChart } from "./chartData";
import { formatCount, plural } from "../export/format";
import { runRows, runStride, statRows, tableRows } from "./chartRows";
import type { ChartMode, ChartOptions } from "./chartOptions";
import { DEFAULT_THEME, themeConfig, type ChartTheme } from "./chartTheme";
import { legendFor } from "./chartLegend";
import { axisGroups, rangesOf } from "./overlayAxes";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
/** Above this many run rows in one chart, tooltips read the statistics: one hover point per run value would swamp the SVG. */
const MAX_RUN_TOOLTIP_ROWS = 3000;
/**
 * Above this many run rows in one chart, run lines skip timesteps: Vega interprets (rather than compiles) its
 * per-row expressions under a strict CSP, so 100,000 rows take seconds, and a line cannot show more points than pixels anyway.
 */
const MAX_RUN_ROWS = 50_000;
const NUMBER_FORMAT = ",.6~g";
/** The interval selection of a time range on the results charts: its signal holds `{ timestep: [from, to] }`. */
export const BRUSH = "brush";
const FACET_SPACING = 16;
/** Room for the small multiples' y axis labels and padding, which facet layouts cannot fit automatically. */
const FACET_AXIS_ALLOWANCE = 64;
/** And for a y axis's title (the overlay's stacked axes are titled by their variables). */
const AXIS_TITLE_ALLOWANCE = 24;
const FACET_MIN_CELL = 240;
/** Plot height of each of three or more stacked axes of the overlay: shorter than one chart's, they add up. */
const STACKED_HEIGHT = 140;

type Json = Record<string, unknown>;

/** One variable over timestep, every group: its runs, or its mean or median with the p5–p95 band. */
export function variableChartSpec(data: ChartData, variable: string, options: ChartOptions): TopLevelSpec {
  const groups = data.groups.filter((g) => g.series[variable]).map((g) => g.label);
  const color = { field: "group", type: "nominal", title: null, scale: { domain: groups }, legend: legendFor(groups, options) };
  const { rows, layers } = markLayers(data, [variable], options, { color, detail: [] }, [{ field: "group", type: "nominal", title: "group" }]);
  return assemble({ rows, layers, groups, options, title: variable, subtitle: subtitleOf(data, [variable], options.mode) });
}

/**
 * Several variables over timestep in one chart, coloured by variable (the seed notebook's plot of tokens and
 * community_treasury); groups are told apart by dash in the colour layout, or by small multiple.
 */
export function overlayChartSpec(data: ChartData, variables: readonly string[], options: ChartOptions): TopLevelSpec {
  const groups = data.groups.filter((g) => variables.some((v) => g.series[v])).map((g) => g.label);
  const color = { field: "variable", type: "nominal", title: null, scale: { domain: [...variables] }, legend: legendFor(variables, options) };
  const dashed = options.layout === "colour" && groups.length > 1;
  const channels: Json = { color };
  // Overlaid variables often coincide (tokens and the treasury differ by 1): a dash per variable keeps both in sight.
  channels.strokeDash = dashed
    ? { field: "group", type: "nominal", title: null, scale: { domain: groups }, legend: legendFor(groups, options) }
    : { field: "variable", type: "nominal", title: null, scale: { domain: [...variables] }, legend: legendFor(variables, options) };
  const idTooltip = [
    { field: "variable", type: "nominal", title: "variable" },
    { field: "group", type: "nominal", title: "group" },
  ];
  const title = variables.join(", ");
  const subtitle = subtitleOf(data, variables, options.mode);
  // One stride for every axis, so that each draws the same timesteps (and the subtitle counts them right).
  const stride = options.mode === "runs" ? runStride(data, variables, MAX_RUN_ROWS) : 1;
  const axes = overlayAxes(data, variables, options.mode, stride);
  if (axes.length === 1) {
    const { rows, layers } = markLayers(data, variables, options, channels, idTooltip, { stride });
    return assemble({ rows, layers, groups, options, title, subtitle });
  }
  const palette = (options.theme ?? DEFAULT_THEME).palette;
  const parts = axes.map((names, i) => {
    // Two axes: the second on the right of the same plot. More (or small multiples): one plot each, stacked, every one brushable.
    const twin = axes.length === 2 && options.layout === "colour";
    const orient = twin && i === 1 ? "right" : "left";
    // An axis of one variable is titled in its line's colour, so the reader knows which line it measures.
    const only = names.length === 1 ? palette[variables.indexOf(names[0]!) % palette.length] : undefined;
    const axis: Json = { orient, title: names.join(", "), ...(only ? { titleColor: only } : {}), ...(twin && i > 0 ? { grid: false } : {}) };
    const brush = options.brush === true && (!twin || i === 0);
    const { rows, layers } = markLayers(data, names, { ...options, brush }, channels, idTooltip, { stride, axis, hover: `hover_${i}` });
    // Two axes fitted to their own ranges draw lines of the same shape on top of each other (staked = 1000 + rewards):
    // the left axis's lines are drawn wider, so the right axis's show inside them and both stay in sight.
    return { names, rows, layers: twin && i === 0 ? layers.map(widerLines) : layers };
  });
  return assembleAxes({ parts, groups, options, title, subtitle });
}

/** A layer's line mark drawn 2.5 px wider (other marks as they are). */
function widerLines(layer: Json): Json {
  const mark = layer.mark as Json;
  return mark.type === "line" ? { ...layer, mark: { ...mark, strokeWidth: ((mark.strokeWidth as number | undefined) ?? 2) + 2.5 } } : layer;
}

/** The overlay's variables by shared y axis (axisGroups), over the values each draws in this mode. */
function overlayAxes(data: ChartData, variables: readonly string[], mode: ChartMode, stride: number): string[][] {
  if (mode === "runs") return axisGroups(rangesOf(variables, runRows(data, variables, stride) as unknown as Json[], ["value"]));
  return axisGroups(rangesOf(variables, statRows(data, variables) as unknown as Json[], ["p5", "p95", mode]));
}

/** A model's own chart fed its simulation's tidy rows (one row per substep, nested state flattened with dots). */
export function userChartSpec(data: ChartData, chart: UserChart, theme: ChartTheme = DEFAULT_THEME, width = 640): TopLevelSpec {
  const spec: Json = { ...chart.spec };
  const own = spec.data as Json | undefined;
  // A spec may bring inline values of its own; anything else (no data, a named source) reads the tidy rows.
  if (!own || !("values" in own)) {
    const table = data.rowTables.find((t) => t.simulation === chart.simulation);
    spec.data = { values: table ? tableRows(table) : [] };
    // A chart drawn from part of the rows must say so, in the panel and in every image exported from it.
    const stored = table?.values[0]?.length ?? 0;
    if (table && table.totalRows > stored) spec.title = withSubtitle(spec.title, `first ${formatCount(stored)} of ${formatCount(table.totalRows)} rows`);
  }
  const composite = ["facet", "repeat", "concat", "hconcat", "vconcat"].some((k) => k in spec);
  if (spec.width === undefined && !composite) {
    spec.width = width;
    spec.autosize ??= { type: "fit-x", contains: "padding" };
  }
  spec.config = mergeDeep(themeConfig(theme) as Json, (spec.config as Json | undefined) ?? {});
  spec.$schema ??= SCHEMA;
  return spec as unknown as TopLevelSpec;
}

/** A Vega-Lite title (absent, text, lines or a title object) with `note` added to its subtitle. */
function withSubtitle(title: unknown, note: string): Json {
  if (typeof title === "object" && title !== null && !Array.isArray(title)) {
    const own = title as Json;
    const subtitle: unknown[] = own.subtitle === undefined ? [] : Array.isArray(own.subtitle) ? own.subtitle : [own.subtitle];
    return { ...own, subtitle: [...subtitle, note] };
  }
  return { text: typeof title === "string" || Array.isArray(title) ? title : "", subtitle: note };
}

interface Layers {
  rows: Json[];
  layers: Json[];
}

/** How one of several y axes' layers differ: the run stride, its axis, a name of its own for its hover selection. */
interface LayerScope {
  stride?: number;
  axis?: Json;
  hover?: string;
}

/** The mark layers of a mode, over rows of `variables`; `channels` colour (and dash) the lines. */
function markLayers(data: ChartData, variables: readonly string[], options: ChartOptions, channels: Json, idTooltip: Json[], scope: LayerScope = {}): Layers {
  const { mode, timeRange } = options;
  const hoverName = scope.hover ?? "hover";
  // A time range brushed on any chart zooms every chart to it; marks outside it are clipped.
  const xScale: Json = timeRange ? { nice: false, domain: [...timeRange] } : { nice: false };
  const x = { field: "timestep", type: "quantitative", title: "timestep", scale: xScale, axis: { tickMinStep: 1, format: "~d", grid: false } };
  const clip = timeRange ? { clip: true } : {};
  // Dragging across a chart brushes a time range (the panel then zooms all charts to it).
  const brush = options.brush ? { params: [{ name: BRUSH, select: { type: "interval", encodings: ["x"] } }] } : {};
  const stats = statRows(data, variables) as unknown as Json[];
  const stride = scope.stride ?? runStride(data, variables, MAX_RUN_ROWS);
  const runs = mode === "runs" ? (runRows(data, variables, stride) as unknown as Json[]) : [];
  // SI prefixes keep big numbers short ("5.2k"); on small ones they read oddly ("50m" for 0.05), so only past 10,000.
  // Per label: an axis-wide SI format gives every tick the largest prefix ("0k").
  const big = stats.some((r) => Math.max(Math.abs(r.p5 as number), Math.abs(r.p95 as number)) >= 1e4) || runs.some((r) => Math.abs(r.value as number) >= 1e4);
  const scale: Json = { zero: false };
  const flat = constantValue(stats, runs);
  // A constant series would get a zero-height domain: its axis prints one tick with runaway decimals ("100.000000").
  if (flat !== undefined) scale.domain = [flat - (Math.abs(flat) * 0.1 || 1), flat + (Math.abs(flat) * 0.1 || 1)];
  const { title = null, ...axis } = scope.axis ?? {};
  if (big) axis.labelExpr = "format(datum.value, '~s')";
  const y = (field: string): Json => ({ field, type: "quantitative", title, scale, axis });
  const num = (field: string, title = field): Json => ({ field, type: "quantitative", title, format: NUMBER_FORMAT });
  const timestep = { field: "timestep", type: "quantitative", title: "timestep" };
  const bandDetail = { detail: [{ field: "group", type: "nominal" }, ...(variables.length > 1 ? [{ field: "variable", type: "nominal" }] : [])] };
  if (mode === "runs") {
    const perRun = runs.length <= MAX_RUN_TOOLTIP_ROWS;
    const rows = [...runs.map((r) => ({ ...r, kind: "run" })), ...(perRun ? [] : stats.map((r) => ({ ...r, kind: "stat" })))];
    const isRun = { filter: { field: "kind", equal: "run" } };
    const lines = {
      transform: [isRun],
      ...brush,
      mark: { type: "line", strokeWidth: 1, opacity: runsOpacity(data), interpolate: "linear", ...clip },
      encoding: {
        x,
        y: y("value"),
        ...channels,
        ...detailOf(channels, [
          { field: "group", type: "nominal" },
          { field: "run", type: "nominal" },
        ]),
      },
    };
    const points = perRun
      ? hoverPoints(hoverName, [isRun], x, y("value"), channels, [...idTooltip, { field: "run", type: "nominal", title: "run" }, timestep, num("value")])
      : hoverPoints(hoverName, [{ filter: { field: "kind", equal: "stat" } }], x, y("mean"), channels, [
          ...idTooltip,
          timestep,
          num("mean"),
          num("p5"),
          num("p95"),
          num("runs"),
        ]);
    return { rows, layers: [lines, { ...points, mark: { ...(points.mark as Json), ...clip } }] };
  }
  const centre = mode === "mean" ? "mean" : "median";
  const band = {
    ...brush,
    mark: { type: "area", opacity: 0.2, interpolate: "linear", ...clip },
    encoding: { x, y: y("p5"), y2: { field: "p95" }, ...pick(channels, "color"), ...bandDetail },
  };
  const line = { mark: { type: "line", interpolate: "linear", ...clip }, encoding: { x, y: y(centre), ...channels, ...detailOf(channels, bandDetail.detail) } };
  const hover = hoverPoints(hoverName, [], x, y(centre), channels, [...idTooltip, timestep, num(centre), num("p5"), num("p95"), num("runs")]);
  return { rows: stats, layers: [band, line, { ...hover, mark: { ...(hover.mark as Json), ...clip } }] };
}

/** The one value every row holds, if the chart's rows all hold the same value. */
function constantValue(stats: Json[], runs: Json[]): number | undefined {
  const values = runs.length ? runs.map((r) => r.value as number) : stats.flatMap((r) => [r.p5 as number, r.p95 as number]);
  const first = values[0];
  return first !== undefined && values.every((v) => v === first) ? first : undefined;
}

/** Invisible points that light up nearest the pointer and carry the tooltip (a line's own tooltip shows one point only). */
function hoverPoints(name: string, transform: Json[], x: Json, y: Json, channels: Json, tooltip: Json[]): Json {
  return {
    transform,
    params: [{ name, select: { type: "point", on: "pointerover", clear: "pointerout", nearest: true } }],
    mark: { type: "point", filled: true, size: 48 },
    encoding: { x, y, ...pick(channels, "color"), opacity: { condition: { param: name, empty: false, value: 1 }, value: 0 }, tooltip },
  };
}

/** Lines need a detail channel for every field that splits series but is not already a colour or dash. */
function detailOf(channels: Json, fields: Json[]): Json {
  const used = new Set(Object.values(channels).map((c) => (c as Json).field));
  const detail = fields.filter((f) => !used.has(f.field));
  return detail.length ? { detail } : {};
}

function pick(obj: Json, key: string): Json {
  return key in obj ? { [key]: obj[key] } : {};
}

function runsOpacity(data: ChartData): number {
  const most = Math.max(1, ...data.groups.map((g) => g.runs.length));
  return most <= 5 ? 0.85 : most <= 20 ? 0.6 : 0.4;
}

function subtitleOf(data: ChartData, variables: readonly string[], mode: ChartMode): string {
  const groups = data.groups.filter((g) => variables.some((v) => g.series[v]));
  const runs = groups.reduce((n, g) => n + g.runCount, 0);
  const shown = groups.reduce((n, g) => n + g.runs.length, 0);
  const perGroup = groups.length > 1 ? ` in ${groups.length} groups` : "";
  const kept = Math.max(...groups.map((g) => g.timesteps.length));
  const stride = mode === "runs" ? runStride(data, variables, MAX_RUN_ROWS) : 1;
  const drawn = Math.ceil(kept / stride);
  const all = Math.max(...groups.map((g) => g.timestepCount));
  const decimated = drawn < all ? ` · ${formatCount(drawn)} of ${formatCount(all)} timesteps drawn` : "";
  const what =
    mode === "runs"
      ? shown < runs
        ? groups.length > 1
          ? `${shown} of ${runs} runs in ${groups.length} groups (the first of each)`
          : `first ${shown} of ${runs} runs`
        : `${plural(runs, "run")}${perGroup}`
      : `${mode} and p5–p95 band over ${plural(runs, "run")}${perGroup}`;
  return `${what}${decimated}`;
}

interface AssembleArgs {
  rows: Json[];
  layers: Json[];
  groups: string[];
  options: ChartOptions;
  title: string;
  subtitle: string;
  /** How the layers' scales combine (layered y axes: independent). */
  resolve?: Json;
}

function assemble({ rows, layers, groups, options, title, subtitle, resolve }: AssembleArgs): TopLevelSpec {
  const theme = options.theme ?? DEFAULT_THEME;
  const width = options.width ?? 640;
  const head = { $schema: SCHEMA, title: { text: title, subtitle }, data: { values: rows }, config: themeConfig(theme) };
  if (options.layout === "facet") return { ...head, ...facetOf(groups, width, options.height ?? 160, layers) } as unknown as TopLevelSpec;
  return {
    ...head,
    width,
    height: options.height ?? 220,
    autosize: { type: "fit-x", contains: "padding" },
    layer: layers,
    ...(resolve ? { resolve } : {}),
  } as unknown as TopLevelSpec;
}

/** Small multiples of `layers`, one per group in order, as many columns as fit `width`. */
function facetOf(groups: string[], width: number, height: number, layers: Json[], allowance = FACET_AXIS_ALLOWANCE): Json {
  const columns = Math.max(1, Math.min(groups.length, Math.floor(width / FACET_MIN_CELL)));
  // The y scale is shared, so only the first column carries an axis.
  const cell = Math.max(120, Math.floor((width - allowance - (columns - 1) * FACET_SPACING) / columns));
  return {
    facet: { field: "group", type: "nominal", title: null, sort: groups, header: { labelAnchor: "start", labelPadding: 4 } },
    columns,
    spacing: FACET_SPACING,
    resolve: { scale: { y: "shared" } },
    spec: { width: cell, height, layer: layers },
  };
}

interface AxesArgs {
  parts: { names: string[]; rows: Json[]; layers: Json[] }[];
  groups: string[];
  options: ChartOptions;
  title: string;
  subtitle: string;
}

/**
 * The overlay with a y axis per group of comparable variables: two share one plot, left and right axes; more are
 * stacked plots on one time axis (each brushable: every plot's brush is one selection, as with a single plot).
 */
function assembleAxes({ parts, groups, options, title, subtitle }: AxesArgs): TopLevelSpec {
  const layered = parts.map((p) => ({ transform: [{ filter: { field: "variable", oneOf: p.names } }], layer: p.layers }));
  const rows = parts.flatMap((p) => p.rows);
  // Vega-Lite cannot facet layers of independent scales: small multiples stack their axes, two as well as more.
  if (parts.length === 2 && options.layout === "colour") {
    return assemble({ rows, layers: layered, groups, options, title, subtitle, resolve: { scale: { y: "independent" } } });
  }
  const theme = options.theme ?? DEFAULT_THEME;
  const width = options.width ?? 640;
  // Composite charts cannot fit a width: each plot is given one that leaves room for its axis, like a small multiple.
  const allowance = FACET_AXIS_ALLOWANCE + AXIS_TITLE_ALLOWANCE;
  const plotWidth = Math.max(120, width - allowance);
  const rowsOf = layered.map((l) =>
    options.layout === "facet"
      ? { ...facetOf(groups, width, options.height ?? 160, l.layer, allowance), transform: l.transform }
      : { ...l, width: plotWidth, height: options.height ?? STACKED_HEIGHT },
  );
  return {
    $schema: SCHEMA,
    title: { text: title, subtitle },
    data: { values: rows },
    config: themeConfig(theme),
    vconcat: rowsOf,
    spacing: FACET_SPACING,
    resolve: { scale: { x: "shared", y: "independent" } },
  } as unknown as TopLevelSpec;
}

function mergeDeep(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isJsonObject(b) && isJsonObject(v) ? mergeDeep(b, v) : v;
  }
  return out;
}

/** Any object but an array: what mergeDeep merges into (a Vega-Lite spec is JSON, so there are no class instances). */
function isJsonObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
