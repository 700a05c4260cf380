// The run warnings as VS Code shows them: the same warning in many runs is one entry (as the CLI prints
// it), named at its first place, with the table row of that place; used by the Problems panel and the panel header.
import { groupWarnings, type Results, type WarningGroup } from "../engine";
import type { PanelWarning } from "./protocol";
import { TableIndex } from "./tablePages";
import { moreRuns, shortPlace, type PlaceShape } from "./warningText";

/** Distinct warnings the panel header lists; the count says how many there are in all. */
const MAX_PANEL_WARNINGS = 20;

// The grouping is the engine's, the same as the CLI's.
export { groupWarnings, type WarningGroup } from "../engine";

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
