import { elementwiseLoss, type ReductionOptions } from "./core";
import { frozenExample, type LossInfo } from "./info";
import type { Vector } from "../types";
import { lossPeers } from "./peers";
import * as fastMath from "./fastMath";

/** Options of {@link logCosh}: only the common reduction and weights. */
export type LogCoshOptions = ReductionOptions;

// Local bindings: loaders that turn imports into getters would call one per element.
const { logCosh: logCoshOf, logCoshWithTanh } = fastMath;

/** Σ log cosh aᵢ, writing gradScale·tanh aᵢ into grad: the training case in its own small loop (monomorphic, no per-element options). */
function fusedLoop(yTrue: Vector, yPred: Vector, gradScale: number, grad: Float64Array): number {
  let total = 0;
  for (let i = 0; i < yPred.length; i++) total += logCoshWithTanh(yPred[i] - yTrue[i], gradScale, grad, i);
  return total;
}

const logCoshLoss = elementwiseLoss<LogCoshOptions, null>(
  (yTrue, yPred, weights, _params, gradScale, grad, perSample) => {
    if (weights === undefined && perSample === undefined && grad !== undefined) return fusedLoop(yTrue, yPred, gradScale, grad);
    let total = 0;
    for (let i = 0; i < yPred.length; i++) {
      const w = weights === undefined ? 1 : weights[i];
      const a = yPred[i] - yTrue[i];
      const loss = w * (grad === undefined ? logCoshOf(a) : logCoshWithTanh(a, gradScale * w, grad, i));
      total += loss;
      if (perSample !== undefined) perSample[i] = loss;
    }
    return total;
  },
  () => null,
);

/**
 * Log-cosh loss with a = ŷ − y: l = log cosh a, ≈ ½a² for small a and
 * ≈ |a| − log 2 for large a (a smooth Huber). Computed without overflow for
 * any finite a (|a| up to 1e4 and beyond). Matches Keras `LogCosh`
 * (`x + softplus(−2x) − log 2`, mean over samples).
 */
export const logCosh = logCoshLoss.value;
/** Gradient of {@link logCosh}: ∂l/∂ŷ = tanh(ŷ − y). */
export const logCoshGrad = logCoshLoss.grad;
/** {@link logCosh} and {@link logCoshGrad} from one pass. */
export const logCoshValueAndGrad = logCoshLoss.valueAndGrad;

/** Registry entry of {@link logCosh}. */
export const logCoshInfo: LossInfo = {
  id: "logCosh",
  name: "Log-cosh loss",
  nameZh: "log-cosh 损失",
  task: "regression",
  formula: String.raw`\ell(a) = \log\cosh(a), \quad a = \hat y - y`,
  gradient: String.raw`\frac{\partial \ell}{\partial \hat y} = \tanh(a)`,
  defaults: {},
  whenToUse: "Regression that wants Huber-like robustness with a gradient that is smooth everywhere and no delta to tune.",
  whenToUseZh: "想要类似 Huber 损失的稳健性、梯度处处光滑且没有 delta 要调的回归。",
  reference: "keras.losses.LogCosh",
  peers: lossPeers.logCosh,
  input: "vector",
  targets: "real numbers",
  predictions: "real numbers",
  axis: "residual",
  example: frozenExample({ yTrue: [3.0, -0.5, 2.0, 7.0, 1.2], yPred: [2.5, 0.0, 2.1, 8.6, -1.3] }),
  value: logCosh,
  grad: logCoshGrad,
  valueAndGrad: logCoshValueAndGrad,
};
