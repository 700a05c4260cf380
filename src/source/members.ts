// An object literal's members as the model reader sees them (spreads followed or not), and as text spans for edits.
import { typescript } from "./lazyTypescript";
import { objectItems, type Declaration, MAX_HOPS, valueAt } from "./follow";
import { spanOf, startOf, tokenAt, type At } from "./parsedSource";
import type { MemberSpan, ObjectSpan } from "./types";

/** An item of an object literal. */
export interface Member {
  /** Undefined for spreads, computed keys, accessors and async methods. */
  name?: string | undefined;
  /** The whole item. */
  item: At;
  /** The key (the item itself for a spread). */
  key: At;
  value?: At | undefined;
  spread?: At | undefined;
  shorthand: boolean;
  /** `name(...) { ... }`: a method, whose function starts at the key. */
  method?: boolean;
}

/** The items of an object literal, in order (spreads not followed). */
export function membersOf(obj: At): Member[] {
  const ts = typescript();
  const { src } = obj;
  if (!ts.isObjectLiteralExpression(obj.node)) return [];
  return objectItems(obj.node).map((it): Member => {
    const item = { src, node: it.item };
    const key = { src, node: it.key };
    const value = it.value && { src, node: it.value };
    switch (it.kind) {
      case "spread":
        return { item, key, spread: value, shorthand: false };
      case "property":
        return { name: it.name, item, key, value, shorthand: false };
      case "shorthand":
        return { name: it.name, item, key, value: key, shorthand: true };
      case "method":
        return { name: it.name, item, key, value: key, shorthand: false, method: true };
      default:
        return { item, key, shorthand: false };
    }
  });
}

/** The named members of an object literal with spreads followed (a later key replaces an earlier one in place); incomplete when a spread cannot be followed. */
export function allMembers(obj: At, declaration: Declaration, hops = 0): { members: Member[]; complete: boolean } {
  const ts = typescript();
  const out: Member[] = [];
  let complete = true;
  const put = (m: Member): void => {
    const at = out.findIndex((o) => o.name === m.name);
    if (at >= 0) out[at] = m;
    else out.push(m);
  };
  for (const m of membersOf(obj)) {
    if (m.spread) {
      const spread = hops < MAX_HOPS ? valueAt(m.spread, declaration) : undefined;
      if (!spread || !ts.isObjectLiteralExpression(spread.node)) {
        complete = false;
        continue;
      }
      const inner = allMembers(spread, declaration, hops + 1);
      complete &&= inner.complete;
      inner.members.forEach(put);
    } else if (m.name !== undefined) put(m);
    else complete = false;
  }
  return { members: out, complete };
}

/** An object literal's braces and own items as text spans. */
export function objectSpan(obj: At): ObjectSpan {
  const { src } = obj;
  const members = membersOf(obj).map((m): MemberSpan => {
    const after = tokenAt(src, m.item.node.end);
    const value = m.value && !m.shorthand && !m.method ? spanOf(m.value) : undefined;
    return {
      name: m.name,
      start: startOf(m.item),
      end: m.item.node.end,
      comma: after.kind === typescript().SyntaxKind.CommaToken ? after.start : undefined,
      shorthand: m.shorthand,
      value,
    };
  });
  const end = obj.node.end;
  return { file: src.file, open: startOf(obj), close: src.text[end - 1] === "}" ? end - 1 : src.text.length, members };
}
