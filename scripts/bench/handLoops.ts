// The bench's floor: the benchmark models written as plain loops into Float64Array columns, with the
// same generators as the engine, so "Substep ÷ hand loop" measures only what the engine adds.
import { createRandom } from "../../src/engine";

/** The seed model (or its sweep variant: one weekly minting per subset), all runs; returns a checksum. */
export function handSeed(T: number, N: number, minting: readonly number[], seed = 0): number {
  const rowsPerRun = 2 * T + 1;
  const rows = minting.length * N * rowsPerRun;
  const tokens = new Float64Array(rows);
  const weekly = new Float64Array(rows);
  const treasury = new Float64Array(rows);
  const balance = new Float64Array(rows);
  let r = 0;
  minting.forEach((mint, subset) => {
    for (let run = 1; run <= N; run++) {
      const random = createRandom({ seed, simulation: 0, subset, run });
      let tok = 1;
      let tre = 0;
      let bal = 0;
      tokens[r] = tok;
      weekly[r] = mint;
      treasury[r] = tre;
      balance[r++] = bal;
      for (let t = 1; t <= T; t++) {
        tok += mint;
        tre += mint;
        tokens[r] = tok;
        weekly[r] = mint;
        treasury[r] = tre;
        balance[r++] = bal;
        bal += random.int(1, 10);
        tokens[r] = tok;
        weekly[r] = mint;
        treasury[r] = tre;
        balance[r++] = bal;
      }
    }
  });
  return balance[rows - 1]! + tokens[rows - 1]!;
}

/** The 20-float model of scripts/bench/floats.sim.ts, all runs; returns a checksum. */
export function handFloats(T: number, N: number, seed = 0): number {
  const V = 20;
  const rows = N * (4 * T + 1);
  const cols = Array.from({ length: V }, () => new Float64Array(rows));
  const x = new Float64Array(V);
  let r = 0;
  for (let run = 1; run <= N; run++) {
    const random = createRandom({ seed, simulation: 0, subset: 0, run });
    for (let i = 0; i < V; i++) cols[i]![r] = x[i] = i + 1;
    r++;
    for (let t = 1; t <= T; t++) {
      for (let b = 0; b < 4; b++) {
        const base = b * 5;
        const pull = (x[base]! + x[base + 4]!) * 0.5;
        const noise = random() - 0.5;
        const next0 = x[base]! * 0.99 + pull * 0.01 + noise * 1 * 1e-3;
        const next1 = x[base + 1]! * 0.99 + pull * 0.01 + noise * 2 * 1e-3;
        const next2 = x[base + 2]! * 0.99 + pull * 0.01 + noise * 3 * 1e-3;
        const next3 = x[base + 3]! * 0.99 + pull * 0.01 + noise * 4 * 1e-3;
        const next4 = x[base + 4]! * 0.99 + pull * 0.01 + noise * 5 * 1e-3;
        x[base] = next0;
        x[base + 1] = next1;
        x[base + 2] = next2;
        x[base + 3] = next3;
        x[base + 4] = next4;
        for (let i = 0; i < V; i++) cols[i]![r] = x[i]!;
        r++;
      }
    }
  }
  return cols[0]![rows - 1]!;
}
