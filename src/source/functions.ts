// Functions of a model found by following its source: policies and state updates, their parameters, what they
// return and the signals they read.
import { expressionEnd, isName, isPunct1, MAX_HOPS, nextItem, typeArgumentsEnd, type Declaration } from "./walker";
import type { ValueKind } from "./types";
import type { At, SourceFile } from "./sourceFile";

/** A function found by following an expression. */
export interface FunctionAt {
  start: At;
  /** The first token of each parameter. */
  params: At[];
  /** The body: a `{` for a block body, else the expression's first token. */
  body: At;
  block: boolean;
}

const CONTROL = new Set(["if", "for", "while", "switch", "catch", "with"]);

/** Follows an expression to a function: an arrow function, a function expression or declaration, through names and parentheses. */
export function functionAt(start: At, declaration: Declaration<SourceFile>): FunctionAt | undefined {
  let at: At | undefined = start;
  for (let hop = 0; at && hop < MAX_HOPS; hop++) {
    const src: SourceFile = at.src;
    const index: number = at.index;
    const t = src.tokens;
    const tok = t[index];
    if (!tok) return undefined;
    if (isName(tok, "async") && (t[index + 1]?.kind === "name" || isPunct1(t[index + 1], "("))) {
      at = { src, index: index + 1 };
      continue;
    }
    if (isName(tok, "function")) {
      let k = index + 1;
      if (isPunct1(t[k], "*")) k++;
      if (t[k]?.kind === "name") k++;
      if (isPunct1(t[k], "<")) k = typeArgumentsEnd(src, k) + 1;
      if (!isPunct1(t[k], "(")) return undefined;
      const close = src.partner[k]!;
      if (close < 0) return undefined;
      const body = skipToBody(src, close + 1, "{");
      if (body === undefined) return undefined;
      return { start: at, params: params(src, k), body: { src, index: body }, block: true };
    }
    if (isPunct1(tok, "(")) {
      const close = src.partner[index]!;
      if (close < 0) return undefined;
      const arrow = isPunct1(t[close + 1], "=>") ? close + 1 : isPunct1(t[close + 1], ":") ? skipToBody(src, close + 1, "=>") : undefined;
      if (arrow === undefined) {
        at = { src, index: index + 1 }; // a parenthesized expression
        continue;
      }
      return { start: at, params: params(src, index), body: { src, index: arrow + 1 }, block: isPunct1(t[arrow + 1], "{") };
    }
    if (tok.kind !== "name") return undefined;
    if (isPunct1(t[index + 1], "=>")) return { start: at, params: [at], body: { src, index: index + 2 }, block: isPunct1(t[index + 2], "{") };
    if (isPunct1(t[index + 1], ".") || isPunct1(t[index + 1], "(") || isPunct1(t[index + 1], "?.")) return undefined; // made by a call: not followed
    at = declaration(tok.value, src, hop);
  }
  return undefined;
}

/** A method `name<T>(...) { ... }` whose name is at `key`. */
export function methodAt(key: At): FunctionAt | undefined {
  const { src } = key;
  let k = key.index + 1;
  if (isPunct1(src.tokens[k], "<")) k = typeArgumentsEnd(src, k) + 1;
  if (!isPunct1(src.tokens[k], "(") || src.partner[k]! < 0) return undefined;
  const body = skipToBody(src, src.partner[k]! + 1, "{");
  return body === undefined ? undefined : { start: key, params: params(src, k), body: { src, index: body }, block: true };
}

/** From `k` at the current level, the index of the next `target` punctuator (skipping brackets), within a function's header. */
function skipToBody(src: SourceFile, k: number, target: string): number | undefined {
  for (let n = 0; k < src.tokens.length && n < 300; n++) {
    const t = src.tokens[k]!;
    // A `{` right after `:` is an object type (`): { a: number } {`), not the body.
    if (t.kind === "punct" && t.value === target && !(target === "{" && isPunct1(src.tokens[k - 1], ":"))) return k;
    if (t.kind === "punct" && (t.value === ";" || t.value === "," || t.value === ")" || t.value === "]" || t.value === "}")) return undefined;
    const p = src.partner[k]!;
    k = p > k ? p + 1 : k + 1;
  }
  return undefined;
}

