// The self-contained HTML report of `substep run --out report.html`: summary, charts and final values, offline.
import { subsetName } from "../engine/subsets";
import { distributionsSection } from "./reportDistributions";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatModelError, formatRunWarning, rowMeta, runTotals, type Results, type RunData, type SimulationInfo } from "../engine";
import { buildChartData, type ChartDataOptions } from "../shared/chartData";
import { overlayVariables } from "../shared/chartRows";
import { REPORT_CHARTS_ID, REPORT_DATA_ID, type ReportPayload } from "../shared/reportPayload";
import { REPORT_CSS } from "./reportStyle";
import { comparisonTable } from "./compareText";
import type { FinalsComparison } from "../engine/compare";
import { escapeHtml, formatCount, formatDuration, formatNumber, plural } from "./format";

/** What the report says about the run besides the results. */
export interface ReportMeta {
  /** The model file as shown to the user. */
  file: string;
  engineMs: number;
  /** Defaults to the model's name. */
  title?: string;
  /** Final values of the inputs that `results` combines (`substep compare`), shown as a table near the top. */
  comparison?: FinalsComparison;
  /** The report's data written beside it (Save Results to Folder's CSV): linked under the file name, relative. */
  dataHref?: string;
}

/** Where the renderer comes from and how much data goes in. */
export interface ReportOptions extends ChartDataOptions {
  /** The built renderer (dist/report.js); by default next to the bundled CLI. */
  rendererPath?: string;
}

/** Final-value rows listed per parameter subset; the mean, min and max rows still cover every run. */
const MAX_TABLE_RUNS = 20;

/** One HTML file with everything inlined: no network, no other files; scripts and styles pinned by hash in its CSP. */
export function renderHtmlReport(results: Results, meta: ReportMeta, options: ReportOptions = {}): string {
  const renderer = readRenderer(options.rendererPath ?? join(__dirname, "report.js"));
  const data = buildChartData(results, options);
  const payload: ReportPayload = {
    data,
    overlay: overlayVariables(data),
    variables: data.variables,
    mode: "mean",
    layout: "colour",
  };
  const title = meta.title ?? data.title;
  const csp = [
    "default-src 'none'",
    `script-src '${sha256(renderer)}'`,
    `style-src '${sha256(REPORT_CSS)}'`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="Substep">
<title>${escapeHtml(title)} · Substep report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="file">${escapeHtml(meta.file)}</p>
${meta.dataHref !== undefined ? dataLink(meta.dataHref) : ""}
</header>
${dimensionsSection(results, meta)}
${meta.comparison ? comparisonSection(meta.comparison) : ""}
${errorsSection(results)}
${warningsSection(results)}
${subsetsSection(results)}
<section class="charts-section">
<h2>Charts</h2>
<div id="${REPORT_CHARTS_ID}"><noscript><p class="note">The charts need JavaScript.</p></noscript></div>
<p class="note">Bands span the 5th to 95th percentile across runs; percentiles and medians use linear interpolation between closest ranks (numpy's default). Values are taken at the end of each timestep.</p>
</section>
${finalValuesSection(results)}
${distributionsSection(results)}
<footer>Made with Substep.</footer>
</main>
<script type="application/json" id="${REPORT_DATA_ID}">${jsonForScript(payload)}</script>
<script>${renderer}</script>
</body>
</html>
`;
}

/** A visible link to the data; a name that would read as a URL scheme ("c:data.csv") is made a path. */
function dataLink(href: string): string {
  const path = /^[a-z][a-z\d+.-]*:/i.test(href) ? `./${href}` : href;
  return `<p class="data">Data: <a href="${escapeHtml(encodeURI(path))}">${escapeHtml(href)}</a></p>`;
}

function readRenderer(path: string): string {
  let code: string;
  try {
    code = readFileSync(path, "utf8");
  } catch (err) {
    throw new Error(`the report renderer ${path} is missing (run \`node esbuild.mjs\`): ${(err as Error).message}`, { cause: err });
  }
  // The source map sits beside the bundle, not in the report: a reference would point at a file that is not there.
  return scriptText(code.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, "\n"));
}

