// Hovers on a model's keys: a policy or state update in `blocks`, or an initialState variable. Where it is defined (a
// link), what it emits or reads, a variable's initial value and, after a run, its values at the last timestep.
import * as vscode from "vscode";
import { escapeMarkdown, formatNumber, markdownCode as code, plural } from "../../export/format";
import { modelReader, placeLink } from "../common/openSources";
import { keyTargetAt, type BlockOutline, type ModelOutline, type Place } from "../../source";
import type { ResultsStore } from "../results/resultsStore";
import { finalStats } from "../../engine";

/** Values longer than this are cut in the hover. */
const MAX_VALUE = 48;

/** Hovers for model files; last values come from the results store. */
export class ModelHover implements vscode.HoverProvider {
  constructor(private readonly store: ResultsStore) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const file = doc.uri.fsPath;
    const structure = modelReader(file, doc.getText())?.read();
    const target = structure && keyTargetAt(structure, file, doc.offsetAt(position));
    if (!target) return undefined;
    const lines: string[] = [];
    let variable: string | undefined;
    let key: Place;
    if (target.kind === "state") {
      const { key: k, model } = target;
      key = k.key;
      variable = k.name;
      lines.push(`**state variable ${code(k.name)}** · initial value ${valueText(k.value?.text)}`);
      const updates = (model.blocks ?? []).flatMap((b) => (b.variables ?? []).filter((v) => v.name === k.name).map((v) => ({ b, v })));
      lines.push(
        updates.length === 0
          ? model.blocks
            ? "not updated by any block (it keeps its initial value)"
            : "updates built in code"
          : `updated in ${updates.map(({ b, v }) => `${blockName(b)} at ${placeLink(v.definition ?? v.key)}`).join(", ")}`,
      );
    } else if (target.kind === "policy") {
      const { fn, model } = target;
      key = fn.key;
      const s = fn.signals;
      const emits = !s
        ? "signals computed in code"
        : s.names.length === 0 && s.complete
          ? "emits nothing"
          : `emits ${s.names.map(code).join(", ")}${s.complete ? "" : ", …"}`;
      lines.push(`**policy ${code(fn.name)}** · ${blocksWith(model, (b) => b.policies?.some((p) => p.name === fn.name))}`);
      lines.push(`${fn.definition ? `defined at ${placeLink(fn.definition)}` : "built in code"} · ${emits}`);
    } else {
      const { fn, model } = target;
      key = fn.key;
      variable = fn.name;
      lines.push(`**state update of ${code(fn.name)}** · ${blocksWith(model, (b) => b.variables?.some((v) => v.name === fn.name))}`);
      lines.push(
        `${fn.definition ? `defined at ${placeLink(fn.definition)}` : "built in code"}${fn.reads.length ? ` · reads ${fn.reads.map(code).join(", ")}` : ""}`,
      );
      const initial = model.initialState?.keys.find((k) => k.name === fn.name);
      if (initial) lines.push(`initial value ${valueText(initial.value?.text)} at ${placeLink(initial.key)}`);
      else if (model.initialState) lines.push("$(warning) not in initialState");
    }
    if (variable !== undefined && target.model.simulation === 0) {
      const last = await this.lastValues(file, variable);
      if (last) lines.push(last);
    }
    const markdown = new vscode.MarkdownString(lines.join("\n\n"), true);
    const start = doc.positionAt(key.offset);
    return new vscode.Hover(markdown, new vscode.Range(start, doc.positionAt(key.offset + key.length)));
  }

  /** "last run, timestep 52 (3 runs): min … · mean … · max …" for each number in the variable, or undefined before a run. */
  private async lastValues(file: string, variable: string): Promise<string | undefined> {
    const stored = await this.store.load(file);
    if (!stored) return undefined;
    const values = finalStats(stored.results).filter((f) => f.variable === variable);
    if (values.length === 0) return undefined;
    const sim = stored.results.simulations[0]!;
    const runs = stored.results.runs.filter((r) => r.simulation === 0 && r.rows > 0).length;
    // A swept model's subsets each get their line, named by their parameters: never one pooled mean.
    const shown = values
      .slice(0, 6)
      .map(
        (f) =>
          `${f.subsetLabel ? `${escapeMarkdown(f.subsetLabel)}: ` : ""}${f.name !== variable ? `${code(f.name)}: ` : ""}min ${formatNumber(f.min)} · mean ${formatNumber(f.mean)} · max ${formatNumber(f.max)}`,
      );
    if (values.length > 6) shown.push(`and ${values.length - 6} more`);
    if (values.some((f) => f.partialRuns > 0)) shown.push("(partial: some runs ended early, their last computed values are included)");
    return `last run, timestep ${sim.timesteps} (${plural(runs, "run")}): ${shown.join("  \n")}`;
  }
}

/** "block 1 "mint"", or "blocks 1, 4" for a name used in several blocks. */
function blocksWith(model: ModelOutline, has: (b: BlockOutline) => boolean | undefined): string {
  const blocks = (model.blocks ?? []).filter((b) => has(b));
  if (blocks.length === 1) return blockName(blocks[0]!);
  return `blocks ${blocks.map((b) => b.index + 1).join(", ")}`;
}

function blockName(b: BlockOutline): string {
  return `block ${b.index + 1}${b.label !== undefined ? ` "${escapeMarkdown(b.label)}"` : ""}`;
}

function valueText(text: string | undefined): string {
  if (text === undefined) return "(given by a variable)";
  const flat = text.replace(/\s+/g, " ");
  return code(flat.length > MAX_VALUE ? `${flat.slice(0, MAX_VALUE - 1)}…` : flat);
}
