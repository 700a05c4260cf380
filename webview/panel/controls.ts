// Small labelled controls of the panel's toolbars.
import type { VscodeSingleSelect } from "@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js";
import { h } from "./dom";

/** A single-select of `choices`, calling `onPick` with the value chosen. */
export function select<T extends string>(label: string, choices: [T, string][], onPick: (value: T) => void): VscodeSingleSelect {
  const sel = h("vscode-single-select", { attrs: { "aria-label": label } });
  sel.label = label;
  sel.append(...choices.map(([value, caption]) => h("vscode-option", { text: caption, attrs: { value } })));
  sel.addEventListener("change", () => onPick(sel.value as T));
  return sel;
}

/** `control` with a visible caption before it (the control keeps its own aria-label). */
export function labelled(text: string, control: HTMLElement): HTMLElement {
  return h("div", { className: "control" }, h("span", { className: "control-label", text, attrs: { "aria-hidden": "true" } }), control);
}
