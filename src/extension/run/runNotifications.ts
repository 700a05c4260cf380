// Notifications about runs: a progress notification with Cancel for runs longer than a moment, an error
// for a failed run, a warning for a run stopped by its time limit.
import * as vscode from "vscode";
import { formatCount } from "../../export/format";
import { executeCommand } from "../common/commands";
import { Disposable } from "../common/dispose";
import type { RunController } from "./runController";
import type { RunEnd } from "./runEvents";

/** How long a run may take before a progress notification with Cancel appears. */
const NOTIFY_AFTER_MS = 700;

/** A run being watched: its timer, then its notification's progress and end. */
interface Watched {
  timer: NodeJS.Timeout;
  report?: (done: number, total: number) => void;
  ended: Promise<void>;
  end: () => void;
}

export class RunNotifications extends Disposable {
  private readonly watched = new Map<string, Watched>();

  constructor(private readonly runs: RunController) {
    super();
    this.register(runs.onDidStart(({ file }) => this.started(file)));
    this.register(runs.onDidProgress(({ file, done, total }) => this.watched.get(file)?.report?.(done, total)));
    this.register(runs.onDidEnd((end) => this.ended(end)));
    this.register({ dispose: () => [...this.watched.keys()].forEach((file) => this.unwatch(file)) });
  }

  private started(file: string): void {
    if (this.watched.has(file)) return; // the second start, with the model's name
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const timer = setTimeout(() => this.notify(file, watched), NOTIFY_AFTER_MS);
    const watched: Watched = { timer, ended, end };
    this.watched.set(file, watched);
  }

  private notify(file: string, watched: Watched): void {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Substep: running ${vscode.workspace.asRelativePath(file)}`, cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => this.runs.stop(file));
        let last = 0;
        watched.report = (done, total) => {
          const pct = total ? (100 * done) / total : 0;
          progress.report({ increment: pct - last, message: `${formatCount(done)} of ${formatCount(total)} rows` });
          last = pct;
        };
        return watched.ended;
      },
    );
  }

  private unwatch(file: string): void {
    const watched = this.watched.get(file);
    if (!watched) return;
    clearTimeout(watched.timer);
    watched.end();
    this.watched.delete(file);
  }

  private ended(end: RunEnd): void {
    this.unwatch(end.file);
    if (end.outcome === "failed") {
      void vscode.window.showErrorMessage(end.message.split("\n")[0]!, "Show Problems").then((pick) => {
        if (pick) void executeCommand("workbench.actions.view.problems");
      });
    }
    // A stop is not a failure: nothing to fix, so no error. The user who pressed Stop needs no message
    // either; a stop by the time limit says which setting did it.
    if (end.outcome === "stopped" && end.reason === "timeout") void vscode.window.showWarningMessage(end.message);
  }
}
