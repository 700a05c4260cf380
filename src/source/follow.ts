// Following parsed source from an expression to the literal it denotes: through parentheses, casts, calls' first
// argument (`defineModel({...})`) and variables, to the default export, declarations and object members. Shared by
// the model reader and the key locator; where a name is declared (which files, imports or not) is passed in.
import type * as TS from "typescript";
import { typescript } from "./lazyTypescript";
import type { At, ParsedSource } from "./parsedSource";

/** Where a variable `name` used in `src` is initialized; `hops` counts the steps followed so far. */
export type Declaration = (name: string, src: ParsedSource, hops: number) => At | undefined;

// Calls, declarations and spreads can refer to each other in circles; no real model nests this deep.
export const MAX_HOPS = 40;

/** An expression without what does not change its value: parentheses, `as`, `satisfies`, `!`, `<T>x`. */
export function unwrapped(node: TS.Node): TS.Node {
  const ts = typescript();
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isTypeAssertionExpression(node)
  ) {
    node = node.expression;
  }
  return node;
}

/** Follows an expression to the object or array literal it denotes: through casts, `await`, calls' first argument and variables. Functions end the walk. */
export function valueAt(start: At, declaration: Declaration): At | undefined {
  const ts = typescript();
  let at: At | undefined = start;
  for (let hop = 0; at && hop < MAX_HOPS; hop++) {
    const src: ParsedSource = at.src;
    const node = unwrapped(at.node);
    if (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) return { src, node };
    if (ts.isAwaitExpression(node)) at = { src, node: node.expression };
    else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const first = node.arguments?.[0];
      if (!isNameChain(node.expression) || !first) return undefined;
      at = { src, node: first };
    } else if (ts.isIdentifier(node)) at = declaration(node.text, src, hop);
    else return undefined; // a function, a member access such as `base.blocks`, an operator: not followed
  }
  return undefined;
}

/** `name` or `a.b.name`: a callee whose call is followed into its first argument. */
function isNameChain(node: TS.Node): boolean {
  const ts = typescript();
  while (ts.isPropertyAccessExpression(node) && !node.questionDotToken) node = node.expression;
  return ts.isIdentifier(node);
}

/** The `export default` (or `module.exports =`, or `export { x as default }`) of a file: where it is written, and its expression. */
export function exportDefault(src: ParsedSource, declaration: Declaration): { export: At; value: At } | undefined {
  const ts = typescript();
  for (const st of src.ast.statements) {
    if (ts.isExportAssignment(st) && !st.isExportEquals) return { export: { src, node: st }, value: { src, node: st.expression } };
    const modifiers = ts.canHaveModifiers(st) ? (ts.getModifiers(st) ?? []) : [];
    if (modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) && modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      return { export: { src, node: st }, value: { src, node: st } }; // `export default function`: not a literal
    }
    if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = st.expression.left;
      if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.expression) && left.expression.text === "module" && left.name.text === "exports") {
        return { export: { src, node: st }, value: { src, node: st.expression.right } };
      }
    }
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) {
        if (el.name.text !== "default" || !el.propertyName) continue;
        const declared = declaration(el.propertyName.text, src, 0);
        if (declared) return { export: { src, node: el.propertyName }, value: declared };
      }
    }
  }
  return undefined;
}

interface Declared {
  /** The initializer of `const|let|var name = ...`, or a `function name` declaration (with a body). */
  node: TS.Node;
  isFunction: boolean;
}

const declared = new WeakMap<TS.SourceFile, { topLevel: Map<string, Declared[]>; any: Map<string, Declared[]> }>();

/** The declarations of a file by name, in source order: top-level ones, and all. */
function declarationsOf(src: ParsedSource): { topLevel: Map<string, Declared[]>; any: Map<string, Declared[]> } {
  const ts = typescript();
  let found = declared.get(src.ast);
  if (found) return found;
  const topLevel = new Map<string, Declared[]>();
  const any = new Map<string, Declared[]>();
  const add = (map: Map<string, Declared[]>, name: string, d: Declared): void => void map.set(name, [...(map.get(name) ?? []), d]);
  const visit = (node: TS.Node): void => {
    const d: [string, Declared] | undefined =
      ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer
        ? [node.name.text, { node: node.initializer, isFunction: false }]
        : ts.isFunctionDeclaration(node) && node.name && node.body
          ? [node.name.text, { node, isFunction: true }]
          : undefined;
    if (d) {
      add(any, ...d);
      const statement = ts.isVariableDeclaration(node) ? node.parent.parent : node;
      if (statement.parent === src.ast) add(topLevel, ...d);
    }
    ts.forEachChild(node, visit);
  };
  visit(src.ast);
  found = { topLevel, any };
  declared.set(src.ast, found);
  return found;
}

