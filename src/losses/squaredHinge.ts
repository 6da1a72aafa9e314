import { positivePart } from "./branchFree";
import { elementwiseLoss, type ReductionOptions } from "./core";
import type { LossInfo } from "./info";
import { signLabelError } from "./validate";

/** Options of {@link squaredHinge}: only the common reduction and weights. */
export type SquaredHingeOptions = ReductionOptions;

const squaredHingeLoss = elementwiseLoss<SquaredHingeOptions, null>(
  (yTrue, yPred, weights, _params, gradScale, grad, perSample) => {
    // A bad label stops the loop and is reported after it (see hinge.ts).
    const n = yPred.length;
    let total = 0;
    let i = 0;
    if (weights === undefined && perSample === undefined) {
      const twiceScale = 2 * gradScale;
      for (; i < n; i++) {
        const y = yTrue[i];
        if (y * y !== 1) break;
        const gap = positivePart(1 - y * yPred[i]);
        total += gap * gap;
        if (grad !== undefined) grad[i] = -twiceScale * y * gap;
      }
    } else {
      for (; i < n; i++) {
        const y = yTrue[i];
        if (y * y !== 1) break;
        const w = weights === undefined ? 1 : weights[i];
        const gap = positivePart(1 - y * yPred[i]);
        const loss = w * gap * gap;
        total += loss;
        if (grad !== undefined) grad[i] = -2 * gradScale * w * y * gap;
        if (perSample !== undefined) perSample[i] = loss;
      }
    }
    if (i < n) throw signLabelError("yTrue", yTrue[i], i);
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
  reference: "keras.losses.SquaredHinge",
  input: "vector",
  targets: "labels −1 or 1",
  predictions: "scores s (any real number)",
  value: squaredHinge,
  grad: squaredHingeGrad,
  valueAndGrad: squaredHingeValueAndGrad,
};
