// The Model Diagram view: the blocks of the active model file (or the last one shown), each with its policies and
// the signals they emit, and the variables it updates. Drawn from the model as loaded by its last validation
// (on open and save), with places and the signals each update reads from the source; from the source
// alone until a validation has loaded it.
import { basename } from "node:path";
import * as vscode from "vscode";
import { commandLink, executeCommand, registerCommand, targetFile, type ModelTarget } from "../common/commands";
import { Disposable } from "../common/dispose";
import { diagramLines, diagramNodes, fromRun, type DiagramNode, type LoadedShape } from "../../source/diagram";
import { diagramSvg } from "../../source/diagramSvg";
import { modelReader } from "../common/openSources";
import type { ResultsStore } from "../results/resultsStore";
import { isModelFile, modelStem } from "../../shared/modelFilePattern";

const ICONS: Record<DiagramNode["kind"], string> = {
  model: "beaker",
  block: "symbol-module",
  policies: "symbol-event",
  updates: "symbol-variable",
  policy: "symbol-function",
  variable: "symbol-field",
  note: "info",
};

/** What `substep.showDiagram` returns: the file shown and the diagram as indented lines. */
export interface DiagramSummary {
  file: string;
  lines: string[];
}

/** The `substep.diagram` tree view and the `substep.showDiagram` and `substep.openDiagramSvg` commands. */
export class DiagramView extends Disposable implements vscode.TreeDataProvider<DiagramNode> {
  private readonly onDidChangeTreeDataEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.onDidChangeTreeDataEmitter.event;
  private readonly view: vscode.TreeView<DiagramNode>;
  private file: string | undefined;
  private nodes: DiagramNode[] = [];
  /** Each model file's blocks as its last validation loaded them. */
  private readonly loaded = new Map<string, LoadedShape[]>();

  constructor(
    private readonly store: ResultsStore,
    /** Where "Open as SVG" writes its files (the extension's storage). */
    private readonly svgFolder: vscode.Uri,
  ) {
    super();
    this.view = this.register(vscode.window.createTreeView("substep.diagram", { treeDataProvider: this, showCollapseAll: true }));
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)));
    this.register(
      vscode.workspace.onDidSaveTextDocument((doc) => {
        // The model itself or a file it imports: cheap enough to read again on any save of a source.
        if (this.file && (doc.uri.fsPath === this.file || /\.[mc]?[jt]sx?$/.test(doc.uri.fsPath))) this.refresh();
      }),
    );
    // A model whose blocks are built in code shows the block labels of its last run.
    this.register(store.onDidChange((file) => file === this.file && this.refresh()));
    this.register(registerCommand("substep.showDiagram", (uri) => this.showCommand(uri)));
    this.register(registerCommand("substep.openDiagramSvg", (uri) => this.openSvg(uri)));
    this.follow(vscode.window.activeTextEditor);
  }

  /** The blocks of `file` as its latest validation loaded them (with the signals its policies returned); undefined when it did not load. */
  setLoaded(file: string, models: LoadedShape[] | undefined): void {
    if (models) this.loaded.set(file, models);
    else this.loaded.delete(file);
    if (file === this.file) this.refresh();
  }

  /** Shows the diagram of `file`. */
  show(file: string): void {
    this.file = file;
    this.refresh();
  }

  getChildren(node?: DiagramNode): DiagramNode[] {
    return node ? node.children : this.nodes;
  }

  getTreeItem(node: DiagramNode): vscode.TreeItem {
    const expand =
      node.children.length === 0
        ? vscode.TreeItemCollapsibleState.None
        : node.kind === "policies" || node.kind === "updates" || node.kind === "block" || node.kind === "model"
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, expand);
    item.id = `${this.file}#${node.id}`;
    if (node.description) item.description = node.description;
    if (node.tooltip) item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon(ICONS[node.kind]);
    item.accessibilityInformation = { label: node.description ? `${node.label}, ${node.description}` : node.label };
    item.contextValue = `diagram-${node.kind}`;
    if (node.place) {
      const at = new vscode.Position(node.place.line - 1, node.place.column - 1);
      item.command = commandLink("vscode.open", "Go to Definition", vscode.Uri.file(node.place.file), {
        selection: new vscode.Range(at, at),
        preserveFocus: false,
      });
    }
    return item;
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    const uri = editor?.document.uri;
    if (uri?.scheme === "file" && isModelFile(uri.fsPath) && uri.fsPath !== this.file) this.show(uri.fsPath);
  }

  private refresh(): void {
    const file = this.file;
    if (!file) return;
    const structure = modelReader(file)?.read();
    const loaded = this.loaded.get(file) ?? this.store.get(file)?.results.simulations.map(fromRun);
    this.nodes = structure
      ? diagramNodes(structure, loaded)
      : [{ id: "unreadable", label: `Cannot read ${vscode.workspace.asRelativePath(file)}`, kind: "note", children: [] }];
    this.view.description = vscode.workspace.asRelativePath(file);
    this.onDidChangeTreeDataEmitter.fire();
  }

  /** `substep.showDiagram [uri]`: shows the model's diagram (the active or last model file by default) and returns it as lines. */
  private async showCommand(uri?: ModelTarget): Promise<DiagramSummary | undefined> {
    const file = this.target(uri);
    if (!file) return undefined;
    this.show(file);
    await executeCommand("substep.diagram.focus");
    return { file, lines: diagramLines(this.nodes) };
  }

  /** `substep.openDiagramSvg [uri]`: writes the diagram as an SVG file and opens it in VS Code's image preview; returns its path. */
  private async openSvg(uri?: ModelTarget): Promise<string | undefined> {
    const file = this.target(uri);
    if (!file) return undefined;
    this.show(file);
    const name = modelStem(basename(file));
    const target = vscode.Uri.joinPath(this.svgFolder, `${name}.diagram.svg`);
    await vscode.workspace.fs.createDirectory(this.svgFolder);
    await vscode.workspace.fs.writeFile(target, Buffer.from(diagramSvg(this.nodes, `Model diagram of ${vscode.workspace.asRelativePath(file)}`), "utf8"));
    await executeCommand("vscode.open", target, { preview: true });
    return target.fsPath;
  }

  /** The model file a command acts on: its argument, the active model editor, else the one shown. */
  private target(target?: ModelTarget): string | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    const file = targetFile(target) ?? (active?.scheme === "file" && isModelFile(active.fsPath) ? active.fsPath : this.file);
    if (!file) void vscode.window.showInformationMessage("Open a model file (*.sim.ts) to see its diagram.");
    return file;
  }
}
