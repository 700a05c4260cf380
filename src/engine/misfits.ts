// The slow path of a row, where the generated row writer (kernel.ts) hands over: a value that does not fit
// its column, a watched number that is not finite, or a `[string, x]` pair from an update. Each is looked
// at once (warned about, or refused as a cadCAD tuple), then stored through the general column writer.
import { isObjectLiteral, leafAt, type ColumnWriter } from "./columns";
import type { CompiledBlock } from "./compile";
import { Phase, type Cursor } from "./kernel";
import type { Locator } from "./locate";
import { runWarning, shortValue, type Finding, type RunWarning } from "./warnings";

/** A state update returned a cadCAD `(key, value)` tuple; the message says what to return instead. */
export class ReturnedTuple extends Error {}

/** What the slow path reads and records: one run's loop (simulate.ts). */
export interface SlowPathState {
  readonly writers: readonly ColumnWriter[];
  readonly last: readonly unknown[];
  readonly cursor: Cursor;
  readonly warnings: RunWarning[];
  /** Variables and leaves already warned about in this run: one warning each, the first. */
  readonly warned: Set<string>;
}

/** Where the row is, for the warnings. */
export interface RowPlace {
  simulation: number;
  subset: number;
  run: number;
  timestep: number;
  substep: number;
}

/**
 * Stores variables `from`.. of the row at `row`, warning about each variable's first non-finite value or
 * change of kind; throws `ReturnedTuple` (with `s.cursor` on the update) for a cadCAD tuple.
 */
export function settleRow(
  s: SlowPathState,
  variables: readonly string[],
  block: CompiledBlock,
  place: RowPlace,
  row: number,
  from: number,
  locator: Locator,
): void {
  for (let i = from; i < variables.length; i++) {
    const writer = s.writers[i]!;
    const value = s.last[i];
    const u = block.updates.findIndex((x) => x.varIndex === i);
    if (u >= 0 && isPair(value)) {
      if (!mayHoldPairs(writer.read(row - 1))) {
        s.cursor.phase = Phase.Update;
        s.cursor.fn = u;
        throw new ReturnedTuple(tupleMessage(variables[i]!, value));
      }
      // A variable of arrays (or a null placeholder) holding a pair: nothing to refuse, stop looking.
      if (writer.kind === "any") writer.watched[0] = false;
    }
    for (const f of inspect(variables[i]!, writer, row, value)) {
      if (s.warned.has(f.variable)) continue;
      s.warned.add(f.variable);
      const update = u >= 0 ? block.updates[u]! : undefined;
      const location = update ? locator.ofFunction(update.fn) : undefined;
      s.warnings.push(
        runWarning(f, {
          place,
          stateVariable: variables[i]!,
          ...(update ? { update: { fn: `state update '${update.variable}'`, ...(location ? { location } : {}) } } : {}),
          ...(block.label ? { blockLabel: block.label } : {}),
        }),
      );
    }
    writer.write(row, value);
  }
}

/**
 * What `value`, about to be stored at `row`, means for its column: a watched number's first non-finite
 * value (a warning when the row before held a finite number; the number is no longer watched either way),
 * or a number (or record leaf) replaced by something else. Plain-value columns are not looked at.
 */
function inspect(name: string, writer: ColumnWriter, row: number, value: unknown): Finding[] {
  switch (writer.kind) {
    case "number": {
      const previous = writer.read(row - 1) as number;
      if (typeof value !== "number") return [{ kind: "kind-change", variable: name, value, previous }];
      if (Number.isFinite(value) || !writer.watched[0]) return [];
      writer.watched[0] = false;
      return Number.isFinite(previous) ? [{ kind: "non-finite", variable: name, value, previous }] : [];
    }
    case "record": {
      const previous = writer.read(row - 1);
      if (!isObjectLiteral(value)) return [{ kind: "kind-change", variable: name, value, previous }];
      const found: Finding[] = [];
      writer.leaves.forEach((path, l) => {
        const v = leafAt(value, path);
        const p = leafAt(previous, path) as number;
        const leaf = [name, ...path].join(".");
        if (typeof v !== "number") found.push({ kind: "kind-change", variable: leaf, value: v, previous: p });
        else if (!Number.isFinite(v) && writer.watched[l]) {
          writer.watched[l] = false;
          if (Number.isFinite(p)) found.push({ kind: "non-finite", variable: leaf, value: v, previous: p });
        }
      });
      return found;
    }
    case "any":
      return [];
  }
}

/** A two-element array whose first element is a string: the shape of cadCAD's `(key, value)`. */
function isPair(value: unknown): value is [string, unknown] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === "string";
}

/** A previous value after which a pair is plausible data: an array, or a placeholder null or undefined. */
function mayHoldPairs(previous: unknown): boolean {
  return Array.isArray(previous) || previous === null || previous === undefined;
}

function tupleMessage(variable: string, [key, value]: [string, unknown]): string {
  const pair = `[${JSON.stringify(key)}, ${shortValue(value)}]`;
  const whose = key === variable ? "its key is this update's own name" : `its key '${key}' is not this update's name '${variable}'`;
  return (
    `returned ${pair}, a cadCAD (key, value) tuple (${whose}): Substep stores what an update returns under ` +
    `the name it is registered as ('${variable}'); return the value itself (${shortValue(value)})`
  );
}
