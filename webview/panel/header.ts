// The panel's header: which model and file, how big and how fast the run was, its errors and warnings, and the
// Re-run and Export buttons.
import type { PanelComparison, ResultsHeader } from "../../src/shared/protocol";
import { h } from "./dom";
import { errorsTitle, facts, typeErrorsText } from "./headerText";
import { WarningsLine, type WarningLinks } from "./warningsLine";

/** What the header's links do. */
export interface HeaderLinks extends WarningLinks {
  /** Opens the Problems panel (the model's type errors). */
  showProblems(): void;
}

/** The header element (`#substep-header`), filled by each result or run. */
export class Header {
  readonly element: HTMLElement;
  private readonly title = h("h1", { className: "title" });
  private readonly badge = h("span", { className: "badge" });
  private readonly file = h("span", { className: "file" });
  private readonly facts = h("dl", { className: "facts" });
  private readonly typeErrors = h("button", { className: "link-button type-errors", title: "Show the Problems panel", attrs: { type: "button" } });
  private readonly errors = h("div", { className: "run-errors", attrs: { role: "alert" } });
  private readonly compared = h("ol", { className: "compared-runs", attrs: { "aria-label": "Runs compared" } });
  private readonly warnings: WarningsLine;

  constructor(actions: HTMLElement[], links: HeaderLinks) {
    this.badge.hidden = true;
    this.errors.hidden = true;
    this.typeErrors.hidden = true;
    this.typeErrors.addEventListener("click", () => links.showProblems());
    this.warnings = new WarningsLine(links);
    const heading = h("div", { className: "heading" }, this.title, this.badge, this.file, this.typeErrors);
    const top = h("div", { className: "header-top" }, heading, h("div", { className: "header-actions" }, ...actions));
    this.compared.hidden = true;
    this.element = h("header", { id: "substep-header" }, top, this.compared, this.facts, this.errors, this.warnings.element);
  }

  /** Shows a finished (or stopped, or partly failed) run. */
  showResults(header: ResultsHeader): void {
    this.setTitle(header.title, header.file);
    this.badge.hidden = !header.cancelled;
    this.badge.textContent = "Stopped: partial results";
    this.badge.title = header.stopped ?? "The run was stopped before its end; the results hold the rows of the runs that had finished.";
    this.facts.replaceChildren(...facts(header).map(([label, value]) => h("div", {}, h("dt", { text: label }), h("dd", { text: value }))));
    this.facts.hidden = false;
    this.showErrors(header.errors, header);
    this.warnings.show(header);
    const typeErrors = typeErrorsText(header.typeErrors);
    this.typeErrors.textContent = typeErrors ?? "";
    this.typeErrors.hidden = !typeErrors;
  }

  /** A comparison names its runs, each with its file and what tells it apart; the facts then describe them all together. */
  showComparison(comparison: PanelComparison | undefined): void {
    this.compared.hidden = !comparison;
    this.compared.replaceChildren(
      ...(comparison?.runs ?? []).map((run) =>
        h(
          "li",
          {},
          h("strong", { className: "compared-label", text: run.label }),
          h("span", { className: "compared-detail", text: ` ${run.file} · ${run.detail}` }),
        ),
      ),
    );
  }

  /** Hides what describes the last run's ending (stopped badge, errors, warnings) while a new run is on. */
  clearRunNotes(): void {
    this.badge.hidden = true;
    this.showErrors([]);
    this.warnings.show(undefined);
    this.typeErrors.hidden = true;
  }

  /** Names a run in progress when there are no results yet. */
  showRunning(title: string, file: string): void {
    this.setTitle(title, file);
    this.badge.hidden = true;
    this.facts.hidden = true;
    this.clearRunNotes();
  }

  private setTitle(title: string, file: string): void {
    this.title.textContent = title || "Substep results";
    this.file.textContent = file;
    this.file.title = file;
    // Before a model is loaded its title is its file's name: once is enough.
    this.file.hidden = !file || file === title || file.endsWith(`/${title}`);
  }

  /** The first error at once (its first line), all of them on demand: errors are prominent but never push the charts away. */
  private showErrors(errors: readonly string[], header?: ResultsHeader): void {
    this.errors.hidden = errors.length === 0;
    if (errors.length === 0) return this.errors.replaceChildren();
    const first = errors[0]!.split("\n")[0]!;
    this.errors.replaceChildren(h("strong", { text: `${errorsTitle(errors, header)}: ` }), h("span", { className: "first-error", text: first }));
    if (errors.length > 1 || errors[0]!.includes("\n")) {
      this.errors.append(h("details", {}, h("summary", { text: errors.length > 1 ? "All errors" : "Where" }), h("pre", { text: errors.join("\n\n") })));
    }
  }
}
