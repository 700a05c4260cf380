// The result of one end-to-end test: what UI tests return to the runner and what extension-host tests
// write to their report file (the extension host and the runner share nothing else).

/** One test's outcome. */
export interface TestResult {
  /** The test file (suite) it belongs to. */
  suite: string;
  name: string;
  ok: boolean;
  /** Duration in milliseconds. */
  ms: number;
  /** Why it failed. */
  error?: string;
}

/** A test's line in the runner's output. */
export function formatResult(r: TestResult): string {
  const time = `(${(r.ms / 1000).toFixed(1)} s)`;
  return r.ok ? `ok - ${r.suite} › ${r.name} ${time}` : `not ok - ${r.suite} › ${r.name} ${time}\n    ${(r.error ?? "").split("\n").join("\n    ")}`;
}

/** An error's message and the first lines of its stack, for a report. */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const stack = (e.stack ?? "").split("\n").slice(1, 4).join("\n");
    return stack ? `${e.message}\n${stack}` : e.message;
  }
  return String(e);
}

/** Rejects with `what timed out` after `ms` unless `promise` settles first. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${(ms / 1000).toFixed(0)} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
