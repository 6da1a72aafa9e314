import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { check, lossQuiz } from "../../src/exercises";
import { lossQuizAnswers } from "../../src/exercises/quiz";
import { networkCheckers } from "../../src/exercises/network";
import { losses } from "../../src/losses/registry";

let printed: string[];
beforeEach(() => {
  printed = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    printed.push(args.join(" "));
  });
});
afterEach(() => vi.restoreAllMocks());

type Checker = (f: never) => { passed: boolean; message: string };

/** Logistic regression by full-batch gradient descent from θ = 0, written out; `direction` −1 adds the gradient (a mistake). */
function logisticLoop(X: number[][], y: number[], eta: number, epochs: number, direction: number, divideByN = true): number[] {
  const d = X[0].length;
  const theta = new Array<number>(d + 1).fill(0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = new Array<number>(d + 1).fill(0);
    for (let i = 0; i < X.length; i++) {
      const z = X[i].reduce((s, v, j) => s + v * theta[j], theta[d]);
      const error = 1 / (1 + Math.exp(-z)) - y[i]; // ŷᵢ − yᵢ
      for (let j = 0; j < d; j++) grad[j] += error * X[i][j];
      grad[d] += error;
    }
    for (let j = 0; j <= d; j++) theta[j] -= direction * eta * (divideByN ? grad[j] / X.length : grad[j]);
  }
  return theta;
}

/** Huber regression [θ₀, θ₁] by gradient descent from (0, 0), written out, with the typical mistakes as options. */
function huberLoop(x: number[], y: number[], delta: number, eta: number, epochs: number, mistakes: { clip: boolean; direction?: number; limit?: number }): number[] {
  let [t0, t1] = [0, 0];
  const limit = mistakes.limit ?? delta;
  for (let epoch = 0; epoch < epochs; epoch++) {
    let g0 = 0;
    let g1 = 0;
    for (let i = 0; i < x.length; i++) {
      const a = t0 + t1 * x[i] - y[i];
      const clipped = mistakes.clip ? Math.max(-limit, Math.min(limit, a)) : a;
      g0 += clipped / x.length;
      g1 += (clipped * x[i]) / x.length;
    }
    t0 -= (mistakes.direction ?? 1) * eta * g0;
    t1 -= (mistakes.direction ?? 1) * eta * g1;
  }
  return [t0, t1];
}

/**
 * Each checker with a right answer written here independently of the library,
 * a typical wrong answer and the words its hint must contain, so that a
 * checker that passes everything or hints vaguely fails these tests.
 */
