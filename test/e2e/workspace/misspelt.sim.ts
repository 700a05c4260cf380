// A misspelt parameter (epochs_per_yea): every tokens value is NaN from timestep 1. The run ends "done",
// so only the warning tells: in the panel header and in Problems, at the tokens update.
import { defineModel } from "substep";

export default defineModel({
  name: "Misspelt parameter",
  initialState: { tokens: 100 },
  params: { epochs_per_year: 52 },
  timesteps: 5,
  runs: 2,
  blocks: [
    {
      label: "mint",
      variables: {
        // @ts-expect-error: the typo this fixture is about
        tokens: (params, substep, history, state) => state.tokens + 1 / params.epochs_per_yea, // <- tokens
      },
    },
  ],
});
