// The HTML report's "Outcome over runs": per subset (named by its parameters), each number's final values over
// the runs described as the panel's Summary tab and the CLI summary do (mean, sd, min, p5, p50, p95, max).
import { subsetDistributions, subsetName, type Results } from "../engine";
import { escapeHtml, formatCount, formatNumber } from "./format";

/** Rows of one table at most: a model of hundreds of numbers (agents) lists the first ones. */
const MAX_ROWS = 40;

/** The section, or "" when no subset has more than one run (the final values table says it all). */
export function distributionsSection(results: Results): string {
  const tables: string[] = [];
  const many = results.simulations.length > 1;
  for (const sim of results.simulations) {
    sim.subsets.forEach((_, subset) => {
      const dists = subsetDistributions(results, sim.simulation, subset);
      if (!dists.some((d) => d.count + d.nonFinite > 1)) return;
      const name = [many ? sim.name : "", subsetName(sim, subset)].filter(Boolean).join(" · ");
      const shown = dists.slice(0, MAX_ROWS);
      const rows = shown.map((d) => {
        const cells = [d.mean, d.sd, d.min, d.p5, d.p50, d.p95, d.max].map((v) => `<td class="num">${escapeHtml(formatNumber(v))}</td>`);
        const runs = d.nonFinite ? `${formatCount(d.count)} (+${formatCount(d.nonFinite)} not finite)` : formatCount(d.count);
        return `<tr><td>${escapeHtml(d.name)}</td><td class="num">${runs}</td>${cells.join("")}</tr>`;
      });
      const more = dists.length > shown.length ? `<p class="note">${formatCount(dists.length - shown.length)} more numbers are not listed.</p>` : "";
      tables.push(`${name ? `<h3>${escapeHtml(name)}</h3>` : ""}
<div class="table-wrap"><table class="distributions"><thead><tr><th>variable</th><th class="num">runs</th>${["mean", "sd", "min", "p5", "p50", "p95", "max"]
        .map((h) => `<th class="num">${h}</th>`)
        .join("")}</tr></thead>
<tbody>${rows.join("\n")}</tbody></table></div>${more}`);
    });
  }
  if (tables.length === 0) return "";
  return `<section><h2>Outcome over runs</h2>
<p class="note">Each run's final value (a run that ended early: its last computed one); sd is the sample standard deviation, percentiles interpolate linearly (numpy's default), as pandas' describe().</p>
${tables.join("\n")}</section>`;
}
