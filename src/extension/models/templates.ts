// Model templates for "New Model…": each is a complete model file that runs as created.
import bondingCurve from "../../../examples/bondingCurve.sim.ts?raw";
import predatorPrey from "../../../examples/predatorPrey.sim.ts?raw";
import workToken from "../../../examples/workToken.sim.ts?raw";

/** A template users can start a model from. */
export interface ModelTemplate {
  id: string;
  label: string;
  detail: string;
  fileName: string;
  text: string;
}

export const TEMPLATES: ModelTemplate[] = [
  {
    id: "workToken",
    label: "WORK token distribution",
    detail: "Weekly minting into a community treasury; contributors rewarded for work of random impact (52 weeks, 3 runs).",
    fileName: "workToken.sim.ts",
    text: workToken,
  },
  {
    id: "predatorPrey",
    label: "Predator and prey (Lotka–Volterra)",
    detail: "Hares and lynx in cycles: births, predation and deaths as three blocks, with noisy seasons (200 timesteps, 5 runs).",
    fileName: "predatorPrey.sim.ts",
    text: predatorPrey,
  },
  {
    id: "bondingCurve",
    label: "Token bonding curve",
    detail: "Random buys and sells on price = k·supply^n, swept over three exponents n, with model charts (100 days, 3 subsets × 5 runs).",
    fileName: "bondingCurve.sim.ts",
    text: bondingCurve,
  },
];
