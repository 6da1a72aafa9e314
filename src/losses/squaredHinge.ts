import * as branchFree from "./branchFree";
import { elementwiseLoss, type ReductionOptions } from "./core";
import type { Vector } from "../types";
import { frozenExample, type LossInfo } from "./info";
import { lossPeers } from "./peers";
import { signLabelError } from "../validation";

// Local bindings: loaders that turn imports into getters (esbuild, tsx, vitest)
// would otherwise call a getter per element in the hot loops.
const { positivePart } = branchFree;

/** Options of {@link squaredHinge}: only the common reduction and weights. */
export type SquaredHingeOptions = ReductionOptions;

/** max(0, 1 − y·s)² for one label y = ±1 and score s. */
function squaredHingeAt(y: number, score: number): number {
  const gap = positivePart(1 - y * score);
  return gap * gap;
}

/** The same, writing scale·dl/ds = −2y·max(0, 1 − y·s)·scale into grad[i]. */
function squaredHingeWithSlope(y: number, score: number, scale: number, grad: Float64Array, i: number): number {
  const gap = positivePart(1 - y * score);
  grad[i] = -2 * scale * y * gap;
  return gap * gap;
}

/**
 * Σ of the losses, unweighted, with two running sums (even and odd indices) so
 * that the loop waits for a floating-point addition only every other element.
 * A bad label leaves the unrolled loop (y·y ≠ 1 is one always-false test, where
 * y !== 1 && y !== −1 would branch on the random label) and is reported by the
 * tail loop.
 */
function valueLoop(yTrue: Vector, yPred: Vector): number {
  const n = yPred.length;
  let even = 0;
  let odd = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const y0 = yTrue[i];
    const y1 = yTrue[i + 1];
    if (y0 * y0 !== 1 || y1 * y1 !== 1) break;
    even += squaredHingeAt(y0, yPred[i]);
    odd += squaredHingeAt(y1, yPred[i + 1]);
  }
  for (; i < n; i++) {
    const y = yTrue[i];
    if (y * y !== 1) throw signLabelError("yTrue", y, i);
    even += squaredHingeAt(y, yPred[i]);
  }
  return even + odd;
}

/** The same, also writing gradScale·slope into grad (the training case). */
function fusedLoop(yTrue: Vector, yPred: Vector, gradScale: number, grad: Float64Array): number {
  const n = yPred.length;
  let even = 0;
  let odd = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const y0 = yTrue[i];
    const y1 = yTrue[i + 1];
    if (y0 * y0 !== 1 || y1 * y1 !== 1) break;
    even += squaredHingeWithSlope(y0, yPred[i], gradScale, grad, i);
    odd += squaredHingeWithSlope(y1, yPred[i + 1], gradScale, grad, i + 1);
  }
  for (; i < n; i++) {
    const y = yTrue[i];
    if (y * y !== 1) throw signLabelError("yTrue", y, i);
    even += squaredHingeWithSlope(y, yPred[i], gradScale, grad, i);
  }
  return even + odd;
}

const squaredHingeLoss = elementwiseLoss<SquaredHingeOptions, null>(
  (yTrue, yPred, weights, _params, gradScale, grad, perSample) => {
    // The common cases (training) run in their own small loops, which V8
    // compiles for exactly these argument types and without per-element checks.
    if (weights === undefined && perSample === undefined) {
      return grad === undefined ? valueLoop(yTrue, yPred) : fusedLoop(yTrue, yPred, gradScale, grad);
    }
    let total = 0;
    for (let i = 0; i < yPred.length; i++) {
      const y = yTrue[i];
      if (y * y !== 1) throw signLabelError("yTrue", y, i);
      const w = weights === undefined ? 1 : weights[i];
      const loss = w * (grad === undefined ? squaredHingeAt(y, yPred[i]) : squaredHingeWithSlope(y, yPred[i], gradScale * w, grad, i));
      total += loss;
      if (perSample !== undefined) perSample[i] = loss;
    }
    return total;
  },
  () => null,
);

/**
 * Squared hinge loss for labels y ∈ {−1, 1} and scores s:
 * l = max(0, 1 − y·s)²: the hinge made differentiable, punishing large
 * violations more. Matches Keras `SquaredHinge` (with labels already ±1).
 */
export const squaredHinge = squaredHingeLoss.value;
/** Gradient of {@link squaredHinge}: ∂l/∂s = −2y·max(0, 1 − y·s). */
export const squaredHingeGrad = squaredHingeLoss.grad;
/** {@link squaredHinge} and {@link squaredHingeGrad} from one pass. */
export const squaredHingeValueAndGrad = squaredHingeLoss.valueAndGrad;

/** Registry entry of {@link squaredHinge}. */
export const squaredHingeInfo: LossInfo = {
  id: "squaredHinge",
  name: "Squared hinge loss",
  nameZh: "平方合页损失",
  task: "classification",
  formula: String.raw`\ell(y, s) = \max(0,\ 1 - y\,s)^2, \quad y \in \{-1, 1\}`,
  gradient: String.raw`\frac{\partial \ell}{\partial s} = -2y\,\max(0,\ 1 - y\,s)`,
  defaults: {},
  whenToUse: "Margin-based binary classification with a smooth gradient; stronger push on badly misclassified samples than hinge.",
  whenToUseZh: "梯度光滑的基于间隔的二分类；对分错很多的样本推得比合页损失更用力。",
  reference: "keras.losses.SquaredHinge",
  peers: lossPeers.squaredHinge,
  input: "vector",
  targets: "labels −1 or 1",
  predictions: "scores s (any real number)",
  axis: "logit",
  example: frozenExample({ yTrue: [1, -1, 1, -1], yPred: [0.4, -2.0, 1.7, 0.3] }),
  value: squaredHinge,
  grad: squaredHingeGrad,
  valueAndGrad: squaredHingeValueAndGrad,
};
