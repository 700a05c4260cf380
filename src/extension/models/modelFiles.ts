// The model files of the workspace, kept current as files are created, renamed and deleted.
import * as vscode from "vscode";
import { Disposable } from "../common/dispose";
import { MODEL_GLOB } from "../../shared/modelFilePattern";

/** Every `*.sim.{ts,mts,js,mjs}` outside node_modules, sorted by path. */
export class ModelFiles extends Disposable {
  private files = new Set<string>();
  private readonly onDidChangeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly onDidDeleteEmitter = this.register(new vscode.EventEmitter<string>());
  /** A model file was deleted (or renamed away), in VS Code or outside it. */
  readonly onDidDelete = this.onDidDeleteEmitter.event;
  private readonly onDidChangeOnDiskEmitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** A model file's text changed on disk: a save, or an edit outside VS Code (another editor, git). */
  readonly onDidChangeOnDisk = this.onDidChangeOnDiskEmitter.event;
  /** Resolves after the first scan. */
  readonly ready: Promise<void>;

  constructor() {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(MODEL_GLOB));
    const add = (uri: vscode.Uri): void => {
      if (uri.scheme !== "file" || /[\\/]node_modules[\\/]/.test(uri.fsPath)) return;
      this.files.add(uri.fsPath);
      this.onDidChangeEmitter.fire();
    };
    this.register(watcher.onDidCreate(add));
    this.register(
      watcher.onDidChange((uri) => {
        if (uri.scheme === "file" && !/[\\/]node_modules[\\/]/.test(uri.fsPath)) this.onDidChangeOnDiskEmitter.fire(uri);
      }),
    );
    this.register(
      watcher.onDidDelete((uri) => {
        if (this.files.delete(uri.fsPath)) this.onDidChangeEmitter.fire();
        this.onDidDeleteEmitter.fire(uri.fsPath);
      }),
    );
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan()));
    this.ready = this.rescan();
  }

  get list(): string[] {
    return [...this.files].sort((a, b) => a.localeCompare(b));
  }

  async rescan(): Promise<void> {
    const uris = await vscode.workspace.findFiles(MODEL_GLOB, "**/node_modules/**");
    this.files = new Set(uris.filter((u) => u.scheme === "file").map((u) => u.fsPath));
    this.onDidChangeEmitter.fire();
  }
}