/** Code safe inside `<script>`: the HTML parser ends the element at `</script` and changes state at `<!--`. */
export function scriptText(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/** JSON safe inside `<script type="application/json">`: every `<` escaped, which JSON.parse reads back unchanged. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function sha256(text: string): string {
  return `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;
}

function dimensionsSection(results: Results, meta: ReportMeta): string {
  const sims = results.simulations;
  const { subsets, runs } = runTotals(sims);
  const items: [string, string][] = [];
  if (sims.length > 1) items.push(["Simulations", String(sims.length)]);
  items.push(["Subsets", formatCount(subsets)]);
  items.push(["Runs", sims.length === 1 && subsets > 1 ? `${formatCount(runs)} (${formatCount(sims[0]!.runs)} per subset)` : formatCount(runs)]);
  if (sims.length === 1) {
    const s = sims[0]!;
    items.push(["Timesteps", formatCount(s.timesteps)]);
    items.push(["Blocks", blocksText(s)]);
  }
  items.push(["Rows", formatCount(results.rowCount)]);
  if (sims.length === 1) {
    items.push(["Seed", Number.isFinite(sims[0]!.seed) ? String(sims[0]!.seed) : "—"]);
    if (sims[0]!.subsets.length > 1) items.push(["Sweep", sims[0]!.sweep]);
  }
  items.push(["Engine time", formatDuration(meta.engineMs)]);
  const list = `<dl class="dims">${items.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join("")}</dl>`;
  if (sims.length === 1) return `<section>${list}</section>`;
  const rows = sims.map(
    (s) =>
      `<tr><td>${s.simulation}</td><td>${escapeHtml(s.name)}</td><td class="num">${s.subsets.length}</td><td class="num">${s.runs}</td><td class="num">${s.timesteps}</td><td>${escapeHtml(blocksText(s))}</td><td class="num">${Number.isFinite(s.seed) ? s.seed : "—"}</td><td>${s.sweep}</td></tr>`,
  );
  return `<section>${list}
<div class="table-wrap"><table><thead><tr><th>simulation</th><th>name</th><th>subsets</th><th>runs per subset</th><th>timesteps</th><th>blocks</th><th>seed</th><th>sweep</th></tr></thead><tbody>${rows.join("")}</tbody></table></div></section>`;
}

/** The final values of each input side by side, with each one's difference from the first (`comparisonTable`'s cells). */
function comparisonSection(c: FinalsComparison): string {
  const { header, rows, grouped } = comparisonTable(c);
  const textColumns = grouped ? 2 : 1;
  const cell = (tag: "th" | "td", text: string, i: number): string => `<${tag}${i < textColumns ? "" : ' class="num"'}>${escapeHtml(text)}</${tag}>`;
  const body = rows.map((r) => `<tr>${r.map((text, i) => cell("td", text, i)).join("")}</tr>`).join("\n");
  const many = c.rows[0]?.runs.some((n) => n > 1);
  const note = `${many ? "Mean final value over each input's Monte Carlo runs" : "Final values"}; differences are from ${c.labels[0] ?? "the first"}.`;
  return `<section class="comparison"><h2>Final values compared</h2>
<div class="table-wrap"><table class="finals compared"><thead><tr>${header.map((text, i) => cell("th", text, i)).join("")}</tr></thead>
<tbody>${body}</tbody></table></div><p class="note">${escapeHtml(note)}</p></section>`;
}

function blocksText(s: SimulationInfo): string {
  const labels = s.blockLabels.filter((l): l is string => l !== null);
  return labels.length ? `${s.blocks} (${s.blockLabels.map((l, i) => l ?? `block ${i + 1}`).join(", ")})` : String(s.blocks);
}

function errorsSection(results: Results): string {
  const errors = results.errors;
  if (errors.length === 0) return "";
  const items = errors.map((e) => `<pre class="error">${escapeHtml(formatModelError(e))}</pre>`).join("\n");
  const head = errors.length === 1 ? "The model failed" : `The model failed in ${errors.length} runs`;
  return `<section class="errors" role="alert"><h2>${head}</h2>
<p>The rows computed before the error are kept and charted.</p>
${items}</section>`;
}

/** Warnings shown in full; the rest are counted (a model of 1,000 runs has one per run). */
const MAX_REPORT_WARNINGS = 20;

function warningsSection(results: Results): string {
  const warnings = results.warnings;
  if (warnings.length === 0) return "";
  const items = warnings.slice(0, MAX_REPORT_WARNINGS).map((w) => `<pre class="warning">${escapeHtml(formatRunWarning(w))}</pre>`);
  const rest = warnings.length - MAX_REPORT_WARNINGS;
  const more = rest > 0 ? `\n<p class="note">and ${rest} more</p>` : "";
  return `<section class="warnings"><h2>${warnings.length === 1 ? "A warning" : plural(warnings.length, "warning")}</h2>
<p>A number became NaN or ±Infinity, or stopped being a number; the rows are kept as the model made them.</p>
${items.join("\n")}${more}</section>`;
}

function subsetsSection(results: Results): string {
  const sims = results.simulations;
  if (sims.every((s) => s.subsets.every((p) => Object.keys(p).length === 0))) return "";
  const many = sims.length > 1;
  const keys = [...new Set(sims.flatMap((s) => s.subsets.flatMap((p) => Object.keys(p))))];
  const rows = sims.flatMap((s) =>
    s.subsets.map(
      (p, i) =>
        `<tr>${many ? `<td>${s.simulation}</td>` : ""}<td>${i}</td>${keys.map((k) => `<td>${k in p ? escapeHtml(paramText(p[k])) : ""}</td>`).join("")}</tr>`,
    ),
  );
  return `<section><h2>Parameters</h2><div class="table-wrap"><table><thead><tr>${many ? "<th>simulation</th>" : ""}<th>subset</th>${keys
    .map((k) => `<th>${escapeHtml(k)}</th>`)
    .join("")}</tr></thead><tbody>${rows.join("")}</tbody></table></div></section>`;
}

function paramText(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  if (typeof value === "function") return value.name ? `${value.name}()` : "function";
  if (typeof value === "bigint") return `${value}n`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function finalValuesSection(results: Results): string {
  const parts = results.simulations.map((s) => finalValuesTable(results, s, results.simulations.length > 1)).filter(Boolean);
  return parts.length ? `<section><h2>Final values</h2>\n${parts.join("\n")}</section>` : "";
}

/** The last row of each run (the last computed one for a run that failed), numeric variables only, and each subset's mean. */
function finalValuesTable(results: Results, sim: SimulationInfo, many: boolean): string {
  const runs = results.runs.filter((r) => r.simulation === sim.simulation && r.rows > 0);
  if (runs.length === 0) return "";
  const finals = runs.map((run) => results.finalValues(run));
  const names: string[] = [];
  for (const f of finals) for (const k of f.keys()) if (!names.includes(k)) names.push(k);
  const bySubset = sim.subsets.length > 1;
  const complete = sim.timesteps * sim.blocks + 1;
  const body: string[] = [];
  let hidden = 0;
  sim.subsets.forEach((_, subset) => {
    const here = runs.map((run, i) => ({ run, values: finals[i]! })).filter((x) => x.run.subset === subset);
    if (here.length === 0) return;
    here.forEach(({ run, values }, i) => {
      if (i >= MAX_TABLE_RUNS) {
        hidden++;
        return;
      }
      body.push(
        `<tr>${bySubset ? `<td>${escapeHtml(subsetName(sim, subset))}</td>` : ""}<td>${runLabel(run, sim, complete)}</td>${names.map((n) => numCell(values.get(n))).join("")}</tr>`,
      );
    });
    const column = (n: string): number[] => here.map((x) => x.values.get(n)).filter((v): v is number => v !== undefined);
    const summary = (label: string, fold: (vs: number[]) => number, className: string): void => {
      const cells = names.map((n) => {
        const vs = column(n);
        return numCell(vs.length ? fold(vs) : undefined);
      });
      body.push(`<tr class="${className}">${bySubset ? `<td>${escapeHtml(subsetName(sim, subset))}</td>` : ""}<td>${label}</td>${cells.join("")}</tr>`);
    };
    if (here.length > 1) summary(`mean of ${here.length}`, (vs) => vs.reduce((a, b) => a + b, 0) / vs.length, "mean");
    // Unlisted runs still show through their extremes.
    if (here.length > MAX_TABLE_RUNS) {
      summary("min", (vs) => vs.reduce((a, b) => Math.min(a, b)), "extreme");
      summary("max", (vs) => vs.reduce((a, b) => Math.max(a, b)), "extreme");
    }
  });
  const others = sim.variables.filter((_, v) => runs.some((r) => r.columns[v]!.kind === "any"));
  const notes = [
    ...(hidden ? [`${formatCount(hidden)} more runs are not listed; the mean, min and max rows cover every run.`] : []),
    ...(others.length ? [`Not shown (not numbers): ${others.join(", ")}.`] : []),
  ];
  const heading = many
    ? `<h3>${escapeHtml(sim.name)} (simulation ${sim.simulation}), timestep ${sim.timesteps}</h3>`
    : `<p class="caption">At timestep ${sim.timesteps}.</p>`;
  return `${heading}
<div class="table-wrap"><table class="finals"><thead><tr>${bySubset ? "<th>subset</th>" : ""}<th>run</th>${names.map((n) => `<th class="num">${escapeHtml(n)}</th>`).join("")}</tr></thead>
<tbody>${body.join("\n")}</tbody></table></div>${notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("")}`;
}

function runLabel(run: RunData, sim: SimulationInfo, complete: number): string {
  if (run.rows >= complete) return String(run.run);
  const last = rowMeta(run.rows - 1, sim.blocks);
  return `${run.run} <span class="stopped">(stopped at timestep ${last.timestep}, substep ${last.substep})</span>`;
}

function numCell(v: number | undefined): string {
  return `<td class="num">${v === undefined ? "" : escapeHtml(formatNumber(v))}</td>`;
}
