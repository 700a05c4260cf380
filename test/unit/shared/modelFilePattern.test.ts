// The model-file pattern is defined once for TypeScript code; package.json and the TypeScript plugin repeat it and must agree.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { isModelFile, MODEL_EXTENSIONS, MODEL_GLOB, modelStem } from "../../../src/shared/modelFilePattern";

const root = join(__dirname, "..", "..", "..");
const names = ["a.sim.ts", "a.sim.mts", "a.sim.js", "a.sim.mjs", "a.sim.cts", "a.sim.cjs", "a.sim.tsx", "a.ts", "sim.ts"];
const accepted = names.filter(isModelFile);

test("model files are *.sim.{ts,mts,js,mjs}", () => {
  assert.deepEqual(accepted, ["a.sim.ts", "a.sim.mts", "a.sim.js", "a.sim.mjs"]);
  assert.equal(MODEL_GLOB, "**/*.sim.{ts,mts,js,mjs}");
  assert.equal(modelStem("workToken.sim.mts"), "workToken");
});

test("package.json's activation event and when clauses, and the TypeScript plugin, accept the same files", () => {
  const manifest = readFileSync(join(root, "package.json"), "utf8");
  assert.ok(manifest.includes(`"workspaceContains:${MODEL_GLOB}"`));
  const whens = [...manifest.matchAll(/resourceFilename =~ \/((?:[^/\\]|\\.)+)\//g)].map((m) => new RegExp(JSON.parse(`"${m[1]}"`)));
  assert.ok(whens.length > 0);
  for (const when of whens)
    assert.deepEqual(
      names.filter((n) => when.test(n)),
      accepted,
      String(when),
    );
  const plugin = readFileSync(join(root, "tsserver-plugin", "index.js"), "utf8").match(/const MODEL_FILE = \/(.+?)\/;/)!;
  assert.deepEqual(
    names.filter((n) => new RegExp(plugin[1]!).test(n)),
    accepted,
  );
  assert.deepEqual([...MODEL_EXTENSIONS], ["ts", "mts", "js", "mjs"]);
});
