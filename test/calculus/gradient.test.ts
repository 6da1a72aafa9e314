import { describe, expect, it } from "vitest";
import { checkGradient, numericalGradient } from "../../src/calculus";
import { LossbookError } from "../../src/errors";

const rosenbrock = (x: Float64Array) => (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;
const rosenbrockGrad = (x: Float64Array) => [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)];

describe("numericalGradient", () => {
  it("matches known gradients to about 1e-9", () => {
    const x = [-1.2, 1, 0.3];
    const numeric = numericalGradient((v) => Math.sin(v[0]) * Math.exp(v[1]) + v[2] ** 3, x);
    const exact = [Math.cos(-1.2) * Math.E, Math.sin(-1.2) * Math.E, 3 * 0.09];
    numeric.forEach((g, i) => expect(Math.abs(g - exact[i])).toBeLessThan(1e-9));
  });

  it("is exact (to rounding) on quadratics, whose central difference has no truncation error", () => {
    const numeric = numericalGradient((v) => 3 * v[0] ** 2 - 2 * v[0] * v[1], [2, 5], { step: 1e-3 });
    expect(numeric[0]).toBeCloseTo(12 - 10, 9);
    expect(numeric[1]).toBeCloseTo(-4, 9);
  });

  it("scales the step with |x|, so large coordinates still work", () => {
    const numeric = numericalGradient((v) => v[0] ** 2, [1e6]);
    expect(Math.abs(numeric[0] - 2e6) / 2e6).toBeLessThan(1e-8);
  });

  it("leaves x unchanged and accepts typed arrays", () => {
    const x = new Float64Array([1, 2]);
    numericalGradient((v) => v[0] * v[1], x);
    expect(Array.from(x)).toEqual([1, 2]);
  });

  it("rejects bad input with a LossbookError naming the argument", () => {
    expect(() => numericalGradient((v) => v[0], [])).toThrow(LossbookError);
    expect(() => numericalGradient((v) => v[0], [1, Number.NaN])).toThrow(/x\[1\]: must be a finite number/);
    expect(() => numericalGradient((v) => v[0], [1], { step: 0 })).toThrow(/options.step/);
    expect(() => numericalGradient(3 as never, [1])).toThrow(/^f:/);
  });
});

describe("checkGradient", () => {
  it("accepts a correct gradient and reports its errors", () => {
    const result = checkGradient(rosenbrock, rosenbrockGrad, [-1.2, 1]);
    expect(result.ok).toBe(true);
    expect(result.maxAbsoluteError).toBeLessThan(1e-5);
    expect(result.maxRelativeError).toBeLessThan(1e-7);
    expect(Array.from(result.analytic)).toEqual(rosenbrockGrad(new Float64Array([-1.2, 1])));
    expect(result.numeric).toHaveLength(2);
  });

  it("rejects a gradient that is off by 0.01%, a sign, or a factor 2", () => {
    const wrong = [
      (x: Float64Array) => rosenbrockGrad(x).map((g) => g * 1.0001),
      (x: Float64Array) => { const g = rosenbrockGrad(x); return [g[0], -g[1]]; },
      (x: Float64Array) => rosenbrockGrad(x).map((g) => g / 2),
    ];
    for (const grad of wrong) expect(checkGradient(rosenbrock, grad, [-1.2, 1]).ok).toBe(false);
    // A function of size 1e−12 is below the default absolute tolerance: set it to 0 to check it.
    const tiny = (x: Float64Array) => 1e-12 * rosenbrock(x);
    const doubled = (x: Float64Array) => rosenbrockGrad(x).map((g) => 2e-12 * g);
    expect(checkGradient(tiny, doubled, [-1.2, 1]).ok).toBe(true);
    expect(checkGradient(tiny, doubled, [-1.2, 1], { absoluteTolerance: 0 }).ok).toBe(false);
    expect(checkGradient(tiny, (x) => rosenbrockGrad(x).map((g) => 1e-12 * g), [-1.2, 1], { absoluteTolerance: 0 }).ok).toBe(true);
  });

  it("handles an all-zero gradient at a minimum through the absolute tolerance", () => {
    const result = checkGradient(rosenbrock, rosenbrockGrad, [1, 1]);
    expect(result.ok).toBe(true);
    expect(result.maxAbsoluteError).toBeGreaterThan(0); // truncation noise of the differences
    expect(checkGradient(rosenbrock, rosenbrockGrad, [1, 1], { absoluteTolerance: 0 }).ok).toBe(false);
    expect(checkGradient(rosenbrock, () => [1e-3, 0], [1, 1]).ok).toBe(false);
  });

  it("fails (never passes silently) when the gradient is NaN", () => {
    expect(checkGradient(rosenbrock, () => [Number.NaN, 0], [0.5, 0.5]).ok).toBe(false);
  });

  it("complains when grad returns the wrong number of entries or the tolerance is bad", () => {
    expect(() => checkGradient(rosenbrock, () => [1], [0, 0])).toThrow(/grad: must return 2 numbers/);
    expect(() => checkGradient(rosenbrock, rosenbrockGrad, [0, 0], { tolerance: -1 })).toThrow(/options.tolerance/);
    expect(() => checkGradient(rosenbrock, rosenbrockGrad, [0, 0], { absoluteTolerance: Number.NaN })).toThrow(/options.absoluteTolerance/);
  });
});
