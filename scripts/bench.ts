// `npm run bench`: the scenarios of cadcad-semantics.md §7 plus a 1,000,000-row run, timed against a
// hand-written loop of the same model in this process and against the cadCAD/radCAD figures.
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Results, planRuns, type Overrides } from "../src/engine";
import { bundleModelFile, type ModelBundle } from "../src/loader";
import { WorkerPool } from "../src/runner/pool";
import { ModelSession } from "../src/runner/session";
import { handFloats, handSeed } from "./bench/handLoops";
import { measurePanelOpen } from "./bench/panelOpen";
import { measureTableQueries } from "./bench/tableQuery";

interface Scenario {
  name: string;
  file: string;
  overrides: Overrides;
  hand: () => number;
  /** The final value the hand loop's checksum must equal, read from the results. */
  check: (r: Results) => number;
  cadcadS?: number;
  radcadS?: number;
}

const dir = join(__dirname, "bench");
const lastSeedChecksum = (r: Results): number => {
  const run = r.runs[r.runs.length - 1]!;
  const cols = run.columns;
  const balance = cols[3]!.kind === "record" ? cols[3]!.values[0]! : new Float64Array(0);
  const tokens = cols[0]!.kind === "number" ? cols[0]!.values : new Float64Array(0);
  return balance[run.rows - 1]! + tokens[run.rows - 1]!;
};
const sweepChecksum = (r: Results): number => {
  const run = r.runs[r.runs.length - 1]!;
  const [tokens, , contributors] = run.columns;
  return (contributors!.kind === "record" ? contributors!.values[0]![run.rows - 1]! : NaN) + (tokens!.kind === "number" ? tokens!.values[run.rows - 1]! : NaN);
};
const floatsChecksum = (r: Results): number => {
  const run = r.runs[r.runs.length - 1]!;
  const x0 = run.columns[0]!;
  return x0.kind === "number" ? x0.values[run.rows - 1]! : NaN;
};
const minting = [50, 75, 100, 125, 150, 175, 200, 225];

const scenarios: Scenario[] = [
  {
    name: "seed as-is: T=52, N=3",
    file: "seed.sim.ts",
    overrides: { timesteps: 52, runs: 3 },
    hand: () => handSeed(52, 3, [100]),
    check: lastSeedChecksum,
    cadcadS: 0.07,
    radcadS: 0.01,
  },
  {
    name: "seed: T=1000, N=100",
    file: "seed.sim.ts",
    overrides: { timesteps: 1000, runs: 100 },
    hand: () => handSeed(1000, 100, [100]),
    check: lastSeedChecksum,
    cadcadS: 2.78,
    radcadS: 1.88,
  },
  {
    name: "8-value sweep: T=500, N=20",
    file: "sweep.sim.ts",
    overrides: {},
    hand: () => handSeed(500, 20, minting),
    check: sweepChecksum,
    cadcadS: 2.25,
    radcadS: 1.4,
  },
  {
    name: "20 floats, 4×(2 pol, 5 upd): T=1000, N=10",
    file: "floats.sim.ts",
    overrides: {},
    hand: () => handFloats(1000, 10),
    check: floatsChecksum,
    cadcadS: 1.11,
    radcadS: 1.39,
  },
  {
    name: "1,000,000 rows: seed T=5000, N=100",
    file: "seed.sim.ts",
    overrides: { timesteps: 5000, runs: 100 },
    hand: () => handSeed(5000, 100, [100]),
    check: lastSeedChecksum,
  },
];

/** Best wall time of `fn` in ms: a few warm-up calls, then repeats within a time budget. */
function best<T>(fn: () => T, budgetMs = 1500, minReps = 5, maxReps = 5000): { ms: number; value: T } {
  let value = fn();
  fn();
  let bestMs = Infinity;
  const start = performance.now();
  for (let i = 0; i < maxReps && (i < minReps || performance.now() - start < budgetMs); i++) {
    const t0 = performance.now();
    value = fn();
    bestMs = Math.min(bestMs, performance.now() - t0);
  }
  return { ms: bestMs, value };
}

