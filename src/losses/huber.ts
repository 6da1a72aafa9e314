import { elementwiseLoss, type ReductionOptions } from "./core";
import type { LossInfo } from "./info";
import { clampSymmetric, positivePart } from "./branchFree";
import { checkPositive } from "./validate";

/** Options of {@link huber}: `delta` (δ > 0, default 1) is where the square turns linear. */
export interface HuberOptions extends ReductionOptions {
  delta?: number;
}

const huberLoss = elementwiseLoss<HuberOptions, number>(
  (yTrue, yPred, weights, delta, gradScale, grad, perSample) => {
    let total = 0;
    for (let i = 0; i < yPred.length; i++) {
      const w = weights === undefined ? 1 : weights[i];
      const a = yPred[i] - yTrue[i];
      // Branch-free (random residuals make an if/else mispredict): the slope
      // is clamp(a, −δ, δ); the loss is ½·slope² + δ·max(|a| − δ, 0), i.e.
      // ½a² inside and ½δ² + δ(|a| − δ) = δ(|a| − ½δ) outside.
      const slope = clampSymmetric(a, delta);
      const loss = w * (0.5 * slope * slope + delta * positivePart(Math.abs(a) - delta));
      total += loss;
      if (grad !== undefined) grad[i] = gradScale * w * slope;
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
