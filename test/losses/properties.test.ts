import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  binaryCrossEntropyWithLogitsGrad,
  focal,
  focalGrad,
  huber,
  huberGrad,
  losses,
  mae,
  maeGrad,
  mse,
  mseGrad,
  quantile,
  quantileGrad,
  sigmoid,
  smoothL1,
  smoothL1Grad,
  softmaxCrossEntropy,
  softmaxCrossEntropyGrad,
} from "../../src/losses";
import { expectClose } from "./helpers";
import { OPTION_SETS, randomInput, randomWeights } from "./inputs";

// Residuals below 1e−150 are mapped to 0: their squares are subnormal, where ½·a·a and a·a/2 round
// differently, which is not what these properties are about.
const residual = fc.double({ min: -50, max: 50, noNaN: true }).map((a) => (Math.abs(a) < 1e-150 ? 0 : a));
const pairs = fc
  .array(fc.tuple(fc.double({ min: -20, max: 20, noNaN: true }), residual), { minLength: 1, maxLength: 30 })
  .map((rows) => ({ yTrue: rows.map(([y]) => y), yPred: rows.map(([y, a]) => y + a) }));
const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

describe("reductions are consistent for every loss", () => {
  it.each(losses.map((info) => [info.id, info] as const))("%s: sum = Σ none, mean·Σw = weighted sum, loss ≥ 0", (_id, info) => {
    for (let seed = 1; seed <= 20; seed++) {
      for (const extra of OPTION_SETS[info.id]) {
        const { yTrue, yPred } = randomInput(info, seed, 1 + (seed % 9));
        const n = yPred.length;
        const weights = randomWeights(seed, n);
        weights[0] = 1; // keep the weight sum positive for n = 1
        const none = info.value(yTrue, yPred, { ...extra, reduction: "none" }) as Float64Array;
        const total = info.value(yTrue, yPred, { ...extra, reduction: "sum" }) as number;
        expectClose(total, sum(none), `${info.id} sum vs none`, 1e-12, 1e-14);
        const weightedNone = info.value(yTrue, yPred, { ...extra, reduction: "none", weights }) as Float64Array;
        expectClose(weightedNone, Array.from(none, (l, i) => weights[i] * l), `${info.id} weighted none`, 1e-14, 0);
        const weightedSum = info.value(yTrue, yPred, { ...extra, reduction: "sum", weights }) as number;
        const weightedMean = info.value(yTrue, yPred, { ...extra, reduction: "mean", weights }) as number;
        // softmaxCrossEntropy with class weights divides by Σ wᵢ·w_{yᵢ} (tested in extremes.test.ts).
        if (!(info.id === "softmaxCrossEntropy" && "classWeights" in extra)) {
          expectClose(weightedMean * sum(weights), weightedSum, `${info.id} mean·Σw`, 1e-12, 1e-14);
          const gradMean = info.grad(yTrue, yPred, { ...extra, weights }) as ArrayLike<number> | Float64Array[];
          const gradSum = info.grad(yTrue, yPred, { ...extra, reduction: "sum", weights }) as ArrayLike<number> | Float64Array[];
          const flat = (g: ArrayLike<number> | Float64Array[]) =>
            info.input === "matrix" ? (g as Float64Array[]).flatMap((row) => Array.from(row)) : Array.from(g as ArrayLike<number>);
          expectClose(flat(gradMean).map((g) => g * sum(weights)), flat(gradSum), `${info.id} grad mean·Σw`, 1e-12, 1e-15);
        }
        // Every loss is ≥ 0 except the Poisson NLL, which drops the constant log y!.
        if (info.id !== "poissonNLL") for (const l of none) expect(l).toBeGreaterThanOrEqual(info.id === "klDivergence" ? -1e-15 : 0);
        // The fused function returns exactly what the two separate ones do.
        const fused = info.valueAndGrad(yTrue, yPred, extra);
        expect(fused.value).toBe(info.value(yTrue, yPred, extra));
        expect(fused.grad).toEqual(info.grad(yTrue, yPred, extra));
      }
    }
  });
});

