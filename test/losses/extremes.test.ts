import { describe, expect, it } from "vitest";
import {
  binaryCrossEntropy,
  binaryCrossEntropyGrad,
  binaryCrossEntropyWithLogitsValueAndGrad,
  focalValueAndGrad,
  hingeValueAndGrad,
  huberValueAndGrad,
  klDivergence,
  klDivergenceGrad,
  klDivergenceValueAndGrad,
  logCosh,
  logCoshGrad,
  logSumExp,
  losses,
  maeGrad,
  mseValueAndGrad,
  poissonNLLValueAndGrad,
  quantileGrad,
  sigmoid,
  smoothL1ValueAndGrad,
  softmax,
  softmaxCrossEntropy,
  softmaxCrossEntropyGrad,
  softmaxCrossEntropyValueAndGrad,
  softplus,
  squaredHingeValueAndGrad,
} from "../../src/losses";
import { expectClose } from "./helpers";

const allFinite = (values: ArrayLike<number> | ArrayLike<ArrayLike<number>>) =>
  Array.from(values as ArrayLike<unknown>).every((v) => (typeof v === "number" ? Number.isFinite(v) : Array.from(v as ArrayLike<number>).every(Number.isFinite)));

describe("stable helpers", () => {
  it("sigmoid is exact at the extremes and symmetric", () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-40)).toBeGreaterThan(0);
    expectClose(sigmoid(-40), Math.exp(-40) / (1 + Math.exp(-40)), "σ(−40)", 1e-15, 0);
    for (const z of [-30, -3, -0.1, 0.7, 5]) expectClose(sigmoid(z) + sigmoid(-z), 1, `σ(${z}) + σ(−z)`, 1e-15, 0);
  });

  it("softplus does not overflow and keeps digits far left", () => {
    expect(softplus(1e4)).toBe(1e4);
    expectClose(softplus(-800), 0, "softplus(−800)", 0, 1e-300);
    expectClose(softplus(-40), Math.exp(-40), "softplus(−40)", 1e-15, 0);
    expectClose(softplus(0), Math.LN2, "softplus(0)", 1e-16, 0);
  });

  it("logSumExp and softmax handle logits of ±1e4", () => {
    expect(logSumExp([1e4, 1e4])).toBeCloseTo(1e4 + Math.LN2, 10);
    expect(logSumExp([-1e4, -1e4, -1e4])).toBeCloseTo(-1e4 + Math.log(3), 10);
    expect(Array.from(softmax([1e4, -1e4, 0]))).toEqual([1, 0, 0]);
    const p = softmax([1, 2, 3]);
    expectClose(p, [1, 2, 3].map((z) => Math.exp(z) / (Math.E + Math.E ** 2 + Math.E ** 3)), "softmax", 1e-15, 0);
    expectClose(p.reduce((a, b) => a + b, 0), 1, "Σ softmax", 1e-15, 0);
  });
});

