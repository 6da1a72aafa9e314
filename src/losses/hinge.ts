import * as branchFree from "./branchFree";
import { elementwiseLoss, type ReductionOptions } from "./core";
import type { Vector } from "../types";
import { frozenExample, type LossInfo } from "./info";
import { lossPeers } from "./peers";
import { signLabelError } from "../validation";

// Local bindings: loaders that turn imports into getters (esbuild, tsx, vitest)
// would otherwise call a getter per element in the hot loops.
const { positivePart } = branchFree;

/** Options of {@link hinge}: only the common reduction and weights. */
export type HingeOptions = ReductionOptions;

/** max(0, 1 − y·s) for one label y = ±1 and score s, exact and branch-free. */
function hingeAt(y: number, score: number): number {
  return positivePart(1 - y * score);
}

/**
 * The same, writing scale·dl/ds into grad[i]: dl/ds = −y·[gap > 0], with
 * [gap > 0] = ⌈min(gap, 1)⌉ = ⌈1 − max(1 − gap, 0)⌉, exactly 1 or 0 without a
 * branch: a positive gap 1 − y·s of doubles is at least 2^−53, so the min
 * stays positive (and the kink, gap = 0, gives 0).
 */
function hingeWithSlope(y: number, score: number, scale: number, grad: Float64Array, i: number): number {
  const gap = positivePart(1 - y * score);
  grad[i] = -scale * y * Math.ceil(1 - positivePart(1 - gap));
  return gap;
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
    even += hingeAt(y0, yPred[i]);
    odd += hingeAt(y1, yPred[i + 1]);
  }
  for (; i < n; i++) {
    const y = yTrue[i];
    if (y * y !== 1) throw signLabelError("yTrue", y, i);
    even += hingeAt(y, yPred[i]);
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
    even += hingeWithSlope(y0, yPred[i], gradScale, grad, i);
    odd += hingeWithSlope(y1, yPred[i + 1], gradScale, grad, i + 1);
  }
  for (; i < n; i++) {
    const y = yTrue[i];
    if (y * y !== 1) throw signLabelError("yTrue", y, i);
    even += hingeWithSlope(y, yPred[i], gradScale, grad, i);
  }
  return even + odd;
}

const hingeLoss = elementwiseLoss<HingeOptions, null>(
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
      const loss = w * (grad === undefined ? hingeAt(y, yPred[i]) : hingeWithSlope(y, yPred[i], gradScale * w, grad, i));
      total += loss;
      if (perSample !== undefined) perSample[i] = loss;
    }
    return total;
  },
  () => null,
);

/**
 * Hinge loss (the SVM loss) for labels y ∈ {−1, 1} and scores s:
 * l = max(0, 1 − y·s): zero once the sample is on the right side with margin
 * 1. Matches sklearn `hinge_loss(y, s, sample_weight=w)`.
 */
export const hinge = hingeLoss.value;
/** Gradient of {@link hinge}: ∂l/∂s = −y where y·s < 1, else 0. */
export const hingeGrad = hingeLoss.grad;
/** {@link hinge} and {@link hingeGrad} from one pass. */
export const hingeValueAndGrad = hingeLoss.valueAndGrad;

/** Registry entry of {@link hinge}. */
export const hingeInfo: LossInfo = {
  id: "hinge",
  name: "Hinge loss",
  nameZh: "合页损失",
  task: "classification",
  formula: String.raw`\ell(y, s) = \max(0,\ 1 - y\,s), \quad y \in \{-1, 1\}`,
  gradient: String.raw`\frac{\partial \ell}{\partial s} = \begin{cases} -y & y\,s < 1 \\ 0 & \text{otherwise} \end{cases}`,
  defaults: {},
  whenToUse: "Maximum-margin (SVM-style) binary classification on raw scores; ignores samples already classified with margin.",
  whenToUseZh: "在原始分数上做最大间隔（SVM 式）二分类；已经以足够间隔分对的样本不再起作用。",
  reference: "sklearn.metrics.hinge_loss",
  peers: lossPeers.hinge,
  input: "vector",
  targets: "labels −1 or 1",
  predictions: "scores s (any real number)",
  axis: "logit",
  example: frozenExample({ yTrue: [1, -1, 1, -1], yPred: [0.4, -2.0, 1.7, 0.3] }),
  value: hinge,
  grad: hingeGrad,
  valueAndGrad: hingeValueAndGrad,
};
