import { describe, expect, it } from "vitest";
import { LossbookError } from "../../src/errors";
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  focal,
  getLoss,
  hinge,
  huber,
  klDivergence,
  klDivergenceGrad,
  klDivergenceValueAndGrad,
  logSumExp,
  losses,
  mse,
  mseGrad,
  poissonNLL,
  quantile,
  smoothL1,
  softmaxCrossEntropy,
  squaredHinge,
} from "../../src/losses";

type SimpleLoss = (yTrue: number[], yPred: number[]) => unknown;

/** Asserts `run` throws a LossbookError for `argument` (and `index`), whose message names them. */
function expectError(run: () => unknown, argument: string, index?: number, words?: RegExp): void {
  let error: unknown;
  try {
    run();
  } catch (caught) {
    error = caught;
  }
  expect(error, "expected a LossbookError").toBeInstanceOf(LossbookError);
  const e = error as LossbookError;
  expect(e.argument).toBe(argument);
  expect(e.index).toBe(index);
  expect(e.message.startsWith(index === undefined ? `${argument}:` : `${argument}[${index}]:`), e.message).toBe(true);
  if (words) expect(e.message).toMatch(words);
}

const vectorLosses = losses.filter((info) => info.input === "vector");
/** A valid input for each vector loss, 4 samples. */
function valid(id: string): [number[], number[]] {
  if (id === "binaryCrossEntropy") return [[0, 1, 1, 0], [0.1, 0.8, 0.6, 0.3]];
  if (id === "hinge" || id === "squaredHinge") return [[1, -1, 1, -1], [0.5, -2, 0.1, 1]];
  if (id === "binaryCrossEntropyWithLogits" || id === "focal") return [[0, 1, 1, 0], [0.5, -2, 0.1, 1]];
  return [[0, 1, 2, 3], [0.5, 1.5, 1, 3]];
}

describe("shape and finiteness errors for every vector loss", () => {
  it.each(vectorLosses.map((info) => [info.id, info] as const))("%s", (_id, info) => {
    const [yTrue, yPred] = valid(info.id);
    for (const f of [info.value, info.grad, info.valueAndGrad]) {
      expectError(() => f(yTrue, yPred.slice(0, 3)), "yPred", undefined, /length 3 .* length 4/);
      expectError(() => f([], []), "yTrue", undefined, /empty/);
      expectError(() => f(yTrue, "abc"), "yPred", undefined, /array of numbers/);
      expectError(() => f(yTrue, [yPred[0], yPred[1], Number.NaN, yPred[3]]), "yPred", 2, /NaN/);
      expectError(() => f(yTrue, [yPred[0], Infinity, yPred[2], yPred[3]]), "yPred", 1, /Infinity/);
      expectError(() => f(yTrue, [yPred[0], yPred[1], yPred[2], -Infinity]), "yPred", 3, /-Infinity/);
      expectError(() => f(yTrue, yPred, { weights: [1, -1, 1, 1] }), "options.weights", 1, />= 0/);
      expectError(() => f(yTrue, yPred, { weights: [0, 0, 0, 0] }), "options.weights", undefined, /sum to 0/);
      expectError(() => f(yTrue, yPred, { weights: [1, 1] }), "options.weights", undefined, /length 2/);
      expectError(() => f(yTrue, yPred, { weights: [1, 1, Number.NaN, 1] }), "options.weights", 2, /finite/);
      expectError(() => f(yTrue, yPred, { reduction: "average" }), "options.reduction", undefined, /"mean", "sum" or "none"/);
      expectError(() => f(yTrue, yPred, 5), "options", undefined, /object/);
    }
    expectError(() => info.grad(yTrue, yPred, { gradOut: new Float64Array(3) }), "options.gradOut", undefined, /length 3/);
    expectError(() => info.grad(yTrue, yPred, { gradOut: [0, 0, 0, 0] }), "options.gradOut", undefined, /Float64Array/);
  });

  it("regression losses also name a non-finite yTrue", () => {
    for (const f of [mse, huber, quantile, smoothL1] as SimpleLoss[]) expectError(() => f([0, 1, Number.NaN], [0, 1, 2]), "yTrue", 2, /NaN/);
  });
});

