// Final values per subset (what inline values and hovers show): a swept model's subsets are never pooled.
import assert from "node:assert/strict";
import { test } from "node:test";
import { finalStats, simulate, type Model } from "../../../src/engine";
import { inlineLabel } from "../../../src/export/finalsText";

const staking = (failAt?: number): Model => ({
  initialState: { staked: 1000, pool: { size: 1 } },
  params: { apr: [0.05, 0.1, 0.2], label: "x" },
  timesteps: 10,
  runs: 2,
  blocks: [
    {
      variables: {
        staked: (p, _s, _h, state) => {
          if (failAt !== undefined && state.run === 2 && state.timestep === failAt) throw new Error("stop here");
          return state.staked * (1 + p.apr / 10);
        },
        pool: (_p, _s, _h, state) => ({ size: state.pool.size + 1 }),
      },
    },
  ],
});

test("a swept model's final values are per subset, named by the parameter that varies", () => {
  const stats = finalStats(simulate(staking()));
  const staked = stats.filter((f) => f.name === "staked");
  assert.deepEqual(
    staked.map((f) => f.subsetLabel),
    ["apr = 0.05", "apr = 0.1", "apr = 0.2"],
  );
  for (const [i, apr] of [0.05, 0.1, 0.2].entries()) assert.ok(Math.abs(staked[i]!.mean - 1000 * (1 + apr / 10) ** 10) < 1e-6);
  assert.ok(staked[0]!.mean < staked[1]!.mean && staked[1]!.mean < staked[2]!.mean, "not pooled into one mean");
  assert.equal(inlineLabel(stats.filter((f) => f.variable === "staked")), "apr = 0.05: 1051.14 · apr = 0.1: 1104.62 · apr = 0.2: 1218.99");
  assert.equal(inlineLabel(stats.filter((f) => f.variable === "pool" && f.subset === 0)), "apr = 0.05: size: 11");
});

test("a model with one subset has no subset names, and a run that ended early marks the values partial", () => {
  const one = finalStats(simulate(staking(), { overrides: { params: { apr: [0.1] } } }));
  assert.equal(inlineLabel(one.filter((f) => f.variable === "staked")), "1104.62");
  const failed = finalStats(simulate(staking(4), { overrides: { params: { apr: [0.1] } } }));
  const staked = failed.find((f) => f.name === "staked")!;
  assert.equal(staked.runs, 2);
  assert.equal(staked.partialRuns, 1);
  assert.match(inlineLabel([staked]), /^≈ \d+(\.\d+)? \(partial\)$/);
});