describe("extreme inputs give finite, correct losses and gradients", () => {
  it("logits of ±1e4 in binary cross-entropy with logits", () => {
    const { value, grad } = binaryCrossEntropyWithLogitsValueAndGrad([1, 0, 0, 1], [1e4, -1e4, 1e4, -1e4], { reduction: "none" });
    expect(Array.from(value)).toEqual([0, 0, 1e4, 1e4]);
    expect(Array.from(grad, Math.abs)).toEqual([0, 0, 1, 1]);
    expect(grad[2]).toBe(1);
    expect(grad[3]).toBe(-1);
  });

  it("logits of ±1e4 in focal loss", () => {
    const { value, grad } = focalValueAndGrad([1, 0, 0, 1], [1e4, -1e4, 1e4, -1e4], { reduction: "none" });
    expect(Array.from(value)).toEqual([0, 0, 0.75 * 1e4, 0.25 * 1e4]);
    expect(Array.from(grad, (g) => g + 0)).toEqual([0, 0, 0.75, -0.25]); // the sign of a zero gradient does not matter
  });

  it("logit rows of ±1e4 in softmax cross-entropy, with label smoothing", () => {
    const rows = [[1e4, -1e4, 0], [-1e4, 1e4, 0]];
    const { value, grad } = softmaxCrossEntropyValueAndGrad([0, 0], rows, { reduction: "none" });
    expect(Array.from(value, (v) => v + 0)).toEqual([0, 2e4]); // + 0 turns −0 into 0
    expect(Array.from(grad[1])).toEqual([-1, 1, 0]);
    const smoothed = softmaxCrossEntropy([0, 0], rows, { reduction: "none", labelSmoothing: 0.3 });
    // (1 − ε)·(−log p_y) + ε/C·Σ(−log p_c): row 0 is 0.1·(0 + 2e4 + 1e4).
    expectClose(smoothed, [0.1 * 3e4, 0.7 * 2e4 + 0.1 * (2e4 + 0 + 1e4)], "smoothed", 1e-15, 0);
  });

  it("probabilities exactly 0 and 1 in binary cross-entropy (PyTorch's −100 clamp and 1e−12 gradient floor)", () => {
    const labels = [0, 1, 1, 0];
    const p = [0, 1, 0, 1];
    expect(Array.from(binaryCrossEntropy(labels, p, { reduction: "none" }), Math.abs)).toEqual([0, 0, 100, 100]);
    const grad = binaryCrossEntropyGrad(labels, p, { reduction: "none" });
    expect(grad[0]).toBe(0);
    expect(grad[1]).toBe(0);
    expectClose(grad[2], -1 / Math.fround(1e-12), "p = 0, y = 1", 1e-15, 0);
    expectClose(grad[3], 1 / Math.fround(1e-12), "p = 1, y = 0", 1e-15, 0);
  });

  it("residuals of 1e8 in every regression loss, exactly", () => {
    const yTrue = [0, 0];
    const yPred = [1e8, -1e8];
    const mse = mseValueAndGrad(yTrue, yPred, { reduction: "none" });
    expect(Array.from(mse.value)).toEqual([1e16, 1e16]);
    expect(Array.from(mse.grad)).toEqual([2e8, -2e8]);
    const huber = huberValueAndGrad(yTrue, yPred, { reduction: "none", delta: 1.5 });
    expect(Array.from(huber.value)).toEqual([1.5 * (1e8 - 0.75), 1.5 * (1e8 - 0.75)]);
    expect(Array.from(huber.grad)).toEqual([1.5, -1.5]);
    const smooth = smoothL1ValueAndGrad(yTrue, yPred, { reduction: "none", beta: 0.1 });
    expectClose(smooth.value, [1e8 - 0.05, 1e8 - 0.05], "smoothL1 value", 1e-15, 0);
    expect(Array.from(smooth.grad)).toEqual([1, -1]);
    expect(Array.from(logCosh(yTrue, yPred, { reduction: "none" }))).toEqual([1e8 - Math.LN2, 1e8 - Math.LN2]);
    expect(Array.from(logCoshGrad(yTrue, yPred, { reduction: "none" }))).toEqual([1, -1]);
    const hinge = hingeValueAndGrad([1, -1], [-1e8, 1e8], { reduction: "none" });
    expect(Array.from(hinge.value)).toEqual([1e8 + 1, 1e8 + 1]);
    expect(Array.from(hinge.grad)).toEqual([-1, 1]);
    const squared = squaredHingeValueAndGrad([1, -1], [-1e8, 1e8], { reduction: "none" });
    expect(Array.from(squared.value)).toEqual([(1e8 + 1) ** 2, (1e8 + 1) ** 2]);
  });

  it("huber and smoothL1 hit ±delta exactly, even for residuals up to 2^49·delta", () => {
    for (const delta of [1e-3, 0.1, 0.3, 1, 7, 1e4]) {
      const yPred = [delta * 2 ** 49, -delta * 3e14, delta * 1.0000001, delta * (1 + 2 ** -52), 3 * delta];
      const { grad } = huberValueAndGrad(new Array(yPred.length).fill(0), yPred, { delta, reduction: "none" });
      expect(Array.from(grad), `delta ${delta}`).toEqual([delta, -delta, delta, delta, delta]);
      const inside = [delta, -delta, 0.5 * delta, -1e-300, 0];
      expect(Array.from(huberValueAndGrad(new Array(5).fill(0), inside, { delta, reduction: "none" }).grad)).toEqual(inside);
    }
  });

  it("logCosh has no overflow for |a| up to 1e4 and keeps digits for tiny a", () => {
    const values = logCosh([0, 0, 0, 0], [1e4, -1e4, 1e-8, 710], { reduction: "none" });
    expect(values[0]).toBe(1e4 - Math.LN2);
    expect(values[1]).toBe(1e4 - Math.LN2);
    expectClose(values[2], 5e-17, "log cosh 1e−8 ≈ a²/2", 1e-15, 0);
    expectClose(values[3], 710 - Math.LN2, "log cosh 710", 1e-15, 0);
  });

  it("mae, quantile and hinge take gradient 0 at their kinks", () => {
    expect(Array.from(maeGrad([1, 2], [1, 2]))).toEqual([0, 0]);
    expect(Array.from(quantileGrad([1, 2], [1, 2], { tau: 0.9 }), (g) => g + 0)).toEqual([0, 0]);
    expect(Array.from(hingeValueAndGrad([1, -1], [1, -1]).grad, (g) => g + 0)).toEqual([0, 0]);
    expect(Array.from(maeGrad([0, 0, 0, 0], [1e-290, -1e-300, 2 ** -1021, -1e308], { reduction: "sum" }))).toEqual([1, -1, 1, -1]);
  });

  it("Poisson NLL with log-rates of ±50 and zero counts", () => {
    const { value, grad } = poissonNLLValueAndGrad([0, 3], [-50, 50], { reduction: "none" });
    expectClose(value, [Math.exp(-50), Math.exp(50) - 150], "value", 1e-15, 0);
    expectClose(grad, [Math.exp(-50), Math.exp(50) - 3], "grad", 1e-15, 0);
  });

  it("KL divergence is 0 for equal rows, handles p = 0 and tiny q", () => {
    const { value, grad } = klDivergenceValueAndGrad([[0.2, 0.8], [1, 0], [1, 0]], [[0.2, 0.8], [1e-300, 1], [0.5, 0.5]], { reduction: "none" });
    expect(value[0]).toBe(0);
    expectClose(value[1], 300 * Math.LN10, "log(1/1e−300)", 1e-15, 0);
    expect(grad[1][1]).toBe(0);
    expect(allFinite(grad)).toBe(true);
  });

  it("every loss stays finite on its extreme-but-valid inputs", () => {
    const extremeInputs: Record<string, [unknown, unknown]> = {
      mse: [[0, 0], [1e8, -1e8]],
      mae: [[0, 0], [1e8, -1e8]],
      huber: [[0, 0], [1e8, -1e8]],
      smoothL1: [[0, 0], [1e8, -1e8]],
      logCosh: [[0, 0], [1e4, -1e8]],
      quantile: [[0, 0], [1e8, -1e8]],
      poissonNLL: [[0, 1e8], [-1e4, 1]],
      binaryCrossEntropy: [[0, 1, 1, 0], [0, 1, 0, 1]],
      binaryCrossEntropyWithLogits: [[0, 1], [1e4, -1e4]],
      softmaxCrossEntropy: [[0, 1], [[1e4, -1e4], [1e4, -1e4]]],
      hinge: [[1, -1], [-1e8, 1e8]],
      squaredHinge: [[1, -1], [-1e8, 1e8]],
      focal: [[0, 1], [1e4, -1e4]],
      klDivergence: [[[1, 0], [0, 1]], [[1e-300, 1], [0.5, 0.5]]],
    };
    for (const info of losses) {
      const [yTrue, yPred] = extremeInputs[info.id];
      for (const reduction of ["mean", "sum", "none"]) {
        const { value, grad } = info.valueAndGrad(yTrue, yPred, { reduction });
        expect(typeof value === "number" ? Number.isFinite(value) : allFinite(value), `${info.id} ${reduction} value`).toBe(true);
        expect(allFinite(grad), `${info.id} ${reduction} grad`).toBe(true);
      }
    }
  });
});