/** The first token of each parameter in the parentheses opening at `open`. */
function params(src: SourceFile, open: number): At[] {
  const close = src.partner[open]!;
  const out: At[] = [];
  for (let i = open + 1; i < close;) {
    out.push({ src, index: isPunct1(src.tokens[i], "...") ? i + 1 : i });
    i = nextItem(src, i, close);
  }
  return out;
}

/** The expressions a function returns: its expression body, or each `return` of its own block body. */
export function returnedExpressions(fn: FunctionAt): (At | undefined)[] {
  if (!fn.block) return [fn.body];
  const { src, index } = fn.body;
  const t = src.tokens;
  const close = src.partner[index]!;
  const out: (At | undefined)[] = [];
  for (let k = index + 1; k < close; k++) {
    const tok = t[k]!;
    const nested =
      (isPunct1(tok, "=>") && isPunct1(t[k + 1], "{")) ||
      (isPunct1(tok, ")") && isPunct1(t[k + 1], "{") && !CONTROL.has(t[src.partner[k]! - 1]?.value ?? "")) ||
      isName(tok, "function");
    if (nested) {
      const body = isName(tok, "function") ? skipToBody(src, k + 1, "{") : k + 1;
      if (body !== undefined && src.partner[body]! > body) k = src.partner[body]!;
      continue;
    }
    if (isName(tok, "return")) {
      const next = t[k + 1];
      out.push(next && !isPunct1(next, ";") && !isPunct1(next, "}") ? { src, index: k + 1 } : undefined);
    }
  }
  return out;
}
/** The signals a state update reads as `input.name`, `input?.name` or `input["name"]` (input: its fifth parameter). */
export function inputReads(fn: FunctionAt): string[] {
  const param = fn.params[4];
  const name = param && param.src.tokens[param.index];
  if (name?.kind !== "name") return [];
  const { src } = fn.body;
  const t = src.tokens;
  const end = fn.block ? src.partner[fn.body.index]! : expressionEnd(src, fn.body.index);
  const reads: string[] = [];
  for (let k = fn.body.index; k < end; k++) {
    if (!isName(t[k], name.value) || isPunct1(t[k - 1], ".")) continue;
    let key: string | undefined;
    if ((isPunct1(t[k + 1], ".") || isPunct1(t[k + 1], "?.")) && t[k + 2]?.kind === "name") key = t[k + 2]!.value;
    else if (isPunct1(t[k + 1], "[") && t[k + 2]?.kind === "string" && isPunct1(t[k + 3], "]")) key = t[k + 2]!.value;
    if (key !== undefined && !reads.includes(key)) reads.push(key);
  }
  return reads;
}

/** What an expression is, from its first tokens: a literal's kind, arithmetic on state, or a copy of `state.x`. */
export function kindOfExpression(at: At): { kind?: ValueKind; sameAs?: string } {
  const { src } = at;
  const t = src.tokens;
  let k = at.index;
  while (isPunct1(t[k], "(") && !isPunct1(t[src.partner[k]! + 1], "=>")) k++;
  const tok = t[k];
  if (!tok) return {};
  if (tok.kind === "string" || (tok.kind === "other" && tok.value === "`")) return { kind: "string" };
  if (tok.kind === "number" || (isPunct1(tok, "-") && t[k + 1]?.kind === "number")) return { kind: "number" };
  if (isPunct1(tok, "[")) return { kind: "array" };
  if (isPunct1(tok, "{")) return { kind: "object" };
  if (isName(tok, "true") || isName(tok, "false") || isPunct1(tok, "!")) return { kind: "boolean" };
  if (isName(tok, "null")) return { kind: "null" };
  if (isName(tok, "Math") || isName(tok, "Number")) return { kind: "number" };
  if (isName(tok, "state") && isPunct1(t[k + 1], ".") && t[k + 2]?.kind === "name") {
    const after = t[k + 3];
    if (after?.kind === "punct" && ["*", "/", "-", "%", "**"].includes(after.value)) return { kind: "number" };
    if (!after || (after.kind === "punct" && [",", ";", ")", "}", "+"].includes(after.value))) return { sameAs: t[k + 2]!.value };
  }
  return {};
}
