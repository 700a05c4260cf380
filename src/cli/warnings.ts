// The run warnings as the CLI prints them on stderr: the first few, located like errors, then a count.
import { groupWarnings, type RunWarning } from "../engine";
import { plural } from "../export/format";

/** Distinct warnings shown in full; a model of 1,000 runs with the same NaN prints one, not 1,000. */
const MAX_SHOWN = 3;

/**
 * Lines for stderr: the same warning in several runs (same simulation, variable, kind and update) is one
 * entry, shown at its first place with the count of the other runs; after `MAX_SHOWN` entries, one line
 * counts the rest. `format` gives the located two-line text (`formatRunWarning`, paths made relative).
 */
export function warningLines(warnings: readonly RunWarning[], format: (w: RunWarning) => string): string[] {
  const all = groupWarnings(warnings);
  const lines = all
    .slice(0, MAX_SHOWN)
    .map(({ first, otherRuns }) => `substep: ${format(first)}${otherRuns ? `, and the same in ${plural(otherRuns, "more run")}` : ""}`);
  const rest = all.slice(MAX_SHOWN).flatMap((g) => g.all);
  if (rest.length) lines.push(`substep: and ${plural(rest.length, "more warning", "more warnings")} (${plural(new Set(rest.map(runOf)).size, "run")})`);
  return lines;
}

function runOf(w: RunWarning): string {
  return `${w.place.simulation}/${w.place.subset}/${w.place.run}`;
}