const cases: Record<string, { right: unknown; wrong: unknown; hint: RegExp }> = {
  logSigmoid: {
    right: (z: number) => (z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z))),
    // The textbook sigmoid, then its log: σ(−800) rounds to 0 and log 0 = −Infinity.
    wrong: (z: number) => Math.log(1 / (1 + Math.exp(-z))),
    hint: /rounds to 0 and its log is −Infinity/,
  },
  softmaxCrossEntropyGrad: {
    right: (z: number[], c: number) => {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const total = e.reduce((s, v) => s + v, 0);
      return e.map((v, k) => v / total - (k === c ? 1 : 0));
    },
    // Only the derivative of logSumExp: the −z_c term forgotten.
    wrong: (z: number[]) => {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const total = e.reduce((s, v) => s + v, 0);
      return e.map((v) => v / total);
    },
    hint: /subtracts 1 at the true class/,
  },
  logisticRegression: {
    right: (X: number[][], y: number[], eta: number, epochs: number) => logisticLoop(X, y, eta, epochs, 1),
    // The most common slip: adding the gradient (ascent), e.g. after writing (y − ŷ)x without its minus.
    wrong: (X: number[][], y: number[], eta: number, epochs: number) => logisticLoop(X, y, eta, epochs, -1),
    hint: /your updates go the wrong way/,
  },
  huberRegression: {
    right: (x: number[], y: number[], d: number, eta: number, epochs: number) => huberLoop(x, y, d, eta, epochs, { clip: true }),
    // Forgetting to clip: the ½·MSE gradient, which the outlier dominates.
    wrong: (x: number[], y: number[], d: number, eta: number, epochs: number) => huberLoop(x, y, d, eta, epochs, { clip: false }),
    hint: /clip each residual to \[−δ, δ\]/,
  },
  residuals: {
    right: (y: number[], p: number[]) => p.map((v, i) => v - y[i]),
    wrong: (y: number[], p: number[]) => p.map((v, i) => y[i] - v),
    hint: /signs are flipped/,
  },
  meanAbsoluteError: {
    right: (y: number[], p: number[]) => p.reduce((s, v, i) => s + Math.abs(v - y[i]), 0) / y.length,
    wrong: (y: number[], p: number[]) => p.reduce((s, v, i) => s + Math.abs(v - y[i]), 0),
    hint: /divide by the number of samples/,
  },
  gradientDescentStep: {
    right: (t: number[], g: number[], eta: number) => t.map((v, i) => v - eta * g[i]),
    wrong: (t: number[], g: number[], eta: number) => t.map((v, i) => v + eta * g[i]),
    hint: /against it/,
  },
  minimizeQuadratic: {
    right: (start: number, eta: number, steps: number) => {
      let theta = start;
      for (let k = 0; k < steps; k++) theta -= eta * 2 * (theta - 3);
      return theta;
    },
    wrong: (start: number, eta: number, steps: number) => {
      let theta = start;
      for (let k = 0; k <= steps; k++) theta -= eta * 2 * (theta - 3);
      return theta;
    },
    hint: /one update too many/,
  },
  mse: {
    right: (y: number[], p: number[]) => p.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / y.length,
    wrong: (y: number[], p: number[]) => Math.sqrt(p.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / y.length),
    hint: /RMSE/,
  },
  linearRegressionGradient: {
    right: (x: number[], y: number[], t0: number, t1: number) => {
      const r = x.map((xi, i) => y[i] - (t0 + t1 * xi));
      return [(-2 / x.length) * r.reduce((s, v) => s + v, 0), (-2 / x.length) * r.reduce((s, v, i) => s + v * x[i], 0)];
    },
    wrong: (x: number[], y: number[], t0: number, t1: number) => {
      const r = x.map((xi, i) => y[i] - (t0 + t1 * xi));
      return [(2 / x.length) * r.reduce((s, v) => s + v, 0), (2 / x.length) * r.reduce((s, v, i) => s + v * x[i], 0)];
    },
    hint: /both signs are flipped: with aᵢ = ŷᵢ − yᵢ/,
  },
  sigmoid: {
    right: (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))),
    wrong: (z: number) => Math.exp(z) / (1 + Math.exp(z)),
    hint: /not a finite number at z = 1000/,
  },
  binaryCrossEntropy: {
    right: (y: number[], p: number[]) =>
      -y.reduce((s, yi, i) => s + yi * Math.max(Math.log(p[i]), -100) + (1 - yi) * Math.max(Math.log(1 - p[i]), -100), 0) / y.length,
    // The §3.2.1 formula as written, without clamping: p = 0 or 1 gives Infinity or 0·(−Infinity) = NaN.
    wrong: (y: number[], p: number[]) => -y.reduce((s, yi, i) => s + yi * Math.log(p[i]) + (1 - yi) * Math.log(1 - p[i]), 0) / y.length,
    hint: /at p = 0 or p = 1 one logarithm is log 0 = −Infinity.*Clamp each logarithm at −100/,
  },
  softmax: {
    right: (z: number[]) => {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const total = e.reduce((s, v) => s + v, 0);
      return e.map((v) => v / total);
    },
    wrong: (z: number[]) => {
      const e = z.map((v) => Math.exp(v));
      const total = e.reduce((s, v) => s + v, 0);
      return e.map((v) => v / total);
    },
    hint: /Subtract the largest logit/,
  },
  huber: {
    right: (a: number, d: number) => (Math.abs(a) <= d ? 0.5 * a * a : d * (Math.abs(a) - 0.5 * d)),
    wrong: (a: number, d: number) => (Math.abs(a) <= d ? 0.5 * a * a : d * Math.abs(a)),
    hint: /subtract ½δ²/,
  },
  huberGrad: {
    right: (a: number, d: number) => (Math.abs(a) <= d ? a : d * Math.sign(a)),
    wrong: (a: number, d: number) => (Math.abs(a) <= d ? a : d),
    hint: /slope is −δ/,
  },
  standardize: {
    // A constant column (σ = 0) is only centred, as standardize defines it.
    right: (v: number[]) => {
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      const sd = Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length);
      return v.map((x) => (sd === 0 ? x - m : (x - m) / sd));
    },
    wrong: (v: number[]) => {
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      const sd = Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
      return v.map((x) => (x - m) / sd);
    },
    hint: /with n, not n − 1/,
  },
  accuracy: {
    right: (y: number[], p: number[]) => y.filter((v, i) => v === p[i]).length / y.length,
    wrong: (y: number[], p: number[]) => y.filter((v, i) => v !== p[i]).length / y.length,
    hint: /error rate/,
  },
  smoothL1: {
    right: (a: number, b: number) => (Math.abs(a) < b ? (0.5 * a * a) / b : Math.abs(a) - 0.5 * b),
    wrong: (a: number, b: number) => (Math.abs(a) <= b ? 0.5 * a * a : b * (Math.abs(a) - 0.5 * b)),
    hint: /Huber loss with δ = β/,
  },
  quantile: {
    right: (a: number, tau: number) => Math.max((1 - tau) * a, -tau * a),
    // scikit-learn's form max(τr, (τ − 1)r) applied to a = ŷ − y instead of r = y − ŷ swaps τ and 1 − τ.
    wrong: (a: number, tau: number) => Math.max(tau * a, (tau - 1) * a),
    hint: /swapped/,
  },
  hinge: {
    right: (y: number, s: number) => Math.max(0, 1 - y * s),
    wrong: (y: number, s: number) => 1 - y * s,
    hint: /clip at zero/,
  },
  logSumExp: {
    right: (v: number[]) => {
      const m = Math.max(...v);
      return m + Math.log(v.reduce((s, x) => s + Math.exp(x - m), 0));
    },
    wrong: (v: number[]) => Math.log(v.reduce((s, x) => s + Math.exp(x), 0)),
    hint: /Subtract the largest value/,
  },
};

