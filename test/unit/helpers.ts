// Shared by the unit tests: small in-memory models and row access.
import type { Model } from "../../src/engine";

/** The seed's WORK token model (random impact through ctx.random), as in docs/model-api.md. */
export function workTokenModel(overrides: Partial<Model> = {}): Model {
  return {
    name: "WORK token distribution",
    initialState: { tokens: 1, weekly_token_minting: 100, community_treasury: 0, contributors: { token_balance: 0 } },
    timesteps: 52,
    runs: 3,
    seed: 42,
    blocks: [
      {
        label: "mint",
        policies: { mint_tokens: (_p, _s, _h, state) => ({ minted_tokens: state.weekly_token_minting }) },
        variables: {
          tokens: (_p, _s, _h, state, input) => state.tokens + input.minted_tokens,
          community_treasury: (_p, _s, _h, state, input) => state.community_treasury + input.minted_tokens,
        },
      },
      {
        label: "work",
        policies: { do_work: (_p, _s, _h, _state, ctx) => ({ impact: ctx.random.int(1, 10) }) },
        variables: {
          contributors: (_p, _s, _h, state, input) => {
            state.contributors.token_balance += input.impact;
            return state.contributors;
          },
        },
      },
    ],
    ...overrides,
  };
}
