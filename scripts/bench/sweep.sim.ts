// Benchmark model: the seed with an 8-value sweep of the weekly minting (cadcad-semantics.md §7).
import { defineModel } from "substep";

export default defineModel({
  name: "seed sweep",
  initialState: { tokens: 1, community_treasury: 0, contributors: { token_balance: 0 } },
  timesteps: 500,
  runs: 20,
  params: { weekly_token_minting: [50, 75, 100, 125, 150, 175, 200, 225] },
  blocks: [
    {
      policies: { mint_tokens: (params) => ({ minted_tokens: params.weekly_token_minting }) },
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
