import { cappedMagnitude, positivePart, signOf } from "./branchFree";
import { elementwiseLoss, type ReductionOptions } from "./core";
import type { LossInfo } from "./info";
import { checkPositive } from "./validate";

/** Options of {@link smoothL1}: `beta` (β > 0, default 1) is where the square turns linear. */
export interface SmoothL1Options extends ReductionOptions {
  beta?: number;
}

const smoothL1Loss = elementwiseLoss<SmoothL1Options, number>(
  (yTrue, yPred, weights, beta, gradScale, grad, perSample) => {
    // Branch-free (see huber.ts): with r = max(|a| − β, 0) and c = |a| − r the
    // loss is ½c²/β + r (½a²/β inside, ½β + |a| − β = |a| − ½β outside) and the
    // slope sign(a)·min(|a|, β)/β (exactly ±1 outside).
    const n = yPred.length;
    const halfOverBeta = 0.5 / beta;
    let total = 0;
    if (weights === undefined && perSample === undefined) {
      // The common cases (training) get their own loops, free of per-element checks.
      if (grad === undefined) {
        for (let i = 0; i < n; i++) {
          const m = Math.abs(yPred[i] - yTrue[i]);
          const excess = positivePart(m - beta);
          const inside = m - excess;
          total += halfOverBeta * inside * inside + excess;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const a = yPred[i] - yTrue[i];
          const m = Math.abs(a);
          const excess = positivePart(m - beta);
          const inside = m - excess;
          total += halfOverBeta * inside * inside + excess;
          grad[i] = gradScale * ((signOf(a) * cappedMagnitude(m, excess, beta)) / beta);
        }
      }
      return total;
    }
    for (let i = 0; i < n; i++) {
      const w = weights === undefined ? 1 : weights[i];
      const a = yPred[i] - yTrue[i];
      const m = Math.abs(a);
      const excess = positivePart(m - beta);
      const inside = m - excess;
      const loss = w * (halfOverBeta * inside * inside + excess);
      total += loss;
      if (grad !== undefined) grad[i] = gradScale * w * ((signOf(a) * cappedMagnitude(m, excess, beta)) / beta);
      if (perSample !== undefined) perSample[i] = loss;
    }
    return total;
  },
  (options) => {
    const beta = options?.beta ?? 1;
    checkPositive("options.beta", beta);
    return beta;
  },
);

/**
 * Smooth L1 loss (Fast R-CNN) with a = ŷ − y: ½a²/β if |a| < β, else |a| − ½β.
 * It is Huber divided by β (smoothL1_β = huber_β / β), so its linear part has
 * slope 1 whatever β is. Matches `torch.nn.functional.smooth_l1_loss(beta=β)`.
 */
export const smoothL1 = smoothL1Loss.value;
/** Gradient of {@link smoothL1}: ∂l/∂ŷ = a/β if |a| < β, else sign(a). */
export const smoothL1Grad = smoothL1Loss.grad;
/** {@link smoothL1} and {@link smoothL1Grad} from one pass. */
export const smoothL1ValueAndGrad = smoothL1Loss.valueAndGrad;

/** Registry entry of {@link smoothL1}. */
export const smoothL1Info: LossInfo = {
  id: "smoothL1",
  name: "Smooth L1 loss",
  nameZh: "平滑L1损失",
  task: "regression",
  formula: String.raw`\ell_\beta(a) = \begin{cases} \frac{a^2}{2\beta} & |a| < \beta \\ |a| - \tfrac12\beta & \text{otherwise} \end{cases}, \quad a = \hat y - y`,
  gradient: String.raw`\frac{\partial \ell_\beta}{\partial \hat y} = \begin{cases} a/\beta & |a| < \beta \\ \operatorname{sign}(a) & \text{otherwise} \end{cases}`,
  defaults: { beta: 1 },
  whenToUse: "Bounding-box regression and other outlier-prone targets; Huber scaled so the outer slope is 1.",
  reference: "torch.nn.functional.smooth_l1_loss",
  input: "vector",
  targets: "real numbers",
  predictions: "real numbers",
  value: smoothL1,
  grad: smoothL1Grad,
  valueAndGrad: smoothL1ValueAndGrad,
};