describe("check.* exercise checkers", () => {
  it("has a test entry for every checker except the quiz", () => {
    // The deep-learning chapter's checkers have their own tests (network.test.ts).
    expect(Object.keys(check).filter((name) => name !== "chooseLoss" && !(name in networkCheckers)).sort()).toEqual(Object.keys(cases).sort());
  });

  for (const [name, { right, wrong, hint }] of Object.entries(cases)) {
    const checker = (check as unknown as Record<string, Checker>)[name];

    it(`${name}: passes a right answer and prints ✓`, () => {
      const result = checker(right as never);
      expect(result.message).toMatch(/^✓ check\./);
      expect(result.passed).toBe(true);
      expect(printed).toEqual([result.message]);
    });

    it(`${name}: fails a typical wrong answer with input, expected, got and a hint`, () => {
      const result = checker(wrong as never);
      expect(result.passed).toBe(false);
      expect(result.message).toMatch(/^✗ check\./);
      expect(result.message).toMatch(/wrong answer for \w+ = /);
      expect(result.message).toMatch(/expected: /);
      expect(result.message).toMatch(/got: /);
      expect(result.message).toMatch(hint);
      expect(printed).toEqual([result.message]);
    });

    it(`${name}: reports a function that throws instead of throwing itself`, () => {
      const result = checker((() => {
        throw new RangeError("not written yet");
      }) as never);
      expect(result.passed).toBe(false);
      expect(result.message).toContain("threw an error");
      expect(result.message).toContain("RangeError: not written yet");
      expect(result.message).toContain("Hint:");
    });
  }

  it("reports a missing return, a wrong type and a non-function", () => {
    expect(check.mse((() => undefined) as never).message).toContain("did you forget to return?");
    expect(check.softmax(((z: number[]) => z.length) as never).message).toContain("should return an array of numbers");
    expect(check.residuals(((y: number[]) => y.slice(1)) as never).message).toMatch(/should return \d+ numbers/);
    expect(check.huber(42 as never).message).toContain("give it your function");
  });

  it("standardize: a solution that divides by σ = 0 on a constant column fails there, with a hint about it", () => {
    const divides = (v: number[]) => {
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      const sd = Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length);
      return v.map((x) => (x - m) / sd);
    };
    const result = check.standardize(divides);
    expect(result.passed).toBe(false);
    expect(result.message).toContain("wrong answer for values = [4, 4, 4] (a constant column, σ = 0)");
    expect(result.message).toContain("expected: [0, 0, 0]");
    expect(result.message).toContain("got:      [NaN, NaN, NaN]");
    expect(result.message).toMatch(/σ = 0 .* 0\/0 = NaN/);
    // Returning the input (or ones) for a constant column is wrong too.
    const keeps = (v: number[]) => (v.every((x) => x === v[0]) ? v.map(() => 1) : divides(v));
    expect(check.standardize(keeps).message).toMatch(/constant column, σ = 0\)[\s\S]*Hint: when σ = 0/);
  });

  it("hands the learner copies, so mutating the inputs cannot corrupt later cases", () => {
    const destructive = (y: number[], p: number[]) => {
      const r = p.map((v, i) => v - y[i]);
      y.fill(0);
      p.fill(0);
      return r;
    };
    expect(check.residuals(destructive).passed).toBe(true);
  });

  it("prints nothing more when a notebook shows the returned result", () => {
    const result = check.hinge((y: number, s: number) => Math.max(0, 1 - y * s));
    expect(inspect(result)).toBe("");
    expect(JSON.parse(JSON.stringify(result))).toEqual({ passed: true, message: result.message });
  });
});

