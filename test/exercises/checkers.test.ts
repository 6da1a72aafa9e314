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

/**
 * Each checker with a right answer written here independently of the library,
 * a typical wrong answer and the words its hint must contain, so that a
 * checker that passes everything or hints vaguely fails these tests.
 */
const cases: Record<string, { right: unknown; wrong: unknown; hint: RegExp }> = {
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
    hint: /signs are flipped/,
  },
  sigmoid: {
    right: (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))),
    wrong: (z: number) => Math.exp(z) / (1 + Math.exp(z)),
    hint: /not a finite number at z = 1000/,
  },
  binaryCrossEntropy: {
    right: (y: number[], p: number[]) => -y.reduce((s, yi, i) => s + yi * Math.log(p[i]) + (1 - yi) * Math.log(1 - p[i]), 0) / y.length,
    wrong: (y: number[], p: number[]) => -y.reduce((s, yi, i) => s + yi * Math.log10(p[i]) + (1 - yi) * Math.log10(1 - p[i]), 0) / y.length,
    hint: /natural logarithm/,
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
    right: (r: number, tau: number) => Math.max(tau * r, (tau - 1) * r),
    wrong: (r: number, tau: number) => Math.max((1 - tau) * r, -tau * r),
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
