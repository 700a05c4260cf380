// The results panel in a light theme (a second code-server: the theme is a user setting at start).
// "Default Light Modern" is the id VS Code 1.139 migrates the older "Default Light Modern" to.
import type { UiSuite } from "../driver";
import { runWorkTokenAndCheckPanel } from "./resultsPanel";

export const suite: UiSuite = {
  options: { settings: { "workbench.colorTheme": "Default Light Modern" } },
  tests: [
    {
      name: "Substep: Run Simulation opens the results panel (light theme)",
      timeoutMs: 90_000,
      run: (wb) => runWorkTokenAndCheckPanel(wb, "light", "panel-light"),
    },
  ],
};
