// The model diagram as a tree of plain nodes: blocks in order, each with its policies (and the signals they emit)
// and the variables it updates (and the signals they read). Built from the statically read structure; no `vscode`.
import type { BlockOutline, FunctionInfo, ModelOutline, ModelStructure, Place } from "./index";

/** One row of the diagram. */
export interface DiagramNode {
  /** Stable across refreshes of the same model. */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  kind: "model" | "block" | "policies" | "updates" | "policy" | "variable" | "note";
  /** Where it is written: clicking the row opens it. */
  place?: Place;
  children: DiagramNode[];
}

/**
 * A model as loaded: its blocks in order, with their policies (and the signals each returned in the
 * validation's dry run) and updated variables. From a run's stored description only the block labels
 * are known: `policies` and `updates` are then absent.
 */
export interface LoadedShape {
  name: string;
  blocks: readonly LoadedShapeBlock[];
}

interface LoadedShapeBlock {
  label: string | null;
  /** `signals` absent: the policy was not called in the dry run. */
  policies?: readonly { name: string; signals?: readonly string[] }[];
  updates?: readonly string[];
}

/** The shape a run's description gives: block labels only. */
export function fromRun(info: { name: string; blockLabels: readonly (string | null)[] }): LoadedShape {
  return { name: info.name, blocks: info.blockLabels.map((label) => ({ label })) };
}

const COMPUTED = "computed in code";

/**
 * The diagram of a model file: its blocks (grouped by model when the file exports an experiment). The
 * loaded model, when there is one, says what the blocks are; the source says where each part is written
 * and which signals each update reads.
 */
export function diagramNodes(structure: ModelStructure, loaded?: readonly LoadedShape[]): DiagramNode[] {
  const models = structure.models;
  if (!models) {
    if (!loaded?.length) return [note("model", `The default export is ${COMPUTED}: save the model to load it and see its blocks`)];
    if (loaded.length === 1) return loadedBlocks(loaded[0]!, undefined, "0");
    return loaded.map((l, i) => ({ id: `${i}`, label: l.name, description: `simulation ${i}`, kind: "model", children: loadedBlocks(l, undefined, `${i}`) }));
  }
  if (models.length === 1) return modelBlocks(models[0]!, loaded?.[0]);
  return models.map((m) => ({
    id: `${m.simulation}`,
    label: m.name ?? loaded?.[m.simulation]?.name ?? `model ${m.simulation}`,
    description: `simulation ${m.simulation}`,
    kind: "model",
    ...(m.at ? { place: m.at } : {}),
    children: modelBlocks(m, loaded?.[m.simulation]),
  }));
}

/**
 * A validation's loaded model (it names every part) is drawn, each block with the written one at its
 * position when the two agree: it is as new as the last save, and a source read statically can be
 * wrong (a wrapper that drops or reorders blocks). A run's block labels are older: they only stand in
 * where the source cannot be read whole.
 */
function modelBlocks(model: ModelOutline, loaded: LoadedShape | undefined): DiagramNode[] {
  const id = `${model.simulation}`;
  const written = model.blocks;
  const validated = loaded !== undefined && loaded.blocks.every((b) => b.policies && b.updates);
  const readable = written !== undefined && model.blocksComplete && written.every((b) => b.policies && b.variables);
  if (loaded && (validated || !readable)) return loadedBlocks(loaded, model, id);
  if (!written) return [note(`${id}/blocks`, `Blocks: ${COMPUTED}: save the model to load it and see them`)];
  const nodes = written.map((wb) => blockNode(mergedBlock(undefined, wb, wb.index), id));
  if (!model.blocksComplete) nodes.push(note(`${id}/more`, `More blocks: ${COMPUTED}`));
  return nodes;
}

/** The loaded blocks, each with the block written at its position when the two agree. */
function loadedBlocks(loaded: LoadedShape, model: ModelOutline | undefined, modelId: string): DiagramNode[] {
  return loaded.blocks.map((lb, index) => {
    const wb = model?.blocks?.[index];
    return blockNode(mergedBlock(lb, wb && agree(lb, wb) ? wb : undefined, index), modelId);
  });
}

/** A loaded block and a written one are the same block unless a label or a set of names differs. */
function agree(lb: LoadedShapeBlock, wb: BlockOutline): boolean {
  const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((n) => b.includes(n));
  if (lb.label !== null && wb.label !== undefined && lb.label !== wb.label) return false;
  if (
    lb.policies &&
    wb.policies &&
    !same(
      lb.policies.map((p) => p.name),
      wb.policies.map((f) => f.name),
    )
  )
    return false;
  if (
    lb.updates &&
    wb.variables &&
    !same(
      lb.updates,
      wb.variables.map((f) => f.name),
    )
  )
    return false;
  return true;
}

