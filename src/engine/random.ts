// Per-run seeded generators (seedrandom's Alea, a local instance: never the global mode).
import seedrandom from "seedrandom";
import type { Random } from "./types";

/** Identifies a run for seeding: its generator depends on these four numbers only. */
export interface RunSeed {
  seed: number;
  simulation: number;
  subset: number;
  run: number;
}

/** A run's generator with its seeded source; the methods are shared by every run's generator. */
interface RunRandom extends Random {
  /** 32-bit draws in [0, 1). */
  next: () => number;
  /** 53-bit draws in [0, 1). */
  double: () => number;
}

// One function object per method for all runs: a model's `ctx.random.int(...)` call site then always
// sees the same target and V8 can inline it (per-run closures defeated that in the benchmark). So the
// methods are not bound (per-run bound copies would be per-run closures again); a detached call
// (`const draw = ctx.random.normal; draw()`) has no `this` (the engine is strict code) and draws from the
// running run's generator, which is the one it came from: a thread runs one run at a time, and `ctx`
// exists only inside one. (`this ?? running()` is one comparison: a fuller check cost 8% of a row.)
type This = RunRandom | undefined;

function running(): RunRandom {
  const g = ambient as RunRandom | undefined;
  if (g?.double !== undefined) return g;
  throw new TypeError("a random method was called detached (as a plain function) outside a run; call it on its generator: random.normal(...)");
}

function int(this: This, lo: number, hi: number): number {
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
    throw new RangeError(`random.int(${lo}, ${hi}): expected integers with lo <= hi`);
  }
  return lo + Math.floor((this ?? running()).next() * (hi - lo + 1));
}

function uniform(this: This, a: number, b: number): number {
  return a + (b - a) * (this ?? running()).double();
}

function normal(this: This, mean = 0, sd = 1): number {
  const g = this ?? running();
  let u = 0;
  while (u === 0) u = g.double();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * g.double());
}

function choice<T>(this: This, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError("random.choice: empty array");
  return items[Math.floor((this ?? running()).next() * items.length)] as T;
}

/** The run's generator, derived from (seed, simulation, subset, run) only. */
export function createRandom(id: RunSeed): Random {
  const prng = seedrandom.alea(`substep:${id.seed}:${id.simulation}:${id.subset}:${id.run}`);
  // 53-bit floats for random(); int() and choice() use one 32-bit draw, exact for ranges far below 2^32.
  const random = (() => prng.double()) as RunRandom;
  random.next = prng;
  // alea's double is a closure over its state, not a method that reads `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  random.double = prng.double;
  random.int = int;
  random.uniform = uniform;
  random.normal = normal;
  random.choice = choice;
  return random;
}

let ambient: (() => number) | undefined;

/** Routes `Math.random()` in model code (rewritten by the loader), and detached `random` methods, to the running run's generator. */
export function setAmbientRandom(random: (() => number) | undefined): void {
  ambient = random;
}

/** What model code's `Math.random()` calls: the running run's generator, else the platform's. */
export function ambientRandom(): number {
  return ambient !== undefined ? ambient() : Math.random();
}