/** The initializer of `const|let|var name = ...` in `src` (top-level declarations only, or any); with `functions`, also a `function name` declaration. */
export function declarationIn(src: ParsedSource, name: string, topLevelOnly: boolean, functions: boolean): At | undefined {
  const list = declarationsOf(src)[topLevelOnly ? "topLevel" : "any"].get(name);
  const d = list?.find((x) => functions || !x.isFunction);
  return d && { src, node: d.node };
}

/**
 * An item of an object literal: `...spread`, `key: value`, shorthand `name`, a method `name(...) {}`, an accessor or
 * async method (`get name()`, `async name()`), or something else (computed keys, generators).
 */
export interface ObjectItem {
  kind: "spread" | "property" | "shorthand" | "method" | "accessor" | "other";
  /** The whole item. */
  item: TS.Node;
  name?: string;
  /** The key as written (the item itself for a spread). */
  key: TS.Node;
  /** A property's value, a shorthand's name, a spread's expression. */
  value?: TS.Node;
}

/** The items of an object literal, in order (spreads not followed). */
export function objectItems(obj: TS.ObjectLiteralExpression): ObjectItem[] {
  const ts = typescript();
  return obj.properties.map((p): ObjectItem => {
    if (ts.isSpreadAssignment(p)) return { kind: "spread", item: p, key: p, value: p.expression };
    if (ts.isShorthandPropertyAssignment(p)) return { kind: "shorthand", item: p, name: p.name.text, key: p.name, value: p.name };
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name)) ? p.name.text : undefined;
    if (name === undefined || !p.name) return { kind: "other", item: p, key: p };
    if (ts.isPropertyAssignment(p)) return { kind: "property", item: p, name, key: p.name, value: p.initializer };
    if (ts.isGetAccessor(p) || ts.isSetAccessor(p)) return { kind: "accessor", item: p, name, key: p.name };
    if (ts.isMethodDeclaration(p) && !p.asteriskToken && !ts.isNumericLiteral(p.name)) {
      const async = ts.getModifiers(p)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
      return { kind: async ? "accessor" : "method", item: p, name, key: p.name };
    }
    return { kind: "other", item: p, key: p };
  });
}

/** The member named `name`: the last one written wins, as in JavaScript; else from a spread, followed with `valueOf`. */
export function memberNamed<M extends { name?: string | undefined; spread?: At | undefined }>(
  obj: At,
  name: string,
  hops: number,
  members: (obj: At) => M[],
  valueOf: (at: At) => At | undefined,
): M | undefined {
  const ts = typescript();
  const list = members(obj);
  for (let k = list.length - 1; k >= 0; k--) {
    const m = list[k]!;
    if (m.name === name) return m;
    if (m.spread && hops < MAX_HOPS) {
      const spread = valueOf(m.spread);
      const found = spread && ts.isObjectLiteralExpression(spread.node) ? memberNamed(spread, name, hops + 1, members, valueOf) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The elements of an array literal up to the first spread (after it, positions are unknown, and the list is not
 * complete). With `skipHoles`, the holes of `[a, , b]` are left out rather than given as elements.
 */
export function elements(list: At, skipHoles: boolean): { items: At[]; complete: boolean } {
  const ts = typescript();
  const items: At[] = [];
  if (!ts.isArrayLiteralExpression(list.node)) return { items, complete: false };
  for (const el of list.node.elements) {
    if (ts.isSpreadElement(el)) return { items, complete: false };
    if (!skipHoles || !ts.isOmittedExpression(el)) items.push({ src: list.src, node: el });
  }
  return { items, complete: true };
}