describe("relations between losses (fast-check)", () => {
  it("huber with a delta beyond every residual is mse/2, and its gradient mseGrad/2", () => {
    fc.assert(
      fc.property(pairs, ({ yTrue, yPred }) => {
        expect(huber(yTrue, yPred, { delta: 1e3 })).toBe(mse(yTrue, yPred) / 2);
        expectClose(huberGrad(yTrue, yPred, { delta: 1e3 }), Array.from(mseGrad(yTrue, yPred), (g) => g / 2), "grad", 0, 0);
      }),
    );
  });

  it("smoothL1 with beta is huber with delta = beta, divided by beta (value and gradient)", () => {
    fc.assert(
      fc.property(pairs, fc.double({ min: 0.01, max: 10, noNaN: true }), ({ yTrue, yPred }, beta) => {
        expectClose(smoothL1(yTrue, yPred, { beta }), huber(yTrue, yPred, { delta: beta }) / beta, "value", 1e-13, 1e-300);
        expectClose(smoothL1Grad(yTrue, yPred, { beta }), Array.from(huberGrad(yTrue, yPred, { delta: beta }), (g) => g / beta), "grad", 1e-13, 1e-300);
      }),
    );
  });

  it("quantile with tau = 0.5 is mae/2, gradient included", () => {
    fc.assert(
      fc.property(pairs, ({ yTrue, yPred }) => {
        expect(quantile(yTrue, yPred, { tau: 0.5 })).toBe(mae(yTrue, yPred) / 2);
        expect(Array.from(quantileGrad(yTrue, yPred))).toEqual(Array.from(maeGrad(yTrue, yPred), (g) => g / 2));
      }),
    );
  });

  const labelledLogits = fc
    .array(fc.tuple(fc.constantFrom(0, 1), fc.double({ min: -30, max: 30, noNaN: true })), { minLength: 1, maxLength: 20 })
    .map((rows) => ({ labels: rows.map(([y]) => y), logits: rows.map(([, z]) => z) }));

  it("focal with gamma 0 and no alpha is binary cross-entropy with logits", () => {
    fc.assert(
      fc.property(labelledLogits, ({ labels, logits }) => {
        const options = { gamma: 0, alpha: -1 };
        expectClose(focal(labels, logits, options), binaryCrossEntropyWithLogits(labels, logits), "value", 1e-14, 1e-300);
        expectClose(focalGrad(labels, logits, options), binaryCrossEntropyWithLogitsGrad(labels, logits), "grad", 1e-14, 1e-300);
      }),
    );
  });

  it("binary cross-entropy of σ(z) is binary cross-entropy with logits (moderate z)", () => {
    fc.assert(
      fc.property(labelledLogits.filter(({ logits }) => logits.every((z) => Math.abs(z) < 15)), ({ labels, logits }) => {
        expectClose(binaryCrossEntropy(labels, logits.map(sigmoid)), binaryCrossEntropyWithLogits(labels, logits), "value", 1e-9, 1e-12);
      }),
    );
  });

  it("two-class softmax cross-entropy is binary cross-entropy with logits on z₁ − z₀", () => {
    fc.assert(
      fc.property(labelledLogits, fc.double({ min: -5, max: 5, noNaN: true }), ({ labels, logits }, shift) => {
        const rows = logits.map((z) => [shift, shift + z]);
        expectClose(softmaxCrossEntropy(labels, rows), binaryCrossEntropyWithLogits(labels, logits), "value", 1e-12, 1e-15);
        const grads = softmaxCrossEntropyGrad(labels, rows);
        const binary = binaryCrossEntropyWithLogitsGrad(labels, logits);
        grads.forEach((row, i) => {
          expectClose(row[1], binary[i], "grad", 1e-12, 1e-16);
          expectClose(row[0], -binary[i], "grad", 1e-12, 1e-16);
        });
      }),
    );
  });

  it("softmax cross-entropy with one-hot rows equals the class-index form (with smoothing and class weights)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 4, maxLength: 4 })), { minLength: 1, maxLength: 10 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (rows, labelSmoothing) => {
          const labels = rows.map(([y]) => y);
          const logits = rows.map(([, z]) => z);
          const oneHot = labels.map((y) => [0, 1, 2, 3].map((c) => (c === y ? 1 : 0)));
          const options = { labelSmoothing, classWeights: [1, 0.5, 2, 1.5], reduction: "none" as const };
          expectClose(softmaxCrossEntropy(oneHot, logits, options), softmaxCrossEntropy(labels, logits, options), "value", 1e-12, 1e-14);
          expectClose(softmaxCrossEntropyGrad(oneHot, logits, options), softmaxCrossEntropyGrad(labels, logits, options), "grad", 1e-12, 1e-14);
        },
      ),
    );
  });

  it("mse, mae, huber and logCosh are symmetric in the residual and 0 only at a perfect prediction", () => {
    fc.assert(
      fc.property(pairs, ({ yTrue, yPred }) => {
        const mirrored = yTrue.map((y, i) => 2 * y - yPred[i]);
        for (const info of losses.filter((l) => ["mse", "mae", "huber", "logCosh", "smoothL1"].includes(l.id))) {
          expectClose(info.value(yTrue, mirrored), info.value(yTrue, yPred), info.id, 1e-9, 1e-12);
          expect(info.value(yTrue, yTrue)).toBe(0);
        }
      }),
    );
  });
});
