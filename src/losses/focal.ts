import { LossbookError } from "../errors";
import { elementwiseLoss, type ReductionOptions } from "./core";
import { frozenExample, type LossInfo } from "./info";
import { checkBinaryLabels, checkNonNegative, describe } from "./validate";

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
    let labelError = 0; // Σ|y² − y|: labels checked without a branch in the loop (see hinge.ts)
    for (let i = 0; i < yPred.length; i++) {
      const y = yTrue[i];
      labelError += Math.abs(y * y - y);
      const w = weights === undefined ? 1 : weights[i];
      // s = z for y = 1 and −z for y = 0, so p_t = σ(s) is the probability of
      // the true class, 1 − p_t = σ(−s), and the cross-entropy is softplus(−s).
      const s = (2 * y - 1) * yPred[i];
      const e = Math.exp(-Math.abs(s));
      const pTrue = (s >= 0 ? 1 : e) / (1 + e);
      const pWrong = (s >= 0 ? e : 1) / (1 + e);
      const crossEntropy = Math.max(-s, 0) + Math.log1p(e);
      const alphaT = alpha < 0 ? 1 : y * alpha + (1 - y) * (1 - alpha);
      const modulation = Math.pow(pWrong, gamma);
      const loss = w * alphaT * modulation * crossEntropy;
      // A logit of ±Infinity gives a finite loss here (0 or ∞·0 avoided), so
      // add s − s (0, or NaN for ±Infinity) to let the total reveal it.
      total += loss + (s - s);
      if (grad !== undefined) {
        // ∂l/∂s = −α_t (1 − p_t)^γ [γ p_t CE + (1 − p_t)]; ∂s/∂z = 2y − 1.
        grad[i] = -gradScale * w * (2 * y - 1) * alphaT * modulation * (gamma * pTrue * crossEntropy + pWrong);
      }
      if (perSample !== undefined) perSample[i] = loss;
    }
    if (labelError !== 0) checkBinaryLabels("yTrue", yTrue);
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
 * p_t = σ(z) for y = 1 and 1 − σ(z) for y = 0:
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
  nameZh: "Focal损失",
  task: "classification",
  formula: String.raw`\ell(y, z) = -\alpha_t\,(1 - p_t)^{\gamma} \log p_t, \quad p_t = \begin{cases} \sigma(z) & y = 1 \\ 1 - \sigma(z) & y = 0 \end{cases}`,
  gradient: String.raw`\frac{\partial \ell}{\partial z} = (2y - 1)\,\alpha_t\,(1 - p_t)^{\gamma}\bigl[\gamma\,p_t \log p_t - (1 - p_t)\bigr]`,
  defaults: { gamma: 2, alpha: 0.25 },
  whenToUse: "Binary classification with many easy negatives (e.g. object detection): focuses training on the hard, misclassified samples.",
  reference: "torchvision.ops.sigmoid_focal_loss",
  input: "vector",
  targets: "labels 0 or 1",
  predictions: "logits z (any real number)",
  axis: "logit",
  example: frozenExample({ yTrue: [1, 0, 1, 0], yPred: [2.2, -1.5, 0.4, 0.9] }),
  value: focal,
  grad: focalGrad,
  valueAndGrad: focalValueAndGrad,
};
