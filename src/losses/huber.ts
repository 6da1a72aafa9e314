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
    // c = min(|a|, δ) and r = max(|a| − δ, 0) the loss is ½c² + δr (½a² inside,
    // ½δ² + δ(|a| − δ) = δ(|a| − ½δ) outside) and the slope is sign(a)·c.
    let total = 0;
    if (weights === undefined && perSample === undefined) {
      // The common case (training): its own loop, free of per-element checks.
      for (let i = 0; i < yPred.length; i++) {
        const a = yPred[i] - yTrue[i];
        const m = Math.abs(a);
        const excess = positivePart(m - delta);
        const c = cappedMagnitude(m, excess, delta);
        total += 0.5 * c * c + delta * excess;
        if (grad !== undefined) grad[i] = gradScale * signOf(a) * c;
      }
      return total;
    }
    for (let i = 0; i < yPred.length; i++) {
      const w = weights === undefined ? 1 : weights[i];
      const a = yPred[i] - yTrue[i];
      const m = Math.abs(a);
      const excess = positivePart(m - delta);
      const c = cappedMagnitude(m, excess, delta);
      const loss = w * (0.5 * c * c + delta * excess);
      total += loss;
      if (grad !== undefined) grad[i] = gradScale * w * signOf(a) * c;
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
