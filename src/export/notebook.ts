// The Jupyter notebook of "Open in Jupyter": pandas reads the CSV written beside it, matplotlib draws the seed
// notebook's chart, and the final values are grouped by the swept parameters, as a cadCAD user writes it by hand.
import { varyingParams } from "../engine/subsets";
import type { Results } from "../engine";
import { buildChartData } from "../shared/chartData";
import { overlayVariables, varyingVariables } from "../shared/chartRows";

/** What the notebook's cells need to know about the results. */
export interface NotebookFacts {
  /** The model's name: the notebook's heading. */
  title: string;
  /** The CSV's file name, read relative to the notebook (Jupyter runs a notebook in its own folder). */
  csvFile: string;
  /** One line about where the data comes from ("Run 3 of `examples/workToken.sim.ts`, seed 42."). */
  about: string;
  /** The variables drawn on the chart; none: no chart. */
  variables: string[];
  /** The CSV columns of the parameters that differ between subsets: the chart's lines and the final table's groups. */
  sweep: string[];
  /** Parameter subsets in the results. */
  subsets: number;
}

/** The chart's variables and the swept parameter columns of `results`, as the results panel picks them. */
export function notebookFacts(results: Results): Pick<NotebookFacts, "variables" | "sweep" | "subsets"> {
  const data = buildChartData(results);
  const varying = varyingVariables(data);
  const overlay = overlayVariables(data, varying);
  // A model with no two variables on one scale still gets a chart: its first variable that changes.
  const variables = overlay.length ? overlay : varying.slice(0, 1);
  const swept = new Set(results.simulations.flatMap((s) => varyingParams(s)));
  const sweep = results
    .paramColumns()
    .filter((c) => swept.has(c.key))
    .map((c) => c.name);
  return { variables, sweep, subsets: Math.max(0, ...results.simulations.map((s) => s.subsets.length)) };
}

/** A Python string literal: JSON's escapes are all valid in Python's strings too. */
function py(text: string): string {
  return JSON.stringify(text);
}

function pyList(items: readonly string[]): string {
  return `[${items.map(py).join(", ")}]`;
}

/** Markdown code span that survives backticks in the text. */
function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${text}${fence}`;
}

interface Cell {
  cell_type: "markdown" | "code";
  id: string;
  metadata: Record<string, never>;
  source: string[];
  execution_count?: null;
  outputs?: never[];
}

/** nbformat keeps a cell's text as lines, each with its newline but the last. */
function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

function markdown(id: string, text: string): Cell {
  return { cell_type: "markdown", id, metadata: {}, source: lines(text) };
}

function codeCell(id: string, text: string): Cell {
  return { cell_type: "code", id, metadata: {}, execution_count: null, outputs: [], source: lines(text) };
}

/** The chart cell: one line per subset and variable, the mean across runs with its p5–p95 band. */
function chartCode(facts: NotebookFacts): string {
  const { variables, sweep, subsets } = facts;
  const label = sweep.length > 0 ? `f"{variable} ({name})"` : subsets > 1 ? `f"{variable} (subset {subset})"` : "variable";
  return [
    `variables = ${pyList(variables)}`,
    ...(sweep.length ? [`sweep = ${pyList(sweep)}`] : []),
    "",
    "fig, ax = plt.subplots(figsize=(10, 5))",
    'for subset, runs in df.groupby("subset"):',
    '    by_timestep = runs.groupby("timestep")',
    ...(sweep.length ? ['    name = ", ".join(f"{p} = {runs[p].iloc[0]}" for p in sweep)'] : []),
    "    for variable in variables:",
    "        mean = by_timestep[variable].mean()",
    `        (line,) = ax.plot(mean.index, mean, label=${label})`,
    "        p5 = by_timestep[variable].quantile(0.05)",
    "        p95 = by_timestep[variable].quantile(0.95)",
    "        ax.fill_between(mean.index, p5, p95, color=line.get_color(), alpha=0.2)",
    'ax.set_xlabel("timestep")',
    "ax.legend()",
    "plt.show()",
  ].join("\n");
}

/** The final table: the last row of each subset by its swept parameters, else of each run. */
function finalsCode(sweep: readonly string[]): string {
  if (sweep.length === 1) return `df.groupby(${py(sweep[0]!)}).last()`;
  return `df.groupby(${pyList(sweep.length ? sweep : ["subset", "run"])}).last()`;
}

/** The notebook (nbformat 4.5) as JSON text; its cells have no outputs until someone runs them. */
export function renderNotebook(facts: NotebookFacts): string {
  const plotted = facts.variables.map(code).join(" and ");
  const cells: Cell[] = [
    markdown(
      "about",
      `# ${facts.title}\n\n${facts.about} Substep wrote ${code(facts.csvFile)} beside this notebook: one row per substep, as cadCAD gives them, with the parameters as columns.`,
    ),
    codeCell("load", `import matplotlib.pyplot as plt\nimport pandas as pd\n\ndf = pd.read_csv(${py(facts.csvFile)})\ndf.head()`),
    markdown("substeps", "Keep the initial state and the last substep of each timestep."),
    codeCell("drop-substeps", "df = df[(df.substep == df.substep.max()) | (df.timestep == 0)]"),
    ...(facts.variables.length
      ? [
          markdown("chart-about", `## ${plotted} over time\n\nThe mean across runs, and the band from the 5th to the 95th percentile.`),
          codeCell("chart", chartCode(facts)),
        ]
      : []),
    markdown("finals-about", `## Final values\n\n${facts.sweep.length ? "The last row of each parameter subset." : "The last row of each run."}`),
    codeCell("finals", finalsCode(facts.sweep)),
  ];
  const notebook = {
    cells,
    metadata: {
      kernelspec: { display_name: "Python 3", language: "python", name: "python3" },
      language_info: { name: "python" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
