// The report's chart controls: which variables, which statistic, and how groups are laid out.
import type { ChartData } from "../../src/shared/chartData";
import { LAYOUT_LABELS as LAYOUTS, MODE_LABELS as MODES, type ChartLayout, type ChartMode } from "../../src/shared/chartOptions";

/** What the controls decide; changed in place, then `onChange` is called. */
export interface ControlState {
  variables: Set<string>;
  mode: ChartMode;
  layout: ChartLayout;
}

/** The controls' element, wired to `state`. */
export function buildControls(data: ChartData, state: ControlState, onChange: () => void): HTMLElement {
  const form = document.createElement("form");
  form.className = "controls";
  form.addEventListener("submit", (e) => e.preventDefault());

  const vars = document.createElement("fieldset");
  vars.className = "variables";
  const legend = document.createElement("legend");
  legend.textContent = "Variables";
  vars.append(legend);
  const boxes: HTMLInputElement[] = [];
  for (const name of data.variables) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = name;
    box.checked = state.variables.has(name);
    box.addEventListener("change", () => {
      if (box.checked) state.variables.add(name);
      else state.variables.delete(name);
      onChange();
    });
    boxes.push(box);
    label.append(box, document.createTextNode(name));
    vars.append(label);
  }
  if (data.variables.length > 3) {
    vars.append(
      button("All", () => setAll(true)),
      button("None", () => setAll(false)),
    );
  }
  function setAll(on: boolean): void {
    for (const box of boxes) {
      box.checked = on;
      if (on) state.variables.add(box.value);
      else state.variables.delete(box.value);
    }
    onChange();
  }

  const mode = select("Show", "mode", MODES, state.mode, (v) => {
    state.mode = v;
    onChange();
  });
  const layout = select("Groups", "layout", LAYOUTS, state.layout, (v) => {
    state.layout = v;
    onChange();
  });
  if (data.groups.length < 2) {
    const sel = layout.querySelector("select")!;
    sel.disabled = true;
    sel.title = "There is a single parameter subset";
  }
  const options = document.createElement("div");
  options.className = "options";
  options.append(mode, layout);
  form.append(vars, options);
  return form;
}

function select<T extends string>(text: string, name: string, choices: [T, string][], current: T, onPick: (value: T) => void): HTMLElement {
  const label = document.createElement("label");
  const sel = document.createElement("select");
  sel.name = name;
  for (const [value, caption] of choices) {
    const option = document.createElement("option");
    option.value = value;
    option.textContent = caption;
    option.selected = value === current;
    sel.append(option);
  }
  sel.addEventListener("change", () => onPick(sel.value as T));
  label.append(document.createTextNode(`${text} `), sel);
  return label;
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}
