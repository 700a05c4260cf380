// "Run Simulation with Options…": runs, timesteps, seed, parameter values and sweep mode, with the
// number of runs this will make shown before it starts.
import * as vscode from "vscode";
import { countSubsets, expandSweep, type Overrides, type SimulationInfo, type SweepMode } from "../../engine";
import { plural } from "../../export/format";

interface Choice extends vscode.QuickPickItem {
  key: "run" | "runs" | "timesteps" | "seed" | "sweep" | `param:${string}`;
}

/** Asks for the run's options, starting from the model's own; undefined when the user cancels. */
export async function askRunOptions(file: string, describe: () => Promise<SimulationInfo[]>): Promise<Overrides | undefined> {
  let sims: SimulationInfo[];
  try {
    sims = await describe();
  } catch (err) {
    void vscode.window.showErrorMessage(
      `Cannot load ${vscode.workspace.asRelativePath(file)}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`,
    );
    return undefined;
  }
  const first = sims[0]!;
  const state = { runs: first.runs, timesteps: first.timesteps, seed: first.seed, sweep: first.sweep, params: { ...first.params } };
  const changed: Overrides = {};
  for (;;) {
    let subsets = 0;
    let problem = "";
    try {
      expandSweep(state.params, state.sweep);
      subsets = countSubsets(state.params, state.sweep);
    } catch (err) {
      problem = (err as Error).message;
    }
    const runs = subsets * state.runs;
    const items: Choice[] = [
      problem
        ? { key: "run", label: "$(error) Cannot run", detail: problem }
        : {
            key: "run",
            label: "$(play) Run",
            description: `${plural(runs, "run")} (${plural(subsets, "subset")} × ${state.runs}) × ${state.timesteps} timesteps`,
          },
      { key: "runs", label: "Monte Carlo runs", description: String(state.runs) },
      { key: "timesteps", label: "Timesteps", description: String(state.timesteps) },
      { key: "seed", label: "Seed", description: String(state.seed) },
      { key: "sweep", label: "Sweep", description: state.sweep === "zip" ? "zip (cadCAD: lists by position)" : "cartesian (every combination)" },
      ...Object.entries(state.params).map(([name, value]): Choice => ({
        key: `param:${name}`,
        label: `Parameter ${name}`,
        description: JSON.stringify(value),
      })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: `Run ${first.name} with Options`, placeHolder: "Change a value, or Run" });
    if (!pick) return undefined;
    if (pick.key === "run") {
      if (problem) continue;
      return changed;
    }
    if (pick.key === "sweep") {
      const mode = await vscode.window.showQuickPick(["zip", "cartesian"], { title: "Sweep mode" });
      if (mode) state.sweep = changed.sweep = mode as SweepMode;
      continue;
    }
    if (pick.key.startsWith("param:")) {
      const name = pick.key.slice(6);
      const text = await vscode.window.showInputBox({
        title: `Parameter ${name}`,
        prompt: "Candidate values as JSON: a list [a, b, c] sweeps them, anything else is a constant",
        value: JSON.stringify(state.params[name]),
        validateInput: (v) => (parse(v) === undefined ? "Not valid JSON" : undefined),
      });
      if (text === undefined) continue;
      const value = parse(text)!.value;
      state.params[name] = value;
      (changed.params ??= {})[name] = Array.isArray(value) ? value : [value];
      continue;
    }
    const key = pick.key as "runs" | "timesteps" | "seed";
    const min = key === "runs" ? 1 : key === "timesteps" ? 0 : -Infinity;
    const text = await vscode.window.showInputBox({
      title: pick.label,
      value: String(state[key]),
      validateInput: (v) => {
        const n = Number(v);
        if (v.trim() === "" || !Number.isFinite(n)) return "A number";
        if (key !== "seed" && (!Number.isInteger(n) || n < min)) return `A whole number >= ${min}`;
        return undefined;
      },
    });
    if (text === undefined) continue;
    state[key] = changed[key] = Number(text);
  }
}

function parse(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
