// Quick fixes for the engine's validation messages, as plain text edits on the model's source: add a variable to
// initialState, take a did-you-mean suggestion, wrap a parameter list as one constant, sweep cartesian. No `vscode`.
import { type KeyInfo, type MemberSpan, type ModelOutline, type ModelReader, type ObjectSpan, type ValueKind } from "./index";

/** Replace `start`..`end` (offsets in the file's text as read) by `newText`. */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

/** One quick fix: a title for the light bulb menu and its edits. */
export interface ModelFix {
  title: string;
  edits: TextEdit[];
  /** The fix to apply by default (Auto Fix). */
  preferred: boolean;
}

/** A problem as the Problems panel shows it: the engine's message and the 1-based line it points at. */
export interface Problem {
  message: string;
  file: string;
  line: number;
}

const UPDATES_UNKNOWN = /^(?:model (\d+): )?block (\d+) updates '([^']+)', which is not in initialState(?: \(did you mean '([^']+)'\?\))?/;
const SWEEP_LENGTHS = /^(?:model (\d+): )?parameters '([^']+)' \(\d+ values\) and '([^']+)' \(\d+ values\) have different lengths/;
const DID_YOU_MEAN = /^(?:model \d+: )?(?:block \d+: )?unknown (?:model )?property '([^']+)' \(did you mean '([^']+)'\?\)/;

const DEFAULTS: Record<ValueKind, string> = { number: "0", string: '""', boolean: "false", array: "[]", object: "{}", null: "null" };

/** The quick fixes for a validation problem of the model read by `reader` (none when the source cannot be followed). */
export function fixesFor(problem: Problem, reader: ModelReader): ModelFix[] {
  const structure = reader.read();
  const unknown = UPDATES_UNKNOWN.exec(problem.message);
  if (unknown) {
    const model = structure.models?.[Number(unknown[1] ?? 0)];
    const block = Number(unknown[2]) - 1;
    const name = unknown[3]!;
    const suggestion = unknown[4];
    const fixes: ModelFix[] = [];
    const rename = suggestion !== undefined ? renameUpdate(reader, problem, model, block, name, suggestion) : undefined;
    if (rename) fixes.push(rename);
    const add = model && addToInitialState(reader, model, block, name, rename === undefined);
    if (add) fixes.push(add);
    return fixes;
  }
  const sweep = SWEEP_LENGTHS.exec(problem.message);
  if (sweep) {
    const model = structure.models?.[Number(sweep[1] ?? 0)];
    if (!model) return [];
    const fixes = [sweep[2]!, sweep[3]!].map((p) => wrapAsConstant(reader, model, p)).filter((f): f is ModelFix => f !== undefined);
    const cartesian = useCartesian(reader, model);
    if (cartesian) fixes.push(cartesian);
    return fixes;
  }
  const typo = DID_YOU_MEAN.exec(problem.message);
  if (typo) {
    const found = reader.keyAt(problem.file, typo[1]!, problem.line);
    const fix = found && renameKey(reader, found, typo[1]!, typo[2]!);
    return fix ? [fix] : [];
  }
  return [];
}

/** "Add 'x' to initialState": a new last property, its default guessed from what the update returns. */
function addToInitialState(reader: ModelReader, model: ModelOutline, block: number, name: string, preferred: boolean): ModelFix | undefined {
  const state = model.initialState;
  if (!state || state.keys.some((k) => k.name === name)) return undefined;
  const update = model.blocks?.[block]?.variables?.find((v) => v.name === name);
  const value = defaultValue(update?.returns, state.keys, name);
  const edits = insertMember(reader, state.object, undefined, `${propertyKey(name)}: ${value}`);
  return edits && { title: `Add '${name}' to initialState`, edits, preferred };
}

function defaultValue(returns: { kind?: ValueKind; sameAs?: string } | undefined, keys: KeyInfo[], name: string): string {
  if (returns?.kind) return DEFAULTS[returns.kind];
  const source = returns?.sameAs !== undefined && returns.sameAs !== name ? keys.find((k) => k.name === returns.sameAs) : undefined;
  return source?.kind ? DEFAULTS[source.kind] : "0";
}

/** "Change 'tokenz' to 'tokens'" on the update's key, unless the block already updates the suggested variable. */
function renameUpdate(
  reader: ModelReader,
  problem: Problem,
  model: ModelOutline | undefined,
  block: number,
  name: string,
  suggestion: string,
): ModelFix | undefined {
  const variables = model?.blocks?.[block]?.variables;
  if (variables?.some((v) => v.name === suggestion)) return undefined; // the rename would write the key twice
  const key = variables?.find((v) => v.name === name)?.key;
  const found = key ? reader.keyAt(key.file, name, key.line) : reader.keyAt(problem.file, name, problem.line);
  return found && renameKey(reader, found, name, suggestion);
}

function renameKey(reader: ModelReader, found: NonNullable<ReturnType<ModelReader["keyAt"]>>, name: string, suggestion: string): ModelFix | undefined {
  if (found.object.members.some((m) => m.name === suggestion)) return undefined;
  if (reader.textOf(found.key.file) === undefined) return undefined;
  // `{ tokenz }` names a function: keep it as the value of the corrected key.
  const newText = found.shorthand ? `${propertyKey(suggestion)}: ${name}` : propertyKey(suggestion);
  return {
    title: `Change '${name}' to '${suggestion}'`,
    edits: [{ file: found.key.file, start: found.key.offset, end: found.key.offset + found.key.length, newText }],
    preferred: true,
  };
}

/** "Wrap 'scale' as one constant value": `[1, 2, 3]` becomes `[[1, 2, 3]]`, one candidate that is an array. */
function wrapAsConstant(reader: ModelReader, model: ModelOutline, param: string): ModelFix | undefined {
  const member = model.params?.object.members.find((m) => m.name === param);
  const value = member?.value;
  if (!value || reader.textOf(value.file) === undefined) return undefined;
  const preview = value.text.length > 32 ? `${value.text.slice(0, 30)}…` : value.text;
  return {
    title: `Wrap '${param}' as one constant value: [${preview.replace(/\s+/g, " ")}]`,
    edits: [
      { file: value.file, start: value.start, end: value.start, newText: "[" },
      { file: value.file, start: value.end, end: value.end, newText: "]" },
    ],
    preferred: false,
  };
}

/** `Use sweep: "cartesian"`: changes the model's sweep, or adds it after params. */
function useCartesian(reader: ModelReader, model: ModelOutline): ModelFix | undefined {
  const title = 'Use sweep: "cartesian" (every combination)';
  const value = model.sweep?.value;
  if (value) {
    const quote = value.text.startsWith("'") ? "'" : '"';
    return { title, edits: [{ file: value.file, start: value.start, end: value.end, newText: `${quote}cartesian${quote}` }], preferred: false };
  }
  if (model.sweep || !model.object) return undefined; // `sweep,` shorthand: its variable decides
  const quote = reader.preferredQuote(model.object.file);
  const params = model.object.members.find((m) => m.name === "params");
  const edits = insertMember(reader, model.object, params, `sweep: ${quote}cartesian${quote}`);
  return edits && { title, edits, preferred: false };
}

/**
 * Edits that insert `member` (`name: value`) into an object literal after `after` (default: its last item), in the
 * object's own layout: one item per line with the same indentation, or on the same line; a trailing comma kept as it was.
 */
function insertMember(reader: ModelReader, obj: ObjectSpan, after: MemberSpan | undefined, member: string): TextEdit[] | undefined {
  const text = reader.textOf(obj.file);
  if (text === undefined) return undefined;
  const file = obj.file;
  const last = obj.members[obj.members.length - 1];
  const m = after ?? last;
  if (!m) return [{ file, start: obj.open + 1, end: obj.close, newText: ` ${member} ` }];
  const next = obj.members[obj.members.indexOf(m) + 1];
  const anchor = m.comma !== undefined ? m.comma + 1 : m.end;
  const following = next ? next.start : obj.close;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  if (!text.slice(anchor, following).includes("\n")) {
    // On one line: `{ a: 1, b: 2 }`.
    if (m.comma === undefined) return [{ file, start: m.end, end: m.end, newText: `, ${member}` }];
    return [{ file, start: anchor, end: anchor, newText: ` ${member},` }];
  }
  // One item per line: a new line after `m`'s line (after any comment on it), indented like the item that
  // starts its own line (the next one, else `m`).
  const indent =
    (next && leadingIndent(text, next.start)) ?? leadingIndent(text, m.start) ?? /^[ \t]*/.exec(text.slice(text.lastIndexOf("\n", m.start - 1) + 1))![0];
  let lineEnd = text.indexOf("\n", anchor);
  if (lineEnd < 0 || lineEnd > following) lineEnd = following;
  if (text[lineEnd - 1] === "\r") lineEnd--;
  const comma = next !== undefined || m.comma !== undefined ? "," : "";
  const line = `${eol}${indent}${member}${comma}`;
  if (m.comma !== undefined) return [{ file, start: lineEnd, end: lineEnd, newText: line }];
  if (lineEnd === m.end) return [{ file, start: m.end, end: m.end, newText: `,${line}` }];
  return [
    { file, start: m.end, end: m.end, newText: "," },
    { file, start: lineEnd, end: lineEnd, newText: line },
  ];
}

/** The whitespace before `offset` on its line, when only whitespace precedes it there. */
function leadingIndent(text: string, offset: number): string | undefined {
  const before = text.slice(text.lastIndexOf("\n", offset - 1) + 1, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/** A key as written in an object literal: bare when it is an identifier, else quoted. */
function propertyKey(name: string): string {
  return /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u.test(name) ? name : JSON.stringify(name);
}

/** Applies edits to a text (edits of one file, non-overlapping; insertions at one offset keep their order), last first. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
