import { positivePart, signOf } from "./branchFree";
import { elementwiseLoss, type ReductionOptions } from "./core";
import type { LossInfo } from "./info";
import { checkOpenInterval } from "./validate";

/** Options of {@link quantile}: `tau` (τ ∈ (0, 1), default 0.5) is the quantile to predict. */
export interface QuantileOptions extends ReductionOptions {
  tau?: number;
}

const quantileLoss = elementwiseLoss<QuantileOptions, number>(
  (yTrue, yPred, weights, tau, gradScale, grad, perSample) => {
    // Branch-free: with p = max(r, 0) (exact) and max(−r, 0) = p − r (exact),
    // the loss is τp + (1 − τ)(p − r). With s = sign(r) ∈ {−1, 0, 1} the
    // gradient w.r.t. ŷ is (½ − τ)|s| − ½s: −τ, 1 − τ, or 0 at r = 0.
    const n = yPred.length;
    const half = 0.5 - tau;
    const rest = 1 - tau;
    let total = 0;
    if (weights === undefined && perSample === undefined) {
      // The common cases (training) get their own loops, free of per-element checks.
      if (grad === undefined) {
        for (let i = 0; i < n; i++) {
          const r = yTrue[i] - yPred[i];
          const p = positivePart(r);
          total += tau * p + rest * (p - r);
        }
      } else {
        for (let i = 0; i < n; i++) {
          const r = yTrue[i] - yPred[i];
          const p = positivePart(r);
          total += tau * p + rest * (p - r);
          const s = signOf(r);
          grad[i] = gradScale * (half * Math.abs(s) - 0.5 * s);
        }
      }
      return total;
    }
    for (let i = 0; i < n; i++) {
      const w = weights === undefined ? 1 : weights[i];
      const r = yTrue[i] - yPred[i];
      const p = positivePart(r);
      const loss = w * (tau * p + rest * (p - r));
      total += loss;
      if (grad !== undefined) {
        const s = signOf(r);
        grad[i] = gradScale * w * (half * Math.abs(s) - 0.5 * s);
      }
      if (perSample !== undefined) perSample[i] = loss;
    }
    return total;
  },
  (options) => {
    const tau = options?.tau ?? 0.5;
    checkOpenInterval("options.tau", tau, 0, 1);
    return tau;
  },
);

/**
 * Quantile (pinball) loss with r = y − ŷ: l = max(τr, (τ − 1)r): under-
 * predictions cost τ per unit, over-predictions 1 − τ, so the minimiser is
 * the τ-quantile (τ = 0.5 gives half the absolute error). Matches sklearn
 * `mean_pinball_loss(alpha=τ, sample_weight=w)`.
 */
export const quantile = quantileLoss.value;
/**
 * Gradient of {@link quantile} w.r.t. ŷ: −τ where y > ŷ, 1 − τ where y < ŷ,
 * and 0 where y = ŷ (a subgradient, as for {@link mae}).
 */
export const quantileGrad = quantileLoss.grad;
/** {@link quantile} and {@link quantileGrad} from one pass. */
export const quantileValueAndGrad = quantileLoss.valueAndGrad;

/** Registry entry of {@link quantile}. */
export const quantileInfo: LossInfo = {
  id: "quantile",
  name: "Quantile (pinball) loss",
  nameZh: "分位数损失",
  task: "regression",
  formula: String.raw`\ell_\tau(r) = \max\bigl(\tau r, (\tau - 1) r\bigr), \quad r = y - \hat y`,
  gradient: String.raw`\frac{\partial \ell_\tau}{\partial \hat y} = \begin{cases} -\tau & y > \hat y \\ 1 - \tau & y < \hat y \\ 0 & y = \hat y \end{cases}`,
  defaults: { tau: 0.5 },
  whenToUse: "Predicting a quantile instead of the mean, e.g. a 90% upper bound for prediction intervals (tau = 0.9).",
  reference: "sklearn.metrics.mean_pinball_loss",
  input: "vector",
  targets: "real numbers",
  predictions: "real numbers",
  value: quantile,
  grad: quantileGrad,
  valueAndGrad: quantileValueAndGrad,
};
