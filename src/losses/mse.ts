import { elementwiseLoss, type ReductionOptions } from "./core";
import type { LossInfo } from "./info";

/** Options of {@link mse}: only the common reduction and weights. */
export type MseOptions = ReductionOptions;

const mseLoss = elementwiseLoss<MseOptions, null>(
  (yTrue, yPred, weights, _params, gradScale, grad, perSample) => {
    const n = yPred.length;
    let total = 0;
    if (weights === undefined && perSample === undefined) {
      // The common cases (training) get their own loops, free of per-element checks.
      if (grad === undefined) {
        for (let i = 0; i < n; i++) {
          const a = yPred[i] - yTrue[i];
          total += a * a;
        }
      } else {
        const twiceScale = 2 * gradScale;
        for (let i = 0; i < n; i++) {
          const a = yPred[i] - yTrue[i];
          total += a * a;
          grad[i] = twiceScale * a;
        }
      }
      return total;
    }
    for (let i = 0; i < n; i++) {
      const w = weights === undefined ? 1 : weights[i];
      const a = yPred[i] - yTrue[i];
      const loss = w * a * a;
      total += loss;
      if (grad !== undefined) grad[i] = gradScale * w * 2 * a;
      if (perSample !== undefined) perSample[i] = loss;
    }
    return total;
  },
  () => null,
);

/**
 * Mean squared error, the document's §3.1: L = (1/n) Σ (yᵢ − ŷᵢ)².
 * Matches `torch.nn.functional.mse_loss` (and sklearn `mean_squared_error`
 * with `sample_weight`).
 */
export const mse = mseLoss.value;
/** Gradient of {@link mse} w.r.t. yPred: ∂L/∂ŷᵢ = 2(ŷᵢ − yᵢ)/n. */
export const mseGrad = mseLoss.grad;
/** {@link mse} and {@link mseGrad} from one pass. */
export const mseValueAndGrad = mseLoss.valueAndGrad;

/** Registry entry of {@link mse}. */
export const mseInfo: LossInfo = {
  id: "mse",
  name: "Mean squared error",
  nameZh: "均方误差",
  task: "regression",
  section: "3.1",
  formula: String.raw`\ell(y, \hat y) = (\hat y - y)^2`,
  gradient: String.raw`\frac{\partial \ell}{\partial \hat y} = 2(\hat y - y)`,
  defaults: {},
  whenToUse: "Regression with roughly Gaussian noise and no large outliers; smooth, and its minimiser is the mean.",
  reference: "torch.nn.functional.mse_loss",
  input: "vector",
  targets: "real numbers",
  predictions: "real numbers",
  value: mse,
  grad: mseGrad,
  valueAndGrad: mseValueAndGrad,
};
