import { elementwiseLoss, type ReductionOptions } from "./core";
import type { LossInfo } from "./info";
import { cappedMagnitude, positivePart, signOf } from "./branchFree";
import { checkPositive } from "./validate";

/** Options of {@link huber}: `delta` (δ > 0, default 1) is where the square turns linear. */
export interface HuberOptions extends ReductionOptions {
  delta?: number;
}

const huberLoss = elementwiseLoss<HuberOptions, number>(
  (yTrue, yPred, weights, delta, gradScale, grad, perSample) => {
    // Branch-free (random residuals make an if/else mispredict): with
    // r = max(|a| − δ, 0) and c = |a| − r = min(|a|, δ) the loss is ½c² + δr
    // (½a² inside, ½δ² + δ(|a| − δ) = δ(|a| − ½δ) outside). Outside, c may miss δ
    // by half an ulp of |a|, harmless for the loss; the slope sign(a)·min(|a|, δ)
    // uses cappedMagnitude, which hits ±δ exactly.
    const n = yPred.length;
    let total = 0;
    if (weights === undefined && perSample === undefined) {
      // The common cases (training) get their own loops, free of per-element checks.
      if (grad === undefined) {
        for (let i = 0; i < n; i++) {
          const m = Math.abs(yPred[i] - yTrue[i]);
          const excess = positivePart(m - delta);
          const inside = m - excess;
          total += 0.5 * inside * inside + delta * excess;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const a = yPred[i] - yTrue[i];
          const m = Math.abs(a);
          const excess = positivePart(m - delta);
          const inside = m - excess;
          total += 0.5 * inside * inside + delta * excess;
          grad[i] = gradScale * signOf(a) * cappedMagnitude(m, excess, delta);
        }
      }
      return total;
    }
    for (let i = 0; i < n; i++) {
      const w = weights === undefined ? 1 : weights[i];
      const a = yPred[i] - yTrue[i];
      const m = Math.abs(a);
      const excess = positivePart(m - delta);
      const inside = m - excess;
      const loss = w * (0.5 * inside * inside + delta * excess);
      total += loss;
      if (grad !== undefined) grad[i] = gradScale * w * signOf(a) * cappedMagnitude(m, excess, delta);
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
/** Gradient of {@link huber}: ∂L/∂a = a if |a| ≤ δ, else δ·sign(a) (the derivative §4.3 leaves unfinished). */
export const huberGrad = huberLoss.grad;
/** {@link huber} and {@link huberGrad} from one pass. */
export const huberValueAndGrad = huberLoss.valueAndGrad;

/** Registry entry of {@link huber}. */
export const huberInfo: LossInfo = {
  id: "huber",
  name: "Huber loss",
  nameZh: "Huber损失",
  task: "regression",
  section: "3.3",
  formula: String.raw`\ell_\delta(a) = \begin{cases} \tfrac12 a^2 & |a| \le \delta \\ \delta\bigl(|a| - \tfrac12\delta\bigr) & \text{otherwise} \end{cases}, \quad a = \hat y - y`,
  gradient: String.raw`\frac{\partial \ell_\delta}{\partial \hat y} = \begin{cases} a & |a| \le \delta \\ \delta\,\operatorname{sign}(a) & \text{otherwise} \end{cases}`,
  defaults: { delta: 1 },
  whenToUse: "Regression with some outliers: quadratic for small errors, linear (robust) beyond delta.",
  reference: "torch.nn.functional.huber_loss",
  input: "vector",
  targets: "real numbers",
  predictions: "real numbers",
  value: huber,
  grad: huberGrad,
  valueAndGrad: huberValueAndGrad,
};
