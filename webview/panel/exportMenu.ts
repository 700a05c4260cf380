// The header's Export ▾ button and its menu: data files written by the host, images of the first chart drawn here.
import type { VscodeContextMenu } from "@vscode-elements/elements/dist/vscode-context-menu/vscode-context-menu.js";
import type { ExportFormat } from "../../src/shared/protocol";
import { button, h } from "./dom";

const ITEMS: { label: string; value?: ExportFormat; separator?: boolean }[] = [
  { label: "CSV (every row)", value: "csv" },
  { label: "JSON (every row)", value: "json" },
  { label: "HTML report", value: "html" },
  { label: "", separator: true },
  { label: "First chart as PNG", value: "png" },
  { label: "First chart as SVG", value: "svg" },
];

const FORMATS = new Set<string>(["csv", "json", "html", "png", "svg"]);

/** The Export button with its menu; `onPick` receives the chosen format. */
export class ExportMenu {
  readonly element: HTMLElement;
  private readonly trigger: HTMLElement;
  private readonly menu: VscodeContextMenu;

  constructor(onPick: (format: ExportFormat) => void) {
    this.menu = h("vscode-context-menu", { className: "export-menu", attrs: { "aria-label": "Export formats" } });
    this.menu.data = ITEMS.map(({ label, value, separator }) => (separator ? { separator: true } : { label, value: value ?? "" }));
    this.trigger = button("Export ▾", () => this.toggle(), {
      secondary: true,
      attrs: { "aria-haspopup": "menu", "aria-expanded": "false" },
      title: "Export the results or a chart",
    });
    this.menu.addEventListener("vsc-context-menu-select", (event) => {
      const value = event.detail.value;
      this.closed();
      if (FORMATS.has(value)) onPick(value as ExportFormat);
    });
    this.menu.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.closed();
    });
    this.element = h("div", { className: "menu-anchor" }, this.trigger, this.menu);
    // A click elsewhere closes the menu without telling: the button's state follows after it.
    document.addEventListener("click", () => requestAnimationFrame(() => this.trigger.setAttribute("aria-expanded", String(this.menu.show))));
  }

  /** Disables the button (no results to export yet). */
  set disabled(disabled: boolean) {
    this.trigger.toggleAttribute("disabled", disabled);
  }

  private toggle(): void {
    const show = !this.menu.show;
    this.menu.show = show;
    this.trigger.setAttribute("aria-expanded", String(show));
  }

  /** The menu closes itself on a pick or Escape: the button reads so again and takes the focus back. */
  private closed(): void {
    this.trigger.setAttribute("aria-expanded", "false");
    this.trigger.focus();
  }
}
