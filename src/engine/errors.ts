// Errors about a model: what went wrong, in which function, and where in the simulation.
import type { SourceLocation } from "./locate";

/** Where in a simulation something happened. */
export interface Place {
  simulation: number;
  subset?: number;
  run?: number;
  timestep?: number;
  substep?: number;
}

/** What kind of problem: load and validation problems are exit code 2, run failures 1. */
export type ModelErrorKind = "load" | "validate" | "run";

/** Everything needed to report a model problem; plain data, so it crosses worker boundaries. */
export interface ModelErrorInfo {
  kind: ModelErrorKind;
  message: string;
  /** The model function involved, as users name it: "policy 'do_work'", "state update 'tokens'". */
  fn?: string;
  location?: SourceLocation;
  place?: Place;
  /** The model's block label, when the block has one. */
  blockLabel?: string;
  /** The original error's stack, for a throw inside model code. */
  causeStack?: string;
}

/** An error in the user's model; `format()` gives the located, one-paragraph message. */
export class ModelError extends Error {
  readonly info: ModelErrorInfo;
  constructor(info: ModelErrorInfo) {
    super(formatModelError(info));
    this.name = "ModelError";
    this.info = info;
  }
}

/** `file:line:column: message` then the function and the place, as printed by the CLI and shown in VS Code. */
export function formatModelError(info: ModelErrorInfo): string {
  const where = info.location ? `${info.location.file}:${info.location.line}:${info.location.column}: ` : "";
  let text = `${where}${info.message}`;
  const parts: string[] = [];
  if (info.fn) parts.push(`in ${info.fn}`);
  if (info.place) parts.push(`at ${formatPlace(info.place)}`);
  if (info.blockLabel) parts.push(`(block '${info.blockLabel}')`);
  if (parts.length) text += `\n  ${parts.join(" ")}`;
  return text;
}

/** "simulation 0, subset 0, run 2, timestep 14, substep 2" with only the known parts. */
export function formatPlace(place: Place): string {
  const parts = [`simulation ${place.simulation}`];
  for (const key of ["subset", "run", "timestep", "substep"] as const) {
    if (place[key] !== undefined) parts.push(`${key} ${place[key]}`);
  }
  return parts.join(", ");
}

/** The message of anything thrown. */
export function describeThrown(thrown: unknown): string {
  try {
    if (thrown instanceof Error) return `${thrown.name === "Error" ? "" : `${thrown.name}: `}${thrown.message}`;
    return `threw ${typeof thrown === "string" ? JSON.stringify(thrown) : describeThrownValue(thrown)}`;
  } catch {
    // Model code can make reading the thrown value throw too (a `message` getter that throws, a Proxy).
    return "threw a value whose message cannot be read (reading it threw as well)";
  }
}

/** The stack of a thrown Error, or undefined (also when reading it throws: a getter in model code). */
export function stackOfThrown(thrown: unknown): string | undefined {
  try {
    return thrown instanceof Error && typeof thrown.stack === "string" ? thrown.stack : undefined;
  } catch {
    return undefined;
  }
}

/** A thrown non-Error as code would write it: `{"code":42}`, not `[object Object]`. */
function describeThrownValue(thrown: unknown): string {
  if (typeof thrown === "object" && thrown !== null) {
    try {
      const json = valueText(thrown);
      if (json !== undefined) return json.length > 200 ? `${json.slice(0, 199)}…` : json;
    } catch {
      // a cycle: fall through
    }
  }
  return typeof thrown === "bigint" ? `${thrown}n` : String(thrown);
}

/** A value as JSON text for people to read, bigints written as code writes them (`80n`); throws on a cycle. */
export function valueText(value: unknown): string | undefined {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
}
