// Every command Substep registers or calls, with its arguments, in one table: an id used anywhere in the
// extension comes from here, so a renamed command or a changed argument is a type error, not a dead button.
import * as vscode from "vscode";
import type { Overrides } from "../../engine";
import type { Comparison } from "../compare/comparison";
import type { DiagramSummary } from "../diagram/diagramView";

/** What the panel's export menu and the end-to-end tests pass to substep.exportResults. */
export interface ExportRequest {
  format: string;
  path: string;
  file?: string;
}

/**
 * The model a command acts on: a file's URI (CodeLens, editor title, explorer), or a view's item that has
 * a `file` (a Models view node, a Runs view record, which VS Code passes to the item's inline commands).
 */
export type ModelTarget = vscode.Uri | { readonly file: string };

/** A run in the Runs view's history (its item), or its id. */
export type RunTarget = { readonly id: string } | string;

/** Substep's own commands (package.json contributes each; a test checks the two agree). */
export interface SubstepCommands {
  "substep.runSimulation": (target?: ModelTarget) => Promise<void>;
  "substep.runSimulationWithOptions": (target?: ModelTarget) => Promise<void>;
  "substep.stopSimulation": (target?: ModelTarget) => void;
  "substep.openResults": (target?: ModelTarget) => Promise<void>;
  "substep.exportResults": (arg?: ModelTarget | ExportRequest) => Promise<string | undefined>;
  /** The walkthrough passes { openExisting: true }: its "Open the example" opens the example when it is there. */
  "substep.newModel": (templateId?: string, options?: { openExisting?: boolean }) => Promise<void>;
  /** A template's example: opened when the workspace has it, else created (the walkthrough's last step). */
  "substep.openExample": (templateId?: string) => Promise<void>;
  "substep.refreshModels": () => Promise<void>;
  /** Shows a run of the history in its model's panel. */
  "substep.openRun": (target: RunTarget) => Promise<void>;
  /** Runs a model with the options of a run: a history item's, or those the panel's result ran with. */
  "substep.rerunWithOptions": (target: RunTarget | { readonly file: string; readonly overrides?: Overrides }) => Promise<void>;
  /** The tests pass the new name; otherwise an input box asks. */
  "substep.renameRun": (target: RunTarget, name?: string) => Promise<void>;
  "substep.pinRun": (target: RunTarget) => Promise<void>;
  "substep.unpinRun": (target: RunTarget) => Promise<void>;
  /** The tests pass { confirmed: true }; otherwise a modal asks. */
  "substep.deleteRun": (target: RunTarget, options?: { confirmed?: boolean }) => Promise<void>;
  /**
   * Opens the comparison panel on runs of the history: from the Runs view (the clicked item and the selection),
   * the tests' ids, or a list to pick from. Returns what the panel shows.
   */
  "substep.compareRuns": (target?: RunTarget | { readonly ids: readonly string[] }, selected?: readonly RunTarget[]) => Promise<Comparison | undefined>;
  /** Runs the model as HEAD has it and as the editor has it, and compares them. */
  "substep.compareWithHead": (target?: ModelTarget) => Promise<Comparison | undefined>;
  /**
   * Writes a run's CSV and a notebook that reads it into the results folder, and opens the notebook: the model's
   * latest run, or a run of the Runs view. Returns the notebook's path.
   */
  "substep.openInJupyter": (target?: ModelTarget | RunTarget) => Promise<string | undefined>;
  /** Writes a run's CSV and HTML report into the results folder; returns the paths written. */
  "substep.saveResults": (target?: ModelTarget | RunTarget) => Promise<string[] | undefined>;
  /** Returns the diagram as lines (the end-to-end tests read them). */
  "substep.showDiagram": (target?: ModelTarget) => Promise<DiagramSummary | undefined>;
  /** Returns the path of the SVG file written. */
  "substep.openDiagramSvg": (target?: ModelTarget) => Promise<string | undefined>;
}

/** VS Code's commands that Substep calls or links to. */
interface WorkbenchCommands {
  "vscode.open": (uri: vscode.Uri, options?: vscode.TextDocumentShowOptions) => void;
  /** Opens a file in the editor of `viewType` ("jupyter-notebook": VS Code's built-in notebook editor). */
  "vscode.openWith": (uri: vscode.Uri, viewType: string) => void;
  revealInExplorer: (uri: vscode.Uri) => void;
  "workbench.actions.view.problems": () => void;
  "workbench.trust.manage": () => void;
  /** Every contributed view has a focus command; this is the Model Diagram's. */
  "substep.diagram.focus": () => void;
}

type Commands = SubstepCommands & WorkbenchCommands;

/** The model file a command's target names, if it names one. */
export function targetFile(target: unknown): string | undefined {
  if (target instanceof vscode.Uri) return target.scheme === "file" ? target.fsPath : undefined;
  const file = typeof target === "object" && target !== null ? (target as { file?: unknown }).file : undefined;
  return typeof file === "string" ? file : undefined;
}

/** Registers the handler of one of Substep's commands. */
export function registerCommand<K extends keyof SubstepCommands>(id: K, handler: SubstepCommands[K]): vscode.Disposable {
  return vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown);
}

/** Runs a command with the arguments its table entry declares. */
export function executeCommand<K extends keyof Commands>(id: K, ...args: Parameters<Commands[K]>): Thenable<unknown> {
  return vscode.commands.executeCommand(id, ...args);
}

/** A command for a tree item or a CodeLens, typed by the table. */
export function commandLink<K extends keyof Commands>(id: K, title: string, ...args: Parameters<Commands[K]>): vscode.Command {
  return { command: id, title, arguments: args };
}
