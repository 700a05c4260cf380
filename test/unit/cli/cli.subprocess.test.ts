// The `substep` command, as users run it: options, outputs, summary, statistics and exit codes.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { UsageError, parseArgs, parseParam } from "../../../src/cli/args";

const root = join(__dirname, "..", "..", "..");
const example = join(root, "examples", "workToken.sim.ts");
const dir = mkdtempSync(join(tmpdir(), "substep-cli-"));

function substep(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, "bin", "substep.js"), ...args], { encoding: "utf8", cwd: root });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test("arguments: values, repeats, and usage errors", () => {
  const cmd = parseArgs([
    "run",
    "m.sim.ts",
    "--runs",
    "5",
    "--timesteps=10",
    "--seed",
    "-3",
    "--param",
    "rate=0.1,0.2",
    "--param",
    "name=a",
    "--sweep",
    "cartesian",
    "--out",
    "a.csv",
    "--out",
    "b.json",
    "--drop-substeps",
    "--workers",
    "2",
    "--quiet",
    "--timeout",
    "2.5",
  ]);
  assert.deepEqual(cmd, {
    command: "run",
    file: "m.sim.ts",
    overrides: { runs: 5, timesteps: 10, seed: -3, params: { rate: [0.1, 0.2], name: ["a"] }, sweep: "cartesian" },
    outputs: ["a.csv", "b.json"],
    dropSubsteps: true,
    workers: 2,
    stats: undefined,
    quiet: true,
    strict: false,
    timeoutSeconds: 2.5,
  });
  assert.throws(() => parseArgs(["run", "m.sim.ts", "--timeout", "0"]), /--timeout takes a number of seconds > 0/);
  assert.throws(() => parseArgs(["run", "m.sim.ts", "--runs", "0"]), UsageError);
  assert.throws(() => parseArgs(["run", "m.sim.ts", "--bogus"]), /unknown option '--bogus'/);
  assert.throws(() => parseArgs(["run"]), /no model file given/);
  assert.throws(() => parseArgs(["run", "m.sim.ts", "--out", "x.txt"]), /must end in .json, .csv or .html/);
  assert.throws(() => parseArgs(["walk"]), /unknown command 'walk'/);
});

test("--param values are JSON where they parse, strings otherwise, and keep commas inside JSON", () => {
  assert.deepEqual(parseParam("rate=0.1,0.2"), ["rate", [0.1, 0.2]]);
  assert.deepEqual(parseParam("mode=fast,slow"), ["mode", ["fast", "slow"]]);
  assert.deepEqual(parseParam("pairs=[1,2],[3,4]"), [
    "pairs",
    [
      [1, 2],
      [3, 4],
    ],
  ]);
  assert.deepEqual(parseParam('label="a,b"'), ["label", ["a,b"]]);
  assert.deepEqual(parseParam("flag=true,x"), ["flag", [true, "x"]]);
});

test("help and usage errors: exit 0 and 2", () => {
  const help = substep("--help");
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: substep run <model file>/);
  const bad = substep("run", example, "--runs", "zero");
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--runs takes a whole number >= 1, not 'zero'/);
  const missing = substep("run", join(dir, "nothing.sim.ts"));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read the model file/);
});

