// Quick fixes on Substep's validation problems (the light bulb): the edits come from modelFixes.ts.
import * as vscode from "vscode";
import { fixesFor, type TextEdit } from "../../source/fixes";
import { modelReader } from "../common/openSources";
import type { ModelReader } from "../../source";

/** Code actions (quick fixes) for Substep's "invalid-model" diagnostics in model files. */
export class ModelQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    // A problem located at a state update's function is fixed on its key, earlier on the line: offer it on the whole line.
    const onLines = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.range.start.line <= range.end.line && d.range.end.line >= range.start.line);
    const problems = [...new Set([...context.diagnostics, ...onLines])].filter((d) => d.source === "substep" && d.code === "invalid-model");
    if (problems.length === 0) return [];
    const file = doc.uri.fsPath;
    const reader = modelReader(file, doc.getText());
    if (!reader) return [];
    const actions: vscode.CodeAction[] = [];
    for (const d of problems) {
      for (const fix of fixesFor({ message: d.message, file, line: d.range.start.line + 1 }, reader)) {
        if (actions.some((a) => a.title === fix.title)) continue;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = fix.preferred;
        action.edit = workspaceEdit(fix.edits, reader, doc);
        actions.push(action);
      }
    }
    return actions;
  }
}

function workspaceEdit(edits: readonly TextEdit[], reader: ModelReader, doc: vscode.TextDocument): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const position = (file: string, offset: number): vscode.Position => {
    if (file === doc.uri.fsPath) return doc.positionAt(offset);
    const at = reader.lineColumnOf(file, offset)!;
    return new vscode.Position(at.line - 1, at.column - 1);
  };
  for (const e of edits) edit.replace(vscode.Uri.file(e.file), new vscode.Range(position(e.file, e.start), position(e.file, e.end)), e.newText);
  return edit;
}
