// After a run, each initialState variable shows its final value (mean over runs) at the end of its line,
// with min/mean/max and a sparkline on hover. Editing the model clears them (they describe the old code).
import * as vscode from "vscode";
import type { Results } from "../../engine";
import { KeyLocator } from "../../source/locateKey";
import { formatNumber } from "../../export/format";
import { Disposable } from "../common/dispose";
import type { ResultsStore } from "./resultsStore";

/** One variable's (or nested number's) final values across the runs of the first model. */
interface Final {
  name: string;
  variable: string;
  mean: number;
  min: number;
  max: number;
  /** Mean over runs at each end of timestep, thinned for a sparkline. */
  trend: number[];
}

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
  }

  private refreshFile(file: string, fresh: boolean): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.fsPath === file) this.refresh(editor, fresh);
  }

  private refresh(editor: vscode.TextEditor, fresh: boolean): void {
    const doc = editor.document;
    const file = doc.uri.fsPath;
    const stored = this.store.get(file);
    if (!stored) return;
    if (fresh) this.shownFor.set(file, doc.version);
    if (this.shownFor.get(file) !== doc.version) return;
    const text = doc.getText();
    const locator = new KeyLocator(() => [{ file, text, inNodeModules: false }], file, /export\s+default\s*\[/.test(text));
    const byLine = new Map<number, Final[]>();
    for (const f of finals(stored.results)) {
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
      const label = list
        .map((f) => (list.length > 1 || f.name !== f.variable ? `${f.name.slice(f.variable.length + 1) || f.name}: ${approx(f)}` : approx(f)))
        .join(", ");
      const hover = new vscode.MarkdownString(list.map(describe).join("\n\n---\n\n"));
      decorations.push({ range: new vscode.Range(end, end), hoverMessage: hover, renderOptions: { after: { contentText: `→ ${label}` } } });
    }
    editor.setDecorations(this.decoration, decorations);
  }
}

/** "5201" when every run ended on it, else "≈ 263.333" (the mean over the runs). */
function approx(f: Final): string {
  return f.min === f.max ? formatNumber(f.mean) : `≈ ${formatNumber(f.mean)}`;
}

function describe(f: Final): string {
  return [
    `**${f.name}** at the last timestep`,
    `min ${formatNumber(f.min)} · mean ${formatNumber(f.mean)} · max ${formatNumber(f.max)}`,
    `\`${sparkline(f.trend)}\``,
  ].join("\n\n");
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

/** Final values of every numeric series of the first model, over its runs (all subsets). */
export function finals(results: Results): Final[] {
  const sim = results.simulations[0];
  if (!sim) return [];
  const runs = results.runs.filter((r) => r.simulation === 0 && r.rows > 0);
  if (runs.length === 0) return [];
  const lastByRun = runs.map((r) => results.finalValues(r));
  const seriesByRun = runs.map((r) => new Map(results.numericSeries(r).map((s) => [s.name, s.values])));
  const steps = Math.floor((runs[0]!.rows - 1) / sim.blocks);
  const points = Math.min(steps + 1, 32);
  const out: Final[] = [];
  for (const { name, variable } of results.numericSeries(runs[0]!)) {
    const lasts = lastByRun.map((last) => last.get(name) ?? NaN).filter(Number.isFinite);
    if (lasts.length === 0) continue;
    const trend: number[] = [];
    for (let p = 0; p < points; p++) {
      const t = points === 1 ? 0 : Math.round((p * steps) / (points - 1));
      const row = t * sim.blocks;
      const vals = seriesByRun
        .map((series, i) => (row < runs[i]!.rows ? series.get(name)?.[row] : undefined))
        .filter((x): x is number => x !== undefined && Number.isFinite(x));
      trend.push(vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : NaN);
    }
    out.push({
      name,
      variable,
      mean: lasts.reduce((a, b) => a + b, 0) / lasts.length,
      min: Math.min(...lasts),
      max: Math.max(...lasts),
      trend,
    });
  }
  return out;
}
