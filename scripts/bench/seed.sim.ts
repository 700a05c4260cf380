// Benchmark model: the seed's WORK token model (cadcad-semantics.md §7); T and N come from the bench.
import { defineModel } from "substep";

export default defineModel({
  name: "seed",
  initialState: { tokens: 1, weekly_token_minting: 100, community_treasury: 0, contributors: { token_balance: 0 } },
  timesteps: 52,
  runs: 3,
  blocks: [
    {
      policies: { mint_tokens: (params, substep, history, state) => ({ minted_tokens: state.weekly_token_minting }) },
      variables: {
        tokens: (params, substep, history, state, input) => state.tokens + input.minted_tokens,
        community_treasury: (params, substep, history, state, input) => state.community_treasury + input.minted_tokens,
      },
    },
    {
      policies: { do_work: (params, substep, history, state, ctx) => ({ impact: ctx.random.int(1, 10) }) },
      variables: {
        contributors: (params, substep, history, state, input) => {
          state.contributors.token_balance += input.impact;
          return state.contributors;
        },
      },
    },
  ],
});
