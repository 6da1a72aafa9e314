import { LossbookError } from "../errors";
import { elementwiseLoss, type ReductionOptions } from "./core";
import { frozenExample, type LossInfo } from "./info";
import { lossPeers } from "./peers";
import * as branchFree from "./branchFree";
import * as fastMath from "./fastMath";
import { checkSoftTargets, describe } from "../validation";
import type { Vector } from "../types";

// Local bindings: loaders that turn imports into getters (esbuild, tsx, vitest)
// would otherwise call a getter per element in the hot loops.
const { outsideUnitInterval } = branchFree;
const { log } = fastMath;

/** Options of {@link binaryCrossEntropy}: only the common reduction and weights. */
export type BinaryCrossEntropyOptions = ReductionOptions;

/** PyTorch clamps each log at −100 so that p = 0 or 1 gives a finite loss. */
const LOG_FLOOR = -100;
/** PyTorch's gradient divides by max(p(1 − p), ε) with ε = 1e−12 as a float32. */
const GRAD_EPSILON = Math.fround(1e-12);

function checkProbabilities(values: Vector): void {
  for (let i = 0; i < values.length; i++) {
    const p = values[i];
    if (!(p >= 0 && p <= 1)) throw new LossbookError("yPred", `must be a probability in [0, 1], got ${describe(p)}`, i);
  }
}

/**
 * y·max(log p, −100) + (1 − y)·max(log(1 − p), −100), as PyTorch: log(1 − p),
 * not log1p(−p) (the fast log is within 3 ulp of Math.log). For a hard label
 * (y = 0 or 1, so y(1 − y) = 0) one of the two terms is exactly 0, and one log
 * of q = y·p + (1 − y)(1 − p) (exactly p or 1 − p) gives the same number at
 * half the cost (the logs are most of this loop's time); soft targets take both.
 */
function crossEntropyTerms(y: number, p: number): number {
  if (y * (1 - y) === 0) return Math.max(log(y * p + (1 - y) * (1 - p)), LOG_FLOOR);
  return y * Math.max(log(p), LOG_FLOOR) + (1 - y) * Math.max(log(1 - p), LOG_FLOOR);
}

const binaryCrossEntropyLoss = elementwiseLoss<BinaryCrossEntropyOptions, null>(
  (yTrue, yPred, weights, _params, gradScale, grad, perSample) => {
    let total = 0;
    // Σ(max(−y, 0) + max(y − 1, 0)) and the same for p: targets and
    // probabilities checked without a branch in the loop (see hinge.ts).
    let targetError = 0;
    let rangeError = 0;
    for (let i = 0; i < yPred.length; i++) {
      const y = yTrue[i];
      targetError += outsideUnitInterval(y);
      const p = yPred[i];
      rangeError += outsideUnitInterval(p);
      const w = weights === undefined ? 1 : weights[i];
      const loss = -w * crossEntropyTerms(y, p);
      total += loss;
      if (grad !== undefined) grad[i] = (gradScale * w * (p - y)) / Math.max(p * (1 - p), GRAD_EPSILON);
      if (perSample !== undefined) perSample[i] = loss;
    }
    if (targetError !== 0) checkSoftTargets("yTrue", yTrue);
    if (rangeError !== 0) checkProbabilities(yPred);
    return total;
  },
  () => null,
);

/**
 * Binary cross-entropy on probabilities p, the document's §3.2:
 * l = −[y·log p + (1 − y)·log(1 − p)], each log clamped at −100 (so p = 0 or
 * 1 gives a finite loss of at most 100). Targets y ∈ [0, 1]: labels 0 or 1,
 * or soft targets (label smoothing, distillation), exactly as PyTorch; p ∈ [0, 1].
 * Matches `torch.nn.functional.binary_cross_entropy`. Prefer
 * {@link binaryCrossEntropyWithLogits} when the model outputs logits.
 */
export const binaryCrossEntropy = binaryCrossEntropyLoss.value;
/**
 * Gradient of {@link binaryCrossEntropy}: ∂l/∂p = (p − y)/(p(1 − p)), with the
 * denominator floored at 1e−12 exactly as PyTorch does, so p = 0 or 1 with the
 * wrong label gives ∓1e12 rather than ±Infinity, and 0 with the right label.
 */
export const binaryCrossEntropyGrad = binaryCrossEntropyLoss.grad;
/** {@link binaryCrossEntropy} and {@link binaryCrossEntropyGrad} from one pass. */
export const binaryCrossEntropyValueAndGrad = binaryCrossEntropyLoss.valueAndGrad;

/** Registry entry of {@link binaryCrossEntropy}. */
export const binaryCrossEntropyInfo: LossInfo = {
  id: "binaryCrossEntropy",
  name: "Binary cross-entropy",
  nameZh: "二元交叉熵",
  task: "classification",
  section: "3.2",
  formula: String.raw`\ell(y, p) = -\bigl[y \log p + (1 - y) \log(1 - p)\bigr]`,
  gradient: String.raw`\frac{\partial \ell}{\partial p} = \frac{p - y}{p\,(1 - p)}`,
  defaults: {},
  whenToUse: "Binary classification when the model already outputs probabilities (e.g. after a sigmoid).",
  whenToUseZh: "二分类，且模型已经输出概率（例如经过 sigmoid 之后）。",
  reference: "torch.nn.functional.binary_cross_entropy",
  peers: lossPeers.binaryCrossEntropy,
  input: "vector",
  targets: "labels 0 or 1, or soft targets in [0, 1]",
  predictions: "probabilities p in [0, 1]",
  axis: "probability",
  example: frozenExample({ yTrue: [1, 0, 1, 0], yPred: [0.9, 0.2, 0.6, 0.35] }),
  value: binaryCrossEntropy,
  grad: binaryCrossEntropyGrad,
  valueAndGrad: binaryCrossEntropyValueAndGrad,
};
