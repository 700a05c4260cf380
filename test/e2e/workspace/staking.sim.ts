// A staking model swept over three APRs: its inline values name each subset by its APR, never one pooled mean.
import { defineModel } from "substep";

export default defineModel({
  name: "Staking sweep",
  initialState: { staked: 1000, rewards: 0 },
  params: { apr: [0.05, 0.1, 0.2] },
  timesteps: 52,
  runs: 2,
  blocks: [
    {
      label: "stake",
      policies: { accrue: (params, substep, history, state) => ({ reward: (state.staked * params.apr) / 52 }) },
      variables: {
        staked: (params, substep, history, state, input) => state.staked + input.reward,
        rewards: (params, substep, history, state, input) => state.rewards + input.reward,
      },
    },
  ],
});
