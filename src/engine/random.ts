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

/** The run's generator, derived from (seed, simulation, subset, run) only. */
export function createRandom(id: RunSeed): Random {
  const prng = seedrandom.alea(`substep:${id.seed}:${id.simulation}:${id.subset}:${id.run}`);
  // 53-bit floats for random(); int() uses one 32-bit draw, exact for ranges far below 2^32.
  const random = (() => prng.double()) as Random;
  random.int = (lo: number, hi: number): number => {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
      throw new RangeError(`random.int(${lo}, ${hi}): expected integers with lo <= hi`);
    }
    return lo + Math.floor(prng() * (hi - lo + 1));
  };
  random.uniform = (a: number, b: number): number => a + (b - a) * prng.double();
  random.normal = (mean = 0, sd = 1): number => {
    let u = 0;
    while (u === 0) u = prng.double();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * prng.double());
  };
  random.choice = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError("random.choice: empty array");
    return items[Math.floor(prng() * items.length)] as T;
  };
  return random;
}

let ambient: (() => number) | undefined;

/** Routes `Math.random()` in model code (rewritten by the loader) to the running run's generator. */
export function setAmbientRandom(random: (() => number) | undefined): void {
  ambient = random;
}

/** What model code's `Math.random()` calls: the running run's generator, else the platform's. */
export function ambientRandom(): number {
  return ambient !== undefined ? ambient() : Math.random();
}
