import { elementwiseLoss, type ReductionOptions } from "./core";
import { frozenExample, type LossInfo } from "./info";
import { lossPeers } from "./peers";
import * as branchFree from "./branchFree";
import { checkPositive, checkSoftTargets } from "../validation";

import * as fastMath from "./fastMath";

// Local bindings: loaders that turn imports into getters would call one per element.
const { positivePart, signBit, outsideUnitInterval } = branchFree;
const { exp, log1pUnit } = fastMath;

/**
 * Options of {@link binaryCrossEntropyWithLogits}: `posWeight` (> 0, default 1)
 * multiplies the loss of the positive samples (y = 1), e.g. (#negatives /
 * #positives) for unbalanced classes.
 */
export interface BinaryCrossEntropyWithLogitsOptions extends ReductionOptions {
  posWeight?: number;
}

const binaryCrossEntropyWithLogitsLoss = elementwiseLoss<BinaryCrossEntropyWithLogitsOptions, number>(
  (yTrue, yPred, weights, posWeight, gradScale, grad, perSample) => {
    let total = 0;
    let targetError = 0; // Σ outsideUnitInterval(y): targets in [0, 1] checked without a branch (branchFree.ts)
    for (let i = 0; i < yPred.length; i++) {
      const y = yTrue[i];
      targetError += outsideUnitInterval(y);
      const w = weights === undefined ? 1 : weights[i];
      const z = yPred[i];
      // l = (1 − y)·softplus(z) + c·y·softplus(−z) with c = posWeight, where
      // softplus(±z) = max(±z, 0) + log(1 + e^−|z|): no overflow, no cancellation.
      // For a label 0 or 1 one of the two terms is an exact 0.
      const e = exp(-Math.abs(z));
      const log1pE = log1pUnit(e);
      const cy = posWeight * y;
      // softplus(±z) = max(±z, 0) + log(1 + e^−|z|), with max(−z, 0) = max(z, 0) − z exactly.
      const plus = positivePart(z);
      const loss = w * ((1 - y) * (plus + log1pE) + cy * (plus - z + log1pE));
      total += loss;
      if (grad !== undefined) {
        // ∂l/∂z = (1 − y)·σ(z) − c·y·σ(−z), both sigmoids from e without overflow;
        // h = 1 for z ≥ 0 (sign bit clear) else 0 picks 1 or e without a branch
        // (random signs would mispredict one); at z = ±0 both picks give ½.
        const h = 1 - signBit(z);
        const inverse = 1 / (1 + e);
        const sigmoidPlus = (h + (1 - h) * e) * inverse;
        const sigmoidMinus = (1 - h + h * e) * inverse;
        grad[i] = gradScale * w * ((1 - y) * sigmoidPlus - cy * sigmoidMinus);
      }
      if (perSample !== undefined) perSample[i] = loss;
    }
    if (targetError !== 0) checkSoftTargets("yTrue", yTrue);
    return total;
  },
  (options) => {
    const posWeight = options?.posWeight ?? 1;
    checkPositive("options.posWeight", posWeight);
    return posWeight;
  },
);

/**
 * Binary cross-entropy on logits z (the document's §3.2 with p = σ(z)):
 * l = −[c·y·log σ(z) + (1 − y)·log(1 − σ(z))] with c = posWeight, computed in
 * the stable form c·y·softplus(−z) + (1 − y)·softplus(z), where
 * softplus(x) = max(x, 0) + log(1 + e^−|x|), so logits of ±1e4 are fine.
 * Targets y ∈ [0, 1]: labels 0 or 1, or soft targets (label smoothing,
 * distillation, mixup), exactly as PyTorch. Matches
 * `torch.nn.functional.binary_cross_entropy_with_logits(pos_weight=c)`.
 */
export const binaryCrossEntropyWithLogits = binaryCrossEntropyWithLogitsLoss.value;
/** Gradient of {@link binaryCrossEntropyWithLogits}: ∂l/∂z = σ(z) − y (posWeight 1); in general (1 − y)σ(z) − c·y·(1 − σ(z)). */
export const binaryCrossEntropyWithLogitsGrad = binaryCrossEntropyWithLogitsLoss.grad;
/** {@link binaryCrossEntropyWithLogits} and its gradient from one pass. */
export const binaryCrossEntropyWithLogitsValueAndGrad = binaryCrossEntropyWithLogitsLoss.valueAndGrad;

/** Registry entry of {@link binaryCrossEntropyWithLogits}. */
export const binaryCrossEntropyWithLogitsInfo: LossInfo = {
  id: "binaryCrossEntropyWithLogits",
  name: "Binary cross-entropy with logits",
  nameZh: "基于 logits 的二元交叉熵",
  task: "classification",
  section: "3.2",
  formula: String.raw`\ell(y, z) = -\bigl[c\,y \log \sigma(z) + (1 - y)\log\bigl(1 - \sigma(z)\bigr)\bigr] = c\,y\,\operatorname{softplus}(-z) + (1 - y)\operatorname{softplus}(z), \quad c = \texttt{posWeight} \text{ (default 1)}`,
  gradient: String.raw`\frac{\partial \ell}{\partial z} = (1 - y)\,\sigma(z) - c\,y\,\bigl(1 - \sigma(z)\bigr) \quad (= \sigma(z) - y \text{ for } c = 1)`,
  defaults: { posWeight: 1 },
  whenToUse: "Binary classification when the model outputs a raw score (logit): stable for any score, and posWeight reweights rare positives.",
  whenToUseZh: "二分类，且模型输出原始分数（对数几率）：对任意分数都数值稳定，posWeight 可以给稀少的正样本加权。",
  reference: "torch.nn.functional.binary_cross_entropy_with_logits",
  peers: lossPeers.binaryCrossEntropyWithLogits,
  input: "vector",
  targets: "labels 0 or 1, or soft targets in [0, 1]",
  predictions: "logits z (any real number)",
  axis: "logit",
  example: frozenExample({ yTrue: [1, 0, 1, 0], yPred: [2.2, -1.5, 0.4, 0.9] }),
  value: binaryCrossEntropyWithLogits,
  grad: binaryCrossEntropyWithLogitsGrad,
  valueAndGrad: binaryCrossEntropyWithLogitsValueAndGrad,
};
