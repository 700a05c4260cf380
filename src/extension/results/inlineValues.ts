// After a run, each initialState variable shows its final value (mean over runs) at the end of its line,
// with min/mean/max and a sparkline on hover. Editing the model clears them (they describe the old code).
import * as vscode from "vscode";
import { finalStats, type FinalStats } from "../../engine";
import { KeyLocator } from "../../source/locateKey";
import { escapeMarkdown, formatNumber } from "../../export/format";
import { inlineLabel } from "../../export/finalsText";
import { Disposable } from "../common/dispose";
import { modelTextHash, type ResultsStore } from "./resultsStore";

export class InlineValues extends Disposable {
  private readonly decoration = this.register(
    vscode.window.createTextEditorDecorationType({
      after: { margin: "0 0 0 2em", color: new vscode.ThemeColor("editorCodeLens.foreground"), fontStyle: "italic" },
    }),
  );
  /** The document version each file's values were computed for; an edit makes them stale. */
  private readonly shownFor = new Map<string, number>();

  constructor(private readonly store: ResultsStore) {
    super();
    this.register(store.onDidChange((file) => this.refreshFile(file, true)));
    this.register(vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.refresh(e, false))));
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        const file = e.document.uri.fsPath;
        if (e.contentChanges.length === 0 || !this.shownFor.has(file)) return;
        this.shownFor.delete(file);
        for (const editor of vscode.window.visibleTextEditors) if (editor.document === e.document) editor.setDecorations(this.decoration, []);
      }),
    );
    // Editors restored with the window were there before activation: no event names them.
    for (const editor of vscode.window.visibleTextEditors) this.refresh(editor, false);
  }

  private refreshFile(file: string, fresh: boolean): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.fsPath === file) this.refresh(editor, fresh);
  }

  private refresh(editor: vscode.TextEditor, fresh: boolean): void {
    const doc = editor.document;
    const file = doc.uri.fsPath;
    const stored = this.store.get(file);
    if (!stored) {
      // After a window reload the result is on disk: loading it announces it, which refreshes this editor.
      void this.store.load(file);
      return;
    }
    const text = doc.getText();
    // Values describe the text that ran: not an edited one, nor another version of the file on disk.
    if (stored.modelHash !== modelTextHash(text)) return;
    if (fresh) this.shownFor.set(file, doc.version);
    if (this.shownFor.get(file) !== doc.version) return;
    const locator = new KeyLocator(() => [{ file, text, inNodeModules: false }], file, /export\s+default\s*\[/.test(text));
    const byLine = new Map<number, FinalStats[]>();
    for (const f of finalStats(stored.results)) {
      const at = locator.locate(["initialState", f.variable], 0);
      if (!at || at.file !== file) continue;
      const list = byLine.get(at.line - 1) ?? [];
      list.push(f);
      byLine.set(at.line - 1, list);
    }
    const decorations: vscode.DecorationOptions[] = [];
    for (const [line, list] of byLine) {
      if (line >= doc.lineCount) continue;
      const end = doc.lineAt(line).range.end;
      const hover = new vscode.MarkdownString(list.map(describe).join("\n\n---\n\n"));
      decorations.push({ range: new vscode.Range(end, end), hoverMessage: hover, renderOptions: { after: { contentText: `→ ${inlineLabel(list)}` } } });
    }
    editor.setDecorations(this.decoration, decorations);
  }
}

function describe(f: FinalStats): string {
  const partial = f.partialRuns ? `${f.partialRuns} of ${f.runs} runs ended early: their last computed values are included` : "";
  return [
    `**${escapeMarkdown(f.name)}**${f.subsetLabel ? ` (${escapeMarkdown(f.subsetLabel)})` : ""} at the last timestep`,
    `min ${formatNumber(f.min)} · mean ${formatNumber(f.mean)} · max ${formatNumber(f.max)}`,
    `\`${sparkline(f.trend)}\``,
    partial,
  ]
    .filter(Boolean)
    .join("\n\n");
}

const BARS = "▁▂▃▄▅▆▇█";

/** Unicode bars for a series (mean over runs over time). */
function sparkline(values: readonly number[]): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return "";
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return values.map((v) => (Number.isFinite(v) ? BARS[hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1))] : " ")).join("");
}
