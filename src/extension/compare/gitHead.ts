// A model file as committed: its text at HEAD, read from the file's git repository with the git command line.
import { execFile } from "node:child_process";
import { basename, dirname } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The committed text of a file and the commit it is from. */
export interface CommittedFile {
  text: string;
  /** HEAD's abbreviated hash ("4f2a1c9"). */
  commit: string;
}

/** Why a file's HEAD version could not be read, in words for the user. */
export class GitError extends Error {}

/** Reads `file` as HEAD has it. Throws a GitError when git is missing, the file is in no repository, or HEAD lacks it. */
export async function readHeadVersion(file: string): Promise<CommittedFile> {
  const cwd = dirname(file);
  const name = basename(file);
  try {
    await git(cwd, ["rev-parse", "--show-toplevel"]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new GitError("git was not found: install git to compare with HEAD");
    throw new GitError(`${name} is not in a git repository`);
  }
  let commit: string;
  try {
    commit = (await git(cwd, ["rev-parse", "--short", "HEAD"])).trim();
  } catch {
    throw new GitError(`the git repository of ${name} has no commit yet`);
  }
  try {
    // `HEAD:./name` is the path relative to the working folder, whatever the repository's root.
    return { text: await git(cwd, ["show", `HEAD:./${name}`]), commit };
  } catch {
    throw new GitError(`${name} is not in HEAD (${commit}): commit it first`);
  }
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run("git", args, { cwd, timeout: 15_000, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" });
  return stdout;
}
