// The "Open in Jupyter" notebook, for real: the CLI writes the CSV, the notebook is checked against nbformat's own
// schema, and its code cells run in Debian's Python with pandas and matplotlib, as a kernel would run them.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { simulate } from "../../../src/engine";
import { notebookFacts, renderNotebook } from "../../../src/export/notebook";
import { loadModelFile } from "../../../src/loader";

const root = join(__dirname, "..", "..", "..");
const dir = mkdtempSync(join(tmpdir(), "substep-notebook-"));

/**
 * Validates the notebook, runs each code cell in one namespace (a cell's last expression is its value, as in
 * Jupyter), saves the figures, and prints what the test checks as JSON.
 */
const DRIVER = `
import ast, json, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import nbformat

nb = nbformat.read(sys.argv[1], as_version=4)
nbformat.validate(nb)
ns = {}
value = None
for cell in nb.cells:
    if cell.cell_type != "code":
        continue
    tree = ast.parse(cell.source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, cell.id, "exec"), ns)
    value = eval(compile(ast.Expression(last.value), cell.id, "eval"), ns) if last else None
figures = plt.get_fignums()
for n in figures:
    plt.figure(n).savefig(f"{sys.argv[2]}-{n}.png")
ax = plt.figure(figures[0]).axes[0] if figures else None
print(json.dumps({
    "figures": len(figures),
    "lines": [{"label": l.get_label(), "x": [float(x) for x in l.get_xdata()], "y": [float(y) for y in l.get_ydata()]} for l in ax.get_lines()] if ax else [],
    "bands": len(ax.collections) if ax else 0,
    "index": list(value.index.names),
    "finals": value.reset_index().to_dict(orient="records"),
}, default=lambda v: v.item()))
`;

/** Debian's python3 (where its pandas is) or the first on PATH, whichever has pandas, matplotlib and nbformat. */
function python(): string {
  for (const candidate of ["/usr/bin/python3", "python3"]) {
    const r = spawnSync(candidate, ["-c", "import pandas, matplotlib, nbformat"], { encoding: "utf8" });
    if (r.status === 0) return candidate;
  }
  assert.fail("no python3 with pandas, matplotlib and nbformat: run scripts/install-test-deps.sh");
}

interface Ran {
  figures: number;
  lines: { label: string; x: number[]; y: number[] }[];
  bands: number;
  index: string[];
  finals: Record<string, number>[];
}

/** Writes the model's CSV with the CLI and its notebook beside it, and runs the notebook. */
async function handOff(model: string, stem: string): Promise<{ csv: Record<string, number>[]; ran: Ran; notebook: string }> {
  const csvPath = join(dir, `${stem}.csv`);
  const cli = spawnSync(process.execPath, [join(root, "bin", "substep.js"), "run", model, "--out", csvPath, "--quiet"], { encoding: "utf8", cwd: root });
  assert.equal(cli.status, 0, cli.stderr);
  const { exported } = await loadModelFile(join(root, model));
  const results = simulate(exported);
  const notebook = renderNotebook({ title: results.simulations[0]!.name, csvFile: `${stem}.csv`, about: `Run 1 of \`${model}\`.`, ...notebookFacts(results) });
  const nbPath = join(dir, `${stem}.ipynb`);
  writeFileSync(nbPath, notebook);
  const py = spawnSync(python(), ["-c", DRIVER, nbPath, join(dir, stem)], { encoding: "utf8", cwd: dir, env: { ...process.env, MPLBACKEND: "Agg" } });
  assert.equal(py.status, 0, py.stderr);
  const [header, ...rows] = readFileSync(csvPath, "utf8").trimEnd().split("\n");
  const names = header!.split(",");
  const csv = rows.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [names[i]!, Number(cell)])));
  return { csv, ran: JSON.parse(py.stdout) as Ran, notebook };
}

/** Each (subset, run)'s last row in the CSV. */
function lastRows(csv: Record<string, number>[]): Map<string, Record<string, number>> {
  const last = new Map<string, Record<string, number>>();
  for (const row of csv) last.set(`${row.subset}:${row.run}`, row);
  return last;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** pandas' default CSV float parser may read the last digit of a 17-digit number one unit off. */
function close(actual: number, expected: number, what = ""): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.abs(expected), `${what}${actual} vs ${expected}`);
}

