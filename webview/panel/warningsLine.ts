// The header's warnings: the first warning on one line (where its update is, a jump to its row), every
// distinct one on demand. Warning-coloured, below the errors: a run that warns has rows worth a look.
import type { PanelLocation, PanelWarning, ResultsHeader } from "../../src/shared/protocol";
import { h } from "./dom";
import { locationText, warningLine, warningsTitle } from "./headerText";

/** What the warnings' links do. */
export interface WarningLinks {
  /** Opens the update's line in the editor. */
  openLocation(location: PanelLocation): void;
  /** Switches to the Table tab at the warning's row. */
  showRow(row: NonNullable<PanelWarning["row"]>): void;
}

/** The `.run-warnings` element of the header. */
export class WarningsLine {
  readonly element = h("div", { className: "run-warnings", attrs: { role: "status" } });

  constructor(private readonly links: WarningLinks) {
    this.element.hidden = true;
  }

  /** Shows the result's warnings (none: hidden). */
  show(header: Pick<ResultsHeader, "warningCount" | "warnings"> | undefined): void {
    const warnings = header?.warnings ?? [];
    this.element.hidden = warnings.length === 0;
    if (warnings.length === 0) return this.element.replaceChildren();
    const first = warnings[0]!;
    this.element.replaceChildren(
      h("strong", { text: `${warningsTitle(header!.warningCount)}: ` }),
      h("span", { className: "first-warning", text: warningLine(first) }),
      ...this.actions(first),
    );
    if (warnings.length > 1) {
      const shown = warnings.length < header!.warningCount ? ` (${warnings.length} distinct)` : "";
      const list = h("ol", { className: "warning-list" }, ...warnings.map((w) => h("li", {}, h("span", { text: warningLine(w) }), ...this.actions(w))));
      this.element.append(h("details", {}, h("summary", { text: `All warnings${shown}` }), list));
    }
  }

  /** The links after a warning: its update's place in the source, and Show row. */
  private actions(w: PanelWarning): HTMLElement[] {
    const out: HTMLElement[] = [];
    const { location, row } = w;
    if (location) {
      out.push(link(locationText(location), `Open ${location.display} at line ${location.line}`, "location-link", () => this.links.openLocation(location)));
    }
    if (row) out.push(link("Show row", "Show this row in the Table tab", "show-row", () => this.links.showRow(row)));
    return out;
  }
}

/** A button that reads as a link. */
function link(text: string, title: string, className: string, onClick: () => void): HTMLElement {
  const b = h("button", { className: `link-button ${className}`, text, title, attrs: { type: "button" } });
  b.addEventListener("click", onClick);
  return b;
}
