import { describe, expect, test } from "vitest";
import { LossbookError } from "../../src/errors";
import { createRandom } from "../../src/data";
import { xoshiro128StarStar } from "../../src/data/random";
import fixture from "../fixtures/train-reference.json";

describe("xoshiro128** port", () => {
  test.each(fixture.xoshiro128StarStar)("reproduces the reference C code bit for bit from state $state", ({ state, outputs }) => {
    const next = xoshiro128StarStar(state);
    expect(outputs.map(() => next())).toEqual(outputs);
  });
});

describe("createRandom", () => {
  test("the same seed gives the same sequence; another seed a different one", () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return [random.next(), random.normal(), random.integer(1, 6), random.uniform(-1, 1), ...random.shuffle([1, 2, 3, 4, 5])];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(0)).not.toEqual(draw(1));
  });

  test("next() is uniform on [0, 1): mean ≈ 1/2, variance ≈ 1/12, deciles even, range respected", () => {
    const random = createRandom(1);
    const n = 100_000;
    let sum = 0;
    let sumSquares = 0;
    let min = 1;
    let max = 0;
    const deciles = new Array(10).fill(0);
    for (let i = 0; i < n; i++) {
      const u = random.next();
      sum += u;
      sumSquares += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
      deciles[Math.floor(u * 10)]++;
    }
    const mean = sum / n;
    // Standard error of the mean is √(1/12/n) ≈ 0.0009; allow 5 of them.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0046);
    expect(Math.abs(sumSquares / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // Each decile holds 10 000 ± 95 (binomial sd); a chi-square-like bound of 5 sd.
    for (const count of deciles) expect(Math.abs(count - n / 10)).toBeLessThan(5 * Math.sqrt(n * 0.1 * 0.9));
  });

  test("normal(mean, std) has that mean and std over 1e5 draws, and ~68.3% within one std", () => {
    const random = createRandom(2);
    const n = 100_000;
    let sum = 0;
    let sumSquares = 0;
    let withinOne = 0;
    let sumCubes = 0;
    for (let i = 0; i < n; i++) {
      const z = random.normal(3, 2);
      sum += z;
      sumSquares += z * z;
      if (Math.abs(z - 3) < 2) withinOne++;
      sumCubes += ((z - 3) / 2) ** 3;
    }
    const mean = sum / n;
    const std = Math.sqrt(sumSquares / n - mean * mean);
    expect(Math.abs(mean - 3)).toBeLessThan(5 * (2 / Math.sqrt(n)));
    expect(Math.abs(std - 2)).toBeLessThan(0.02);
    expect(Math.abs(withinOne / n - 0.6827)).toBeLessThan(0.0075);
    expect(Math.abs(sumCubes / n)).toBeLessThan(0.04); // skewness ≈ 0
  });

  test("integer(min, max) covers both ends evenly; shuffle is a permutation", () => {
    const random = createRandom(3);
    const counts = new Map<number, number>();
    for (let i = 0; i < 60_000; i++) {
      const k = random.integer(-2, 3);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    for (const count of counts.values()) expect(Math.abs(count - 10_000)).toBeLessThan(5 * Math.sqrt(60_000 * (1 / 6) * (5 / 6)));
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = random.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });

  test("bad arguments throw a LossbookError naming them", () => {
    expect(() => createRandom(1.5)).toThrow(/seed/);
    const random = createRandom(0);
    expect(() => random.integer(3, 1)).toThrow(LossbookError);
    expect(() => random.integer(0.5, 1)).toThrow(/min/);
    expect(() => random.normal(0, -1)).toThrow(/std/);
    expect(() => random.uniform(1, 0)).toThrow(/high/);
  });
});
