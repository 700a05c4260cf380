// A button that opens a list of checkboxes (the variable picker, the column chooser), with a filter for long lists.
import type { VscodeCheckbox } from "@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js";
import { button, h } from "./dom";

/** A shortcut above the list: sets the whole selection at once. */
export interface ChecklistAction {
  label: string;
  pick(items: readonly string[]): string[];
}

/** How a checklist reads and what it reports. */
export interface ChecklistConfig {
  /** The button's caption for a selection of `selected` of `total` items. */
  caption(selected: number, total: number): string;
  /** Names the list for assistive tech ("Variables to chart"). */
  label: string;
  actions: ChecklistAction[];
  /** Called with the selection, in the items' order, after every change. */
  onChange(selected: string[]): void;
}

/** Lists longer than this get a filter box. */
const FILTER_ABOVE = 12;

let nextId = 0;

/** A checklist behind a button; `element` goes in a toolbar. */
export class Checklist {
  readonly element: HTMLElement;
  private readonly trigger: HTMLElement;
  private readonly popup: HTMLElement;
  private readonly filter: HTMLInputElement;
  private readonly list: HTMLElement;
  private items: string[] = [];
  private selected = new Set<string>();

  constructor(private readonly config: ChecklistConfig) {
    const id = `checklist-${++nextId}`;
    this.trigger = button("", () => this.toggle(), { secondary: true, attrs: { "aria-haspopup": "true", "aria-expanded": "false", "aria-controls": id } });
    this.filter = h("input", {
      className: "checklist-filter",
      attrs: { type: "search", placeholder: "Filter", "aria-label": `Filter ${config.label.toLowerCase()}` },
    });
    this.filter.addEventListener("input", () => this.applyFilter());
    const actions = h("div", { className: "checklist-actions" });
    for (const action of config.actions) {
      const b = h("button", { className: "link-button", text: action.label, attrs: { type: "button" } });
      b.addEventListener("click", () => this.setSelection(action.pick(this.items)));
      actions.append(b);
    }
    this.list = h("div", { className: "checklist-items", attrs: { role: "group", "aria-label": config.label } });
    this.list.addEventListener("change", (event) => {
      const box = event.target as VscodeCheckbox;
      if (box.checked) this.selected.add(box.value);
      else this.selected.delete(box.value);
      this.report();
    });
    this.popup = h("div", { className: "checklist-popup", id, attrs: { role: "dialog", "aria-label": config.label } }, this.filter, actions, this.list);
    this.popup.hidden = true;
    this.element = h("div", { className: "checklist" }, this.trigger, this.popup);
    this.element.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !this.popup.hidden) {
        event.stopPropagation();
        this.close(true);
      }
    });
    document.addEventListener("pointerdown", (event) => {
      if (!this.popup.hidden && !event.composedPath().includes(this.element)) this.close(false);
    });
  }

  /** Shows `items` with `selected` checked. */
  set(items: readonly string[], selected: Iterable<string>): void {
    this.items = [...items];
    this.selected = new Set(selected);
    this.list.replaceChildren(
      ...this.items.map((item) => {
        const box = h("vscode-checkbox", { attrs: { value: item, label: item } });
        box.checked = this.selected.has(item);
        return box;
      }),
    );
    this.filter.hidden = this.items.length <= FILTER_ABOVE;
    this.applyFilter();
    this.updateCaption();
  }

  /** Enables or disables the button (no items: nothing to choose). */
  set disabled(disabled: boolean) {
    this.trigger.toggleAttribute("disabled", disabled);
  }

  /** Closes the list; `refocus` gives the focus back to the button (after Escape, not after a click elsewhere). */
  close(refocus: boolean): void {
    this.popup.hidden = true;
    this.trigger.setAttribute("aria-expanded", "false");
    if (refocus) this.trigger.focus();
  }

  private toggle(): void {
    if (!this.popup.hidden) return this.close(true);
    this.popup.hidden = false;
    this.trigger.setAttribute("aria-expanded", "true");
    const first = this.filter.hidden ? this.list.querySelector<HTMLElement>("vscode-checkbox") : this.filter;
    first?.focus();
  }

  private setSelection(selected: readonly string[]): void {
    this.selected = new Set(selected);
    for (const box of this.list.querySelectorAll("vscode-checkbox")) box.checked = this.selected.has(box.value);
    this.report();
  }

  private applyFilter(): void {
    const text = this.filter.value.trim().toLowerCase();
    for (const box of this.list.querySelectorAll("vscode-checkbox")) box.hidden = text !== "" && !box.value.toLowerCase().includes(text);
  }

  private report(): void {
    this.updateCaption();
    this.config.onChange(this.items.filter((i) => this.selected.has(i)));
  }

  private updateCaption(): void {
    const count = this.items.filter((i) => this.selected.has(i)).length;
    this.trigger.textContent = `${this.config.caption(count, this.items.length)} ▾`;
  }
}
