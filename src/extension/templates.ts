// Model templates for "New Model…": each is a complete model file that runs as created.
import workToken from "../../examples/workToken.sim.ts?raw";

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
];
