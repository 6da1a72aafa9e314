import * as branchFree from "./branchFree";
import { elementwiseLoss, type ReductionOptions } from "./core";
import type { Vector } from "../types";
import { frozenExample, type LossInfo } from "./info";
import { lossPeers } from "./peers";
import { checkOpenInterval } from "../validation";

// Local bindings: loaders that turn imports into getters (esbuild, tsx, vitest)
// would otherwise call a getter per element in the hot loops.
const { positivePart, signOf } = branchFree;

/** Options of {@link quantile}: `tau` (τ ∈ (0, 1), default 0.5) is the quantile to predict. */
export interface QuantileOptions extends ReductionOptions {
  tau?: number;
}

/**
 * The pinball loss of one residual, written with a = ŷ − y = −r and without a
 * branch: over = max(a, 0) (exact) and max(−a, 0) = over − a (exact), so the
 * loss τ·max(r, 0) + (1 − τ)·max(−r, 0) is τ(over − a) + (1 − τ)·over.
 */
function pinballAt(a: number, tau: number): number {
  const over = positivePart(a);
  return tau * (over - a) + (1 - tau) * over;
}

/**
 * The same, writing scale·dl/dŷ into grad[i]; with s = sign(a) ∈ {−1, 0, 1}
 * it is (½ − τ)|s| + ½s: 1 − τ when ŷ > y, −τ when ŷ < y, and 0 when ŷ = y.
 */
function pinballWithSlope(a: number, tau: number, scale: number, grad: Float64Array, i: number): number {
  const over = positivePart(a);
  const s = signOf(a);
  grad[i] = scale * ((0.5 - tau) * Math.abs(s) + 0.5 * s);
  return tau * (over - a) + (1 - tau) * over;
}

/**
 * Σ of the losses, unweighted, with two running sums (even and odd indices) so
 * that the loop waits for a floating-point addition only every other element.
 */
function valueLoop(yTrue: Vector, yPred: Vector, tau: number): number {
  const n = yPred.length;
  let even = 0;
  let odd = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    even += pinballAt(yPred[i] - yTrue[i], tau);
    odd += pinballAt(yPred[i + 1] - yTrue[i + 1], tau);
  }
  if (i < n) even += pinballAt(yPred[i] - yTrue[i], tau);
  return even + odd;
}

/** The same, also writing gradScale·slope into grad (the training case). */
function fusedLoop(yTrue: Vector, yPred: Vector, tau: number, gradScale: number, grad: Float64Array): number {
  const n = yPred.length;
  let even = 0;
  let odd = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    even += pinballWithSlope(yPred[i] - yTrue[i], tau, gradScale, grad, i);
    odd += pinballWithSlope(yPred[i + 1] - yTrue[i + 1], tau, gradScale, grad, i + 1);
  }
  if (i < n) even += pinballWithSlope(yPred[i] - yTrue[i], tau, gradScale, grad, i);
  return even + odd;
}

const quantileLoss = elementwiseLoss<QuantileOptions, number>(
  (yTrue, yPred, weights, tau, gradScale, grad, perSample) => {
    // The common cases (training) run in their own small loops, which V8
    // compiles for exactly these argument types and without per-element checks.
    if (weights === undefined && perSample === undefined) {
      return grad === undefined ? valueLoop(yTrue, yPred, tau) : fusedLoop(yTrue, yPred, tau, gradScale, grad);
    }
    let total = 0;
    for (let i = 0; i < yPred.length; i++) {
      const w = weights === undefined ? 1 : weights[i];
      const a = yPred[i] - yTrue[i];
      const loss = w * (grad === undefined ? pinballAt(a, tau) : pinballWithSlope(a, tau, gradScale * w, grad, i));
      total += loss;
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
 * Quantile (pinball) loss, with the workbook's residual a = ŷ − y: l = max((1 − τ)a, −τa)
 * (scikit-learn writes r = y − ŷ = −a: max(τr, (τ − 1)r)): under-
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
  formula: String.raw`\ell_\tau(a) = \max\bigl((1 - \tau)\,a, -\tau\,a\bigr), \quad a = \hat y - y`,
  gradient: String.raw`\frac{\partial \ell_\tau}{\partial \hat y} = \begin{cases} 1 - \tau & a > 0 \\ -\tau & a < 0 \\ 0 & a = 0 \end{cases}`,
  defaults: { tau: 0.5 },
  whenToUse: "Predicting a quantile instead of the mean, e.g. a 90% upper bound for prediction intervals (tau = 0.9).",
  whenToUseZh: "预测分位数而不是均值，例如预测区间的 90% 上界（tau = 0.9）。",
  reference: "sklearn.metrics.mean_pinball_loss",
  peers: lossPeers.quantile,
  input: "vector",
  targets: "real numbers",
  predictions: "real numbers",
  axis: "residual",
  example: frozenExample({ yTrue: [3.0, -0.5, 2.0, 7.0, 1.2], yPred: [2.5, 0.0, 2.1, 8.6, -1.3], options: { tau: 0.8 } }),
  value: quantile,
  grad: quantileGrad,
  valueAndGrad: quantileValueAndGrad,
};
