import { LossbookError } from "../errors";
import { elementwiseLoss, type ReductionOptions } from "./core";
import { frozenExample, type LossInfo } from "./info";
import { lossPeers } from "./peers";
import * as branchFree from "./branchFree";
import { checkNonNegative, checkSoftTargets, describe } from "../validation";

import * as fastMath from "./fastMath";

// Local bindings: loaders that turn imports into getters would call one per element.
const { positivePart, signBit, outsideUnitInterval } = branchFree;
const { exp, log1pUnit } = fastMath;

/**
 * Options of {@link focal}: `gamma` (γ ≥ 0, default 2) down-weights easy
 * samples; `alpha` (α ∈ [0, 1], default 0.25) weights the positives (α) against
 * the negatives (1 − α); a negative α switches that weighting off (as in
 * torchvision).
 */
export interface FocalOptions extends ReductionOptions {
  gamma?: number;
  alpha?: number;
}

interface FocalParams {
  gamma: number;
  alpha: number;
}

const focalLoss = elementwiseLoss<FocalOptions, FocalParams>(
  (yTrue, yPred, weights, { gamma, alpha }, gradScale, grad, perSample) => {
    let total = 0;
    let targetError = 0; // Σ outsideUnitInterval(y): targets in [0, 1] checked without a branch (branchFree.ts)
    for (let i = 0; i < yPred.length; i++) {
      const y = yTrue[i];
      targetError += outsideUnitInterval(y);
      const w = weights === undefined ? 1 : weights[i];
      const z = yPred[i];
      // σ(z) and σ(−z) from e = e^−|z| without overflow (never 1 − σ).
      const e = exp(-Math.abs(z));
      // h = 1 for z ≥ 0 (sign bit clear) else 0 picks 1 or e without a branch (see binaryCrossEntropyWithLogits.ts).
      const h = 1 - signBit(z);
      const inverse = 1 / (1 + e);
      const sigmoidPlus = (h + (1 - h) * e) * inverse;
      const sigmoidMinus = (1 - h + h * e) * inverse;
      const log1pE = log1pUnit(e);
      // CE = (1 − y)·softplus(z) + y·softplus(−z) (binary cross-entropy on logits);
      // 1 − p_t = y·σ(−z) + (1 − y)·σ(z), the probability of the wrong class.
      const crossEntropy = (1 - y) * (positivePart(z) + log1pE) + y * (positivePart(-z) + log1pE);
      const pWrong = y * sigmoidMinus + (1 - y) * sigmoidPlus;
      const alphaT = alpha < 0 ? 1 : y * alpha + (1 - y) * (1 - alpha);
      // γ = 2 (the default), 1 and 0 without Math.pow (same numbers: pow(q, 2) is q·q).
      const modulation = gamma === 2 ? pWrong * pWrong : gamma === 1 ? pWrong : gamma === 0 ? 1 : Math.pow(pWrong, gamma);
      const loss = w * alphaT * modulation * crossEntropy;
      // A logit of ±Infinity may give a finite loss here, so add z − z (0, or
      // NaN for ±Infinity) to let the total reveal it.
      total += loss + (z - z);
      if (grad !== undefined) {
        // ∂(1 − p_t)/∂z = (1 − 2y)·σ(z)σ(−z) and ∂CE/∂z = (1 − y)σ(z) − yσ(−z), so
        // ∂l/∂z = α_t (1 − p_t)^γ [γ·(1 − 2y)·CE·σ(z)σ(−z)/(1 − p_t) + ∂CE/∂z].
        // For a label 0 or 1, σ(z)σ(−z)/(1 − p_t) = p_t = y·σ(z) + (1 − y)·σ(−z)
        // (no division; where 1 − p_t underflows to 0 the modulation or CE is 0,
        // so the term is 0 either way); soft targets divide, 0 where both underflow.
        const ratio = y * (1 - y) === 0 ? y * sigmoidPlus + (1 - y) * sigmoidMinus : pWrong > 0 ? (sigmoidPlus * sigmoidMinus) / pWrong : 0;
        const crossEntropySlope = (1 - y) * sigmoidPlus - y * sigmoidMinus;
        grad[i] = gradScale * w * alphaT * modulation * (gamma * (1 - 2 * y) * crossEntropy * ratio + crossEntropySlope);
      }
      if (perSample !== undefined) perSample[i] = loss;
    }
    if (targetError !== 0) checkSoftTargets("yTrue", yTrue);
    return total;
  },
  (options) => {
    const gamma = options?.gamma ?? 2;
    checkNonNegative("options.gamma", gamma);
    const alpha = options?.alpha ?? 0.25;
    if (typeof alpha !== "number" || Number.isNaN(alpha) || alpha > 1 || alpha === -Infinity) {
      throw new LossbookError("options.alpha", `must lie between 0 and 1 (or be negative to switch it off), got ${describe(alpha)}`);
    }
    return { gamma, alpha };
  },
);

/**
 * Focal loss (Lin et al. 2017) for labels y ∈ {0, 1} and logits z, with
 * p_t = σ(z) for y = 1 and 1 − σ(z) for y = 0 (for a soft target y ∈ [0, 1],
 * as torchvision: p_t = y·σ(z) + (1 − y)(1 − σ(z)) and the cross-entropy is
 * the soft binary cross-entropy):
 * l = −α_t (1 − p_t)^γ log p_t, α_t = α for y = 1 and 1 − α for y = 0.
 * Well-classified samples (p_t → 1) fade out, so training focuses on hard ones.
 * Matches `torchvision.ops.sigmoid_focal_loss` (computed here with a stable
 * σ(−s) for 1 − p_t instead of the subtraction 1 − σ(s)).
 */
export const focal = focalLoss.value;
/** Gradient of {@link focal} w.r.t. z: (2y − 1)·(−α_t)(1 − p_t)^γ [γ p_t (−log p_t) + (1 − p_t)]. */
export const focalGrad = focalLoss.grad;
/** {@link focal} and {@link focalGrad} from one pass. */
export const focalValueAndGrad = focalLoss.valueAndGrad;

/** Registry entry of {@link focal}. */
export const focalInfo: LossInfo = {
  id: "focal",
  name: "Focal loss",
  nameZh: "Focal 损失",
  task: "classification",
  formula: String.raw`\ell(y, z) = -\alpha_t\,(1 - p_t)^{\gamma} \log p_t, \quad p_t = \begin{cases} \sigma(z) & y = 1 \\ 1 - \sigma(z) & y = 0 \end{cases}`,
  gradient: String.raw`\frac{\partial \ell}{\partial z} = (2y - 1)\,\alpha_t\,(1 - p_t)^{\gamma}\bigl[\gamma\,p_t \log p_t - (1 - p_t)\bigr]`,
  defaults: { gamma: 2, alpha: 0.25 },
  whenToUse: "Binary classification with many easy negatives (e.g. object detection): focuses training on the hard, misclassified samples.",
  whenToUseZh: "简单负样本很多的二分类（例如目标检测）：把训练集中在难分、被分错的样本上。",
  reference: "torchvision.ops.sigmoid_focal_loss",
  peers: lossPeers.focal,
  input: "vector",
  targets: "labels 0 or 1, or soft targets in [0, 1]",
  predictions: "logits z (any real number)",
  axis: "logit",
  example: frozenExample({ yTrue: [1, 0, 1, 0], yPred: [2.2, -1.5, 0.4, 0.9] }),
  value: focal,
  grad: focalGrad,
  valueAndGrad: focalValueAndGrad,
};
