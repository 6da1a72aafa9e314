import { LossbookError } from "../errors";
import { describe } from "../validation";

/**
 * A seeded source of random numbers. The same seed gives the same sequence on
 * every machine, so notebooks, tests and the site show the same data.
 */
export interface Random {
  /** A uniform number in [0, 1) with 32 random bits. */
  next(): number;
  /** A uniform number in [low, high). */
  uniform(low?: number, high?: number): number;
  /** A normal (Gaussian) number with the given mean and standard deviation (Box–Muller). */
  normal(mean?: number, std?: number): number;
  /** A uniform integer in [min, max], both ends included, without modulo bias. */
  integer(min: number, max: number): number;
  /** Shuffles `array` (a plain or typed array) in place (Fisher–Yates) and returns it. */
  shuffle<A extends MutableArrayLike>(array: A): A;
}

/** A plain array or a typed array: anything with a length and writable indices. */
export interface MutableArrayLike {
  length: number;
  [index: number]: unknown;
}

const TWO_TO_MINUS_32 = 2 ** -32;

/**
 * A 32-bit SplitMix-style seeder: a Weyl sequence (step 0x9e3779b9, the golden
 * ratio) passed through MurmurHash3's fmix32 finalizer. It spreads one seed over
 * the four state words of xoshiro128**, as its authors recommend (nearby seeds
 * give unrelated streams).
 */
export function splitMix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Creates a seeded PRNG: xoshiro128** 1.1 (Blackman & Vigna, 2018,
 * https://prng.di.unimi.it/xoshiro128starstar.c), a 128-bit-state generator
 * with period 2¹²⁸ − 1, seeded through SplitMix32. `next()` returns the 32-bit
 * output divided by 2³². `normal` uses the Box–Muller transform
 * z = √(−2 ln u₁) · cos(2π u₂) and keeps the twin sin value for the next call.
 * `seed` must be an integer (negative seeds and seeds ≥ 2³² are reduced modulo 2³²).
 */
export function createRandom(seed = 0): Random {
  if (typeof seed !== "number" || !Number.isInteger(seed)) {
    throw new LossbookError("seed", `must be an integer, got ${describe(seed)}`);
  }
  const mix = splitMix32(seed);
  const nextUint32 = xoshiro128StarStar([mix(), mix(), mix(), mix()]);
  const next = () => nextUint32() * TWO_TO_MINUS_32;

  let spareNormal: number | undefined;
  function standardNormal(): number {
    if (spareNormal !== undefined) {
      const z = spareNormal;
      spareNormal = undefined;
      return z;
    }
    const u1 = 1 - next(); // in (0, 1], so the log is finite
    const u2 = next();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  function integer(min: number, max: number): number {
    if (!Number.isSafeInteger(min)) throw new LossbookError("min", `must be an integer, got ${describe(min)}`);
    if (!Number.isSafeInteger(max)) throw new LossbookError("max", `must be an integer, got ${describe(max)}`);
    if (max < min) throw new LossbookError("max", `must be >= min (${min}), got ${max}`);
    const range = max - min + 1;
    if (range > 2 ** 32) throw new LossbookError("max", `max - min must be below 2^32, got ${max - min}`);
    // Rejection sampling: draws at or above the largest multiple of `range`
    // below 2³² are redrawn, so every integer is exactly equally likely.
    const limit = Math.floor(2 ** 32 / range) * range;
    let draw = nextUint32();
    while (draw >= limit) draw = nextUint32();
    return min + (draw % range);
  }

  return {
    next,
    uniform(low = 0, high = 1) {
      if (!Number.isFinite(low)) throw new LossbookError("low", `must be a finite number, got ${describe(low)}`);
      if (!Number.isFinite(high) || high < low) throw new LossbookError("high", `must be a finite number >= low (${low}), got ${describe(high)}`);
      return low + (high - low) * next();
    },
    normal(mean = 0, std = 1) {
      if (!Number.isFinite(mean)) throw new LossbookError("mean", `must be a finite number, got ${describe(mean)}`);
      if (!Number.isFinite(std) || std < 0) throw new LossbookError("std", `must be a finite number >= 0, got ${describe(std)}`);
      return mean + std * standardNormal();
    },
    integer,
    shuffle<A extends MutableArrayLike>(array: A): A {
      if (!Array.isArray(array) && !ArrayBuffer.isView(array)) throw new LossbookError("array", `must be an array, got ${describe(array)}`);
      for (let i = array.length - 1; i > 0; i--) {
        const j = integer(0, i);
        const held = array[i];
        array[i] = array[j];
        array[j] = held;
      }
      return array;
    },
  };
}

/**
 * The bare xoshiro128** 1.1 generator from a 128-bit state of four 32-bit
 * words (not all zero): each call returns the next 32-bit unsigned output.
 * A line-by-line port of the reference C code; exported for the tests that
 * compare it with that code.
 */
export function xoshiro128StarStar(state: readonly number[]): () => number {
  let [s0, s1, s2, s3] = state.map((word) => word >>> 0);
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is the one forbidden state
  return () => {
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotateLeft(s3, 11);
    return result;
  };
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}