/** Bytes kept per row by the results: measured as the heap and buffers retained after a GC. */
function retainedBytesPerRow(session: ModelSession): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return NaN;
  const keys = planRuns(session.models.map((m) => ({ simulation: m.simulation, runs: m.runs, subsets: m.subsets })));
  const used = (): number => {
    gc();
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  const runs = session.run(keys);
  const after = used();
  const rows = runs.reduce((n, r) => n + r.rows, 0);
  return (after - before) / rows;
}

async function main(): Promise<void> {
  const bundles = new Map<string, ModelBundle>();
  const bundleOf = async (file: string): Promise<ModelBundle> => {
    if (!bundles.has(file)) bundles.set(file, await bundleModelFile(join(dir, file)));
    return bundles.get(file)!;
  };
  const table: string[][] = [];
  const verdicts: string[] = [];
  for (const s of scenarios) {
    const session = new ModelSession(await bundleOf(s.file), s.overrides);
    const keys = planRuns(session.models.map((m) => ({ simulation: m.simulation, runs: m.runs, subsets: m.subsets })));
    const engine = best(() => session.run(keys));
    const results = new Results(session.simulations, engine.value);
    const rows = results.rowCount;
    const hand = best(s.hand);
    const same = Math.abs(hand.value - s.check(results)) <= 1e-9 * Math.abs(hand.value);
    const bytes = retainedBytesPerRow(session);
    const ratio = engine.ms / hand.ms;
    table.push([
      s.name,
      rows.toLocaleString("en-US"),
      engine.ms.toFixed(2),
      ((engine.ms * 1000) / rows).toFixed(3),
      Number.isNaN(bytes) || rows < 10_000 ? "n/a" : bytes.toFixed(1),
      hand.ms.toFixed(2),
      `${ratio.toFixed(2)}×${same ? "" : " (values differ!)"}`,
      s.cadcadS ? `${Math.round((s.cadcadS * 1000) / engine.ms)}×` : "—",
      s.radcadS ? `${Math.round((s.radcadS * 1000) / engine.ms)}×` : "—",
    ]);
    if (!same) verdicts.push(`FAIL ${s.name}: the engine's final values differ from the hand loop's`);
    verdicts.push(`${ratio <= 2 ? "ok  " : "MISS"} ${s.name}: ${ratio.toFixed(2)}× the hand loop (target ≤ 2×)`);
    if (s.radcadS)
      verdicts.push(
        `${(s.radcadS * 1000) / engine.ms >= 100 ? "ok  " : "MISS"} ${s.name}: ${Math.round((s.radcadS * 1000) / engine.ms)}× radCAD (target ≥ 100×)`,
      );
    // 8 bytes per number is the floor of any exact storage: 20 float variables cannot fit in 64 bytes.
    const values = results.runs[0]!.columns.reduce((n, c) => n + (c.kind === "number" ? 1 : c.kind === "record" ? c.values.length : 0), 0);
    const limit = Math.max(64, 8 * values + 8);
    if (!Number.isNaN(bytes) && rows >= 10_000) {
      verdicts.push(
        `${bytes <= limit ? "ok  " : "MISS"} ${s.name}: ${bytes.toFixed(1)} bytes per row retained for ${values} numbers per row ` +
          `(target ≤ 64${limit > 64 ? `; 8 × ${values} numbers = ${8 * values} is the floor of exact storage` : ""})`,
      );
    }
  }
  printTable(["scenario", "rows", "Substep ms", "µs/row", "B/row", "hand ms", "÷ hand", "× cadCAD", "× radCAD"], table);

  // The results panel opening on the 1,000,000-row result.
  const million = scenarios[scenarios.length - 1]!;
  const millionSession = new ModelSession(await bundleOf(million.file), million.overrides);
  const millionKeys = planRuns(millionSession.models.map((m) => ({ simulation: m.simulation, runs: m.runs, subsets: m.subsets })));
  const panel = await measurePanelOpen(new Results(millionSession.simulations, millionSession.run(millionKeys)));
  if (panel) {
    const total = panel.hostMs + panel.renderMs;
    console.log(
      `\nresults panel, ${panel.rows.toLocaleString("en-US")} rows: host payload ${panel.hostMs.toFixed(0)} ms (${(panel.payloadBytes / 1e6).toFixed(2)} MB, ` +
        `the longest the extension host is busy), drawn in Chromium ${panel.renderMs.toFixed(0)} ms, ${total.toFixed(0)} ms in all`,
    );
    verdicts.push(`${total < 2000 ? "ok  " : "MISS"} panel with 1,000,000 rows open in ${total.toFixed(0)} ms (target < 2000 ms)`);
  } else verdicts.push("n/a  panel timing: /usr/bin/chromium is missing");

  // The table's sort and filter at 10,000,000 rows (the seed over 50,000 weekly steps, 100 runs), as the host runs them.
  const tenMillion = new ModelSession(await bundleOf("seed.sim.ts"), { timesteps: 50_000, runs: 100 });
  const tenMillionKeys = planRuns(tenMillion.models.map((m) => ({ simulation: m.simulation, runs: m.runs, subsets: m.subsets })));
  const big = new Results(tenMillion.simulations, tenMillion.run(tenMillionKeys));
  console.log(`\ntable on ${big.rowCount.toLocaleString("en-US")} rows (host side, in time slices; target: ready ≤ 1000 ms, host never busy > 100 ms):`);
  for (const q of await measureTableQueries(big)) {
    console.log(
      `  ${q.name}: ${q.rows.toLocaleString("en-US")} rows, first page in ${q.readyMs.toFixed(0)} ms` +
        `${q.fullMs !== undefined ? `, every row in its place in ${q.fullMs.toFixed(0)} ms` : ""}, host busy at most ${q.busyMs.toFixed(0)} ms`,
    );
    verdicts.push(
      `${q.readyMs <= 1000 && q.busyMs <= 100 ? "ok  " : "MISS"} table ${q.name} at 10M rows: ${q.readyMs.toFixed(0)} ms (${(q.readyMs / 1000).toFixed(2)}× the 1 s target), host busy ≤ ${q.busyMs.toFixed(0)} ms (${(q.busyMs / 100).toFixed(2)}× the 100 ms limit)`,
    );
  }

  // Worker scaling on the 100-run scenario: warm pools, engine time (first run's start to last run's end).
  const bundle = await bundleOf("seed.sim.ts");
  const scaling: Record<number, number> = { 1: Infinity, 2: Infinity };
  const pools = { 1: new WorkerPool(), 2: new WorkerPool() };
  // Interleaved, best of many: two vCPUs of a shared machine give noisy single timings.
  for (let i = 0; i < 30; i++) {
    for (const workers of [1, 2] as const) {
      const { results } = await pools[workers].run(bundle, { overrides: { timesteps: 1000, runs: 100 }, workers });
      if (i >= 3) scaling[workers] = Math.min(scaling[workers]!, results.engineMs);
    }
  }
  pools[1].dispose();
  pools[2].dispose();
  const speedup = scaling[1]! / scaling[2]!;
  console.log(
    `\nworkers (seed T=1000 N=100, warm pool, engine time): 1 worker ${scaling[1]!.toFixed(2)} ms, 2 workers ${scaling[2]!.toFixed(2)} ms → ${speedup.toFixed(2)}×`,
  );
  verdicts.push(`${speedup >= 1.8 ? "ok  " : "MISS"} 2 workers: ${speedup.toFixed(2)}× one worker (target ≥ 1.8×)`);
  console.log(`\n${verdicts.join("\n")}`);
  console.log(`\nnode ${process.version}, ${availableParallelism()} cores; cadCAD/radCAD figures: cadcad-semantics.md §7 (same machine kind).`);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
