import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LossbookError } from "../../src/errors";
import { crossEntropy, entropy, klDivergence, softmax, softmaxCrossEntropy } from "../../src/losses";

/** A random distribution over `n` outcomes, some of them (maybe) impossible. */
const distribution = (n: number) =>
  fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1, noNaN: true })), { minLength: n, maxLength: n })
    .filter((raw) => raw.some((v) => v > 0))
    .map((raw) => {
      const total = raw.reduce((a, b) => a + b, 0);
      return raw.map((v) => v / total);
    });

describe("entropy", () => {
  it("matches scipy.stats.entropy (nats), with 0·log 0 = 0", () => {
    // Values from scipy 1.x: entropy([0.2, 0.3, 0.5]) and entropy([0.7, 0.2, 0.1, 0.0]).
    expect(entropy([0.2, 0.3, 0.5])).toBeCloseTo(1.0296530140645737, 14);
    expect(entropy([0.7, 0.2, 0.1, 0])).toBeCloseTo(0.8018185525433373, 14);
    expect(entropy([0.7, 0.2, 0.1, 0])).toBe(entropy([0.7, 0.2, 0.1]));
  });

  it("is 0 for a certain outcome and log n for the uniform distribution, the largest", () => {
    expect(entropy([0, 1, 0])).toBe(0);
    expect(entropy([1])).toBe(0);
    for (const n of [2, 3, 10]) expect(entropy(new Array(n).fill(1 / n))).toBeCloseTo(Math.log(n), 14);
    fc.assert(fc.property(distribution(4), (p) => entropy(p) >= 0 && entropy(p) <= Math.log(4) + 1e-12));
  });

  it("refuses what is not a distribution, naming the argument", () => {
    expect(() => entropy([0.5, 0.6])).toThrow(/p: must sum to 1 .* sums to 1\.1/);
    expect(() => entropy([1.5, -0.5])).toThrow(LossbookError);
    expect(() => entropy([0.5, Number.NaN])).toThrow(/p\[1\]|index 1/);
    expect(() => entropy([])).toThrow(/empty/);
    expect(entropy([0.1, 0.2, 0.7 + 5e-10])).toBeGreaterThan(0); // within 1e-9 of summing to 1
    expect(() => entropy([0.1, 0.2, 0.7 + 5e-9])).toThrow(/sum to 1/);
  });
});

describe("crossEntropy", () => {
  it("matches −Σ p log q computed by numpy", () => {
    // numpy: -(p * log(q)).sum() for p = [0.7, 0.2, 0.1], q = [0.5, 0.3, 0.2].
    expect(crossEntropy([0.7, 0.2, 0.1], [0.5, 0.3, 0.2])).toBeCloseTo(0.886941378500559, 14);
  });

  it("is H(p) + KL(p‖q) (KL from klDivergence), so it equals H(p) exactly when q = p", () => {
    fc.assert(
      fc.property(distribution(3), distribution(3), (p, q) => {
        fc.pre(q.every((v, i) => v > 0 || p[i] === 0));
        const sum = entropy(p) + klDivergence([p], [q]);
        expect(crossEntropy(p, q)).toBeCloseTo(sum, 10);
        expect(crossEntropy(p, p)).toBeCloseTo(entropy(p), 14);
        expect(crossEntropy(p, q)).toBeGreaterThanOrEqual(entropy(p) - 1e-12);
      }),
    );
  });

  it("is what softmaxCrossEntropy computes per row with q = softmax(z)", () => {
    const p = [0.6, 0.3, 0.1];
    const z = [1.2, -0.4, 0.3];
    expect(crossEntropy(p, Array.from(softmax(z)))).toBeCloseTo(softmaxCrossEntropy([p], [z]), 12);
  });

  it("is infinite where q rules out an outcome p allows, and ignores outcomes p rules out", () => {
    expect(crossEntropy([0.5, 0.5], [1, 0])).toBe(Number.POSITIVE_INFINITY);
    expect(crossEntropy([1, 0], [0.5, 0.5])).toBeCloseTo(Math.log(2), 15);
    expect(crossEntropy([1, 0], [1, 0])).toBe(0);
  });

  it("checks both arguments and their lengths", () => {
    expect(() => crossEntropy([0.5, 0.5], [0.2, 0.3, 0.5])).toThrow(/q: has length 3 but p has length 2/);
    expect(() => crossEntropy([0.5, 0.5], [0.7, 0.7])).toThrow(/^q: must sum to 1/);
    expect(() => crossEntropy([0.9, 0.9], [0.5, 0.5])).toThrow(/^p: must sum to 1/);
  });
});
