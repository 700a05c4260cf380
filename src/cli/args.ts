// The `substep` command line, parsed (docs/model-api.md, "CLI").
import type { Overrides } from "../engine";

/** A parsed `substep run` command. */
export interface RunCommand {
  command: "run";
  file: string;
  overrides: Overrides;
  outputs: string[];
  dropSubsteps: boolean;
  workers: number | undefined;
  stats: string | undefined;
  quiet: boolean;
  /** Any run warning (a NaN, a change of kind) makes the exit code 1, after the outputs are written. */
  strict: boolean;
  /** Stop the simulation after this many seconds. */
  timeoutSeconds: number | undefined;
  /** Write CSV text cells that a spreadsheet would run as formulas as text (set only by `--csv-safe`). */
  csvSafe?: boolean;
  /** Add each row's subset parameters to .json rows too (set only by `--params-columns`; .csv always has them). */
  paramsColumns?: boolean;
}

/** What the command line asks for. */
export type Command = RunCommand | { command: "help" } | { command: "version" };

/** Bad usage: the message is printed with the usage text and the exit code is 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: substep run <model file> [options]

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

Exit codes: 0 done, 1 the model failed while running (or warned, with --strict), 2 bad usage or a model that cannot be loaded.`;

/** Parses `argv` (without node and the script). */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0 || argv.includes("-h") || argv.includes("--help") || argv[0] === "help") return { command: "help" };
  if (argv[0] === "--version" || argv[0] === "-v") return { command: "version" };
  if (argv[0] !== "run") throw new UsageError(`unknown command '${argv[0]}': the command is 'substep run <model file>'`);
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
    switch (flag) {
      case "--timesteps":
        cmd.overrides.timesteps = wholeNumber(flag, value(), 0);
        break;
      case "--runs":
        cmd.overrides.runs = wholeNumber(flag, value(), 1);
        break;
      case "--seed": {
        const v = value();
        const n = Number(v);
        if (v.trim() === "" || !Number.isFinite(n)) throw new UsageError(`--seed takes a number, not '${v}'`);
        cmd.overrides.seed = n;
        break;
      }
      case "--param": {
        const [name, values] = parseParam(value());
        (cmd.overrides.params ??= {})[name] = values;
        break;
      }
      case "--sweep": {
        const v = value();
        if (v !== "zip" && v !== "cartesian") throw new UsageError(`--sweep takes zip or cartesian, not '${v}'`);
        cmd.overrides.sweep = v;
        break;
      }
      case "--out": {
        const v = value();
        if (!/\.(json|csv|html?)$/i.test(v)) throw new UsageError(`--out ${v}: the file name must end in .json, .csv or .html`);
        cmd.outputs.push(v);
        break;
      }
      case "--drop-substeps":
        cmd.dropSubsteps = true;
        break;
      case "--csv-safe":
        cmd.csvSafe = true;
        break;
      case "--params-columns":
        cmd.paramsColumns = true;
        break;
      case "--workers":
        cmd.workers = wholeNumber(flag, value(), 1);
        break;
      case "--stats":
        cmd.stats = value();
        break;
      case "--timeout": {
        const v = value();
        const n = Number(v);
        if (v.trim() === "" || !(n > 0) || !Number.isFinite(n)) throw new UsageError(`--timeout takes a number of seconds > 0, not '${v}'`);
        cmd.timeoutSeconds = n;
        break;
      }
      case "--strict":
        cmd.strict = true;
        break;
      case "--quiet":
      case "-q":
        cmd.quiet = true;
        break;
      default:
        if (arg.startsWith("-")) throw new UsageError(`unknown option '${arg}'`);
        files.push(arg);
    }
  }
  if (files.length !== 1) throw new UsageError(files.length === 0 ? "no model file given" : `one model file at a time, not ${files.length}`);
  cmd.file = files[0]!;
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
