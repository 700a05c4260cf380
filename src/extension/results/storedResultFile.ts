// One stored result as a file: v8's serialisation of its plain parts (v8 keeps no classes, so the Results
// object is rebuilt on reading). Used by the run history and, to read results saved by older versions, the store.
import { readFile, rename, writeFile } from "node:fs/promises";
import { deserialize, serialize } from "node:v8";
import { Results, type ModelErrorInfo, type Overrides, type RunData, type SimulationInfo } from "../../engine";

/** A finished simulation of a model file, with what the UI shows about it. */
export interface StoredResult {
  file: string;
  results: Results;
  seed: number;
  engineMs: number;
  finishedAt: number;
  cancelled: boolean;
  /** Why the run was stopped, when it was. */
  stopped?: string;
  /** Located messages of failed runs. */
  errors: string[];
  /** TypeScript errors of the model file when the run started (absent in results saved by older versions). */
  typeErrors?: number;
  /** After a stop: the runs that were running, as located messages (a stuck run names its function and place). */
  interrupted?: ModelErrorInfo[];
  /** The model file's text as it ran (`modelTextHash`): results read back from disk are shown inline only for that text. */
  modelHash?: string;
  /** The options it ran with (seed included when a setting gave it): Re-run repeats them. */
  overrides?: Overrides;
  /** Its entry in the run history. */
  historyId?: string;
}

/** A stored result as written to disk. */
interface OnDisk extends Omit<StoredResult, "results"> {
  version: 1;
  simulations: SimulationInfo[];
  runs: RunData[];
}

/** Writes `result` to `path` through a temporary file, so a failed write leaves no half file there. */
export async function writeStoredResult(path: string, result: StoredResult): Promise<void> {
  const { results, ...facts } = result;
  const data: OnDisk = { version: 1, ...facts, simulations: results.simulations, runs: results.runs };
  await writeFile(`${path}.tmp`, serialize(data));
  await rename(`${path}.tmp`, path);
}

/** The result stored at `path`; undefined when it is not there or not a result of this format. */
export async function readStoredResult(path: string): Promise<StoredResult | undefined> {
  let data: OnDisk;
  try {
    data = deserialize(await readFile(path)) as OnDisk;
  } catch {
    return undefined;
  }
  if (data?.version !== 1 || typeof data.file !== "string") return undefined;
  const { version: _, simulations, runs, ...facts } = data;
  return { ...facts, results: new Results(simulations, runs) };
}
