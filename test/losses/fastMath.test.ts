import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/data";
import { exp, fastSoftplus, log, log1pUnit, logCosh, logCoshWithTanh, tanh } from "../../src/losses/fastMath";
import { softplus } from "../../src/losses";

/** Largest relative error of `fast` against `reference` over `points` (reference ≠ 0). */
function worstRelativeError(points: Iterable<number>, fast: (x: number) => number, reference: (x: number) => number): number {
  let worst = 0;
  for (const x of points) {
    const want = reference(x);
    if (want === 0 || !Number.isFinite(want) || Math.abs(want) < 2.3e-308) continue;
    worst = Math.max(worst, Math.abs(fast(x) - want) / Math.abs(want));
  }
  return worst;
}

function* uniform(seed: number, count: number, low: number, high: number): Generator<number> {
  const random = createRandom(seed);
  for (let i = 0; i < count; i++) yield low + (high - low) * random.next();
}

// The maxima documented in src/losses/fastMath.ts; the references (V8's fdlibm
// Math.*) are within 1 ulp themselves, so 2 ulp here is ≤ 3 ulp from the truth.
const ULP = 2 ** -52;

describe("fast transcendental kernels: maximum error and exact extremes", () => {
  it("exp within 1 ulp of Math.exp on [−745, 709] and near 0", () => {
    expect(worstRelativeError(uniform(1, 400_000, -745, 709.7), exp, Math.exp)).toBeLessThanOrEqual(1 * ULP);
    expect(worstRelativeError(uniform(2, 200_000, -1, 1), exp, Math.exp)).toBeLessThanOrEqual(1 * ULP);
    expect(worstRelativeError(uniform(3, 100_000, -1e-8, 1e-8), exp, Math.exp)).toBeLessThanOrEqual(1 * ULP);
  });

  it("exp is exact at the extremes: 1 at 0, 0 far below, Infinity far above, NaN for NaN", () => {
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    expect(exp(-1e4)).toBe(0);
    expect(exp(-746)).toBe(0);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(1e4)).toBe(Infinity);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(Number.NaN)).toBeNaN();
    expect(exp(1)).toBe(Math.E);
    expect(exp(Math.log(100))).toBe(Math.exp(Math.log(100)));
  });

  it("log1pUnit within 2 ulp of Math.log1p on [0, 1], exact at 0", () => {
    expect(worstRelativeError(uniform(4, 400_000, 0, 1), log1pUnit, Math.log1p)).toBeLessThanOrEqual(2 * ULP);
    expect(worstRelativeError(uniform(5, 100_000, 0, 1e-6), log1pUnit, Math.log1p)).toBeLessThanOrEqual(2 * ULP);
    expect(log1pUnit(0)).toBe(0);
    expect(Math.abs(log1pUnit(1) - Math.LN2)).toBeLessThanOrEqual(ULP * Math.LN2);
  });

  it("log within 3 ulp of Math.log from the smallest normal to the largest double; exact at 0, 1, subnormals, Infinity, NaN", () => {
    expect(worstRelativeError(uniform(11, 300_000, 1e-6, 1), log, Math.log)).toBeLessThanOrEqual(3 * ULP);
    expect(worstRelativeError(uniform(12, 200_000, 0.5, 2), log, Math.log)).toBeLessThanOrEqual(3 * ULP);
    const spread = Array.from(uniform(13, 200_000, -1020, 1020), (e) => 2 ** e);
    expect(worstRelativeError(spread, log, Math.log)).toBeLessThanOrEqual(3 * ULP);
    for (const x of [1, 2, 0.5, Math.E, 1e-300, 3e-44, 5e-324, 1.7976931348623157e308]) expect(Math.abs(log(x) - Math.log(x))).toBeLessThanOrEqual(3 * ULP * Math.abs(Math.log(x)));
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(Infinity)).toBe(Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(Number.NaN)).toBeNaN();
  });

  it("softplus and tanh within 4 ulp, log cosh within 8 ulp of the Math-based forms (just above |a| = ½, |a| − log 2 + log(1 + e^−2|a|) cancels a little); ±1e4 exact", () => {
    expect(worstRelativeError(uniform(6, 200_000, -50, 50), fastSoftplus, softplus)).toBeLessThanOrEqual(4 * ULP);
    const accurateLogCosh = (a: number) => (Math.abs(a) < 700 ? Math.log1p(2 * Math.sinh(a / 2) ** 2) : Math.abs(a) - Math.LN2);
    expect(worstRelativeError(uniform(7, 200_000, -30, 30), logCosh, accurateLogCosh)).toBeLessThanOrEqual(8 * ULP);
    expect(worstRelativeError(uniform(8, 100_000, -1e-4, 1e-4), logCosh, accurateLogCosh)).toBeLessThanOrEqual(4 * ULP);
    expect(worstRelativeError(uniform(9, 200_000, -30, 30), tanh, Math.tanh)).toBeLessThanOrEqual(4 * ULP);
    expect(worstRelativeError(uniform(10, 100_000, -1e-6, 1e-6), tanh, Math.tanh)).toBeLessThanOrEqual(4 * ULP);
    expect(logCosh(0)).toBe(0);
    expect(logCosh(1e4)).toBe(1e4 - Math.LN2);
    expect(logCosh(-1e4)).toBe(1e4 - Math.LN2);
    expect(tanh(1e4)).toBe(1);
    expect(tanh(-1e4)).toBe(-1);
    expect(tanh(0)).toBe(0);
    expect(fastSoftplus(1e4)).toBe(1e4);
    expect(fastSoftplus(-1e4)).toBe(0);
  });
});

