// The status strip under the header: a run in progress (with Stop), a failed run's message, why a run
// was stopped, an export's confirmation.
import type { VscodeProgressBar } from "@vscode-elements/elements/dist/vscode-progress-bar/vscode-progress-bar.js";
import { button, h } from "./dom";
import { formatCount } from "../../src/export/format";

/** How long an export's confirmation stays, ms. */
const NOTE_MS = 8000;

/** The status strip; each part shows only when it has something to say. */
export class StatusArea {
  readonly element: HTMLElement;
  private readonly run: HTMLElement;
  private readonly runLabel = h("span", { className: "run-label" });
  private readonly runCount = h("span", { className: "run-count" });
  private readonly bar: VscodeProgressBar;
  private readonly failure: HTMLElement;
  private readonly failureText = h("pre", { className: "failure-text" });
  private readonly stopNote = h("div", { className: "stop-note", attrs: { role: "status" } });
  private readonly note = h("div", { className: "status-note", attrs: { role: "status", "aria-live": "polite" } });
  private noteTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(onStop: () => void) {
    this.bar = h("vscode-progress-bar", { attrs: { "aria-label": "Run progress" } });
    this.run = h(
      "div",
      { className: "run-status" },
      this.runLabel,
      this.runCount,
      button("Stop", onStop, { secondary: true, attrs: { "aria-label": "Stop the run" } }),
      this.bar,
    );
    this.run.hidden = true;
    const dismiss = h("button", { className: "link-button", text: "Dismiss", attrs: { type: "button" } });
    dismiss.addEventListener("click", () => (this.failure.hidden = true));
    this.failure = h(
      "div",
      { className: "failure", attrs: { role: "alert" } },
      h("div", { className: "failure-head" }, h("strong", { text: "The run failed" }), dismiss),
      this.failureText,
    );
    this.failure.hidden = true;
    this.stopNote.hidden = true;
    this.element = h("div", { className: "status" }, this.run, this.failure, this.stopNote, this.note);
  }

  /** A run has started: its title, an indeterminate bar until the first progress. */
  running(title: string): void {
    this.failure.hidden = true;
    this.stopNote.hidden = true;
    this.run.hidden = false;
    this.runLabel.textContent = `Running ${title || "the model"}…`;
    this.runCount.textContent = "";
    this.bar.indeterminate = true;
    this.bar.value = 0;
  }

  /** Rows done of the run's total (0: not known yet). */
  progress(done: number, total: number): void {
    this.run.hidden = false;
    const known = total > 0;
    this.bar.indeterminate = !known;
    this.bar.max = known ? total : 1;
    this.bar.value = known ? Math.min(done, total) : 0;
    this.runCount.textContent = known
      ? `${formatCount(done)} of ${formatCount(total)} rows (${Math.floor((100 * Math.min(done, total)) / total)}%)`
      : `${formatCount(done)} rows`;
  }

  /** The run is over (results or failure). */
  stopped(): void {
    this.run.hidden = true;
  }

  /** The run failed: its message stays until the next run or results, or until dismissed. */
  failed(message: string): void {
    this.stopped();
    this.failureText.textContent = message;
    this.failure.hidden = false;
  }

  /** Why the run was stopped (absent: it was not); stays until the next run. */
  stoppedBecause(message: string | undefined): void {
    this.stopNote.textContent = message ?? "";
    this.stopNote.hidden = !message;
  }

  /** Hides a failure's message (new results arrived). */
  clearFailure(): void {
    this.failure.hidden = true;
  }

  /** A short note that fades after a while (an export's path). */
  say(text: string): void {
    clearTimeout(this.noteTimer);
    this.note.textContent = text;
    this.noteTimer = setTimeout(() => (this.note.textContent = ""), NOTE_MS);
  }
}
