// Every fixture of test/conformance (a verbatim copy of real cadCAD 0.5.3 output) through the real CLI:
// `substep run model.sim.ts --out out.json`, compared by the fixtures' own rule (conformance/README.md).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const root = join(__dirname, "..", "..", "..");
const fixtures = join(root, "test", "conformance");
const cli = join(root, "bin", "substep.js");
const out = mkdtempSync(join(tmpdir(), "substep-conformance-"));

/** The README's rule: same keys, deep equality, numbers within `tolerance` (relative). */
function compare(actual: unknown, expected: unknown, tolerance: number, path: string): void {
  if (typeof expected === "number" && typeof actual === "number") {
    const ok = tolerance === 0 ? actual === expected : Math.abs(actual - expected) <= tolerance * Math.max(Math.abs(actual), Math.abs(expected));
    assert.ok(ok, `${path}: ${actual} != ${expected}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: not an array`);
    assert.equal(actual.length, expected.length, `${path}: length`);
    expected.forEach((e, i) => compare(actual[i], e, tolerance, `${path}[${i}]`));
  } else if (typeof expected === "object" && expected !== null) {
    assert.ok(typeof actual === "object" && actual !== null && !Array.isArray(actual), `${path}: not an object`);
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${path}: keys`);
    for (const k of Object.keys(expected)) compare((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], tolerance, `${path}.${k}`);
  } else {
    assert.equal(actual, expected, path);
  }
}

const names = readdirSync(fixtures).filter((n) => statSync(join(fixtures, n)).isDirectory());

test("there are fixtures to check", () => assert.ok(names.length >= 10, `${names.length} fixtures`));

for (const name of names) {
  test(`conformance: ${name}`, () => {
    const expected = JSON.parse(readFileSync(join(fixtures, name, "expected.json"), "utf8")) as { tolerance: number; rows: Record<string, unknown>[] };
    const file = join(out, `${name}.json`);
    execFileSync(process.execPath, [cli, "run", join(fixtures, name, "model.sim.ts"), "--out", file, "--quiet"], { stdio: "pipe" });
    const rows = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>[];
    assert.equal(rows.length, expected.rows.length, "row count");
    const order = (r: Record<string, unknown>) => ["simulation", "subset", "run", "timestep", "substep"].map((k) => r[k]).join("/");
    rows.forEach((row, i) => {
      assert.equal(order(row), order(expected.rows[i]!), `row ${i}: order`);
      compare(row, expected.rows[i], expected.tolerance, `row ${i}`);
    });
  });
}
