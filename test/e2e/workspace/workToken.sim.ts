// The WORK token distribution (the cadCAD notebook Substep started from): weekly minting into a
// community treasury, and contributors rewarded for work of random impact.
import { defineModel } from "substep";

export default defineModel({
  name: "WORK token distribution",
  initialState: {
    tokens: 1,
    weekly_token_minting: 100,
    community_treasury: 0,
    contributors: { token_balance: 0 },
  },
  timesteps: 52, // weekly, one year
  runs: 3,
  seed: 42,
  blocks: [
    {
      label: "mint",
      policies: {
        // Mint tokens on a weekly basis (each timestep)
        mint_tokens: (params, substep, history, state) => ({ minted_tokens: state.weekly_token_minting }),
      },
      variables: {
        tokens: (params, substep, history, state, input) => state.tokens + input.minted_tokens,
        // Newly minted tokens go to the community treasury
        community_treasury: (params, substep, history, state, input) => state.community_treasury + input.minted_tokens,
      },
    },
    {
      label: "work",
      policies: {
        // Some contributions create more value than others
        do_work: (params, substep, history, state, ctx) => ({ impact: ctx.random.int(1, 10) }),
      },
      variables: {
        // Recognize and reward contributors (in-place mutation is safe: each block gets its own copy)
        contributors: (params, substep, history, state, input) => {
          state.contributors.token_balance += input.impact;
          return state.contributors;
        },
      },
    },
  ],
});