describe("label, probability and option errors", () => {
  it("targets outside [0, 1] for binary cross-entropy (both forms) and focal; soft targets inside are accepted", () => {
    for (const f of [binaryCrossEntropyWithLogits, focal, binaryCrossEntropy] as SimpleLoss[]) {
      expectError(() => f([0, 1, 2], [0.1, 0.2, 0.3]), "yTrue", 2, /target in \[0, 1\] .*soft label.*, got 2/);
      expectError(() => f([0, -0.1, 1], [0.1, 0.2, 0.3]), "yTrue", 1, /target in \[0, 1\].*got -0.1/);
      expectError(() => f([0.5, 1.0000001], [0.1, 0.2]), "yTrue", 1, /target in \[0, 1\].*got 1.0000001/);
      expectError(() => f([0.5, Number.NaN], [0.1, 0.2]), "yTrue", 1, /got NaN/);
      expect(Number.isFinite(f([0.28, 0, 1, 0.5], [0.1, 0.2, 0.3, 0.9]) as number)).toBe(true);
    }
  });

  it("labels outside {−1, 1} for hinge and squared hinge", () => {
    for (const f of [hinge, squaredHinge] as SimpleLoss[]) {
      expectError(() => f([1, 0, -1], [0.1, 0.2, 0.3]), "yTrue", 1, /label -1 or 1, got 0/);
      expectError(() => f([1, -1, 2], [0.1, 0.2, 0.3]), "yTrue", 2, /label -1 or 1/);
    }
  });

  it("probabilities outside [0, 1]", () => {
    expectError(() => binaryCrossEntropy([0, 1, 1], [0.1, 1.2, 0.3]), "yPred", 1, /probability in \[0, 1\], got 1.2/);
    expectError(() => binaryCrossEntropy([0, 1, 1], [0.1, 0.2, -0.3]), "yPred", 2, /probability/);
    expectError(() => softmaxCrossEntropy([[0.5, 0.5], [1.5, -0.5]], [[1, 2], [3, 4]]), "yTrue[1]", 0, /probability.*1.5/);
    expectError(() => klDivergence([[0.5, 0.5], [0.2, 0.8]], [[0.5, 0.5], [0.2, 1.8]]), "yPred[1]", 1, /probability/);
    expectError(() => klDivergence([[0.5, Number.NaN]], [[0.5, 0.5]]), "yTrue[0]", 1, /NaN/);
    // The range is checked inside the one pass (branch-free): values just outside [0, 1], in every entry point.
    expectError(() => klDivergenceValueAndGrad([[0.5, 0.5]], [[0.5, 1 + 2 ** -52]], { gradOut: [new Float64Array(2)] }), "yPred[0]", 1, /probability/);
    expectError(() => klDivergenceGrad([[0.5, 0.5], [-5e-324, 1]], [[0.5, 0.5], [0.5, 0.5]]), "yTrue[1]", 0, /probability/);
    expectError(() => klDivergence([[0.5, 0.5]], [[-0.5, 1.5]], { reduction: "none" }), "yPred[0]", 0, /probability/);
    expectError(() => klDivergenceValueAndGrad([[0.5, 0.5]], [[0.5, Number.POSITIVE_INFINITY]]), "yPred[0]", 1, /probability/);
  });

  it("class indices out of range", () => {
    const logits = [[1, 2, 3], [0, 0, 0]];
    expectError(() => softmaxCrossEntropy([0, 3], logits), "yTrue", 1, /class index 0…2, got 3/);
    expectError(() => softmaxCrossEntropy([-1, 0], logits), "yTrue", 0, /class index/);
    expectError(() => softmaxCrossEntropy([0, 1.5], logits), "yTrue", 1, /class index/);
    expectError(() => softmaxCrossEntropy([0], logits), "yTrue", undefined, /1 targets but yPred has 2 rows/);
  });

  it("rows of different length, empty rows, non-finite logits", () => {
    expectError(() => softmaxCrossEntropy([0, 1], [[1, 2, 3], [1, 2]]), "yPred", 1, /row has length 2 but row 0 has length 3/);
    expectError(() => softmaxCrossEntropy([0], [[]]), "yPred", 0, /row is empty/);
    expectError(() => softmaxCrossEntropy([0], []), "yPred", undefined, /empty/);
    expectError(() => softmaxCrossEntropy([0, 1], [[1, 2], [Number.NaN, 1]]), "yPred[1]", 0, /NaN/);
    expectError(() => softmaxCrossEntropy([0, 1], [[1, 2], [1, Infinity]]), "yPred[1]", 1, /Infinity/);
    expectError(() => softmaxCrossEntropy([0, 0], [[1, 2], [1, -Infinity]]), "yPred[1]", 1, /-Infinity/);
    expectError(() => softmaxCrossEntropy([[1, 0], [0, 1, 0]], [[1, 2], [1, 2]]), "yTrue", 1, /row has length 3/);
    expectError(() => softmaxCrossEntropy([[1, 0, 0], [0, 1, 0]], [[1, 2], [1, 2]]), "yTrue", undefined, /length 3 but yPred rows have length 2/);
    expectError(() => klDivergence([[0.5, 0.5], [1, 0]], [[0.5, 0.5], [1]]), "yPred", 1, /row has length 1/);
    expectError(() => klDivergence([[0.5, 0.5]], [[0.5, 0.5], [0.5, 0.5]]), "yPred", undefined, /2 rows but yTrue has 1/);
  });

  it("delta, beta ≤ 0 and tau outside (0, 1)", () => {
    const yTrue = [0, 1];
    const yPred = [1, 2];
    for (const delta of [0, -1, Number.NaN, Infinity]) expectError(() => huber(yTrue, yPred, { delta }), "options.delta", undefined, /> 0/);
    for (const beta of [0, -0.5]) expectError(() => smoothL1(yTrue, yPred, { beta }), "options.beta", undefined, /> 0/);
    for (const tau of [0, 1, -0.1, 1.5, Number.NaN]) expectError(() => quantile(yTrue, yPred, { tau }), "options.tau", undefined, /strictly between 0 and 1/);
  });

  it("other options: posWeight, gamma, alpha, labelSmoothing, classWeights; negative counts", () => {
    expectError(() => binaryCrossEntropyWithLogits([0, 1], [1, 2], { posWeight: 0 }), "options.posWeight", undefined, /> 0/);
    expectError(() => focal([0, 1], [1, 2], { gamma: -1 }), "options.gamma", undefined, />= 0/);
    expectError(() => focal([0, 1], [1, 2], { alpha: 1.5 }), "options.alpha", undefined, /between 0 and 1/);
    const logits = [[1, 2, 3], [0, 0, 0]];
    expectError(() => softmaxCrossEntropy([0, 1], logits, { labelSmoothing: 1.2 }), "options.labelSmoothing", undefined, /between 0 and 1/);
    expectError(() => softmaxCrossEntropy([0, 1], logits, { classWeights: [1, 2] }), "options.classWeights", undefined, /length 2 but there are 3 classes/);
    expectError(() => softmaxCrossEntropy([0, 1], logits, { classWeights: [1, -2, 1] }), "options.classWeights", 1, />= 0/);
    expectError(() => softmaxCrossEntropy([0, 1], logits, { classWeights: [0, 0, 1] }), "options.classWeights", undefined, /target classes sum to 0/);
    expectError(() => softmaxCrossEntropy([0, 1], logits, { weights: [1, -1] }), "options.weights", 1, />= 0/);
    expectError(() => klDivergence([[1, 0]], [[0.5, 0.5]], { weights: [0] }), "options.weights", undefined, /sum to 0/);
    expectError(() => poissonNLL([1, -2], [0, 0]), "yTrue", 1, /count >= 0, got -2/);
  });

  it("unknown registry ids and bad logSumExp input", () => {
    expectError(() => getLoss("crossEntropy"), "id", undefined, /unknown loss "crossEntropy"; known losses: mse, mae, huber/);
    expectError(() => logSumExp([]), "row", undefined, /empty/);
    expectError(() => logSumExp([1, Number.NaN]), "row", 1, /NaN/);
    expectError(() => mseGrad([1], [1], { reduction: "max" as "sum" }), "options.reduction");
  });
});
