// `substep compare`, as users run it: results files and model files side by side, the report, and the errors.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { UsageError, parseArgs } from "../../../src/cli/args";
import { formatNumber } from "../../../src/export/format";

const root = join(__dirname, "..", "..", "..");
const workToken = "examples/workToken.sim.ts";
const sweep = "test/fixtures/models/stakingSweep.sim.ts";
const dir = mkdtempSync(join(tmpdir(), "substep-compare-"));

function substep(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, "bin", "substep.js"), ...args], { encoding: "utf8", cwd: root });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Each number's mean over the runs of its value in the run's last row, as the rows in a JSON file say. */
function meanFinals(file: string): Map<string, number> {
  const rows = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>[];
  const last = new Map<string, Record<string, unknown>>();
  for (const row of rows) last.set(JSON.stringify([row.simulation, row.subset, row.run]), row);
  const sums = new Map<string, number>();
  for (const row of last.values()) {
    for (const [key, value] of Object.entries(row)) {
      if (["simulation", "subset", "run", "timestep", "substep"].includes(key)) continue;
      const leaves = typeof value === "object" && value !== null ? Object.entries(value).map(([k, v]) => [`${key}.${k}`, v] as const) : [[key, value] as const];
      for (const [name, v] of leaves) sums.set(name, (sums.get(name) ?? 0) + (v as number));
    }
  }
  return new Map([...sums].map(([name, sum]) => [name, sum / last.size]));
}

/** The table's line for a number (its first cell). */
function tableLine(stdout: string, name: string, group?: string): string {
  const line = stdout.split("\n").find((l) => l.startsWith(`${name} `) && (group === undefined || l.includes(group)));
  assert.ok(line, `a line for ${name} ${group ?? ""} in\n${stdout}`);
  return line;
}

test("arguments: inputs, labels, run options for every model input, and usage errors", () => {
  assert.deepEqual(
    parseArgs([
      "compare",
      "a.json",
      "m.sim.ts",
      "--label",
      "before",
      "--seed=2",
      "--runs",
      "4",
      "--param",
      "apr=0.1",
      "--out",
      "r.html",
      "-q",
      "--workers",
      "1",
    ]),
    {
      command: "compare",
      inputs: ["a.json", "m.sim.ts"],
      labels: ["before"],
      overrides: { seed: 2, runs: 4, params: { apr: [0.1] } },
      outputs: ["r.html"],
      workers: 1,
      timeoutSeconds: undefined,
      quiet: true,
    },
  );
  assert.throws(() => parseArgs(["compare", "a.json"]), /compare needs at least two inputs .*not one \(a\.json\)/);
  assert.throws(() => parseArgs(["compare"]), UsageError);
  assert.throws(() => parseArgs(["compare", "a.json", "b.txt"]), /b\.txt: an input is a results file \(\.json\) or a model file/);
  assert.throws(() => parseArgs(["compare", "a.json", "b.json", "--label", "x", "--label", "y", "--label", "z"]), /3 labels for 2 inputs/);
  assert.throws(() => parseArgs(["compare", "a.json", "b.json", "--drop-substeps"]), /unknown option '--drop-substeps'/);
  assert.throws(() => parseArgs(["compare", "a.json", "b.json", "--out", "x.txt"]), /must end in .json, .csv or .html/);
});

