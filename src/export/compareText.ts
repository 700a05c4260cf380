// The final-value comparison as a table of text cells: the CLI prints it aligned, the report and the panel draw it.
// Pure (no node, vscode or DOM), so the webview imports it too.
import type { FinalsComparison } from "../engine/compare";
import { formatNumber } from "./format";

/** The comparison's cells: a header row, then one row per number and subset. */
export interface ComparisonTable {
  header: string[];
  rows: string[][];
  /** Whether a subset column is present (some number has a subset or model name). */
  grouped: boolean;
}

/** "+12.5 (+4.1%)", "−3 (−100%)", "0", "—" where a run lacks the number. */
export function differenceText(difference: number | null, relative: number | null): string {
  if (difference === null) return "—";
  if (difference === 0) return "0";
  const sign = (n: number): string => (n > 0 ? `+${formatNumber(n)}` : `−${formatNumber(-n)}`);
  const pct = relative === null || !Number.isFinite(relative) ? "" : ` (${sign(Number((relative * 100).toPrecision(3)))}%)`;
  return `${sign(difference)}${pct}`;
}

/** Columns: variable, subset (when any), each input's mean final value, then each later input's difference from the first. */
export function comparisonTable(c: FinalsComparison): ComparisonTable {
  const grouped = c.rows.some((r) => r.group !== "");
  const first = c.labels[0] ?? "";
  const header = ["variable", ...(grouped ? ["subset"] : []), ...c.labels, ...c.labels.slice(1).map((label) => `${label} − ${first}`)];
  const rows = c.rows.map((r) => [
    r.name,
    ...(grouped ? [r.group || "—"] : []),
    ...r.means.map((m) => (m === null ? "—" : formatNumber(m))),
    ...r.differences.slice(1).map((d, i) => differenceText(d, r.relative[i + 1] ?? null)),
  ]);
  return { header, rows, grouped };
}

/** The table as aligned text lines (text left, numbers right), for a terminal. */
export function renderComparisonText(c: FinalsComparison): string {
  const { header, rows, grouped } = comparisonTable(c);
  const textColumns = grouped ? 2 : 1;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i < textColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  const means = c.rows[0]?.runs.some((n) => n > 1) ? "Mean final value over each run's Monte Carlo runs." : "Final values.";
  return [line(header), ...rows.map(line), "", `${means} Differences are from ${c.labels[0] ?? "the first"}.`].join("\n");
}
