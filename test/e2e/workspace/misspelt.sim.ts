// A staking pool whose yield reads a misspelt parameter (epochs_per_yea): tokens turn NaN at timestep 1,
// block 2, in each of its 3 runs, and staked at timestep 2. The runs warn, they do not fail; TypeScript
// marks the typo.
import { defineModel } from "substep";

export default defineModel({
  name: "Misspelt parameter",
  initialState: { tokens: 100, staked: 10 },
  timesteps: 5,
  runs: 3,
  params: { epochs_per_year: [52] },
  blocks: [
    { label: "mint", variables: { tokens: (params, substep, history, state) => state.tokens + 1 } },
    {
      label: "stake",
      variables: {
        tokens: (params, substep, history, state) => state.tokens * (1 + 1 / params.epochs_per_yea),
        staked: (params, substep, history, state) => state.staked + state.tokens / 100,
      },
    },
  ],
});
