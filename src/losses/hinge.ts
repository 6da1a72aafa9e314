import { positivePart } from "./branchFree";
import { elementwiseLoss, type ReductionOptions } from "./core";
import type { LossInfo } from "./info";
import { signLabelError } from "./validate";

/** Options of {@link hinge}: only the common reduction and weights. */
export type HingeOptions = ReductionOptions;

const hingeLoss = elementwiseLoss<HingeOptions, null>(
  (yTrue, yPred, weights, _params, gradScale, grad, perSample) => {
    // Branch-free: gap = max(0, 1 − y·s) exactly; the gradient is −y·[gap > 0]
    // with [gap > 0] = ⌈min(gap, 1)⌉ = ⌈1 − max(1 − gap, 0)⌉, exactly 1 or 0:
    // a positive gap is at least 2^−53 (1 − y·s of doubles), so the min stays
    // positive (and 0 at the kink gives gradient 0). A bad label stops
    // the loop (y·y ≠ 1 is one always-false test, where y !== 1 && y !== −1
    // would branch on the random label) and is reported after it: a throwing
    // call inside the loop makes V8 compile the loop slower.
    const n = yPred.length;
    let total = 0;
    let i = 0;
    if (weights === undefined && perSample === undefined) {
      // The common cases (training) get their own loops, free of per-element checks.
      if (grad === undefined) {
        for (; i < n; i++) {
          const y = yTrue[i];
          if (y * y !== 1) break;
          total += positivePart(1 - y * yPred[i]);
        }
      } else {
        for (; i < n; i++) {
          const y = yTrue[i];
          if (y * y !== 1) break;
          const gap = positivePart(1 - y * yPred[i]);
          total += gap;
          grad[i] = -gradScale * y * Math.ceil(1 - positivePart(1 - gap));
        }
      }
    } else {
      for (; i < n; i++) {
        const y = yTrue[i];
        if (y * y !== 1) break;
        const w = weights === undefined ? 1 : weights[i];
        const gap = positivePart(1 - y * yPred[i]);
        const loss = w * gap;
        total += loss;
        if (grad !== undefined) grad[i] = -gradScale * w * y * Math.ceil(1 - positivePart(1 - gap));
        if (perSample !== undefined) perSample[i] = loss;
      }
    }
    if (i < n) throw signLabelError("yTrue", yTrue[i], i);
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
  reference: "sklearn.metrics.hinge_loss",
  input: "vector",
  targets: "labels −1 or 1",
  predictions: "scores s (any real number)",
  value: hinge,
  grad: hingeGrad,
  valueAndGrad: hingeValueAndGrad,
};
