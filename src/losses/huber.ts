import { elementwiseLoss, type ReductionOptions } from "./core";
import type { Vector } from "../types";
import { frozenExample, type LossInfo } from "./info";
import { lossPeers } from "./peers";
import * as branchFree from "./branchFree";
import { checkPositive } from "../validation";

// Local bindings: loaders that turn imports into getters (esbuild, tsx, vitest)
// would otherwise call a getter per element in the hot loops.
const { cappedMagnitude, positivePart, signOf } = branchFree;

/** Options of {@link huber}: `delta` (δ > 0, default 1) is where the square turns linear. */
export interface HuberOptions extends ReductionOptions {
  delta?: number;
}

/**
 * The Huber loss of one residual a, without a branch (random residuals make an
 * if/else mispredict): with r = max(|a| − δ, 0) and c = |a| − r = min(|a|, δ)
 * it is ½c² + δr, i.e. ½a² inside and ½δ² + δ(|a| − δ) = δ(|a| − ½δ) outside.
 * (Outside, c may miss δ by half an ulp of |a|: harmless for the loss.)
 */
function huberAt(a: number, delta: number): number {
  const m = Math.abs(a);
  const excess = positivePart(m - delta);
  const c = m - excess;
  return 0.5 * c * c + delta * excess;
}

/**
 * The same, writing scale·dL/da into grad[i], where dL/da = clamp(a, −δ, δ) =
 * sign(a)·min(|a|, δ) hits ±δ exactly (see cappedMagnitude).
 */
function huberWithSlope(a: number, delta: number, scale: number, grad: Float64Array, i: number): number {
  const m = Math.abs(a);
  const excess = positivePart(m - delta);
  const c = m - excess;
  grad[i] = scale * signOf(a) * cappedMagnitude(m, excess, delta);
  return 0.5 * c * c + delta * excess;
}

/**
 * Σ of the losses, unweighted, with two running sums (even and odd indices) so
 * that the loop waits for a floating-point addition only every other element.
 */
function valueLoop(yTrue: Vector, yPred: Vector, delta: number): number {
  const n = yPred.length;
  let even = 0;
  let odd = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    even += huberAt(yPred[i] - yTrue[i], delta);
    odd += huberAt(yPred[i + 1] - yTrue[i + 1], delta);
  }
  if (i < n) even += huberAt(yPred[i] - yTrue[i], delta);
  return even + odd;
}

/** The same, also writing gradScale·slope into grad (the training case). */
function fusedLoop(yTrue: Vector, yPred: Vector, delta: number, gradScale: number, grad: Float64Array): number {
  const n = yPred.length;
  let even = 0;
  let odd = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    even += huberWithSlope(yPred[i] - yTrue[i], delta, gradScale, grad, i);
    odd += huberWithSlope(yPred[i + 1] - yTrue[i + 1], delta, gradScale, grad, i + 1);
  }
  if (i < n) even += huberWithSlope(yPred[i] - yTrue[i], delta, gradScale, grad, i);
  return even + odd;
}

const huberLoss = elementwiseLoss<HuberOptions, number>(
  (yTrue, yPred, weights, delta, gradScale, grad, perSample) => {
    // The common cases (training) run in their own small loops, which V8
    // compiles for exactly these argument types and without per-element checks.
    if (weights === undefined && perSample === undefined) {
      return grad === undefined ? valueLoop(yTrue, yPred, delta) : fusedLoop(yTrue, yPred, delta, gradScale, grad);
    }
    let total = 0;
    for (let i = 0; i < yPred.length; i++) {
      const w = weights === undefined ? 1 : weights[i];
      const a = yPred[i] - yTrue[i];
      const loss = w * (grad === undefined ? huberAt(a, delta) : huberWithSlope(a, delta, gradScale * w, grad, i));
      total += loss;
      if (perSample !== undefined) perSample[i] = loss;
    }
    return total;
  },
  (options) => {
    const delta = options?.delta ?? 1;
    checkPositive("options.delta", delta);
    return delta;
  },
);

/**
 * Huber loss, the document's §3.3 with a = ŷ − y:
 * L_δ(a) = ½a² if |a| ≤ δ, else δ(|a| − ½δ).
 * Matches `torch.nn.functional.huber_loss(delta=δ)`.
 */
export const huber = huberLoss.value;
/**
 * Gradient of {@link huber}: ∂L/∂a = a if |a| ≤ δ, else δ·sign(a) (the
 * derivative §4.3 leaves unfinished); exactly ±δ outside for |a| up to
 * 2^49·δ ≈ 5.6e14·δ, correct to rounding beyond.
 */
export const huberGrad = huberLoss.grad;
/** {@link huber} and {@link huberGrad} from one pass. */
export const huberValueAndGrad = huberLoss.valueAndGrad;

/** Registry entry of {@link huber}. */
export const huberInfo: LossInfo = {
  id: "huber",
  name: "Huber loss",
  nameZh: "Huber 损失",
  task: "regression",
  section: "3.3",
  formula: String.raw`\ell_\delta(a) = \begin{cases} \tfrac12 a^2 & |a| \le \delta \\ \delta\bigl(|a| - \tfrac12\delta\bigr) & \text{otherwise} \end{cases}, \quad a = \hat y - y`,
  gradient: String.raw`\frac{\partial \ell_\delta}{\partial \hat y} = \begin{cases} a & |a| \le \delta \\ \delta\,\operatorname{sign}(a) & \text{otherwise} \end{cases}`,
  defaults: { delta: 1 },
  whenToUse: "Regression with some outliers: quadratic for small errors, linear (robust) beyond delta.",
  whenToUseZh: "含少量离群点的回归：误差小时是二次的，超过 delta 后是线性的（稳健）。",
  reference: "torch.nn.functional.huber_loss",
  peers: lossPeers.huber,
  input: "vector",
  targets: "real numbers",
  predictions: "real numbers",
  axis: "residual",
  example: frozenExample({ yTrue: [3.0, -0.5, 2.0, 7.0, 1.2], yPred: [2.5, 0.0, 2.1, 8.6, -1.3] }),
  value: huber,
  grad: huberGrad,
  valueAndGrad: huberValueAndGrad,
};
