// A model that never finishes: from timestep 2 its state update loops forever. Loading it and
// computing timestep 1 work, so only a run's time limit (substep.timeoutSeconds) can stop it.
import { defineModel } from "substep";

export default defineModel({
  name: "Forever",
  initialState: { steps: 0 },
  timesteps: 10,
  blocks: [
    {
      label: "step",
      variables: {
        steps: (params, substep, history, state, input, ctx) => {
          while (ctx.timestep >= 2) {
            // spin: nothing here ever changes the condition
          }
          return state.steps + 1;
        },
      },
    },
  ],
});
