import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cappedMagnitude, outsideUnitInterval, positivePart, signBit, signOf } from "../../src/losses/branchFree";

/** Any double but NaN and ±Infinity, subnormals included. */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

describe("branch-free helpers agree exactly with Math.max/Math.sign/Math.min", () => {
  it("positivePart(x) = max(x, 0) for 0 and every normal double, the largest included", () => {
    fc.assert(
      fc.property(finite.filter((x) => x === 0 || Math.abs(x) >= 2 ** -1022), (x) => {
        expect(positivePart(x) + 0).toBe(Math.max(x, 0) + 0);
      }),
    );
    expect(positivePart(Number.MAX_VALUE)).toBe(Number.MAX_VALUE);
    expect(positivePart(Number.NaN)).toBeNaN();
  });

  it("signOf(x) = sign(x) for 0 and every normal double", () => {
    fc.assert(
      fc.property(finite.filter((x) => x === 0 || Math.abs(x) >= 2 ** -1021), (x) => {
        expect(signOf(x) + 0).toBe(Math.sign(x) + 0);
      }),
    );
    for (const x of [2 ** -1021, -(2 ** -1021), Number.MAX_VALUE, -Number.MAX_VALUE, 1e-300]) expect(signOf(x)).toBe(Math.sign(x));
  });

  it("signBit(x) is 1 exactly for negative doubles and −0, 0 for positive ones and +0, subnormals and infinities included", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        expect(signBit(x)).toBe(x < 0 || Object.is(x, -0) ? 1 : 0);
      }),
    );
    for (const [x, bit] of [[0, 0], [-0, 1], [5e-324, 0], [-5e-324, 1], [Infinity, 0], [-Infinity, 1], [Number.MAX_VALUE, 0], [-1e4, 1]]) expect(signBit(x), String(x)).toBe(bit);
  });

  it("outsideUnitInterval(x) is 0 exactly on [0, 1] and positive (or NaN) everywhere else, subnormals and the largest doubles included", () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        const flag = outsideUnitInterval(x);
        // Either way a sum of flags is then not 0 (∞ gives ∞ − ∞ = NaN).
        return x >= 0 && x <= 1 ? flag === 0 : flag > 0 || Number.isNaN(flag);
      }),
      { numRuns: 20_000 },
    );
    for (const x of [0, -0, 1, 5e-324, 1 - 2 ** -53, 0.5]) expect(outsideUnitInterval(x), String(x)).toBe(0);
    for (const x of [-5e-324, 1 + 2 ** -52, -1e-300, 2, -Number.MAX_VALUE, Number.MAX_VALUE, -Infinity]) expect(outsideUnitInterval(x), String(x)).toBeGreaterThan(0);
    expect(outsideUnitInterval(Infinity)).toBeNaN();
  });

  it("cappedMagnitude(m, max(m − d, 0), d) = min(m, d) for m ≤ 2^49·d", () => {
    const positive = fc.double({ min: 1e-200, max: 1e200, noNaN: true });
    fc.assert(
      fc.property(positive, fc.double({ min: 0, max: 2 ** 49, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true }), (d, far, near) => {
        for (const m of [d * far, d * near, d]) expect(cappedMagnitude(m, positivePart(m - d), d)).toBe(Math.min(m, d));
      }),
    );
  });
});