describe("options that change the normaliser or reuse buffers", () => {
  it("softmax cross-entropy with class weights divides by Σ sᵢ·w_{yᵢ} (PyTorch's weighted mean)", () => {
    const logits = [[1, 2, 0], [0.5, -1, 2], [0, 0, 3]];
    const labels = [0, 2, 1];
    const classWeights = [2, 1, 0.5];
    const perRow = softmaxCrossEntropy(labels, logits, { classWeights, reduction: "none" });
    const expected = (perRow[0] + perRow[1] + perRow[2]) / (2 + 0.5 + 1);
    expectClose(softmaxCrossEntropy(labels, logits, { classWeights }), expected, "mean", 1e-15, 0);
    const weights = [1, 3, 0.5];
    const weightedRows = softmaxCrossEntropy(labels, logits, { classWeights, weights, reduction: "none" });
    expectClose(softmaxCrossEntropy(labels, logits, { classWeights, weights }), (weightedRows[0] + weightedRows[1] + weightedRows[2]) / (1 * 2 + 3 * 0.5 + 0.5 * 1), "weighted mean", 1e-15, 0);
  });

  it("gradOut is filled and returned instead of a new array", () => {
    const buffer = new Float64Array(3).fill(99);
    for (const info of losses.filter((l) => l.input === "vector")) {
      const yTrue = info.id.includes("inge") ? [1, -1, 1] : [0, 1, 1];
      const yPred = info.id === "binaryCrossEntropy" ? [0.2, 0.6, 0.9] : [0.3, -0.4, 2];
      const fresh = info.grad(yTrue, yPred);
      const reused = info.grad(yTrue, yPred, { gradOut: buffer });
      expect(reused, info.id).toBe(buffer);
      expect(Array.from(reused), info.id).toEqual(Array.from(fresh));
      expect(info.valueAndGrad(yTrue, yPred, { gradOut: buffer }).grad).toBe(buffer);
    }
  });

  it("softmaxCrossEntropy writes its gradient into gradOut rows (stale values overwritten) and returns them", () => {
    const logits = [[1, -0.5, 2], [0.3, 0.3, -1]];
    const rows = [new Float64Array(3).fill(99), new Float64Array(3).fill(-7)];
    for (const [yTrue, options] of [[[2, 0], {}], [[1, 1], { labelSmoothing: 0.2, classWeights: [1, 2, 0.5] }], [[[0.2, 0.3, 0.5], [1, 0, 0]], { weights: [2, 1] }]] as const) {
      const fresh = softmaxCrossEntropyGrad(yTrue as never, logits, options);
      const reused = softmaxCrossEntropyValueAndGrad(yTrue as never, logits, { ...options, gradOut: rows });
      expect(reused.grad).toBe(rows);
      expect(reused.grad[0]).toBe(rows[0]);
      expect(reused.grad.map((row) => Array.from(row))).toEqual(fresh.map((row) => Array.from(row)));
      expect(reused.value).toBe(softmaxCrossEntropy(yTrue as never, logits, options));
    }
    expect(() => softmaxCrossEntropyGrad([0, 1], logits, { gradOut: [new Float64Array(3)] })).toThrow(/options\.gradOut: has 1 rows but yPred has 2/);
    expect(() => softmaxCrossEntropyGrad([0, 1], logits, { gradOut: [new Float64Array(3), new Float64Array(2)] })).toThrow(/options\.gradOut\[1\]|index 1/);
    expect(() => softmaxCrossEntropyGrad([0, 1], logits, { gradOut: new Float64Array(6) as never })).toThrow(/array of Float64Array rows/);
  });

  it("klDivergence writes its gradient into gradOut rows (stale values overwritten, zeros where p = 0) and returns them", () => {
    const p = [[0.7, 0.3, 0], [0.1, 0.3, 0.6]];
    const q = [[0.5, 0.3, 0.2], [0.2, 0.2, 0.6]];
    const rows = [new Float64Array(3).fill(99), new Float64Array(3).fill(-7)];
    for (const options of [{}, { reduction: "sum" as const }, { weights: [2, 1] }]) {
      const fresh = klDivergenceGrad(p, q, options);
      const reused = klDivergenceValueAndGrad(p, q, { ...options, gradOut: rows });
      expect(reused.grad).toBe(rows);
      expect(reused.grad[1]).toBe(rows[1]);
      expect(reused.grad.map((row) => Array.from(row))).toEqual(fresh.map((row) => Array.from(row)));
      expect(rows[0][2]).toBe(0);
      expect(reused.value).toBe(klDivergence(p, q, options));
    }
    expect(() => klDivergenceGrad(p, q, { gradOut: [new Float64Array(3)] })).toThrow(/options\.gradOut: has 1 rows but yPred has 2/);
    expect(() => klDivergenceGrad(p, q, { gradOut: [new Float64Array(3), new Float64Array(2)] })).toThrow(/options\.gradOut\[1\]|index 1/);
  });
});
