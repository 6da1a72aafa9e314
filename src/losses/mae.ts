import * as branchFree from "./branchFree";
import { elementwiseLoss, type ReductionOptions } from "./core";
import type { Vector } from "../types";
import { frozenExample, type LossInfo } from "./info";
import { lossPeers } from "./peers";

// Local bindings: loaders that turn imports into getters (esbuild, tsx, vitest)
// would otherwise call a getter per element in the hot loops.
const { signOf } = branchFree;

/** Options of {@link mae}: only the common reduction and weights. */
export type MaeOptions = ReductionOptions;

/**
 * |a| for one residual a = ŷ − y, writing scale·sign(a) into grad[i] (0 at
 * a = 0, the subgradient PyTorch uses), without a branch.
 */
function absoluteErrorWithSlope(a: number, scale: number, grad: Float64Array, i: number): number {
  grad[i] = scale * signOf(a);
  return Math.abs(a);
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
    even += Math.abs(yPred[i] - yTrue[i]);
    odd += Math.abs(yPred[i + 1] - yTrue[i + 1]);
  }
  if (i < n) even += Math.abs(yPred[i] - yTrue[i]);
  return even + odd;
}

/** The same, also writing gradScale·slope into grad (the training case). */
function fusedLoop(yTrue: Vector, yPred: Vector, gradScale: number, grad: Float64Array): number {
  const n = yPred.length;
  let even = 0;
  let odd = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    even += absoluteErrorWithSlope(yPred[i] - yTrue[i], gradScale, grad, i);
    odd += absoluteErrorWithSlope(yPred[i + 1] - yTrue[i + 1], gradScale, grad, i + 1);
  }
  if (i < n) even += absoluteErrorWithSlope(yPred[i] - yTrue[i], gradScale, grad, i);
  return even + odd;
}

const maeLoss = elementwiseLoss<MaeOptions, null>(
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
      const loss = w * (grad === undefined ? Math.abs(a) : absoluteErrorWithSlope(a, gradScale * w, grad, i));
      total += loss;
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
  whenToUseZh: "含离群点的回归，或中位数才是正确答案的时候；每个误差的拉力一样大。",
  reference: "torch.nn.functional.l1_loss",
  peers: lossPeers.mae,
  input: "vector",
  targets: "real numbers",
  predictions: "real numbers",
  axis: "residual",
  example: frozenExample({ yTrue: [3.0, -0.5, 2.0, 7.0, 1.2], yPred: [2.5, 0.0, 2.1, 8.6, -1.3] }),
  value: mae,
  grad: maeGrad,
  valueAndGrad: maeValueAndGrad,
};
