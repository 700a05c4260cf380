// The shapes of a model file's structure as read from its source: models, keys, blocks and functions, with places and spans.

/** Gives the text of a file the model imports (undefined when it cannot be read). */
export type ReadFile = (file: string) => string | undefined;

/** A place in a source: 1-based line and column, and the offset and length of what is there. */
export interface Place {
  file: string;
  line: number;
  column: number;
  offset: number;
  length: number;
}

/** A stretch of a file's text: offsets `start` to `end`, and the text itself. */
export interface Span {
  file: string;
  start: number;
  end: number;
  text: string;
}

/** One item of an object literal as text, for edits. */
export interface MemberSpan {
  /** The key; undefined for spreads and computed keys. */
  name: string | undefined;
  /** Offset of the item's first token. */
  start: number;
  /** Offset just after the item's last token. */
  end: number;
  /** Offset of the comma after the item, if any. */
  comma: number | undefined;
  /** `{ name }` rather than `{ name: value }`. */
  shorthand: boolean;
  /** The value expression (absent for shorthand, spreads and methods). */
  value: Span | undefined;
}

/** An object literal as text: where its braces are and its own items (spreads not followed), for edits. */
export interface ObjectSpan {
  file: string;
  open: number;
  close: number;
  members: MemberSpan[];
}

/** The kind of value an expression starts with, as far as its first tokens tell. */
export type ValueKind = "number" | "string" | "boolean" | "array" | "object" | "null";

/** A key of initialState, params or the model, with its value as written. */
export interface KeyInfo {
  name: string;
  key: Place;
  /** The value's text when written as `name: value`. */
  value: Span | undefined;
  /** What the value is, when it starts with a literal. */
  kind: ValueKind | undefined;
}

/** A policy or state update registered under `name` in a block. */
export interface FunctionInfo {
  name: string;
  key: Place;
  /** Where the function is written: inline, or the declaration the key refers to (maybe in an imported file). */
  definition: Place | undefined;
  /** Policies: the keys of the object literal(s) the function returns; undefined when not readable. */
  signals: { names: string[]; complete: boolean } | undefined;
  /** State updates: the signals read as `input.name`. */
  reads: string[];
  /** State updates: what the function returns, as far as its first tokens tell; `sameAs` a state variable read as `state.x`. */
  returns: { kind?: ValueKind; sameAs?: string } | undefined;
}

/** One block (partial state update block) of a model. */
export interface BlockOutline {
  /** 0-based; the block's substep is `index + 1`. */
  index: number;
  /** Where the block is written (the element of `blocks`). */
  at: Place;
  label: string | undefined;
  /** A label that is not a string literal. */
  labelComputed: boolean;
  /** Undefined when the block or its `policies` is built by code. */
  policies: FunctionInfo[] | undefined;
  /** Undefined when the block or its `variables` is built by code. */
  variables: FunctionInfo[] | undefined;
}

/** One model of the file (the default export, or one element of an exported experiment). */
export interface ModelOutline {
  simulation: number;
  name: string | undefined;
  at: Place | undefined;
  /** The model's object literal; undefined when built by code. */
  object: ObjectSpan | undefined;
  initialState: { object: ObjectSpan; keys: KeyInfo[] } | undefined;
  params: { object: ObjectSpan; keys: KeyInfo[] } | undefined;
  sweep: KeyInfo | undefined;
  /** Undefined when `blocks` is built by code. */
  blocks: BlockOutline[] | undefined;
  /** False when the blocks array has a spread, after which blocks are unknown. */
  blocksComplete: boolean;
}

/** What the source of a model file tells statically. */
export interface ModelStructure {
  file: string;
  /** Undefined when the default export cannot be followed to literals. */
  models: ModelOutline[] | undefined;
}

/** What the key at `offset` of `file` is in the model: a policy, a state update or an initialState key. */
export type KeyTarget =
  { kind: "policy" | "update"; model: ModelOutline; block: BlockOutline; fn: FunctionInfo } | { kind: "state"; model: ModelOutline; key: KeyInfo };
