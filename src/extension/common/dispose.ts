// Ownership of disposables: an owner registers what it creates and disposes it all, newest first.
import type * as vscode from "vscode";

/** Base class for objects that own disposables. */
export class Disposable implements vscode.Disposable {
  private owned: vscode.Disposable[] = [];
  private disposed = false;

  /** Takes ownership of `d` (disposed at once if this owner is already disposed). */
  protected register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.owned.push(d);
    return d;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.owned.reverse()) d.dispose();
    this.owned = [];
  }
}
