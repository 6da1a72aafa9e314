import { elementwiseLoss, type ReductionOptions } from "./core";
import type { Vector } from "../types";
import { frozenExample, type LossInfo } from "./info";
import { lossPeers } from "./peers";

/** Options of {@link mse}: only the common reduction and weights. */
export type MseOptions = ReductionOptions;

/** (ŷ − y)² for one residual a = ŷ − y. */
function squaredError(a: number): number {
  return a * a;
}

/** The same, writing scale·d(a²)/da = scale·2a into grad[i]. */
function squaredErrorWithSlope(a: number, scale: number, grad: Float64Array, i: number): number {
  grad[i] = scale * 2 * a;
  return a * a;
}

/**
 * Σ of the losses, unweighted, with two running sums (even and odd indices) so
 * that the loop waits for a floating-point addition only every other element.
 */
function valueLoop(yTrue: Vector, yPred: Vector): number {
  const n = yPred.length;
  let even = 0;
  let odd = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    even += squaredError(yPred[i] - yTrue[i]);
    odd += squaredError(yPred[i + 1] - yTrue[i + 1]);
  }
  if (i < n) even += squaredError(yPred[i] - yTrue[i]);
  return even + odd;
}

/** The same, also writing gradScale·slope into grad (the training case). */
function fusedLoop(yTrue: Vector, yPred: Vector, gradScale: number, grad: Float64Array): number {
  const n = yPred.length;
  let even = 0;
  let odd = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    even += squaredErrorWithSlope(yPred[i] - yTrue[i], gradScale, grad, i);
    odd += squaredErrorWithSlope(yPred[i + 1] - yTrue[i + 1], gradScale, grad, i + 1);
  }
  if (i < n) even += squaredErrorWithSlope(yPred[i] - yTrue[i], gradScale, grad, i);
  return even + odd;
}

const mseLoss = elementwiseLoss<MseOptions, null>(
  (yTrue, yPred, weights, _params, gradScale, grad, perSample) => {
    // The common cases (training) run in their own small loops, which V8
    // compiles for exactly these argument types and without per-element checks.
    if (weights === undefined && perSample === undefined) {
      return grad === undefined ? valueLoop(yTrue, yPred) : fusedLoop(yTrue, yPred, gradScale, grad);
    }
    let total = 0;
    for (let i = 0; i < yPred.length; i++) {
      const w = weights === undefined ? 1 : weights[i];
      const a = yPred[i] - yTrue[i];
      const loss = w * (grad === undefined ? squaredError(a) : squaredErrorWithSlope(a, gradScale * w, grad, i));
      total += loss;
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
  whenToUseZh: "噪声大致服从高斯分布、没有大离群点的回归；光滑，最小值点是均值。",
  reference: "torch.nn.functional.mse_loss",
  peers: lossPeers.mse,
  input: "vector",
  targets: "real numbers",
  predictions: "real numbers",
  axis: "residual",
  example: frozenExample({ yTrue: [3.0, -0.5, 2.0, 7.0, 1.2], yPred: [2.5, 0.0, 2.1, 8.6, -1.3] }),
  value: mse,
  grad: mseGrad,
  valueAndGrad: mseValueAndGrad,
};
