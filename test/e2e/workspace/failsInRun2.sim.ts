// A model whose run 2 throws at timestep 5 (block 2): run 1's rows and run 2's first rows are kept,
// run 3 is never run. Its first timestep of run 1 works, so validation on open finds nothing.
import { defineModel } from "substep";

export default defineModel({
  name: "Fails in run 2",
  initialState: { x: 0 },
  timesteps: 10,
  runs: 3,
  blocks: [
    { label: "grow", variables: { x: (params, substep, history, state) => state.x + 1 } },
    {
      label: "check",
      variables: {
        x: (params, substep, history, state, input, ctx) => {
          if (ctx.run === 2 && ctx.timestep === 5) throw new RangeError("x out of range in run 2");
          return state.x;
        },
      },
    },
  ],
});
