// The `substep` command line, parsed (docs/model-api.md, "CLI").
import type { Overrides } from "../engine";

/** A parsed `substep run` command. */
export interface RunCommand extends SimulationOptions {
  command: "run";
  file: string;
  dropSubsteps: boolean;
  stats: string | undefined;
  /** Any run warning (a NaN, a change of kind) makes the exit code 1, after the outputs are written. */
  strict: boolean;
  /** Write CSV text cells that a spreadsheet would run as formulas as text (set only by `--csv-safe`). */
  csvSafe?: boolean;
}

/** A parsed `substep compare` command: results files and model files compared by their final values. */
export interface CompareCommand extends SimulationOptions {
  command: "compare";
  /** At least two: results files (.json rows) and model files, in the order given (`overrides` apply to every model input). */
  inputs: string[];
  /** Names given with `--label`, in input order (the rest are named by their file). */
  labels: string[];
}

/** What the command line asks for. */
export type Command = RunCommand | CompareCommand | { command: "help" } | { command: "version" };

/** Bad usage: the message is printed with the usage text and the exit code is 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: substep run <model file> [options]
       substep compare <a> <b> [more...] [options]

Runs a Substep model (*.sim.ts, *.sim.mts, *.sim.js, *.sim.mjs) and prints a summary.

Options:
  --timesteps T             override the model's timesteps
  --runs N                  override the Monte Carlo runs per parameter subset
  --seed S                  override the base seed
  --param name=v1,v2,...    override a parameter's candidate values (JSON, else a string); repeatable
  --sweep zip|cartesian     override the sweep mode
  --out PATH                write results: .json (rows), .csv (flattened columns), .html (report); repeatable
  --params-columns          add each row's parameter values to .json rows too (.csv rows always have them as
                            columns after substep; .json rows are as cadCAD gives them unless this is set)
  --drop-substeps           keep only the initial row and each timestep's last substep
  --csv-safe                for spreadsheets: a .csv text cell or header starting with = + - @, a tab or a
                            carriage return is written as text ('=1+1, quoted); numbers stay numbers
  --workers K               worker threads (default: the machine's cores, at most one per run)
  --stats PATH              write timing and size statistics as JSON
  --timeout S               stop the simulation after S seconds (exit code 1; finished runs' rows are kept)
  --strict                  exit code 1 when a run warns (a number became NaN or ±Infinity, or not a number)
  -q, --quiet               print nothing but errors and warnings
  -h, --help                show this help
  --version                 show the version

substep compare: compares two or more results by their final values and prints the table (means over the runs,
and each one's difference from the first). Each input is a results file written by \`substep run --out x.json\`
or a model file, which is run first.

Options:
  --label NAME              name an input, in input order (default: its file's name); repeatable
  --out PATH                write the comparison: .html (report with the table and charts of every input),
                            .csv (every input's rows, an input column saying whose), .json (every input's rows,
                            its simulation numbering the inputs); repeatable
  --timesteps T, --runs N, --seed S, --param name=v1,..., --sweep zip|cartesian, --workers K, --timeout S
                            as for substep run, applied to every model input alike
  --params-columns          as for substep run, for the .json output
  -q, --quiet               print nothing but errors and warnings

Exit codes: 0 done, 1 the model failed while running (or warned, with --strict), 2 bad usage or a model that cannot be loaded
(for compare: or a results file that cannot be read).`;

/** Parses `argv` (without node and the script). */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0 || argv.includes("-h") || argv.includes("--help") || argv[0] === "help") return { command: "help" };
  if (argv[0] === "--version" || argv[0] === "-v") return { command: "version" };
  if (argv[0] === "run") return parseRun(argv);
  if (argv[0] === "compare") return parseCompare(argv);
  throw new UsageError(`unknown command '${argv[0]}': the commands are 'substep run <model file>' and 'substep compare <a> <b>'`);
}

/** The options every simulation takes, `substep run`'s and `substep compare`'s model inputs alike. */
interface SimulationOptions {
  overrides: Overrides;
  outputs: string[];
  workers: number | undefined;
  /** Stop the simulation after this many seconds. */
  timeoutSeconds: number | undefined;
  quiet: boolean;
  /** Add each row's subset parameters to .json rows too (set only by `--params-columns`; .csv always has them). */
  paramsColumns?: boolean;
}

/**
 * Reads argv after the command: each option goes to `own` first, then to the options shared by every command;
 * everything else that does not start with "-" is a file. `value()` takes the option's value (`--x=v` or the next).
 */
function scan(argv: readonly string[], target: SimulationOptions, own: (flag: string, value: () => string) => boolean): string[] {
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (own(flag, value) || sharedOption(flag, value, target)) continue;
    if (arg.startsWith("-")) throw new UsageError(`unknown option '${arg}'`);
    files.push(arg);
  }
  return files;
}

