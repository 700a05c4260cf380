// The run warnings as VS Code shows them: the same warning in many runs is one entry (as the CLI prints
// it), named at its first place, with the table row of that place; used by the Problems panel and the panel header.
import type { Results, RunWarning } from "../engine";
import type { PanelWarning } from "./protocol";
import { TableIndex } from "./tablePages";
import { moreRuns, shortPlace, type PlaceShape } from "./warningText";

/** Distinct warnings the panel header lists; the count says how many there are in all. */
export const MAX_PANEL_WARNINGS = 20;

/** One distinct warning: its first occurrence, and how many other runs had the same. */
export interface WarningGroup {
  first: RunWarning;
  otherRuns: number;
}

/**
 * The warnings grouped as the CLI groups them: the same simulation, kind, variable and update (or the same
 * change in place) is one group, in the order of its first occurrence (plan order).
 */
export function groupWarnings(warnings: readonly RunWarning[]): WarningGroup[] {
  const groups = new Map<string, { first: RunWarning; runs: Set<string> }>();
  for (const w of warnings) {
    const key = [w.place.simulation, w.kind, w.variable, w.fn ?? "", w.inPlace].join("\u0000");
    const run = `${w.place.simulation}/${w.place.subset}/${w.place.run}`;
    const group = groups.get(key);
    if (group) group.runs.add(run);
    else groups.set(key, { first: w, runs: new Set([run]) });
  }
  return [...groups.values()].map(({ first, runs }) => ({ first, otherRuns: runs.size - 1 }));
}

/** The one line a warning is read as: "'tokens' became NaN (was 101) in state update 'tokens' at run 1, timestep 1, substep 2, and 2 more runs". */
export function warningText(group: WarningGroup, shape: PlaceShape): string {
  return `${group.first.message} at ${shortPlace(group.first.place, shape, group.first.blockLabel)}${moreRuns(group.otherRuns)}`;
}

/** The distinct warnings of a result for the panel (the first MAX_PANEL_WARNINGS), each with its place's table rows. */
export function panelWarnings(results: Results, shape: PlaceShape, displayPath: (path: string) => string): PanelWarning[] {
  const groups = groupWarnings(results.warnings).slice(0, MAX_PANEL_WARNINGS);
  if (groups.length === 0) return [];
  const all = new TableIndex(results, false);
  const dropped = new TableIndex(results, true);
  return groups.map((group) => {
    const { first } = group;
    const rowAll = all.rowOf(first.place);
    const rowDropped = dropped.rowOf(first.place);
    return {
      message: first.message,
      place: shortPlace(first.place, shape, first.blockLabel),
      otherRuns: group.otherRuns,
      ...(first.location ? { location: { ...first.location, display: displayPath(first.location.file) } } : {}),
      ...(rowAll !== undefined && rowDropped !== undefined ? { row: { all: rowAll, dropped: rowDropped } } : {}),
    };
  });
}