describe("check.chooseLoss and lossQuiz", () => {
  const key = lossQuizAnswers();
  const bestAnswers = Object.fromEntries(Object.entries(key).map(([id, accepted]) => [id, accepted[0]]));

  it("lists each problem once, with text", () => {
    expect(new Set(lossQuiz.map((q) => q.id)).size).toBe(lossQuiz.length);
    for (const q of lossQuiz) expect(q.problem.length).toBeGreaterThan(30);
    expect(Object.keys(key).sort()).toEqual(lossQuiz.map((q) => q.id).sort());
  });

  it("accepts only loss ids that exist in the registry", () => {
    const known = new Set(losses.map((info) => info.id));
    const missing = Object.values(key).flat().filter((id) => !known.has(id));
    expect(missing).toEqual([]);
  });

  it("passes the best answers", () => {
    const result = check.chooseLoss(bestAnswers);
    expect(result.passed).toBe(true);
    expect(result.message).toMatch(/^✓ check\.chooseLoss: all \d+ problems right/);
  });

  it("fails a wrong answer, a missing one and an unknown id, saying which", () => {
    const answers = { ...bestAnswers, "house-prices": "mse", digits: "softmaxx" } as Record<string, string>;
    delete answers.temperature;
    const result = check.chooseLoss(answers);
    expect(result.passed).toBe(false);
    expect(result.message).toContain(`✗ check.chooseLoss: ${lossQuiz.length - 3} of ${lossQuiz.length} problems right`);
    expect(result.message).toMatch(/✗ house-prices: not mse\. Think again: .*linearly/);
    expect(result.message).toContain("✗ temperature: no answer yet.");
    expect(result.message).toMatch(/✗ digits: "softmaxx" is not a loss id; use one of .*mse/);
  });

  it("reports an answer that is not an object", () => {
    expect(check.chooseLoss("huber" as never).passed).toBe(false);
  });
});

