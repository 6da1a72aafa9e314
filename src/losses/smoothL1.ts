import * as branchFree from "./branchFree";
import { elementwiseLoss, type ReductionOptions } from "./core";
import type { Vector } from "../types";
import { frozenExample, type LossInfo } from "./info";
import { lossPeers } from "./peers";
import { checkPositive } from "../validation";

// Local bindings: loaders that turn imports into getters (esbuild, tsx, vitest)
// would otherwise call a getter per element in the hot loops.
const { cappedMagnitude, positivePart, signOf } = branchFree;

/** Options of {@link smoothL1}: `beta` (β > 0, default 1) is where the square turns linear. */
export interface SmoothL1Options extends ReductionOptions {
  beta?: number;
}

interface SmoothL1Params {
  beta: number;
  /** 1/β, so the loop multiplies instead of dividing. */
  inverse: number;
}

/**
 * The smooth L1 loss of one residual a, without a branch (see huber.ts), on the
 * scaled residual u = |a|/β: with r = max(u − 1, 0) and c = u − r = min(u, 1)
 * it is β(½c² + r), i.e. ½a²/β inside and β(½ + u − 1) = |a| − ½β outside.
 */
function smoothL1At(a: number, params: SmoothL1Params): number {
  const u = Math.abs(a) * params.inverse;
  const excess = positivePart(u - 1);
  const c = u - excess;
  return params.beta * (0.5 * c * c + excess);
}

/**
 * The same, writing scale·dl/da into grad[i], where dl/da = sign(a)·min(u, 1)
 * is a/β inside and exactly ±1 outside (see cappedMagnitude).
 */
function smoothL1WithSlope(a: number, params: SmoothL1Params, scale: number, grad: Float64Array, i: number): number {
  const u = Math.abs(a) * params.inverse;
  const excess = positivePart(u - 1);
  const c = u - excess;
  grad[i] = scale * signOf(a) * cappedMagnitude(u, excess, 1);
  return params.beta * (0.5 * c * c + excess);
}

/**
 * Σ of the losses, unweighted, with two running sums (even and odd indices) so
 * that the loop waits for a floating-point addition only every other element.
 */
function valueLoop(yTrue: Vector, yPred: Vector, params: SmoothL1Params): number {
  const n = yPred.length;
  let even = 0;
  let odd = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    even += smoothL1At(yPred[i] - yTrue[i], params);
    odd += smoothL1At(yPred[i + 1] - yTrue[i + 1], params);
  }
  if (i < n) even += smoothL1At(yPred[i] - yTrue[i], params);
  return even + odd;
}

/** The same, also writing gradScale·slope into grad (the training case). */
function fusedLoop(yTrue: Vector, yPred: Vector, params: SmoothL1Params, gradScale: number, grad: Float64Array): number {
  const n = yPred.length;
  let even = 0;
  let odd = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    even += smoothL1WithSlope(yPred[i] - yTrue[i], params, gradScale, grad, i);
    odd += smoothL1WithSlope(yPred[i + 1] - yTrue[i + 1], params, gradScale, grad, i + 1);
  }
  if (i < n) even += smoothL1WithSlope(yPred[i] - yTrue[i], params, gradScale, grad, i);
  return even + odd;
}

const smoothL1Loss = elementwiseLoss<SmoothL1Options, SmoothL1Params>(
  (yTrue, yPred, weights, params, gradScale, grad, perSample) => {
    // The common cases (training) run in their own small loops, which V8
    // compiles for exactly these argument types and without per-element checks.
    if (weights === undefined && perSample === undefined) {
      return grad === undefined ? valueLoop(yTrue, yPred, params) : fusedLoop(yTrue, yPred, params, gradScale, grad);
    }
    let total = 0;
    for (let i = 0; i < yPred.length; i++) {
      const w = weights === undefined ? 1 : weights[i];
      const a = yPred[i] - yTrue[i];
      const loss = w * (grad === undefined ? smoothL1At(a, params) : smoothL1WithSlope(a, params, gradScale * w, grad, i));
      total += loss;
      if (perSample !== undefined) perSample[i] = loss;
    }
    return total;
  },
  (options) => {
    const beta = options?.beta ?? 1;
    checkPositive("options.beta", beta);
    return { beta, inverse: 1 / beta };
  },
);

/**
 * Smooth L1 loss (Fast R-CNN) with a = ŷ − y: ½a²/β if |a| < β, else |a| − ½β.
 * It is Huber divided by β (smoothL1_β = huber_β / β), so its linear part has
 * slope 1 whatever β is. Matches `torch.nn.functional.smooth_l1_loss(beta=β)`.
 */
export const smoothL1 = smoothL1Loss.value;
/** Gradient of {@link smoothL1}: ∂l/∂ŷ = a/β if |a| < β, else sign(a) (exactly ±1 for |a| up to 2^49·β). */
export const smoothL1Grad = smoothL1Loss.grad;
/** {@link smoothL1} and {@link smoothL1Grad} from one pass. */
export const smoothL1ValueAndGrad = smoothL1Loss.valueAndGrad;

/** Registry entry of {@link smoothL1}. */
export const smoothL1Info: LossInfo = {
  id: "smoothL1",
  name: "Smooth L1 loss",
  nameZh: "平滑 L1 损失",
  task: "regression",
  formula: String.raw`\ell_\beta(a) = \begin{cases} \frac{a^2}{2\beta} & |a| < \beta \\ |a| - \tfrac12\beta & \text{otherwise} \end{cases}, \quad a = \hat y - y`,
  gradient: String.raw`\frac{\partial \ell_\beta}{\partial \hat y} = \begin{cases} a/\beta & |a| < \beta \\ \operatorname{sign}(a) & \text{otherwise} \end{cases}`,
  defaults: { beta: 1 },
  whenToUse: "Bounding-box regression and other outlier-prone targets; Huber scaled so the outer slope is 1.",
  whenToUseZh: "边界框回归和其他容易出现离群点的目标；缩放后的 Huber 损失，外侧斜率为 1。",
  reference: "torch.nn.functional.smooth_l1_loss",
  peers: lossPeers.smoothL1,
  input: "vector",
  targets: "real numbers",
  predictions: "real numbers",
  axis: "residual",
  example: frozenExample({ yTrue: [3.0, -0.5, 2.0, 7.0, 1.2], yPred: [2.5, 0.0, 2.1, 8.6, -1.3] }),
  value: smoothL1,
  grad: smoothL1Grad,
  valueAndGrad: smoothL1ValueAndGrad,
};
