// Functions of a model found by following its source: policies and state updates, their parameters, what they
// return and the signals they read.
import type * as TS from "typescript";
import { typescript } from "./lazyTypescript";
import { MAX_HOPS, unwrapped, type Declaration } from "./follow";
import { tokenAt, type At, type ParsedSource } from "./parsedSource";
import type { ValueKind } from "./types";

/** A function found by following an expression. */
export interface FunctionAt {
  src: ParsedSource;
  /** Where the function is said to be: its parameters (an arrow), its `function` keyword, or a method's name. */
  start: number;
  fn: TS.SignatureDeclaration & { body: TS.ConciseBody };
}

/** Follows an expression to a function: an arrow function, a function expression or declaration, through names and parentheses. */
export function functionAt(start: At, declaration: Declaration): FunctionAt | undefined {
  const ts = typescript();
  let at: At | undefined = start;
  for (let hop = 0; at && hop < MAX_HOPS; hop++) {
    const src: ParsedSource = at.src;
    const node = unwrapped(at.node);
    if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node)) && node.body) {
      // After `async` and `export`: the parameters of an arrow, the `function` keyword.
      const modifiers = ts.getModifiers(node);
      const first = modifiers?.length ? tokenAt(src, modifiers[modifiers.length - 1]!.end).start : node.getStart(src.ast);
      return { src, start: first, fn: node as FunctionAt["fn"] };
    }
    if (!ts.isIdentifier(node)) return undefined; // made by a call: not followed
    at = declaration(node.text, src, hop);
  }
  return undefined;
}

/** A method `name<T>(...) { ... }` whose name is at `key`. */
export function methodAt(key: At): FunctionAt | undefined {
  const ts = typescript();
  const method = key.node.parent;
  if (!method || !ts.isMethodDeclaration(method) || !method.body) return undefined;
  return { src: key.src, start: key.node.getStart(key.src.ast), fn: method as FunctionAt["fn"] };
}

/** The expressions a function returns: its expression body, or each `return` of its own block body (not of functions inside). */
export function returnedExpressions(fn: FunctionAt): (At | undefined)[] {
  const ts = typescript();
  const { src } = fn;
  const body = fn.fn.body;
  if (!ts.isBlock(body)) return [{ src, node: body }];
  const out: (At | undefined)[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) out.push(node.expression && { src, node: node.expression });
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

/** The signals a state update reads as `input.name`, `input?.name` or `input["name"]` (input: its fifth parameter). */
export function inputReads(fn: FunctionAt): string[] {
  const ts = typescript();
  const param = fn.fn.parameters[4];
  if (!param || !ts.isIdentifier(param.name)) return [];
  const input = param.name.text;
  const reads: string[] = [];
  const visit = (node: TS.Node): void => {
    let key: string | undefined;
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === input && ts.isIdentifier(node.name))
      key = node.name.text;
    else if (
      ts.isElementAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === input &&
      ts.isStringLiteral(node.argumentExpression)
    ) {
      key = node.argumentExpression.text;
    }
    if (key !== undefined && !reads.includes(key)) reads.push(key);
    ts.forEachChild(node, visit);
  };
  visit(fn.fn.body);
  return reads;
}

// After `state.x`, these make a number; `+` may concatenate, so the result is of x's kind.
const ARITHMETIC = ["AsteriskToken", "SlashToken", "MinusToken", "PercentToken", "AsteriskAsteriskToken"] as const;

/**
 * What an expression is, as far as its leftmost part tells: a literal's kind, arithmetic on state, or a copy of
 * `state.x`. `inAccess`: the expression is the object of a member access or call (`state.x.toFixed()`).
 */
export function kindOfExpression(at: At, inAccess = false): { kind?: ValueKind; sameAs?: string } {
  const ts = typescript();
  let node = at.node;
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  const k = ts.SyntaxKind;
  const of = (n: TS.Node, access = false): { kind?: ValueKind; sameAs?: string } => kindOfExpression({ src: at.src, node: n }, access);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) return { kind: "string" };
  if (ts.isNumericLiteral(node) || ts.isBigIntLiteral(node)) return { kind: "number" };
  if (ts.isArrayLiteralExpression(node)) return { kind: "array" };
  if (ts.isObjectLiteralExpression(node)) return { kind: "object" };
  if (node.kind === k.TrueKeyword || node.kind === k.FalseKeyword) return { kind: "boolean" };
  if (node.kind === k.NullKeyword) return { kind: "null" };
  if (ts.isPrefixUnaryExpression(node)) {
    if (node.operator === k.ExclamationToken) return { kind: "boolean" };
    return node.operator === k.MinusToken && (ts.isNumericLiteral(node.operand) || ts.isBigIntLiteral(node.operand)) ? { kind: "number" } : {};
  }
  const stateRead = (n: TS.Node): string | undefined =>
    ts.isPropertyAccessExpression(n) && !n.questionDotToken && ts.isIdentifier(n.expression) && n.expression.text === "state" && ts.isIdentifier(n.name)
      ? n.name.text
      : undefined;
  const read = stateRead(node);
  if (read !== undefined) return inAccess ? {} : { sameAs: read };
  if (ts.isBinaryExpression(node)) {
    const left = stateRead(node.left);
    if (left === undefined) return of(node.left);
    const op = node.operatorToken.kind;
    if (ARITHMETIC.some((name) => k[name] === op)) return { kind: "number" };
    return op === k.PlusToken || op === k.CommaToken ? { sameAs: left } : {};
  }
  if (ts.isConditionalExpression(node)) return stateRead(node.condition) === undefined ? of(node.condition) : {};
  if (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isNonNullExpression(node))
    return of(node.expression, true);
  if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return of(node.expression, true);
  if (ts.isTaggedTemplateExpression(node)) return of(node.tag, true);
  if (ts.isPostfixUnaryExpression(node)) return of(node.operand, true);
  if (ts.isIdentifier(node) && (node.text === "Math" || node.text === "Number")) return { kind: "number" };
  return {};
}