/**
 * More of the wrong answers learners actually write, each with the words its
 * hint must contain: the loop mistakes (a loop to i <= n reads undefined and
 * gives NaN; a loop that starts at 1 or stops at n − 1 skips a sample, which
 * must not be misread as "divide by n"), flipped signs, and the numerical
 * traps each exercise is about.
 */
describe("check.* diagnoses the common mistakes", () => {
  const sumSquares = (y: number[], p: number[], from: number, to: number) => {
    let total = 0;
    for (let i = from; i < to; i++) total += (p[i] - y[i]) ** 2;
    return total;
  };
  const softmaxOf = (z: number[]) => {
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const total = e.reduce((s, v) => s + v, 0);
    return e.map((v) => v / total);
  };
  const mistakes: { checker: string; what: string; wrong: unknown; hint: RegExp }[] = [
    { checker: "mse", what: "a loop to i <= n", wrong: (y: number[], p: number[]) => sumSquares(y, p, 0, y.length + 1) / y.length, hint: /NaN.*`i <= n`.*one past the end.*Loop with `i < n`/ },
    { checker: "mse", what: "a loop from i = 1", wrong: (y: number[], p: number[]) => sumSquares(y, p, 1, y.length) / y.length, hint: /leaves out the first sample/ },
    { checker: "mse", what: "a loop to n − 1, divided by n − 1", wrong: (y: number[], p: number[]) => sumSquares(y, p, 0, y.length - 1) / (y.length - 1), hint: /leaves out the last sample/ },
    {
      checker: "meanAbsoluteError",
      what: "a loop to i <= n",
      wrong: (y: number[], p: number[]) => {
        let total = 0;
        for (let i = 0; i <= y.length; i++) total += Math.abs(p[i] - y[i]);
        return total / y.length;
      },
      hint: /NaN.*`i <= n`/,
    },
    {
      checker: "meanAbsoluteError",
      what: "a loop from i = 1",
      wrong: (y: number[], p: number[]) => {
        let total = 0;
        for (let i = 1; i < y.length; i++) total += Math.abs(p[i] - y[i]);
        return total / y.length;
      },
      hint: /leaves out the first sample/,
    },
    {
      checker: "residuals",
      what: "a loop to i <= n into a fixed-size array",
      wrong: (y: number[], p: number[]) => {
        const out = new Array<number>(y.length).fill(0);
        for (let i = 0; i <= y.length; i++) out[i - 1 < 0 ? 0 : i - 1] = p[i] - y[i];
        return out;
      },
      hint: /NaN.*`i <= n`/,
    },
    {
      checker: "linearRegressionGradient",
      what: "a loop from i = 1",
      wrong: (x: number[], y: number[], t0: number, t1: number) => {
        let [g0, g1] = [0, 0];
        for (let i = 1; i < x.length; i++) {
          const r = t0 + t1 * x[i] - y[i];
          g0 += r;
          g1 += r * x[i];
        }
        return [(2 / x.length) * g0, (2 / x.length) * g1];
      },
      hint: /leaves out the first sample/,
    },
    {
      checker: "binaryCrossEntropy",
      what: "a loop to i <= n (with clamped logs)",
      wrong: (y: number[], p: number[]) => {
        let total = 0;
        for (let i = 0; i <= y.length; i++) total -= y[i] * Math.max(Math.log(p[i]), -100) + (1 - y[i]) * Math.max(Math.log(1 - p[i]), -100);
        return total / y.length;
      },
      hint: /NaN.*`i <= n`/,
    },
    { checker: "binaryCrossEntropy", what: "Math.log10", wrong: (y: number[], p: number[]) => -y.reduce((s, yi, i) => s + yi * Math.log10(p[i]) + (1 - yi) * Math.log10(1 - p[i]), 0) / y.length, hint: /natural logarithm/ },
    { checker: "huberGrad", what: "a flipped sign", wrong: (a: number, d: number) => -(Math.abs(a) <= d ? a : d * Math.sign(a)), hint: /the sign is flipped/ },
    { checker: "logSigmoid", what: "log of the stable sigmoid", wrong: (z: number) => Math.log(z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))), hint: /rounds to 0 and its log is −Infinity/ },
    { checker: "logSigmoid", what: "−log σ (the loss) instead of log σ", wrong: (z: number) => (z >= 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z))), hint: /you returned −log σ\(z\)/ },
    { checker: "softmaxCrossEntropyGrad", what: "onehot − softmax (a flipped sign)", wrong: (z: number[], c: number) => softmaxOf(z).map((v, k) => (k === c ? 1 : 0) - v), hint: /the signs are flipped/ },
    { checker: "softmaxCrossEntropyGrad", what: "1 subtracted at the wrong index", wrong: (z: number[], c: number) => softmaxOf(z).map((v, k) => v - (k === c + 1 ? 1 : 0)), hint: /you subtracted 1 at index 1; the true class is index 0/ },
    {
      checker: "softmaxCrossEntropyGrad",
      what: "a softmax without the max trick",
      wrong: (z: number[], c: number) => {
        const e = z.map((v) => Math.exp(v));
        const total = e.reduce((s, v) => s + v, 0);
        return e.map((v, k) => v / total - (k === c ? 1 : 0));
      },
      hint: /not finite numbers: e\^1000 overflows/,
    },
    { checker: "logisticRegression", what: "the summed gradient (no 1/n)", wrong: (X: number[][], y: number[], eta: number, epochs: number) => logisticLoop(X, y, eta, epochs, 1, false), hint: /divide the gradient by n/ },
    { checker: "logisticRegression", what: "one epoch too many", wrong: (X: number[][], y: number[], eta: number, epochs: number) => logisticLoop(X, y, eta, epochs + 1, 1), hint: /one update too many/ },
    { checker: "huberRegression", what: "a flipped sign", wrong: (x: number[], y: number[], d: number, eta: number, epochs: number) => huberLoop(x, y, d, eta, epochs, { clip: true, direction: -1 }), hint: /your updates go the wrong way/ },
    { checker: "huberRegression", what: "clipping at ±1 instead of ±δ", wrong: (x: number[], y: number[], d: number, eta: number, epochs: number) => huberLoop(x, y, d, eta, epochs, { clip: true, limit: 1 }), hint: /clip at ±δ, not at ±1/ },
    {
      checker: "binaryCrossEntropy",
      what: "−log of the true label's probability, unclamped (Infinity, not NaN)",
      wrong: (y: number[], p: number[]) => y.reduce((s, yi, i) => s - Math.log(yi === 1 ? p[i] : 1 - p[i]), 0) / y.length,
      hint: /your result is Infinity: a certain wrong answer/,
    },
    {
      checker: "logisticRegression",
      what: "an update after every sample (stochastic, not full-batch)",
      wrong: (X: number[][], y: number[], eta: number, epochs: number) => {
        const d = X[0].length;
        const theta = new Array<number>(d + 1).fill(0);
        for (let epoch = 0; epoch < epochs; epoch++) {
          for (let i = 0; i < X.length; i++) {
            const error = 1 / (1 + Math.exp(-X[i].reduce((s, v, j) => s + v * theta[j], theta[d]))) - y[i];
            for (let j = 0; j < d; j++) theta[j] -= eta * error * X[i][j];
            theta[d] -= eta * error;
          }
        }
        return theta;
      },
      hint: /you updated θ after every sample/,
    },
    {
      checker: "logisticRegression",
      what: "the bias first, [b, w₁, …, w_d]",
      wrong: (X: number[][], y: number[], eta: number, epochs: number) => {
        const theta = logisticLoop(X, y, eta, epochs, 1);
        return [theta[theta.length - 1], ...theta.slice(0, -1)];
      },
      hint: /the weights first, the bias last/,
    },
    { checker: "logisticRegression", what: "no update at all", wrong: (X: number[][]) => new Array<number>(X[0].length + 1).fill(0), hint: /θ is still all 0/ },
    {
      checker: "huberRegression",
      what: "an update after every sample (stochastic, not full-batch)",
      wrong: (x: number[], y: number[], d: number, eta: number, epochs: number) => {
        let [t0, t1] = [0, 0];
        for (let epoch = 0; epoch < epochs; epoch++) {
          for (let i = 0; i < x.length; i++) {
            const clipped = Math.max(-d, Math.min(d, t0 + t1 * x[i] - y[i]));
            t0 -= (eta * clipped) / x.length;
            t1 -= (eta * clipped * x[i]) / x.length;
          }
        }
        return [t0, t1];
      },
      hint: /you updated θ after every sample/,
    },
    {
      checker: "huberRegression",
      what: "δ·sign(a) for every residual (the MAE gradient)",
      wrong: (x: number[], y: number[], d: number, eta: number, epochs: number) => {
        let [t0, t1] = [0, 0];
        for (let epoch = 0; epoch < epochs; epoch++) {
          let [g0, g1] = [0, 0];
          for (let i = 0; i < x.length; i++) {
            const s = d * Math.sign(t0 + t1 * x[i] - y[i]);
            g0 += s / x.length;
            g1 += (s * x[i]) / x.length;
          }
          t0 -= eta * g0;
          t1 -= eta * g1;
        }
        return [t0, t1];
      },
      hint: /δ·sign\(aᵢ\) for every residual/,
    },
    {
      checker: "accuracy",
      what: "a loop to i <= n (undefined === undefined counts as a match)",
      wrong: (y: number[], p: number[]) => {
        let count = 0;
        for (let i = 0; i <= y.length; i++) if (y[i] === p[i]) count++;
        return count / y.length;
      },
      hint: /one match too many.*undefined === undefined is true/,
    },
    {
      checker: "standardize",
      what: "a mean over a loop to i <= n",
      wrong: (v: number[]) => {
        let total = 0;
        for (let i = 0; i <= v.length; i++) total += v[i];
        const m = total / v.length;
        const sd = Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length);
        return v.map((x) => (x - m) / sd);
      },
      hint: /NaN.*`i <= n`/,
    },
    {
      checker: "softmax",
      what: "a sum over a loop to i <= n",
      wrong: (z: number[]) => {
        const m = Math.max(...z);
        let total = 0;
        for (let i = 0; i <= z.length; i++) total += Math.exp(z[i] - m);
        return z.map((v) => Math.exp(v - m) / total);
      },
      hint: /NaN.*`i <= n`/,
    },
    {
      checker: "logSumExp",
      what: "a sum over a loop to i <= n",
      wrong: (v: number[]) => {
        const m = Math.max(...v);
        let total = 0;
        for (let i = 0; i <= v.length; i++) total += Math.exp(v[i] - m);
        return m + Math.log(total);
      },
      hint: /NaN.*`i <= n`/,
    },
    // Chapters 01–04: the slips their exercises invite, each failed with a hint that names it.
    { checker: "meanAbsoluteError", what: "no absolute value (errors of opposite sign cancel)", wrong: (y: number[], p: number[]) => p.reduce((s, v, i) => s + v - y[i], 0) / y.length, hint: /take the absolute value/ },
    { checker: "gradientDescentStep", what: "the gradient subtracted without the learning rate", wrong: (t: number[], g: number[]) => t.map((v, i) => v - g[i]), hint: /multiply the gradient by the learning rate/ },
    {
      checker: "minimizeQuadratic",
      what: "the derivative without its factor 2",
      wrong: (start: number, eta: number, steps: number) => {
        let theta = start;
        for (let k = 0; k < steps; k++) theta -= eta * (theta - 3);
        return theta;
      },
      hint: /left out the factor 2/,
    },
    { checker: "minimizeQuadratic", what: "the minimum 3 instead of θ after `steps` updates", wrong: () => 3, hint: /even when it has not reached the minimum 3/ },
    { checker: "mse", what: "the sum of squares (no 1/n)", wrong: (y: number[], p: number[]) => p.reduce((s, v, i) => s + (v - y[i]) ** 2, 0), hint: /you summed the squared errors/ },
    { checker: "mse", what: "half the MSE", wrong: (y: number[], p: number[]) => p.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / (2 * y.length), hint: /no ½ in front/ },
    { checker: "mse", what: "absolute instead of squared residuals", wrong: (y: number[], p: number[]) => p.reduce((s, v, i) => s + Math.abs(v - y[i]), 0) / y.length, hint: /square the residuals/ },
    {
      checker: "linearRegressionGradient",
      what: "the gradient without the factor 2",
      wrong: (x: number[], y: number[], t0: number, t1: number) => {
        const a = x.map((xi, i) => t0 + t1 * xi - y[i]);
        return [a.reduce((s, v) => s + v, 0) / x.length, a.reduce((s, v, i) => s + v * x[i], 0) / x.length];
      },
      hint: /left out the factor 2/,
    },
    {
      checker: "linearRegressionGradient",
      what: "the two derivatives in the wrong order",
      wrong: (x: number[], y: number[], t0: number, t1: number) => {
        const a = x.map((xi, i) => t0 + t1 * xi - y[i]);
        return [(2 / x.length) * a.reduce((s, v, i) => s + v * x[i], 0), (2 / x.length) * a.reduce((s, v) => s + v, 0)];
      },
      hint: /the order is \[∂L\/∂θ₀, ∂L\/∂θ₁\]/,
    },
    {
      checker: "logisticRegression",
      what: "the logit used as the prediction (no sigmoid)",
      wrong: (X: number[][], y: number[], eta: number, epochs: number) => {
        const d = X[0].length;
        const theta = new Array<number>(d + 1).fill(0);
        for (let epoch = 0; epoch < epochs; epoch++) {
          const grad = new Array<number>(d + 1).fill(0);
          X.forEach((x, i) => {
            const error = x.reduce((s, v, j) => s + v * theta[j], theta[d]) - y[i];
            for (let j = 0; j < d; j++) grad[j] += (error * x[j]) / X.length;
            grad[d] += error / X.length;
          });
          for (let j = 0; j <= d; j++) theta[j] -= eta * grad[j];
        }
        return theta;
      },
      hint: /you used the logit/,
    },
    { checker: "quantile", what: "a negative loss for under-prediction", wrong: (a: number, tau: number) => (a >= 0 ? (1 - tau) * a : tau * a), hint: /never negative/ },
  ];
  for (const { checker, what, wrong, hint } of mistakes) {
    it(`${checker}: ${what} fails, with a hint that names the mistake`, () => {
      const result = (check as unknown as Record<string, Checker>)[checker](wrong as never);
      expect(result.passed).toBe(false);
      expect(result.message).toMatch(/^✗ check\./);
      expect(result.message).toMatch(hint);
      // A skipped sample or a NaN must not be misdiagnosed as a missing division by n.
      if (/sample|NaN/.test(what + hint.source)) expect(result.message).not.toMatch(/divide by (the number of samples )?n/);
    });
  }
});