function sharedOption(flag: string, value: () => string, cmd: SimulationOptions): boolean {
  switch (flag) {
    case "--timesteps":
      cmd.overrides.timesteps = wholeNumber(flag, value(), 0);
      return true;
    case "--runs":
      cmd.overrides.runs = wholeNumber(flag, value(), 1);
      return true;
    case "--seed": {
      const v = value();
      const n = Number(v);
      if (v.trim() === "" || !Number.isFinite(n)) throw new UsageError(`--seed takes a number, not '${v}'`);
      cmd.overrides.seed = n;
      return true;
    }
    case "--param": {
      const [name, values] = parseParam(value());
      (cmd.overrides.params ??= {})[name] = values;
      return true;
    }
    case "--sweep": {
      const v = value();
      if (v !== "zip" && v !== "cartesian") throw new UsageError(`--sweep takes zip or cartesian, not '${v}'`);
      cmd.overrides.sweep = v;
      return true;
    }
    case "--out": {
      const v = value();
      if (!/\.(json|csv|html?)$/i.test(v)) throw new UsageError(`--out ${v}: the file name must end in .json, .csv or .html`);
      cmd.outputs.push(v);
      return true;
    }
    case "--params-columns":
      cmd.paramsColumns = true;
      return true;
    case "--workers":
      cmd.workers = wholeNumber(flag, value(), 1);
      return true;
    case "--timeout": {
      const v = value();
      const n = Number(v);
      if (v.trim() === "" || !(n > 0) || !Number.isFinite(n)) throw new UsageError(`--timeout takes a number of seconds > 0, not '${v}'`);
      cmd.timeoutSeconds = n;
      return true;
    }
    case "--quiet":
    case "-q":
      cmd.quiet = true;
      return true;
    default:
      return false;
  }
}

function parseRun(argv: readonly string[]): RunCommand {
  const cmd: RunCommand = {
    command: "run",
    file: "",
    overrides: {},
    outputs: [],
    dropSubsteps: false,
    workers: undefined,
    stats: undefined,
    quiet: false,
    strict: false,
    timeoutSeconds: undefined,
  };
  const files = scan(argv, cmd, (flag, value) => {
    switch (flag) {
      case "--drop-substeps":
        cmd.dropSubsteps = true;
        return true;
      case "--csv-safe":
        cmd.csvSafe = true;
        return true;
      case "--stats":
        cmd.stats = value();
        return true;
      case "--strict":
        cmd.strict = true;
        return true;
      default:
        return false;
    }
  });
  if (files.length !== 1) throw new UsageError(files.length === 0 ? "no model file given" : `one model file at a time, not ${files.length}`);
  cmd.file = files[0]!;
  return cmd;
}

/** A results file as `substep run --out x.json` writes it, or a model file. */
const COMPARE_INPUT = /\.json$|\.(ts|mts|js|mjs)$/i;

function parseCompare(argv: readonly string[]): CompareCommand {
  const cmd: CompareCommand = {
    command: "compare",
    inputs: [],
    labels: [],
    overrides: {},
    outputs: [],
    workers: undefined,
    timeoutSeconds: undefined,
    quiet: false,
  };
  cmd.inputs = scan(argv, cmd, (flag, value) => {
    if (flag !== "--label") return false;
    const label = value();
    if (label.trim() === "") throw new UsageError("--label takes a name, not an empty one");
    cmd.labels.push(label);
    return true;
  });
  if (cmd.inputs.length < 2) {
    throw new UsageError(
      `compare needs at least two inputs (results files from 'substep run --out x.json' or model files), ${cmd.inputs.length === 0 ? "not none" : `not one (${cmd.inputs[0]})`}`,
    );
  }
  const other = cmd.inputs.find((f) => !COMPARE_INPUT.test(f));
  if (other !== undefined) throw new UsageError(`${other}: an input is a results file (.json) or a model file (.ts, .mts, .js, .mjs)`);
  if (cmd.labels.length > cmd.inputs.length) {
    throw new UsageError(`${cmd.labels.length} labels for ${cmd.inputs.length} inputs: give at most one --label per input, in input order`);
  }
  return cmd;
}

function wholeNumber(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} takes a whole number >= ${min}, not '${text}'`);
  return n;
}

/** `rate=0.1,0.2` → ["rate", [0.1, 0.2]]; each value is read as JSON, else taken as a string. */
export function parseParam(text: string): [string, unknown[]] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new UsageError(`--param takes name=v1,v2,..., not '${text}'`);
  const name = text.slice(0, eq).trim();
  const list = text.slice(eq + 1);
  // The whole list as JSON first, so values holding commas (`[1,2],[3,4]`, `"a,b"`) stay whole.
  try {
    const all = JSON.parse(`[${list}]`) as unknown[];
    if (all.length > 0) return [name, all];
  } catch {
    // not JSON as a whole: read each comma-separated value on its own
  }
  const values = list.split(",").map((v) => {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  });
  return [name, values];
}
