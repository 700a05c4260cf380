// A model with a mistake the extension must point at: block "double" updates `tokenz`, which is not
// in initialState. The e2e tests expect a "substep" diagnostic on the line of that update.
import { defineModel } from "substep";

export default defineModel({
  name: "Broken model",
  initialState: { tokens: 1, supply: 100 },
  timesteps: 3,
  blocks: [
    {
      label: "burn",
      variables: { supply: (params, substep, history, state) => state.supply - 1 },
    },
    {
      label: "double",
      variables: {
        tokens: (params, substep, history, state) => state.tokens * 2,
        tokenz: (params, substep, history, state) => state.tokens * 2,
      },
    },
  ],
});
