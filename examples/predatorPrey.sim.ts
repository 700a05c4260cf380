// Predator and prey (Lotka–Volterra): hares breed, lynx eat hares and breed from what they eat, lynx
// die. Neither can settle: more hares feed more lynx, who eat the hares down and then starve, so both
// populations cycle, the lynx a quarter turn behind. A little noise in births and deaths makes every
// run its own cycle.
import { defineModel } from "substep";

export default defineModel({
  name: "Predator and prey (Lotka–Volterra)",
  // Away from the balance point, so the cycle is wide from the start. At the balance births match losses:
  // prey_birth_rate / predation_rate = 40 lynx and predator_death_rate / (predator_efficiency * predation_rate)
  // = 100 hares (for small catches, where 1 - exp(-x) is about x).
  initialState: {
    prey: 120,
    predators: 20,
  },
  params: {
    prey_birth_rate: 0.08, // hares born per hare per timestep
    predation_rate: 0.002, // chance per lynx that a given hare is caught in a timestep
    predator_efficiency: 0.3, // lynx born per hare eaten
    predator_death_rate: 0.06, // lynx dying per lynx per timestep
    noise: 0.15, // relative spread of births and deaths from one timestep to the next (weather, disease)
  },
  timesteps: 200, // about two cycles
  runs: 5,
  seed: 7,
  // One block per process, in order: each sees the populations the previous one left behind.
  blocks: [
    {
      label: "prey births",
      policies: {
        // A good or a bad season: the birth rate is drawn around its mean, never below zero.
        breed: (params, substep, history, state, ctx) => ({
          prey_born: state.prey * Math.max(0, params.prey_birth_rate * ctx.random.normal(1, params.noise)),
        }),
      },
      variables: {
        prey: (params, substep, history, state, input) => state.prey + input.prey_born,
      },
    },
    {
      label: "predation",
      policies: {
        // Each lynx catches a hare with a small chance, so the share of hares caught is
        // 1 - exp(-rate * lynx): close to rate * lynx when lynx are few, and never more than every hare.
        hunt: (params, substep, history, state) => {
          const eaten = state.prey * (1 - Math.exp(-params.predation_rate * state.predators));
          return { prey_eaten: eaten, predators_born: params.predator_efficiency * eaten };
        },
      },
      variables: {
        prey: (params, substep, history, state, input) => state.prey - input.prey_eaten,
        predators: (params, substep, history, state, input) => state.predators + input.predators_born,
      },
    },
    {
      label: "predator deaths",
      policies: {
        // The death rate varies like the birth rate, kept between none and every lynx.
        die: (params, substep, history, state, ctx) => ({
          predators_died: state.predators * Math.min(1, Math.max(0, params.predator_death_rate * ctx.random.normal(1, params.noise))),
        }),
      },
      variables: {
        predators: (params, substep, history, state, input) => state.predators - input.predators_died,
      },
    },
  ],
  // The classic phase portrait: each run circles the balance point. End-of-timestep rows only
  // (the initial row, then the last block of each timestep), one line per run in time order.
  charts: [
    {
      title: "Phase portrait: lynx against hares, one line per run",
      transform: [{ filter: "datum.substep === 0 || datum.substep === 3" }],
      mark: { type: "line", strokeWidth: 1.5 },
      encoding: {
        x: { field: "prey", type: "quantitative", title: "prey (hares)", scale: { zero: false } },
        y: { field: "predators", type: "quantitative", title: "predators (lynx)", scale: { zero: false } },
        order: { field: "timestep", type: "quantitative" },
        color: { field: "run", type: "nominal", title: "run" },
      },
    },
  ],
});
