// `--csv-safe`: text a spreadsheet would run as a formula is written as text (OWASP "CSV Injection");
// without it every value is written exactly. Read back with d3-dsv (an RFC 4180 parser, installed with
// vega): neither csv-parse nor papaparse is installed.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parseArgs } from "../../../src/cli/args";

const root = join(__dirname, "..", "..", "..");
const model = join("test", "fixtures", "models", "formulaStrings.sim.ts");
const dir = mkdtempSync(join(tmpdir(), "substep-cli-csv-"));
// A name, not a literal: the package has no types, and this test is its only user.
const CSV_PARSER: string = "d3-dsv";

/** The CSV `substep run` writes for the fixture, as text and as parsed rows of cells. */
async function csvOf(...flags: string[]): Promise<{ text: string; header: string[]; rows: Record<string, string>[] }> {
  const out = join(dir, `rows${flags.join("")}.csv`);
  const r = spawnSync(process.execPath, [join(root, "bin", "substep.js"), "run", model, "--out", out, "--quiet", ...flags], { encoding: "utf8", cwd: root });
  assert.equal(r.status, 0, r.stderr);
  const text = readFileSync(out, "utf8");
  const { csvParseRows } = (await import(CSV_PARSER)) as { csvParseRows: (text: string) => string[][] };
  const [header, ...body] = csvParseRows(text.trimEnd());
  return { text, header: header!, rows: body.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]!]))) };
}

test("--csv-safe is parsed, and off unless given", () => {
  assert.equal((parseArgs(["run", "m.sim.ts", "--csv-safe"]) as { csvSafe?: boolean }).csvSafe, true);
  assert.notEqual((parseArgs(["run", "m.sim.ts"]) as { csvSafe?: boolean }).csvSafe, true);
});

test("--csv-safe writes formula-like text and headers as text: a single quote before it, the cell quoted", async () => {
  const { text, header, rows } = await csvOf("--csv-safe");
  assert.deepEqual(header.slice(0, 3), ["'=x", "formula", "command"]);
  assert.ok(text.startsWith(`"'=x",formula,`), text);
  const first = rows[0]!;
  assert.equal(first.formula, "'=1+1");
  assert.equal(first.command, "'-cmd");
  assert.equal(first.at, "'@SUM(A1)");
  assert.equal(first.plus, "'+41");
  assert.equal(first.tab, "'\tlead");
  assert.equal(first.cr, "'\rlead");
  assert.equal(first.quoted, `'=HYPERLINK("http://x")`);
  assert.equal(first["nested.note"], "'=2*3");
  assert.equal(first.plain, "fine, with a comma", "text that is no formula stays as it is");
  assert.match(text, /,"'=1\+1","'-cmd","'@SUM\(A1\)",/);
  // Numbers, negative ones too, stay numbers: unquoted and unprefixed.
  assert.deepEqual(
    rows.map((r) => r.debt),
    ["-5", "-6", "-7"],
  );
  assert.equal(first["nested.-inner"], "-1.5");
  assert.equal(first["'=x"], "1");
  assert.match(text.split("\n")[1]!, /,-5,-1\.5,/);
});

test("without --csv-safe every value is written exactly as it is", async () => {
  const { header, rows } = await csvOf();
  assert.deepEqual(header, [
    "=x",
    "formula",
    "command",
    "at",
    "plus",
    "tab",
    "cr",
    "quoted",
    "plain",
    "debt",
    "nested.-inner",
    "nested.note",
    "simulation",
    "subset",
    "run",
    "timestep",
    "substep",
  ]);
  const first = rows[0]!;
  assert.equal(first.formula, "=1+1");
  assert.equal(first.command, "-cmd");
  assert.equal(first.at, "@SUM(A1)");
  assert.equal(first.plus, "+41");
  assert.equal(first.tab, "\tlead");
  assert.equal(first.cr, "\rlead");
  assert.equal(first.quoted, `=HYPERLINK("http://x")`);
  assert.equal(first["nested.note"], "=2*3");
  assert.equal(first["=x"], "1");
  assert.deepEqual(
    rows.map((r) => Number(r.debt)),
    [-5, -6, -7],
  );
});
