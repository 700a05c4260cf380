// Benchmark model: 20 float variables, 4 blocks of 2 policies and 5 updates each (cadcad-semantics.md §7).
import { defineModel } from "substep";

const initialState: Record<string, number> = {};
for (let i = 0; i < 20; i++) initialState[`x${i}`] = i + 1;

// Block b's policies read its five variables; its updates relax each toward the signals.
const blocks = [0, 1, 2, 3].map((b) => {
  const vars = [0, 1, 2, 3, 4].map((j) => `x${b * 5 + j}`);
  const variables: Record<string, (p: unknown, s: number, h: unknown, state: Record<string, number>, input: Record<string, number>) => number> = {};
  vars.forEach((v, j) => {
    variables[v] = (p, s, h, state, input) => state[v] * 0.99 + input.pull * 0.01 + input.noise * (j + 1) * 1e-3;
  });
  return {
    policies: {
      [`pull_${b}`]: (p: unknown, s: number, h: unknown, state: Record<string, number>) => ({
        pull: (state[vars[0]] + state[vars[4]]) * 0.5,
      }),
      [`noise_${b}`]: (p: unknown, s: number, h: unknown, state: unknown, ctx: { random: () => number }) => ({
        noise: ctx.random() - 0.5,
      }),
    },
    variables,
  };
});

export default defineModel({
  name: "20 floats",
  initialState,
  timesteps: 1000,
  runs: 10,
  blocks,
});
