import { signOf } from "./branchFree";
import { elementwiseLoss, type ReductionOptions } from "./core";
import type { LossInfo } from "./info";

/** Options of {@link mae}: only the common reduction and weights. */
export type MaeOptions = ReductionOptions;

const maeLoss = elementwiseLoss<MaeOptions, null>(
  (yTrue, yPred, weights, _params, gradScale, grad, perSample) => {
    // The gradient is sign(a), and 0 at a = 0 (the subgradient PyTorch uses), without a branch.
    const n = yPred.length;
    let total = 0;
    if (weights === undefined && perSample === undefined) {
      // The common cases (training) get their own loops, free of per-element checks.
      if (grad === undefined) {
        for (let i = 0; i < n; i++) total += Math.abs(yPred[i] - yTrue[i]);
      } else {
        for (let i = 0; i < n; i++) {
          const a = yPred[i] - yTrue[i];
          total += Math.abs(a);
          grad[i] = gradScale * signOf(a);
        }
      }
      return total;
    }
    for (let i = 0; i < n; i++) {
      const w = weights === undefined ? 1 : weights[i];
      const a = yPred[i] - yTrue[i];
      const loss = w * Math.abs(a);
      total += loss;
      if (grad !== undefined) grad[i] = gradScale * w * signOf(a);
      if (perSample !== undefined) perSample[i] = loss;
    }
    return total;
  },
  () => null,
);

/**
 * Mean absolute error (L1 loss): L = (1/n) Σ |ŷᵢ − yᵢ|. Its minimiser is the
 * median, so it is robust to outliers. Matches `torch.nn.functional.l1_loss`
 * (and sklearn `mean_absolute_error` with `sample_weight`).
 */
export const mae = maeLoss.value;
/** Gradient of {@link mae}: ∂L/∂ŷᵢ = sign(ŷᵢ − yᵢ)/n, taken as 0 where ŷᵢ = yᵢ (as PyTorch does). */
export const maeGrad = maeLoss.grad;
/** {@link mae} and {@link maeGrad} from one pass. */
export const maeValueAndGrad = maeLoss.valueAndGrad;

/** Registry entry of {@link mae}. */
export const maeInfo: LossInfo = {
  id: "mae",
  name: "Mean absolute error",
  nameZh: "平均绝对误差",
  task: "regression",
  formula: String.raw`\ell(y, \hat y) = |\hat y - y|`,
  gradient: String.raw`\frac{\partial \ell}{\partial \hat y} = \operatorname{sign}(\hat y - y) \quad (0 \text{ at } \hat y = y)`,
  defaults: {},
  whenToUse: "Regression with outliers or when the median is the right answer; every error pulls equally hard.",
  reference: "torch.nn.functional.l1_loss",
  input: "vector",
  targets: "real numbers",
  predictions: "real numbers",
  value: mae,
  grad: maeGrad,
  valueAndGrad: maeValueAndGrad,
};
