// The results folder beside a model (`substep.resultsFolder`): a run's files are named by the model and the run, and
// a name another run already holds there is never written over. No vscode here, so it is tested in plain Node.
import { access, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { writeChunks } from "../../export/writeChunks";

/** The folder the setting names, relative to the model file's folder (an absolute path as it is). */
export function resultsFolderPath(modelFile: string, setting: string): string {
  return resolve(dirname(modelFile), setting.trim() || "results");
}

/** A file name part from free text (a run's name): letters, digits, `.`, `_` and `-`. */
function slug(text: string): string {
  return text.replace(/[^\w.-]+/g, "-").replace(/^[-.]+|-+$/g, "");
}

/** What names a run's files: "workToken-run-3", "workToken-run-3-baseline"; a result outside the history by its end time. */
export function runFileBase(stem: string, run: { number: number; name?: string } | undefined, finishedAt: number): string {
  if (!run) return `${slug(stem)}-${new Date(finishedAt).toISOString().replace(/[:.]/g, "-")}`;
  const name = run.name ? slug(run.name) : "";
  return `${slug(stem)}-run-${run.number}${name ? `-${name}` : ""}`;
}

/** One file of a run: its extension, and its text given the base name the run's files share (a report links its CSV). */
export interface RunFile {
  ext: string;
  chunks: (base: string) => Iterable<string>;
}

/**
 * Which run wrote each base name, in a small file in the folder: run numbers start again in another workspace's
 * history (or after its index was lost), so "run 3" alone does not tell two runs apart.
 */
const CLAIMS = ".substep-runs.json";

async function readClaims(folder: string): Promise<Record<string, string>> {
  try {
    const parsed = JSON.parse(await readFile(join(folder, CLAIMS), "utf8")) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** A write that failed, saying which folder, so the message tells the user where to look. */
export class ResultsFolderError extends Error {
  constructor(
    readonly folder: string,
    cause: unknown,
  ) {
    super(`Cannot write to ${folder}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Writes a run's files into `folder` (made when missing) as `base.ext` and returns their paths. `run` identifies the
 * run: the same run writes over its own files; another run's files with that name stay, and this run's get its key.
 */
export async function writeRunFiles(folder: string, base: string, run: string, files: readonly RunFile[]): Promise<string[]> {
  try {
    await mkdir(folder, { recursive: true });
    const claims = await readClaims(folder);
    const owner = claims[base];
    const taken = owner !== undefined ? owner !== run : await anyExists(files.map((f) => join(folder, `${base}.${f.ext}`)));
    const name = taken ? `${base}-${slug(run)}` : base;
    const paths: string[] = [];
    for (const file of files) {
      const path = join(folder, `${name}.${file.ext}`);
      await writeChunks(path, file.chunks(name));
      paths.push(path);
    }
    claims[name] = run;
    await writeFile(join(folder, `${CLAIMS}.tmp`), `${JSON.stringify(claims, null, 1)}\n`);
    await rename(join(folder, `${CLAIMS}.tmp`), join(folder, CLAIMS));
    return paths;
  } catch (err) {
    throw new ResultsFolderError(folder, err);
  }
}

/** Files of that name not written by Substep (or before it kept claims) are someone else's: kept. */
async function anyExists(paths: readonly string[]): Promise<boolean> {
  const found = await Promise.all(
    paths.map((path) =>
      access(path).then(
        () => true,
        () => false,
      ),
    ),
  );
  return found.includes(true);
}
