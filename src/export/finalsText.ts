// Final values as one short text: the end of a model's line in the editor.
import type { FinalStats } from "../engine";
import { formatNumber } from "./format";

/** Most subsets named on a line; the hover lists them all. */
const MAX_INLINE_SUBSETS = 3;

/**
 * The values of one line: "5201", "≈ 263.333" (a mean over runs that differ), per nested number
 * ("token_balance: ≈ 260") and per subset ("apr = 0.05: ≈ 663014 · apr = 0.1: …"); "(partial)" when a
 * run ended early, so its last computed row counts.
 */
export function inlineLabel(list: readonly FinalStats[]): string {
  const subsets = [...new Set(list.map((f) => f.subset))];
  const shown = subsets.slice(0, MAX_INLINE_SUBSETS).map((subset) => {
    const here = list.filter((f) => f.subset === subset);
    const values = here
      .map((f) => (here.length > 1 || f.name !== f.variable ? `${f.name.slice(f.variable.length + 1) || f.name}: ${approx(f)}` : approx(f)))
      .join(", ");
    return here[0]!.subsetLabel ? `${here[0]!.subsetLabel}: ${values}` : values;
  });
  const more = subsets.length > MAX_INLINE_SUBSETS ? ` · … (${subsets.length} subsets)` : "";
  return `${shown.join(" · ")}${more}${list.some((f) => f.partialRuns > 0) ? " (partial)" : ""}`;
}

/** "5201" when every run ended on it, else "≈ 263.333" (the mean over the runs). */
function approx(f: FinalStats): string {
  return f.min === f.max ? formatNumber(f.mean) : `≈ ${formatNumber(f.mean)}`;
}
