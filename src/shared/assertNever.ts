// Exhaustiveness check for switches over tagged unions (message protocols).

/** Throws: reached only when a union gained a member that a switch does not handle. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(value)}`);
}