/** |fast − reference| in units of 2^−52·|reference| (the relative error in ulps of 1); 0 where both are equal. */
function ulps(fast: number, reference: number): number {
  return fast === reference ? 0 : Math.abs(fast - reference) / Math.abs(reference) / ULP;
}

// fast-check draws doubles over the whole exponent range (and its edges), not only uniform points.
const RUNS = { numRuns: 20_000 };

describe("fast transcendental kernels: properties over the whole range (fast-check, in ulps)", () => {
  it("exp(x) within 1 ulp of Math.exp for every x whose e^x is a normal double", () => {
    fc.assert(fc.property(fc.double({ min: -708.39, max: 709.78, noNaN: true }), (x) => ulps(exp(x), Math.exp(x)) <= 1), RUNS);
  });

  it("log(x) within 3 ulp of Math.log for every positive double, normal or not (subnormals and the largest included)", () => {
    fc.assert(fc.property(fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true, minExcluded: true }), (x) => ulps(log(x), Math.log(x)) <= 3), RUNS);
  });

  it("log1pUnit(x) within 2 ulp of Math.log1p for every normal x in [0, 1]; for a subnormal x within the smallest subnormal", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (x) => {
        if (x === 0) return Object.is(log1pUnit(x), 0);
        // x/(2 + x) rounds a subnormal x/2 to a whole number of 2^−1074 steps (what e^−|z| gives beyond |z| = 708, where it is added to |z|).
        if (x < 2 ** -1022) return Math.abs(log1pUnit(x) - Math.log1p(x)) <= 2 ** -1074;
        return ulps(log1pUnit(x), Math.log1p(x)) <= 2;
      }),
      RUNS,
    );
  });

  it("tanh(a) within 4 ulp of Math.tanh for every finite a", () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (a) => (a === 0 ? Object.is(tanh(a), a) : ulps(tanh(a), Math.tanh(a)) <= 4)), RUNS);
  });

  it("logCoshWithTanh (the log-cosh loss's fused kernel) gives exactly logCosh(a) and scale·tanh(a) for every finite a", () => {
    const grad = new Float64Array(1);
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: 1e-6, max: 1, noNaN: true }), (a, scale) => {
        const value = logCoshWithTanh(a, scale, grad, 0);
        return Object.is(value, logCosh(a)) && Object.is(grad[0], scale * tanh(a));
      }),
      RUNS,
    );
  });
});