test("the notebook is nbformat 4.5 with a Python 3 kernel, and its cells read as a person writes them", async () => {
  const { notebook } = await handOff("examples/workToken.sim.ts", "workToken-run-1");
  const nb = JSON.parse(notebook) as {
    nbformat: number;
    nbformat_minor: number;
    metadata: { kernelspec: { name: string } };
    cells: { cell_type: string; source: string[] }[];
  };
  assert.equal(nb.nbformat, 4);
  assert.equal(nb.nbformat_minor, 5);
  assert.equal(nb.metadata.kernelspec.name, "python3");
  const code = nb.cells.filter((c) => c.cell_type === "code").map((c) => c.source.join(""));
  assert.match(code[0]!, /^import matplotlib\.pyplot as plt\nimport pandas as pd\n\ndf = pd\.read_csv\("workToken-run-1\.csv"\)/);
  assert.equal(code[1], "df = df[(df.substep == df.substep.max()) | (df.timestep == 0)]");
  assert.match(code[2]!, /^variables = \["tokens", "community_treasury"\]\n/);
  assert.equal(code.at(-1), 'df.groupby(["subset", "run"]).last()');
});

test("WORK token: the chart draws tokens and the treasury at each timestep, the final table has each run's last row", async () => {
  const { csv, ran } = await handOff("examples/workToken.sim.ts", "workToken-run-2");
  assert.equal(ran.figures, 1);
  assert.ok(existsSync(join(dir, "workToken-run-2-1.png")), "the figure was saved");
  assert.deepEqual(
    ran.lines.map((l) => l.label),
    ["tokens", "community_treasury"],
  );
  assert.equal(ran.bands, 2, "a p5–p95 band per line");
  const [tokens, treasury] = ran.lines;
  // Substeps dropped: one point per timestep, 0 to 52.
  assert.deepEqual(
    tokens!.x,
    Array.from({ length: 53 }, (_, t) => t),
  );
  assert.equal(tokens!.y.at(-1), 5201);
  assert.equal(treasury!.y.at(-1), 5200);
  const last = lastRows(csv);
  assert.deepEqual(ran.index, ["subset", "run"]);
  assert.equal(ran.finals.length, last.size, "one row per run");
  for (const row of ran.finals) {
    const expected = last.get(`${row.subset}:${row.run}`)!;
    assert.equal(row.tokens, expected.tokens);
    assert.equal(row.tokens, 5201);
    assert.equal(row["contributors.token_balance"], expected["contributors.token_balance"]);
  }
});

test("a sweep: one line per subset named by its parameter, the final table grouped by the swept parameter", async () => {
  const { csv, ran, notebook } = await handOff("examples/bondingCurve.sim.ts", "bondingCurve-run-1");
  assert.match(notebook, /df\.groupby\(\\"curve_exponent\\"\)\.last\(\)/);
  assert.deepEqual(ran.index, ["curve_exponent"]);
  const last = [...lastRows(csv).values()];
  const subsets = [...new Set(csv.map((r) => r.subset!))];
  assert.equal(ran.finals.length, subsets.length, "one row per subset");
  for (const row of ran.finals) {
    // `.last()` is the last row of the subset: its last run's final timestep.
    const expected = last.filter((r) => r.curve_exponent === row.curve_exponent).at(-1)!;
    close(row.price!, expected.price!);
    close(row.supply!, expected.supply!);
  }
  const variables = [...new Set(ran.lines.map((l) => l.label.replace(/ \(.*\)$/, "")))];
  assert.equal(variables.length, 2, ran.lines.map((l) => l.label).join(", "));
  assert.equal(ran.lines.length, 2 * subsets.length);
  assert.equal(ran.bands, ran.lines.length);
  // Each line is the mean across the subset's runs at each timestep: the final point is the mean of the runs' final values.
  for (const line of ran.lines) {
    const [, variable, exponent] = /^(.*) \(curve_exponent = (.*)\)$/.exec(line.label)!;
    const finals = last.filter((r) => r.curve_exponent === Number(exponent)).map((r) => r[variable!]!);
    close(line.y.at(-1)!, mean(finals), `${line.label}: `);
  }
});