test("a run prints a summary with the final values and writes JSON, CSV, HTML and statistics", () => {
  const json = join(dir, "rows.json");
  const csv = join(dir, "rows.csv");
  const html = join(dir, "report.html");
  const stats = join(dir, "stats.json");
  const r = substep("run", example, "--out", json, "--out", csv, "--out", html, "--stats", stats);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /WORK token distribution/);
  assert.match(r.stdout, /1 subset · 3 runs · 52 timesteps · 2 blocks · 315 rows · seed 42/);
  assert.match(r.stdout, /mean +5201 +100 +5200/);
  assert.match(r.stdout, new RegExp(`wrote ${html.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  const rows = JSON.parse(readFileSync(json, "utf8")) as Record<string, unknown>[];
  assert.equal(rows.length, 315);
  assert.deepEqual(Object.keys(rows[0]!), [
    "tokens",
    "weekly_token_minting",
    "community_treasury",
    "contributors",
    "simulation",
    "subset",
    "run",
    "timestep",
    "substep",
  ]);
  const lines = readFileSync(csv, "utf8").trimEnd().split("\n");
  assert.equal(lines.length, 316);
  assert.equal(lines[0], "tokens,weekly_token_minting,community_treasury,contributors.token_balance,simulation,subset,run,timestep,substep");
  assert.equal(lines[1], "1,100,0,0,0,0,1,0,0");
  assert.match(readFileSync(html, "utf8"), /<html[\s\S]*WORK token distribution/);
  const s = JSON.parse(readFileSync(stats, "utf8"));
  assert.deepEqual(Object.keys(s).sort(), [
    "engineMs",
    "loadMs",
    "peakRssBytes",
    "rows",
    "runs",
    "simulations",
    "subsets",
    "timesteps",
    "warnings",
    "workers",
    "writeMs",
  ]);
  assert.equal(s.warnings, 0);
  assert.equal(s.rows, 315);
  assert.equal(s.runs, 3);
  // The contract's default: the machine's cores, in worker threads (no more than the 3 runs).
  assert.equal(s.workers, Math.min(availableParallelism(), 3));
  assert.ok(s.engineMs > 0 && s.loadMs > 0 && s.peakRssBytes > 1e6);
});

test("overrides, sweeps, --drop-substeps and --quiet", () => {
  const model = join(dir, "swept.sim.ts");
  writeFileSync(
    model,
    `import { defineModel } from "substep";
export default defineModel({
  initialState: { x: 0, nan: 0 },
  timesteps: 4,
  params: { rate: [1, 2], scale: [10] },
  blocks: [
    { variables: { x: (p, s, h, state) => state.x + p.rate * p.scale } },
    { variables: { nan: () => NaN } },
  ],
});
`,
  );
  const json = join(dir, "swept.json");
  const stats = join(dir, "swept-stats.json");
  const r = substep(
    "run",
    model,
    "--param",
    "scale=1,2,3",
    "--sweep",
    "cartesian",
    "--runs",
    "2",
    "--timesteps",
    "3",
    "--drop-substeps",
    "--out",
    json,
    "--stats",
    stats,
    "--quiet",
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "");
  const rows = JSON.parse(readFileSync(json, "utf8")) as Record<string, unknown>[];
  // 2 rates × 3 scales = 6 subsets, 2 runs each, initial row + 3 end-of-timestep rows.
  assert.equal(rows.length, 6 * 2 * 4);
  assert.ok(rows.every((r) => r.substep === 0 || r.substep === 2));
  assert.equal(rows[rows.length - 1]!.x, 2 * 3 * 3);
  assert.equal(rows[1]!.nan, "NaN", "non-finite numbers are written as strings");
  assert.equal(JSON.parse(readFileSync(stats, "utf8")).subsets, 6);
  const mismatch = substep("run", model, "--param", "scale=1,2,3");
  assert.equal(mismatch.code, 2);
  assert.match(mismatch.stderr, /swept\.sim\.ts:5:\d+: parameters 'rate' \(2 values\) and 'scale' \(3 values\) have different lengths/);
});

test("a model that fails while running: exit 1, a located message, and the rows before it written", () => {
  const model = join(root, "test", "fixtures", "models", "updateReturnsUndefined.sim.ts");
  const json = join(dir, "partial.json");
  const r = substep("run", model, "--out", json);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /updateReturnsUndefined\.sim\.ts:\d+:\d+: returned undefined/);
  assert.match(r.stderr, /in state update 'size' at simulation 0, subset 0, run 1, timestep 3, substep 2/);
  assert.equal((JSON.parse(readFileSync(json, "utf8")) as unknown[]).length, 6);
});

test("outputs that cannot be written: exit 2 before anything runs, one line, no stack", () => {
  const folder = join(dir, "taken.csv");
  mkdirSync(folder, { recursive: true });
  const file = join(dir, "plain-file");
  writeFileSync(file, "");
  const json = join(dir, "not-written.json");
  for (const [args, said] of [
    [["--out", folder, "--out", json], /cannot write .*taken\.csv: it is a folder/],
    [["--out", join(file, "x.csv")], /cannot write .*x\.csv: a part of .*plain-file is a file, not a folder/],
    [["--stats", folder], /cannot write .*taken\.csv: it is a folder/],
  ] as const) {
    const r = substep("run", example, ...args);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, said);
    assert.doesNotMatch(r.stderr, /internal error| {4}at /);
    assert.equal(r.stdout, "", "nothing ran");
  }
  assert.equal(existsSync(json), false);
});

test("--timeout stops a model that never ends: exit 1 and a message naming the option", () => {
  const r = substep("run", join(root, "test", "fixtures", "models", "forever.sim.ts"), "--timeout", "1", "--quiet");
  assert.equal(r.code, 1);
  assert.match(r.stderr, /did not finish within 1 s \(--timeout\): stopped; no run had finished, so there are no rows/);
});

test("top-level Math.random gives the same model in every worker; bigints summarise; a thrown object is shown as written", () => {
  const model = join(root, "test", "fixtures", "models", "loadRandomAndBigint.sim.ts");
  const csv = (workers: string) => {
    const out = join(dir, `load-random-${workers}.csv`);
    const r = substep("run", model, "--workers", workers, "--out", out);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /big \(run 1\): 80n/);
    return readFileSync(out, "utf8");
  };
  const one = csv("1");
  assert.equal(csv("2"), one);
  assert.equal(csv("2"), one, "and on every invocation");
  assert.equal(
    new Set(
      one
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => line.split(",")[0]),
    ).size,
    1,
    "every run starts from the same x",
  );
  const thrown = substep("run", model, "--param", "throwAt=2");
  assert.equal(thrown.code, 1);
  assert.match(thrown.stderr, /threw \{"code":42\}/);
});

test("--version is the package's; a file that is not a model says so", () => {
  const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
  assert.equal(substep("--version").stdout.trim(), version);
  const notModel = join(dir, "results.csv");
  writeFileSync(notModel, "a,b\n");
  const r = substep("run", notModel);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /results\.csv is not a model file: a model is a TypeScript or JavaScript module named \*\.sim\.ts/);
});
