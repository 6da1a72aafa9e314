import { elementwiseLoss, type ReductionOptions } from "./core";
import { frozenExample, type LossInfo } from "./info";
import { lossPeers } from "./peers";

/** Options of {@link logCosh}: only the common reduction and weights. */
export type LogCoshOptions = ReductionOptions;

/** Above this |a|, 2·sinh²(a/2) would overflow; the asymptotic form is exact to rounding there. */
const LARGE = 700;

/**
 * log cosh a without overflow or cancellation:
 * log1p(2·sinh²(a/2)) (cosh a − 1 = 2 sinh²(a/2), accurate even for tiny a)
 * for |a| < 700, and |a| + log1p(e^−2|a|) − log 2 beyond (fine up to 1e308).
 */
function logCoshOf(a: number): number {
  const absA = Math.abs(a);
  if (absA < LARGE) {
    const s = Math.sinh(0.5 * a);
    return Math.log1p(2 * s * s);
  }
  return absA + Math.log1p(Math.exp(-2 * absA)) - Math.LN2;
}

const logCoshLoss = elementwiseLoss<LogCoshOptions, null>(
  (yTrue, yPred, weights, _params, gradScale, grad, perSample) => {
    let total = 0;
    for (let i = 0; i < yPred.length; i++) {
      const w = weights === undefined ? 1 : weights[i];
      const a = yPred[i] - yTrue[i];
      const loss = w * logCoshOf(a);
      total += loss;
      if (grad !== undefined) grad[i] = gradScale * w * Math.tanh(a);
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
  nameZh: "Log-Cosh损失",
  task: "regression",
  formula: String.raw`\ell(a) = \log\cosh(a), \quad a = \hat y - y`,
  gradient: String.raw`\frac{\partial \ell}{\partial \hat y} = \tanh(a)`,
  defaults: {},
  whenToUse: "Regression that wants Huber-like robustness with a gradient that is smooth everywhere and no delta to tune.",
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
