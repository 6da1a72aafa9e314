import { describe, expect, test } from "vitest";
import { LossbookError } from "../../src/errors";
import { gradientDescent } from "../../src/train";

/** f(θ) = (θ − 3)², the quadratic of the document's gradient-descent example; minimum at θ = 3. */
const parabola = (theta: Float64Array) => ({ value: (theta[0] - 3) ** 2, grad: [2 * (theta[0] - 3)] });

/** f(θ) = ½θᵀAθ − bᵀθ with A = diag(1, 50) (condition number 50); minimum A⁻¹b = (1, −0.04). */
const valley = (theta: Float64Array) => ({
  value: 0.5 * (theta[0] ** 2 + 50 * theta[1] ** 2) - (theta[0] - 2 * theta[1]),
  grad: [theta[0] - 1, 50 * theta[1] + 2],
});

describe("gradientDescent", () => {
  test("applies θ := θ − η∇L(θ) and converges to the minimum of (θ − 3)²", () => {
    const result = gradientDescent(parabola, 0, { learningRate: 0.1 });
    expect(result.converged).toBe(true);
    expect(result.diverged).toBe(false);
    expect(Math.abs(result.theta[0] - 3)).toBeLessThan(1e-9);
    expect(result.history).toHaveLength(result.iterations + 1);
    expect(result.history[0]).toEqual({ iteration: 0, theta: [0], value: 9, gradNorm: 6 });
    // Each recorded θ follows from the previous one by exactly one update: θₖ₊₁ − 3 = (1 − 2η)(θₖ − 3).
    for (let k = 0; k < 5; k++) {
      const before = result.history[k].theta[0];
      expect(result.history[k + 1].theta[0]).toBeCloseTo(before - 0.1 * 2 * (before - 3), 14);
    }
    // The value never increases for a step size below 1/L (L = 2 here).
    for (let k = 1; k < result.history.length; k++) expect(result.history[k].value).toBeLessThanOrEqual(result.history[k - 1].value);
    expect(result.value).toBe(result.history[result.history.length - 1].value);
  });

  test("η = 0.5 = 1/L jumps to the minimum of (θ − 3)² in one step", () => {
    const result = gradientDescent(parabola, [-7], { learningRate: 0.5 });
    expect(Array.from(result.theta)).toEqual([3]);
    expect(result.iterations).toBe(1);
    expect(result.stoppedBecause).toBe("gradient");
  });

  test("a 2-D ill-conditioned quadratic converges to A⁻¹b; momentum needs far fewer steps", () => {
    const plain = gradientDescent(valley, [5, 5], { learningRate: 0.035, iterations: 5000, tolerance: 1e-9 });
    const heavyBall = gradientDescent(valley, [5, 5], { learningRate: 0.035, iterations: 5000, tolerance: 1e-9, momentum: 0.7 });
    for (const result of [plain, heavyBall]) {
      expect(result.converged).toBe(true);
      // Stopped once ‖∇L‖ or the step η‖∇L‖ ≤ 1e-9, so θ is within 1e-9/(η·λ_min) ≈ 3e-8 of the minimum.
      expect(result.theta[0]).toBeCloseTo(1, 7);
      expect(result.theta[1]).toBeCloseTo(-0.04, 7);
    }
    expect(heavyBall.iterations).toBeLessThan(plain.iterations / 3);
  });

  test("too large a learning rate diverges: flagged, stopped, not thrown", () => {
    const result = gradientDescent(parabola, 0, { learningRate: 1.1 });
    expect(result.diverged).toBe(true);
    expect(result.converged).toBe(false);
    expect(result.stoppedBecause).toBe("diverged");
    expect(result.iterations).toBeLessThan(1000);
    // |θ − 3| grows by |1 − 2η| = 1.2 every step.
    const errors = result.history.map((step) => Math.abs(step.theta[0] - 3));
    for (let k = 1; k < errors.length; k++) expect(errors[k] / errors[k - 1]).toBeCloseTo(1.2, 10);
    expect(result.value).toBeGreaterThan(1e10 * (9 + 1));
  });

  test("η = 1 on (θ − 3)² oscillates between 0 and 6 for ever: neither converged nor diverged", () => {
    const result = gradientDescent(parabola, 0, { learningRate: 1, iterations: 20 });
    expect(result.history.map((step) => step.theta[0])).toEqual(Array.from({ length: 21 }, (_, k) => (k % 2 === 0 ? 0 : 6)));
    expect(result.converged).toBe(false);
    expect(result.diverged).toBe(false);
    expect(result.stoppedBecause).toBe("iterations");
  });

  test("overflow to Infinity or NaN is caught as divergence", () => {
    const quartic = (theta: Float64Array) => ({ value: theta[0] ** 4, grad: [4 * theta[0] ** 3] });
    const blowUp = gradientDescent(quartic, 10, { learningRate: 1 });
    expect(blowUp.diverged).toBe(true);
    const nan = gradientDescent(() => ({ value: Number.NaN, grad: [0] }), 1);
    expect(nan.diverged).toBe(true);
    expect(nan.iterations).toBe(0);
  });

  test("stops on a small step when the gradient never gets small enough", () => {
    // |θ| has gradient ±1 everywhere; with a tiny rate the steps, not the gradient, fall below tolerance.
    const result = gradientDescent((t) => ({ value: Math.abs(t[0]), grad: [Math.sign(t[0])] }), 1, { learningRate: 1e-12, tolerance: 1e-11 });
    expect(result.stoppedBecause).toBe("step");
    expect(result.converged).toBe(true);
  });

  test("a stochastic objective drawing with context.random is seeded SGD", () => {
    // L(θ) = mean over the data of (θ − aᵢ)², minimum at the mean 2.5; each step uses one random aᵢ.
    const data = [1, 2, 3, 4];
    const seen: number[] = [];
    const sampled = (theta: Float64Array, context: { iteration: number; random: { integer(min: number, max: number): number } }) => {
      seen.push(context.iteration);
      const a = data[context.random.integer(0, data.length - 1)];
      return { value: (theta[0] - a) ** 2, grad: [2 * (theta[0] - a)] };
    };
    const run = (seed: number) => gradientDescent(sampled, 0, { learningRate: 0.005, iterations: 3000, seed });
    const first = run(1);
    expect(seen.slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(Math.abs(first.theta[0] - 2.5)).toBeLessThan(0.2);
    expect(run(1).history.map((step) => step.theta[0])).toEqual(first.history.map((step) => step.theta[0]));
    expect(run(2).theta[0]).not.toBe(first.theta[0]);
  });

  test("bad arguments throw a LossbookError naming them", () => {
    expect(() => gradientDescent(parabola, 0, { learningRate: 0 })).toThrow(/options\.learningRate/);
    expect(() => gradientDescent(parabola, 0, { learningRate: -0.1 })).toThrow(LossbookError);
    expect(() => gradientDescent(parabola, 0, { momentum: 1 })).toThrow(/options\.momentum/);
    expect(() => gradientDescent(parabola, 0, { iterations: 2.5 })).toThrow(/options\.iterations/);
    expect(() => gradientDescent(parabola, [Number.NaN])).toThrow(/theta0\[0\]/);
    expect(() => gradientDescent(parabola, [])).toThrow(/theta0/);
    expect(() => gradientDescent(parabola, [0, 0])).toThrow(/objective: returned a gradient of length 1, but θ has 2/);
    expect(() => gradientDescent("f" as never, 0)).toThrow(/objective/);
  });
});
