import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { check } from "../../src/exercises";
import { networkCheckers } from "../../src/exercises/network";

let printed: string[];
beforeEach(() => {
  printed = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    printed.push(args.join(" "));
  });
});
afterEach(() => vi.restoreAllMocks());

type Checker = (f: never) => { passed: boolean; message: string };

/** Right answers written here from the formulas (not from the library). */
const stableSoftmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const backThroughOutputLayer = (W: number[][], g: number[]) => W[0].map((_, j) => W.reduce((s, row, k) => s + row[j] * g[k], 0));

/** Each checker: a right answer, the most common wrong answers with the words their hints must contain. */
const cases: Record<string, { right: unknown; wrong: { answer: unknown; hint: RegExp }[] }> = {
  outputGradient: {
    right: (z: number[], label: number) => stableSoftmax(z).map((p, c) => p - (c === label ? 1 : 0)),
    wrong: [
      { answer: (z: number[]) => stableSoftmax(z), hint: /subtract the one-hot target/ },
      { answer: (z: number[], label: number) => stableSoftmax(z).map((p, c) => (c === label ? 1 : 0) - p), hint: /sign is flipped/ },
      {
        answer: (z: number[], label: number) => {
          const e = z.map(Math.exp);
          const s = e.reduce((a, b) => a + b, 0);
          return e.map((v, c) => v / s - (c === label ? 1 : 0));
        },
        hint: /not finite.*Subtract the largest logit/,
      },
      { answer: (z: number[], label: number) => z.map((v, c) => v - (c === label ? 1 : 0)), hint: /apply the softmax/ },
      { answer: (z: number[], label: number) => stableSoftmax(z).map((p, c) => p - (c === label + 1 ? 1 : 0)), hint: /subtracted 1 at index 1; the label is index 0/ },
    ],
  },
  hiddenGradient: {
    right: (a: number[], W: number[][], g: number[]) => backThroughOutputLayer(W, g).map((v, j) => v * (1 - Math.tanh(a[j]) ** 2)),
    wrong: [
      { answer: (_a: number[], W: number[][], g: number[]) => backThroughOutputLayer(W, g), hint: /activation's derivative 1 − tanh²/ },
      { answer: (a: number[], W: number[][], g: number[]) => backThroughOutputLayer(W, g).map((v, j) => v * (1 - a[j] * a[j])), hint: /not 1 − a²/ },
      {
        answer: (a: number[], W: number[][], g: number[]) => W.map((row) => row.reduce((s, w, j) => s + w * g[j], 0)).map((v, j) => v * (1 - Math.tanh(a[j]) ** 2)),
        hint: /weights are transposed/,
      },
      { answer: (a: number[], W: number[][], g: number[]) => backThroughOutputLayer(W, g).map((v, j) => v * Math.tanh(a[j])), hint: /not by tanh\(a_j\) itself/ },
      { answer: (a: number[], W: number[][], g: number[]) => backThroughOutputLayer(W, g).map((v, j) => v * Math.tanh(a[j]) * (1 - Math.tanh(a[j]))), hint: /derivative of the sigmoid/ },
    ],
  },
  momentumVelocity: {
    right: (v: number[], g: number[], eta: number, mu: number) => v.map((vi, k) => mu * vi - eta * g[k]),
    wrong: [
      { answer: (v: number[], g: number[], eta: number, mu: number) => v.map((vi, k) => mu * vi + eta * g[k]), hint: /against the gradient/ },
      { answer: (v: number[], g: number[], eta: number) => v.map((vi, k) => vi - eta * g[k]), hint: /multiply the old velocity by the momentum/ },
      { answer: (v: number[], g: number[], _eta: number, mu: number) => v.map((vi, k) => mu * vi - g[k]), hint: /scale the gradient by the learning rate/ },
      { answer: (_v: number[], g: number[], eta: number) => g.map((gk) => -eta * gk), hint: /plain gradient descent/ },
      { answer: (v: number[], g: number[], _eta: number, mu: number) => v.map((vi, k) => mu * vi + g[k]), hint: /PyTorch's momentum buffer/ },
      { answer: (v: number[], g: number[], eta: number, mu: number) => v.map((vi, k) => mu * vi - (1 - mu) * eta * g[k]), hint: /moving average of the gradients/ },
    ],
  },
};

describe("the deep-learning chapter's checkers", () => {
  it("are part of check and each has tests here", () => {
    expect(Object.keys(networkCheckers).sort()).toEqual(Object.keys(cases).sort());
    for (const name of Object.keys(networkCheckers)) expect((check as Record<string, unknown>)[name]).toBe((networkCheckers as Record<string, unknown>)[name]);
  });

  for (const [name, { right, wrong }] of Object.entries(cases)) {
    const checker = (check as unknown as Record<string, Checker>)[name];

    it(`${name}: passes a right answer written from the formula`, () => {
      const result = checker(right as never);
      expect(result.message).toMatch(/^✓ check\./);
      expect(result.passed).toBe(true);
      expect(printed).toEqual([result.message]);
    });

    it.each(wrong.map((w) => [w.hint.source, w] as const))(`${name}: fails the mistake with the hint /%s/`, (_hint, { answer, hint }) => {
      const result = checker(answer as never);
      expect(result.passed).toBe(false);
      expect(result.message).toMatch(/^✗ check\./);
      expect(result.message).toMatch(/expected: /);
      expect(result.message).toMatch(/got: /);
      expect(result.message).toMatch(hint);
    });

    it(`${name}: reports a function that throws (the student placeholder) instead of throwing`, () => {
      const result = checker((() => {
        throw new Error("not written yet");
      }) as never);
      expect(result.passed).toBe(false);
      expect(result.message).toContain("threw an error");
      expect(result.message).toContain("not written yet");
    });
  }
});
