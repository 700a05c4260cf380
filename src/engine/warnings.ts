// Warnings of a run: a number that became NaN or ±Infinity, or a variable that stopped holding numbers.
// Plain data, so they cross worker threads with their run; the CLI and VS Code show them like errors.
import { describeValue } from "./aggregate";
import { formatPlace, valueText, type Place } from "./errors";
import type { SourceLocation } from "./locate";

/** "non-finite": a finite number became NaN or ±Infinity; "kind-change": a number became something else. */
export type RunWarningKind = "non-finite" | "kind-change";

/** The first suspicious value of one variable (or record leaf) in one run. */
export interface RunWarning {
  kind: RunWarningKind;
  /** The variable, or a number leaf of a record named as its CSV column: "contributors.token_balance". */
  variable: string;
  /** The new value as text: "NaN", "-Infinity", `["x",5]`, `"abc"` (shortened). */
  value: string;
  /** The value in the row before, as text. */
  previous: string;
  /** The whole first line without location: "'tokens' became NaN (was 101) in state update 'tokens'". */
  message: string;
  /** The update that returned the value: "state update 'tokens'"; absent when `inPlace`. */
  fn?: string;
  /** Where that update is defined. */
  location?: SourceLocation;
  /** True when the block that made the row has no update for the variable: something changed it in place. */
  inPlace: boolean;
  /** The row where the value first appeared. */
  place: Required<Place>;
  /** The block's label, when it has one. */
  blockLabel?: string;
}

/** A value found by the row writer's slow path, before it has a place and a function (misfits.ts). */
export interface Finding {
  kind: RunWarningKind;
  variable: string;
  value: unknown;
  previous: unknown;
}

/** Names the update (or the in-place change) and the place of a finding. */
export interface FindingContext {
  place: Required<Place>;
  /** The variable's own name (the finding may name one of its leaves). */
  stateVariable: string;
  update?: { fn: string; location?: SourceLocation };
  blockLabel?: string;
}

const MAX_VALUE_TEXT = 40;

/** A value as a person reads it in a warning: numbers as JS prints them, the rest as JSON, shortened. */
export function shortValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "symbol") return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  let text: string | undefined;
  try {
    text = valueText(value);
  } catch {
    // a cycle: fall back to the type
  }
  text ??= describeValue(value);
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT - 1)}…` : text;
}

/** The warning for a finding, with its message. */
export function runWarning(f: Finding, c: FindingContext): RunWarning {
  const value = shortValue(f.value);
  const previous = shortValue(f.previous);
  const became = f.kind === "non-finite" || f.value === undefined || f.value === null ? value : `${describeValue(f.value)} ${value}`;
  const by = c.update ? `in ${c.update.fn}` : `, changed in place (block ${c.place.substep} has no state update for '${c.stateVariable}')`;
  return {
    kind: f.kind,
    variable: f.variable,
    value,
    previous,
    message: `'${f.variable}' became ${became} (was ${previous})${c.update ? " " : ""}${by}`,
    ...(c.update ? { fn: c.update.fn, ...(c.update.location ? { location: c.update.location } : {}) } : {}),
    inPlace: !c.update,
    place: c.place,
    ...(c.blockLabel ? { blockLabel: c.blockLabel } : {}),
  };
}

/** `file:line:column: warning: message` then the place, as the CLI prints it (errors have the same shape). */
export function formatRunWarning(w: RunWarning): string {
  const where = w.location ? `${w.location.file}:${w.location.line}:${w.location.column}: ` : "";
  return `${where}warning: ${w.message}\n  at ${formatPlace(w.place)}${w.blockLabel ? ` (block '${w.blockLabel}')` : ""}`;
}

/** One warning as it recurs: its first place, and how many other runs warned the same. */
export interface WarningGroup {
  first: RunWarning;
  otherRuns: number;
  all: RunWarning[];
}

/**
 * The same warning in several runs (same simulation, kind, variable and update) as one group, in the
 * order of first appearance: a model of 1,000 runs with one NaN shows one warning, not 1,000.
 */
export function groupWarnings(warnings: readonly RunWarning[]): WarningGroup[] {
  const groups = new Map<string, RunWarning[]>();
  for (const w of warnings) {
    const key = [w.place.simulation, w.kind, w.variable, w.fn ?? "", w.inPlace].join("\u0000");
    const group = groups.get(key);
    if (group) group.push(w);
    else groups.set(key, [w]);
  }
  const runOf = (w: RunWarning): string => `${w.place.simulation}/${w.place.subset}/${w.place.run}`;
  return [...groups.values()].map((all) => ({ first: all[0]!, otherRuns: new Set(all.slice(1).map(runOf)).size, all }));
}