/** A block as drawn: what the loaded one names (when there is one), with what the written one tells (when there is one). */
function mergedBlock(lb: LoadedShapeBlock | undefined, wb: BlockOutline | undefined, index: number): BlockParts {
  const label = lb?.label ?? wb?.label;
  const policies = lb?.policies?.map((p) => merged(p.name, wb?.policies, p.signals)) ?? wb?.policies?.map((fn) => merged(fn.name, [fn], undefined));
  const updates = lb?.updates?.map((name) => merged(name, wb?.variables, undefined)) ?? wb?.variables?.map((fn) => merged(fn.name, [fn], undefined));
  return { index, at: wb?.at, label, labelComputed: label === undefined && wb?.labelComputed === true, policies, variables: updates };
}

/** A block's part as the diagram shows it: its name, where it is written (if the source shows it), what it emits or reads. */
interface Part {
  name: string;
  place: Place | undefined;
  /** Policies: signal names, and whether they are all of them; undefined when nothing tells. */
  signals: { names: string[]; complete: boolean } | undefined;
  reads: string[];
}

/**
 * The part `name`: the written function of that name (if any), with the signals seen in a dry run added.
 * Signals only seen running may not be all of them (another branch may return others): "…" says so.
 */
function merged(name: string, written: readonly FunctionInfo[] | undefined, seen: readonly string[] | undefined): Part {
  const fn = written?.find((f) => f.name === name);
  const names = [...new Set([...(fn?.signals?.names ?? []), ...(seen ?? [])])];
  const signals = seen ? { names, complete: fn?.signals?.complete === true && names.length === fn.signals.names.length } : fn?.signals;
  return { name, place: fn ? (fn.definition ?? fn.key) : undefined, signals, reads: fn?.reads ?? [] };
}

interface BlockParts {
  index: number;
  at: Place | undefined;
  label: string | undefined;
  labelComputed: boolean;
  policies: Part[] | undefined;
  variables: Part[] | undefined;
}

function blockNode(block: BlockParts, modelId: string): DiagramNode {
  const id = `${modelId}/${block.index}`;
  const label = `Block ${block.index + 1}${block.label !== undefined ? ` "${block.label}"` : block.labelComputed ? " (label computed in code)" : ""}`;
  const { policies, variables: updates } = block;
  const count = (list: unknown[] | undefined, one: string, many: string): string =>
    list ? `${list.length} ${list.length === 1 ? one : many}` : `${many} ${COMPUTED}`;
  return {
    id,
    label,
    description: `${count(policies, "policy", "policies")} · ${count(updates, "update", "updates")}`,
    tooltip: `Block ${block.index + 1} runs as substep ${block.index + 1} of each timestep`,
    kind: "block",
    ...(block.at ? { place: block.at } : {}),
    children: [group(`${id}/policies`, "Policies", "policies", policies, policyNode), group(`${id}/updates`, "Updates", "updates", updates, variableNode)],
  };
}

function group(id: string, label: string, kind: "policies" | "updates", list: Part[] | undefined, child: (part: Part, id: string) => DiagramNode): DiagramNode {
  if (!list) return { id, label, description: COMPUTED, kind, children: [] };
  return { id, label, description: list.length === 0 ? "none" : String(list.length), kind, children: list.map((part) => child(part, `${id}/${part.name}`)) };
}

function policyNode(part: Part, id: string): DiagramNode {
  const s = part.signals;
  const description = !s
    ? `signals ${COMPUTED}`
    : s.names.length === 0
      ? s.complete
        ? "emits nothing"
        : `signals ${COMPUTED}`
      : `emits ${s.names.join(", ")}${s.complete ? "" : ", …"}`;
  return {
    id,
    label: part.name,
    description,
    tooltip: `policy ${part.name}: ${description}`,
    kind: "policy",
    ...(part.place ? { place: part.place } : {}),
    children: [],
  };
}

function variableNode(part: Part, id: string): DiagramNode {
  const description = part.reads.length ? `reads ${part.reads.join(", ")}` : "";
  return {
    id,
    label: part.name,
    ...(description ? { description } : {}),
    tooltip: `state update of ${part.name}${description ? `: ${description}` : ""}`,
    kind: "variable",
    ...(part.place ? { place: part.place } : {}),
    children: [],
  };
}

function note(id: string, label: string): DiagramNode {
  return { id, label, kind: "note", children: [] };
}

/** The diagram as indented text lines ("Block 1 \"mint\" — 1 policy · 2 updates"), for tests and the command's result. */
export function diagramLines(nodes: readonly DiagramNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${"  ".repeat(depth)}${n.label}${n.description ? ` — ${n.description}` : ""}`, ...diagramLines(n.children, depth + 1)]);
}
