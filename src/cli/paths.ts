// Files as the CLI shows and writes them: locations relative to the working directory, outputs checked before a run.
import { mkdir, stat } from "node:fs/promises";
import { dirname, relative } from "node:path";
import type { ModelErrorInfo, RunWarning } from "../engine";

/** Why `path` cannot be an output file (its folder is created when missing), or undefined. */
export async function unwritable(path: string): Promise<string | undefined> {
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === "EEXIST" || code === "ENOTDIR" ? `a part of ${dirname(path)} is a file, not a folder` : (err as Error).message;
  }
  const found = await stat(path).catch(() => undefined);
  return found?.isDirectory() ? "it is a folder" : undefined;
}

/** The error (or warning) with its file shown relative to the working directory, as compilers print it. */
export function relativeLocation<T extends ModelErrorInfo | RunWarning>(info: T): T {
  if (!info.location) return info;
  const rel = relative(process.cwd(), info.location.file);
  return { ...info, location: { ...info.location, file: rel && !rel.startsWith("..") ? rel : info.location.file } };
}