test("two seeds' JSON rows: the table has both labels and the means of the files' final rows; the report has the table", () => {
  const a = join(dir, "a.json");
  const b = join(dir, "b.json");
  const html = join(dir, "compare.html");
  for (const [seed, out] of [
    ["1", a],
    ["2", b],
  ] as const) {
    const r = substep("run", workToken, "--seed", seed, "--timesteps", "10", "-q", "--out", out);
    assert.equal(r.code, 0, r.stderr);
  }
  const r = substep("compare", a, b, "--out", html);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Comparing 2 results:\n {2}a\.json {2}\S*a\.json \(63 rows · 3 runs · 10 timesteps\)\n {2}b\.json {2}\S*b\.json/);
  assert.match(r.stdout, /^variable +a\.json +b\.json +b\.json − a\.json$/m);
  const [meansA, meansB] = [meanFinals(a), meanFinals(b)];
  assert.deepEqual([...meansA.keys()], ["tokens", "weekly_token_minting", "community_treasury", "contributors.token_balance"]);
  for (const [name, meanA] of meansA) {
    const cells = tableLine(r.stdout, name).split(/ {2,}/);
    assert.deepEqual(cells.slice(0, 3), [name, formatNumber(meanA), formatNumber(meansB.get(name)!)]);
  }
  assert.notEqual(meansA.get("contributors.token_balance"), meansB.get("contributors.token_balance"), "other seeds, other draws");
  assert.match(r.stdout, /Differences are from a\.json\./);
  assert.match(r.stdout, new RegExp(`wrote ${html.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  const report = readFileSync(html, "utf8");
  assert.match(report, /<h2>Final values compared<\/h2>/);
  assert.match(report, /<th class="num">a\.json<\/th><th class="num">b\.json<\/th>/);
});

test("one model file twice, named by --label: both run with the same options; the CSV says whose each row is", () => {
  const csv = join(dir, "twice.csv");
  const r = substep("compare", workToken, workToken, "--label", "base", "--label", "again", "--runs", "2", "--timesteps", "5", "--seed", "3", "--out", csv);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ {2}base {3}examples\/workToken\.sim\.ts \(seed 3 · 2 runs · 5 timesteps\)$/m);
  assert.match(r.stdout, /^ {2}again {2}examples\/workToken\.sim\.ts \(seed 3 · 2 runs · 5 timesteps\)$/m);
  assert.match(tableLine(r.stdout, "tokens"), /^tokens +501 +501 +0$/);
  assert.match(tableLine(r.stdout, "contributors.token_balance"), / 0$/, "the same seed and options: no difference");
  const lines = readFileSync(csv, "utf8").trimEnd().split("\n");
  assert.equal(lines[0], "tokens,weekly_token_minting,community_treasury,contributors.token_balance,input,simulation,subset,run,timestep,substep");
  assert.equal(lines.length, 1 + 2 * 2 * (5 * 2 + 1));
  assert.deepEqual([...new Set(lines.slice(1).map((l) => l.split(",").slice(4, 6).join(",")))], ["base,0", "again,1"]);
});

test("a swept model's JSON rows with --params-columns line up with the model run now, group by parameter value", () => {
  const json = join(dir, "sweep.json");
  const saved = substep("run", sweep, "--timesteps", "4", "--params-columns", "-q", "--out", json);
  assert.equal(saved.code, 0, saved.stderr);
  const r = substep("compare", json, sweep, "--timesteps", "4");
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^variable +subset +sweep\.json +stakingSweep\.sim\.ts +stakingSweep\.sim\.ts − sweep\.json$/m);
  for (const apr of ["0.05", "0.1", "0.2"]) {
    assert.match(tableLine(r.stdout, "staked", `apr = ${apr}`), / 0$/, "rows read back equal the model's");
    assert.match(tableLine(r.stdout, "rewards", `apr = ${apr}`), / 0$/);
  }
  assert.equal(r.stdout.split("\n").filter((l) => /^(staked|rewards) /.test(l)).length, 6, "no subset left alone on one side");
});

test("errors: one input, a missing file, a broken JSON file, rows without metadata, a model that fails", () => {
  const one = substep("compare", workToken);
  assert.equal(one.code, 2);
  assert.match(one.stderr, /substep: compare needs at least two inputs/);
  assert.match(one.stderr, /substep compare <a> <b>/, "with the usage");
  const missing = substep("compare", workToken, join(dir, "nothing.json"), "--timesteps", "2");
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read the results file \S*nothing\.json: no such file/);
  const broken = join(dir, "broken.json");
  writeFileSync(broken, '[{"tokens": 1, ');
  const bad = substep("compare", broken, workToken);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /substep: \S*broken\.json: not JSON/);
  assert.equal(bad.stdout, "", "nothing compared");
  const noMeta = join(dir, "nometa.json");
  writeFileSync(noMeta, JSON.stringify([{ tokens: 1, simulation: 0, subset: 0, run: 1, timestep: 0, substep: 0 }, { tokens: 2 }]));
  const rows = substep("compare", noMeta, noMeta);
  assert.equal(rows.code, 2);
  assert.match(rows.stderr, /nometa\.json: row 1 has no 'simulation'/);
  const noModel = substep("compare", join(dir, "nothing.sim.ts"), noMeta);
  assert.equal(noModel.code, 2);
  assert.match(noModel.stderr, /cannot read the model file/);
  // As `substep run`: the rows before the error are kept (and compared), the error is located, the exit code is 1.
  const fails = substep("compare", "test/fixtures/models/throws.sim.ts", join(dir, "a.json")); // written by the seeds test
  assert.equal(fails.code, 1);
  assert.match(fails.stderr, /^substep: test\/fixtures\/models\/throws\.sim\.ts:\d+:\d+: boom\n {2}in state update 'level' at simulation 0, subset 0, run 1/);
  assert.match(fails.stdout, /^level +9 +—/m);
});
