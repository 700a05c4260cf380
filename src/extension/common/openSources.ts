// Model files read statically for the editor: an open document's text (unsaved edits included), else the file on disk.
import { readFileSync } from "node:fs";
import * as vscode from "vscode";
import { escapeLinkText } from "../../export/format";
import { ModelReader } from "../../source";

/** The text of `file`: its open document's, else from disk; undefined when it cannot be read. */
function sourceText(file: string): string | undefined {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === "file" && d.uri.fsPath === file);
  if (doc) return doc.getText();
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** A reader of the model in `file` (with `text` when given), following its relative imports the same way. */
export function modelReader(file: string, text?: string): ModelReader | undefined {
  const entry = text ?? sourceText(file);
  return entry === undefined ? undefined : new ModelReader(file, entry, sourceText);
}

/** A link that opens `file` at a 1-based line and column, labelled `name:line`. */
export function placeLink(place: { file: string; line: number; column: number }): string {
  const uri = vscode.Uri.file(place.file).with({ fragment: `L${place.line},${place.column}` });
  return `[${escapeLinkText(`${vscode.workspace.asRelativePath(place.file)}:${place.line}`)}](${uri.toString()})`;
}
