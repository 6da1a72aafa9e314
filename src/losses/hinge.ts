import { positivePart, signOf } from "./branchFree";
import { elementwiseLoss, type ReductionOptions } from "./core";
import type { LossInfo } from "./info";
import { checkSignLabels } from "./validate";

/** Options of {@link hinge}: only the common reduction and weights. */
export type HingeOptions = ReductionOptions;

const hingeLoss = elementwiseLoss<HingeOptions, null>(
  (yTrue, yPred, weights, _params, gradScale, grad, perSample) => {
    // Branch-free: gap = max(0, 1 − y·s) exactly; the gradient −y·[gap > 0]
    // uses sign(gap), exactly 1 or 0 (also 0 at the kink). Labels are checked
    // by summing |y² − 1| (0 for ±1; NaN or > 0 otherwise) and looking for the
    // culprit only if that sum is not 0: a test-and-throw inside the loop
    // would branch on random labels or slow the whole loop down.
    let total = 0;
    let labelError = 0;
    if (weights === undefined && perSample === undefined) {
      for (let i = 0; i < yPred.length; i++) {
        const y = yTrue[i];
        labelError += Math.abs(y * y - 1);
        const gap = positivePart(1 - y * yPred[i]);
        total += gap;
        if (grad !== undefined) grad[i] = -gradScale * y * signOf(gap);
      }
      if (labelError !== 0) checkSignLabels("yTrue", yTrue);
      return total;
    }
    for (let i = 0; i < yPred.length; i++) {
      const y = yTrue[i];
      labelError += Math.abs(y * y - 1);
      const w = weights === undefined ? 1 : weights[i];
      const gap = positivePart(1 - y * yPred[i]);
      const loss = w * gap;
      total += loss;
      if (grad !== undefined) grad[i] = -gradScale * w * y * signOf(gap);
      if (perSample !== undefined) perSample[i] = loss;
    }
    if (labelError !== 0) checkSignLabels("yTrue", yTrue);
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
