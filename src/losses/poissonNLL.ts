import { LossbookError } from "../errors";
import { elementwiseLoss, type ReductionOptions } from "./core";
import { frozenExample, type LossInfo } from "./info";
import { lossPeers } from "./peers";
import * as fastMath from "./fastMath";

// Local binding: loaders that turn imports into getters would call one per element.
const { exp } = fastMath;
import type { Vector } from "../types";
import * as branchFree from "./branchFree";
import { describe } from "../validation";

// Local bindings: loaders that turn imports into getters (esbuild, tsx, vitest)
// would otherwise call a getter per element in the hot loops.
const { positivePart } = branchFree;

/** Options of {@link poissonNLL}: only the common reduction and weights. */
export type PoissonNLLOptions = ReductionOptions;

function checkCounts(values: Vector): void {
  for (let i = 0; i < values.length; i++) {
    if (!(values[i] >= 0)) throw new LossbookError("yTrue", `must be a count >= 0, got ${describe(values[i])}`, i);
  }
}

const poissonNLLLoss = elementwiseLoss<PoissonNLLOptions, null>(
  (yTrue, yPred, weights, _params, gradScale, grad, perSample) => {
    let total = 0;
    let countError = 0; // Σ max(−y, 0): counts checked without a branch in the loop (see hinge.ts)
    for (let i = 0; i < yPred.length; i++) {
      const y = yTrue[i];
      countError += positivePart(-y);
      const w = weights === undefined ? 1 : weights[i];
      const z = yPred[i];
      const rate = exp(z);
      const loss = w * (rate - y * z);
      total += loss;
      if (grad !== undefined) grad[i] = gradScale * w * (rate - y);
      if (perSample !== undefined) perSample[i] = loss;
    }
    if (countError !== 0) checkCounts(yTrue);
    return total;
  },
  () => null,
);

/**
 * Poisson negative log-likelihood on log-rates z = log λ for counts y ≥ 0:
 * l = e^z − y·z (the constant log y! is dropped). Matches
 * `torch.nn.functional.poisson_nll_loss(log_input=True, full=False)`.
 * A log-rate above ~709 makes e^z overflow, and the loss is then Infinity.
 */
export const poissonNLL = poissonNLLLoss.value;
/** Gradient of {@link poissonNLL}: ∂l/∂z = e^z − y (predicted rate minus count). */
export const poissonNLLGrad = poissonNLLLoss.grad;
/** {@link poissonNLL} and {@link poissonNLLGrad} from one pass. */
export const poissonNLLValueAndGrad = poissonNLLLoss.valueAndGrad;

/** Registry entry of {@link poissonNLL}. */
export const poissonNLLInfo: LossInfo = {
  id: "poissonNLL",
  name: "Poisson negative log-likelihood",
  nameZh: "泊松负对数似然损失",
  task: "regression",
  formula: String.raw`\ell(y, z) = e^{z} - y\,z, \quad z = \log\lambda`,
  gradient: String.raw`\frac{\partial \ell}{\partial z} = e^{z} - y`,
  defaults: {},
  whenToUse: "Count data (visits, clicks, events per hour): the model predicts a log-rate and the loss is the Poisson likelihood.",
  whenToUseZh: "计数数据（访问量、点击数、每小时事件数）：模型预测对数速率，损失是泊松似然。",
  reference: "torch.nn.functional.poisson_nll_loss",
  peers: lossPeers.poissonNLL,
  input: "vector",
  targets: "counts y >= 0",
  predictions: "log-rates z = log λ",
  axis: "logRate",
  example: frozenExample({ yTrue: [0, 1, 3, 2], yPred: [-0.5, 0.2, 1.1, 0.4] }),
  value: poissonNLL,
  grad: poissonNLLGrad,
  valueAndGrad: poissonNLLValueAndGrad,
};
