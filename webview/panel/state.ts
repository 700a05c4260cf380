// The panel's view state: its defaults, a checked restore of what VS Code kept, and the variables it charts.
import type { ChartData } from "../../src/shared/chartData";
import { varyingVariables } from "../../src/shared/chartRows";
import type { ChartLayout, ChartMode } from "../../src/shared/chartOptions";
import type { PanelViewState } from "../../src/shared/protocol";

/** Variables charted one by one when the user has chosen none: the first varying ones, at most this many. */
export const MAX_DEFAULT_VARIABLES = 8;

/** The view of a panel that has kept nothing. */
export function defaultViewState(): PanelViewState {
  return { file: "", tab: "charts", mode: "mean", layout: "colour", dropSubsteps: false, tableFilter: "", hiddenColumns: [], tableScroll: 0 };
}

const MODES: readonly ChartMode[] = ["runs", "mean", "median"];
const LAYOUTS: readonly ChartLayout[] = ["colour", "facet"];

/** The view state in `saved` (what `getState` returned: anything, from any version), each bad or missing field at its default. */
export function restoreViewState(saved: unknown): PanelViewState {
  const state = defaultViewState();
  if (typeof saved !== "object" || saved === null) return state;
  const s = saved as Record<string, unknown>;
  if (typeof s.file === "string") state.file = s.file;
  if (isStringArray(s.compare)) state.compare = [...s.compare];
  if (s.tab === "charts" || s.tab === "table" || s.tab === "summary") state.tab = s.tab;
  if (typeof s.summaryVariable === "string") state.summaryVariable = s.summaryVariable;
  if (typeof s.summaryTimestep === "number" && Number.isInteger(s.summaryTimestep) && s.summaryTimestep >= 0) state.summaryTimestep = s.summaryTimestep;
  if (isStringArray(s.variables)) state.variables = [...s.variables];
  if (MODES.includes(s.mode as ChartMode)) state.mode = s.mode as ChartMode;
  if (LAYOUTS.includes(s.layout as ChartLayout)) state.layout = s.layout as ChartLayout;
  if (Array.isArray(s.timeRange) && s.timeRange.length === 2 && s.timeRange.every((t) => typeof t === "number" && Number.isFinite(t)))
    state.timeRange = [s.timeRange[0] as number, s.timeRange[1] as number];
  if (s.imageBackground === "theme" || s.imageBackground === "light") state.imageBackground = s.imageBackground;
  if (typeof s.dropSubsteps === "boolean") state.dropSubsteps = s.dropSubsteps;
  if (typeof s.tableFilter === "string") state.tableFilter = s.tableFilter;
  const sort = s.tableSort as { column?: unknown; descending?: unknown } | undefined;
  if (typeof sort === "object" && sort !== null && typeof sort.column === "string" && typeof sort.descending === "boolean")
    state.tableSort = { column: sort.column, descending: sort.descending };
  if (isStringArray(s.hiddenColumns)) state.hiddenColumns = [...s.hiddenColumns];
  if (typeof s.tableScroll === "number" && Number.isFinite(s.tableScroll) && s.tableScroll >= 0) state.tableScroll = Math.floor(s.tableScroll);
  return state;
}

/** `state` with `change` applied; `variables: undefined` in `change` returns to the default choice. */
export function updateViewState(state: PanelViewState, change: Partial<PanelViewState>): PanelViewState {
  const next: PanelViewState = { ...state, ...change };
  if ("variables" in change && change.variables === undefined) delete next.variables;
  if ("compare" in change && change.compare === undefined) delete next.compare;
  if ("timeRange" in change && change.timeRange === undefined) delete next.timeRange;
  if ("tableSort" in change && change.tableSort === undefined) delete next.tableSort;
  return next;
}

/** The variables charted by default: the varying ones (all of them if none varies), at most MAX_DEFAULT_VARIABLES. */
export function defaultVariables(data: ChartData): string[] {
  const varying = varyingVariables(data);
  return (varying.length > 0 ? varying : data.variables).slice(0, MAX_DEFAULT_VARIABLES);
}

/**
 * The variables to chart for `chosen` (the state's choice): those of it the data has, in the data's order; the default
 * choice when there is none, or when the data has none of the chosen ones (another model's results). An empty choice stays empty.
 */
export function chartedVariables(chosen: readonly string[] | undefined, data: ChartData): string[] {
  if (chosen === undefined) return defaultVariables(data);
  const wanted = new Set(chosen);
  const known = data.variables.filter((v) => wanted.has(v));
  return known.length === 0 && chosen.length > 0 ? defaultVariables(data) : known;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}
