// Model authoring: every "New Model…" template runs as created through the CLI, with the rows its model
// declares and sane values, and type-checks through Substep's plugin; the snippets expand into a model
// that type-checks and runs; the walkthrough and snippet contributions name files and commands that exist.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { before, describe, test } from "node:test";
import { build, type Plugin } from "esbuild";
import { expandSweep, type Model } from "../../../src/engine";
import type { ModelTemplate } from "../../../src/extension/models/templates";
import { expandSnippet, snippetStops } from "./snippetText";
import { typedFolder, writeModelDeclarations } from "./typecheck";

const root = join(__dirname, "..", "..", "..");
const dir = mkdtempSync(join(tmpdir(), "substep-templates-"));
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { contributes: Contributes };

interface Contributes {
  commands: { command: string }[];
  snippets: { language: string; path: string }[];
  walkthroughs: {
    id: string;
    title: string;
    steps: { id: string; title: string; description: string; media: { markdown?: string }; completionEvents?: string[] }[];
  }[];
}

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

type Row = Record<string, unknown> & { subset: number; run: number; timestep: number; substep: number };

/** Runs the CLI as users do; builds it first on a fresh clone. */
function substep(...args: string[]): { code: number; stdout: string; stderr: string } {
  if (!existsSync(join(root, "dist", "cli.js"))) spawnSync(process.execPath, [join(root, "esbuild.mjs")], { cwd: root, stdio: "inherit" });
  const r = spawnSync(process.execPath, [join(root, "bin", "substep.js"), ...args], { encoding: "utf8", cwd: root });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a model file and returns its rows. */
function runRows(file: string): Row[] {
  const out = `${file}.json`;
  const r = substep("run", file, "--out", out, "--quiet");
  assert.equal(r.code, 0, `${file}: exit ${r.code}\n${r.stderr}`);
  assert.equal(r.stderr, "", "nothing on stderr");
  return JSON.parse(readFileSync(out, "utf8")) as Row[];
}

/** Rows a model export makes: per model, runs × subsets × (T × blocks + 1). */
function expectedRows(exported: Model | Model[]): number {
  const models = Array.isArray(exported) ? exported : [exported];
  return models.reduce((n, m) => n + (m.runs ?? 1) * expandSweep(m.params ?? {}, m.sweep).length * (m.timesteps * m.blocks.length + 1), 0);
}

/** TEMPLATES as the extension bundles them: templates.ts built with the same `?raw` text imports as esbuild.mjs. */
async function loadTemplates(): Promise<ModelTemplate[]> {
  const raw: Plugin = {
    name: "raw-text",
    setup(b) {
      b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: resolve(args.resolveDir, args.path.slice(0, -4)), namespace: "raw" }));
      b.onLoad({ filter: /.*/, namespace: "raw" }, async (args) => ({ contents: await readFile(args.path, "utf8"), loader: "text" }));
    },
  };
  const outfile = join(dir, "templates.cjs");
  await build({
    entryPoints: [join(root, "src", "extension", "models", "templates.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    plugins: [raw],
    logLevel: "error",
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS bundle built just above, loaded as the extension loads it
  return (require(outfile) as { TEMPLATES: ModelTemplate[] }).TEMPLATES;
}

/** Every number in a row's state variables, nested ones included, with its flattened name. */
function numbers(row: Row): [string, number][] {
  const out: [string, number][] = [];
  const walk = (value: unknown, name: string): void => {
    if (typeof value === "number") out.push([name, value]);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, `${name}.${k}`);
  };
  for (const [k, v] of Object.entries(row)) if (!["simulation", "subset", "run", "timestep", "substep"].includes(k)) walk(v, k);
  return out;
}

/** Model-specific checks on a template's rows, by template id. */
const SANE: Record<string, (rows: Row[], model: Model) => void> = {
  workToken: (rows) => {
    for (const r of rows.filter((r) => r.timestep > 0 && r.substep === 2)) assert.equal(r.tokens, 1 + 100 * r.timestep);
  },
  predatorPrey: (rows) => {
    for (const r of rows) {
      for (const v of ["prey", "predators"])
        assert.ok(
          Number.isFinite(r[v]) && (r[v] as number) >= 0,
          `${v} at run ${String(r.run)} timestep ${String(r.timestep)}.${String(r.substep)}: ${String(r[v])}`,
        );
    }
    // The story: the populations cycle rather than settle, in every run.
    for (const run of new Set(rows.map((r) => r.run))) {
      for (const v of ["prey", "predators"]) {
        const values = rows.filter((r) => r.run === run).map((r) => r[v] as number);
        assert.ok(Math.max(...values) > 2 * Math.min(...values), `run ${run}: ${v} swings by more than a factor of 2`);
      }
    }
  },
  bondingCurve: (rows, model) => {
    const subsets = expandSweep(model.params ?? {}, model.sweep) as { curve_exponent: number; reference_supply: number; reference_price: number }[];
    const last = model.blocks.length;
    for (const r of rows) {
      const supply = r.supply as number;
      const reserve = r.reserve as number;
      assert.ok(Number.isFinite(supply) && supply >= 0, `supply ${supply}`);
      assert.ok(Number.isFinite(reserve) && reserve >= 0, `reserve ${reserve}`);
      if (r.substep !== last && r.timestep !== 0) continue;
      // At the end of each timestep the price is on the curve, and the reserve is the area under it.
      const p = subsets[r.subset]!;
      const k = p.reference_price / p.reference_supply ** p.curve_exponent;
      const price = k * supply ** p.curve_exponent;
      const where = `subset ${r.subset} run ${r.run} timestep ${r.timestep}`;
      assert.ok(
        Math.abs((r.price as number) - price) <= 1e-9 * Math.max(Math.abs(price), Number.MIN_VALUE),
        `${where}: price ${String(r.price)}, k·supply^n ${price}`,
      );
      const area = (k * supply ** (p.curve_exponent + 1)) / (p.curve_exponent + 1);
      assert.ok(Math.abs(reserve - area) <= 1e-6 * Math.max(1, area), `${where}: reserve ${reserve}, area under the curve ${area}`);
    }
  },
};

describe("templates", () => {
  let templates: ModelTemplate[];
  before(async () => {
    await writeModelDeclarations();
    templates = await loadTemplates();
  });

  test("each template is an example file, with a unique id and a label and detail", () => {
    assert.deepEqual(
      templates.map((t) => t.id),
      ["workToken", "predatorPrey", "bondingCurve"],
    );
    assert.equal(new Set(templates.map((t) => t.fileName)).size, templates.length);
    for (const t of templates) {
      assert.match(t.fileName, /^[A-Za-z]+\.sim\.ts$/);
      assert.equal(t.text, readFileSync(join(root, "examples", t.fileName), "utf8"), `${t.id} is examples/${t.fileName}`);
      assert.ok(t.label && t.detail && !t.detail.includes("\n"), `${t.id}: a label and a one-line detail`);
      assert.ok(SANE[t.id], `${t.id} has checks of its values`);
    }
  });

  test("each template runs as created (a file outside any workspace) with the rows its model declares, and sane values", async () => {
    for (const t of templates) {
      const folder = mkdtempSync(join(dir, `${t.id}-`));
      const file = join(folder, t.fileName);
      writeFileSync(file, t.text);
      const rows = runRows(file);
      const model = ((await import(join(root, "examples", t.fileName))) as { default: Model }).default;
      assert.equal(rows.length, expectedRows(model), `${t.id}: rows`);
      for (const r of rows) for (const [name, v] of numbers(r)) assert.ok(Number.isFinite(v), `${t.id}: ${name} is ${v} at timestep ${r.timestep}`);
      SANE[t.id]!(rows, model);
    }
  });

  test("each template type-checks with strict settings through Substep's plugin, with nothing installed", () => {
    for (const t of templates) {
      const folder = typedFolder({ [t.fileName]: t.text });
      assert.deepEqual(folder.errors(t.fileName), [], t.id);
    }
  });
});

describe("snippets", () => {
  const contributed = manifest.contributes.snippets;
  const paths = [...new Set(contributed.map((s) => s.path))];
  const snippets = Object.fromEntries(
    paths.flatMap((p) => Object.values(JSON.parse(readFileSync(join(root, p), "utf8")) as Record<string, Snippet>)).map((s) => [s.prefix, s]),
  );
  const body = (prefix: string, options: Parameters<typeof expandSnippet>[1] = {}): string => expandSnippet(snippets[prefix]!.body, options);
  const indent = (text: string, by: string): string => text.replace(/^(?=.)/gm, by);
  /** The model snippet, with a block snippet where its final tab stop is, and a block holding the policy and update snippets. */
  const assembled = (choice: number): string =>
    body("substep-model", {
      choice,
      final: `\n${indent(body("substep-block", { choice }), "    ")}\n    {\n      label: "more",\n      policies: {\n${indent(body("substep-policy", { choice }), "        ")}\n      },\n      variables: {\n${indent(body("substep-update", { choice }), "        ")}\n      },\n    },`,
    });

  before(writeModelDeclarations);

  test("are contributed for TypeScript and JavaScript: a model, a block, a policy and a state update, with tab stops", () => {
    assert.deepEqual(contributed.map((s) => s.language).sort(), ["javascript", "typescript"]);
    assert.deepEqual(Object.keys(snippets).sort(), ["substep-block", "substep-model", "substep-policy", "substep-update"]);
    for (const [prefix, s] of Object.entries(snippets)) {
      assert.ok(s.description, `${prefix} has a description`);
      const { stops } = snippetStops(s.body);
      assert.ok(stops.includes(0) && stops.includes(1), `${prefix} has tab stops and a final one: ${stops.join(", ")}`);
    }
    assert.deepEqual(snippetStops(snippets["substep-model"]!.body).choices, [["zip", "cartesian"]]);
    assert.deepEqual(snippetStops(snippets["substep-policy"]!.body).choices, [["uniform", "normal", "int"]]);
  });

  test("the model snippet alone, and with the other snippets where they go, type-check with every choice", () => {
    for (let choice = 0; choice < 3; choice++) {
      const folder = typedFolder({ "alone.sim.ts": body("substep-model", { choice }), "assembled.sim.ts": assembled(choice) });
      assert.deepEqual(folder.errors("alone.sim.ts"), [], `the model snippet, choice ${choice}`);
      assert.deepEqual(folder.errors("assembled.sim.ts"), [], `the assembled model, choice ${choice}:\n${assembled(choice)}`);
    }
  });

  test("the assembled model runs as TypeScript and as JavaScript", () => {
    for (const ext of ["ts", "js"]) {
      const file = join(mkdtempSync(join(dir, "snippets-")), `assembled.sim.${ext}`);
      writeFileSync(file, assembled(0));
      const rows = runRows(file);
      // 3 runs × 2 subsets (growth_rate [0.01, 0.02]) × (52 timesteps × 3 blocks + 1).
      assert.equal(rows.length, 3 * 2 * (52 * 3 + 1), ext);
      assert.ok(
        rows.every((r) => Number.isFinite(r.tokens)),
        ext,
      );
    }
  });
});

describe("walkthrough", () => {
  const commands = new Set(manifest.contributes.commands.map((c) => c.command));
  const walkthrough = manifest.contributes.walkthroughs.find((w) => w.title === "Getting Started with Substep");
  /** Command links in markdown: `[title](command:id?args)`. */
  const links = (markdown: string): { command: string; args: unknown }[] =>
    [...markdown.matchAll(/\]\(command:([\w.]+)(?:\?([^)]*))?\)/g)].map((m) => ({
      command: m[1]!,
      args: m[2] ? JSON.parse(decodeURIComponent(m[2])) : undefined,
    }));

  test("has the five steps on the WORK token model, each with a markdown page that exists", () => {
    assert.ok(walkthrough, "contributed");
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ["openExample", "runModel", "readChart", "changeSeed", "addSweep"],
    );
    for (const step of walkthrough.steps) {
      assert.ok(step.media.markdown && existsSync(join(root, step.media.markdown)), `${step.id}: ${step.media.markdown}`);
      assert.match(step.media.markdown, /^media\/walkthrough\/\w+\.md$/, "shipped with media/**");
    }
  });

  test("each step completes on its own events: a step's button never ticks another step", () => {
    // VS Code gives a step without completionEvents one onCommand event per command link in its description.
    const events = walkthrough!.steps.map((s) => s.completionEvents ?? links(s.description).map((l) => `onCommand:${l.command}`));
    walkthrough!.steps.forEach((step, i) => {
      for (const link of links(step.description)) {
        const ticked = walkthrough!.steps.filter((_, j) => j !== i && events[j]!.includes(`onCommand:${link.command}`)).map((s) => s.id);
        assert.deepEqual(ticked, [], `${step.id}'s button ${link.command} also completes ${ticked.join(", ")}`);
      }
    });
  });

  test("its buttons and completion events name contributed commands, and template ids that exist", async () => {
    const ids = (await loadTemplates()).map((t) => t.id);
    for (const step of walkthrough!.steps) {
      const found = [...links(step.description), ...links(readFileSync(join(root, step.media.markdown!), "utf8"))];
      assert.ok(links(step.description).length > 0, `${step.id} has a button`);
      for (const { command, args } of found) {
        assert.ok(commands.has(command), `${step.id}: ${command} is a contributed command`);
        if (command === "substep.newModel") assert.ok(Array.isArray(args) && ids.includes(args[0] as string), `${step.id}: template ${JSON.stringify(args)}`);
      }
      for (const event of step.completionEvents ?? []) {
        const [, command] = /^onCommand:(.+)$/.exec(event) ?? [];
        assert.ok(command && commands.has(command), `${step.id}: ${event}`);
      }
    }
    // The walkthrough opens the example when it is already there (no workToken2.sim.ts on a second click).
    assert.deepEqual(links(walkthrough!.steps[0]!.description), [{ command: "substep.newModel", args: ["workToken", { openExisting: true }] }]);
  });

  test("the .vscodeignore allow-list ships the snippets and the walkthrough pages", () => {
    const allowed = readFileSync(join(root, ".vscodeignore"), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("!") && l.endsWith("/**"))
      .map((l) => l.slice(1, -2));
    const shipped = [...manifest.contributes.snippets.map((s) => s.path.replace(/^\.\//, "")), ...walkthrough!.steps.map((s) => s.media.markdown!)];
    for (const path of shipped)
      assert.ok(
        allowed.some((folder) => path.startsWith(folder)),
        `${path} is shipped`,
      );
  });
});
