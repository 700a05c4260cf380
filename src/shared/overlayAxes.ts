// Which overlaid variables share a y axis: those whose ranges are comparable; the others get an axis of their own.

/** The values a variable draws in a chart, by their extremes. */
export interface VariableRange {
  variable: string;
  min: number;
  max: number;
}

/**
 * Least share of a shared axis's range that each of its variables must span. On one axis a variable spanning a tenth of
 * it is a flat line near the edge (a price of ~0.5 next to a supply of ~1e6 is a line at zero); a third still shows
 * its shape, and pairs of similar scale (tokens and the community treasury, prey and predators) stay on one axis,
 * where their values can be read against each other.
 */
export const MIN_AXIS_SHARE = 1 / 3;

/**
 * `ranges` split into groups that each share an axis, in the order of their first variable, each in the order given.
 * The widest variables pick their partners first; a variable joins the first group that, with it, still has every
 * member span at least MIN_AXIS_SHARE of the group's combined range (an offset counts: 1000 to 1020 and 0 to 20 do
 * not share, though their spans are alike). A variable without values joins the first group.
 */
export function axisGroups(ranges: readonly VariableRange[]): string[][] {
  const known = ranges.filter((r) => Number.isFinite(r.min) && Number.isFinite(r.max));
  const bySpan = [...known].sort((a, b) => b.max - b.min - (a.max - a.min));
  const groups: VariableRange[][] = [];
  for (const r of bySpan) {
    const fits = groups.find((g) => shareable([...g, r]));
    if (fits) fits.push(r);
    else groups.push([r]);
  }
  const order = (v: string): number => ranges.findIndex((r) => r.variable === v);
  const out = groups.map((g) => g.map((r) => r.variable).sort((a, b) => order(a) - order(b))).sort((a, b) => order(a[0]!) - order(b[0]!));
  const missing = ranges.filter((r) => !known.includes(r)).map((r) => r.variable);
  if (out.length === 0) return missing.length ? [missing] : [];
  out[0]!.push(...missing);
  return out;
}

/** Whether every variable of `group` spans at least MIN_AXIS_SHARE of their combined range. */
function shareable(group: readonly VariableRange[]): boolean {
  const low = Math.min(...group.map((r) => r.min));
  const high = Math.max(...group.map((r) => r.max));
  // Constants alike (all one value) share an axis; a constant beside a changing variable does not.
  if (high === low) return true;
  return group.every((r) => r.max - r.min >= MIN_AXIS_SHARE * (high - low));
}

/** Each variable's range over the rows a chart draws: run values, or the p5–p95 band of the statistics. */
export function rangesOf(variables: readonly string[], rows: readonly Record<string, unknown>[], fields: readonly string[]): VariableRange[] {
  const ranges = new Map(variables.map((v) => [v, { variable: v, min: Infinity, max: -Infinity }]));
  for (const row of rows) {
    const r = ranges.get(row.variable as string);
    if (!r) continue;
    for (const f of fields) {
      const x = row[f];
      if (typeof x !== "number" || !Number.isFinite(x)) continue;
      if (x < r.min) r.min = x;
      if (x > r.max) r.max = x;
    }
  }
  return [...ranges.values()];
}
