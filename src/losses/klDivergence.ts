import { LossbookError } from "../errors";
import type { Matrix } from "../types";
import { checkOptions, readReduction, type ReductionOptions } from "./core";
import { frozenExample, type LossInfo } from "./info";
import { lossPeers } from "./peers";
import * as fastMath from "./fastMath";

// Local binding: loaders that turn imports into getters would call one per element.
const { log } = fastMath;
import * as branchFree from "./branchFree";

// Local binding: loaders that turn imports into getters would call one per element.
const { outsideUnitInterval } = branchFree;
import { gradRows, type MatrixLoss, type MatrixLossGrad, type MatrixLossValueAndGrad } from "./matrix";
import { checkRowShape, checkWeights, describe } from "../validation";

/** Options of {@link klDivergence}: reduction and per-row weights (`"mean"` averages over rows). */
export interface KlDivergenceOptions extends Omit<ReductionOptions, "gradOut"> {
  /**
   * For the gradient functions only: one Float64Array per row (each of the
   * rows' length) to write the gradient rows into and return, instead of
   * allocating new ones (as softmaxCrossEntropy's). Ignored by the value function.
   */
  gradOut?: Float64Array[];
}

function checkProbabilities(argument: string, rows: Matrix, width: number): void {
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < width; c++) {
      const p = row[c];
      if (!(p >= 0 && p <= 1)) throw new LossbookError(`${argument}[${r}]`, `must be a probability in [0, 1], got ${describe(p)}`, c);
    }
  }
}

function run(
  yTrue: Matrix,
  yPred: Matrix,
  options: KlDivergenceOptions | undefined,
  wantValue: boolean,
  wantGrad: boolean,
): { value: number | Float64Array; grad: Float64Array[] | undefined } {
  checkOptions(options);
  const width = checkRowShape("yTrue", yTrue);
  const predictedWidth = checkRowShape("yPred", yPred);
  const n = yTrue.length;
  if (yPred.length !== n) throw new LossbookError("yPred", `has ${yPred.length} rows but yTrue has ${n}; they must match`);
  if (predictedWidth !== width) {
    throw new LossbookError("yPred", `rows have length ${predictedWidth} but yTrue rows have length ${width}; they must match`);
  }
  const reduction = readReduction(options);
  const weights = options?.weights;
  const normalizer = weights === undefined ? n : checkWeights(weights, n);

  const perRow = wantValue && reduction === "none" ? new Float64Array(n) : undefined;
  const grad = wantGrad ? gradRows(options?.gradOut, n, width) : undefined;
  const meanScale = reduction === "mean" ? 1 / normalizer : 1;
  let total = 0;
  // Σ outsideUnitInterval over both matrices: the probabilities are checked in
  // this one pass without a branch (branchFree.ts), instead of two passes
  // before it; a non-zero sum (some value outside [0, 1], or NaN) then has the
  // scans name the first one, with the same errors as before.
  let outOfRange = 0;
  for (let r = 0; r < n; r++) {
    const p = yTrue[r];
    const q = yPred[r];
    const w = weights === undefined ? 1 : weights[r];
    let loss = 0;
    // Terms with p = 0 contribute 0 (the limit of p log p); q = 0 where p > 0
    // makes the divergence infinite, as it is.
    if (grad === undefined) {
      for (let c = 0; c < width; c++) {
        const pc = p[c];
        const qc = q[c];
        outOfRange += outsideUnitInterval(pc) + outsideUnitInterval(qc);
        if (pc > 0) loss += pc * log(pc / qc);
      }
    } else {
      // One division per class for both: the ratio r = p/q gives p·log r and the gradient −scale·r.
      const g = grad[r];
      const scale = -w * meanScale;
      for (let c = 0; c < width; c++) {
        const pc = p[c];
        const qc = q[c];
        outOfRange += outsideUnitInterval(pc) + outsideUnitInterval(qc);
        if (pc > 0) {
          const ratio = pc / qc;
          loss += pc * log(ratio);
          g[c] = scale * ratio;
        } else {
          g[c] = 0;
        }
      }
    }
    total += w * loss;
    if (perRow !== undefined) perRow[r] = w * loss;
  }
  if (outOfRange !== 0) {
    checkProbabilities("yTrue", yTrue, width);
    checkProbabilities("yPred", yPred, width);
  }
  const value = perRow ?? (reduction === "mean" ? total / normalizer : total);
  return { value, grad };
}

/**
 * Kullback–Leibler divergence of the predicted distribution q from the true
 * distribution p, row by row: KL(p‖q) = Σ_c p_c log(p_c / q_c) (0 where
 * p_c = 0), averaged over rows ("batchmean"). It is the cross-entropy minus
 * the entropy of p, so it is 0 exactly when q = p. Matches
 * `torch.nn.functional.kl_div(q.log(), p, reduction="batchmean")`.
 */
export const klDivergence = ((yTrue: Matrix, yPred: Matrix, options?: KlDivergenceOptions) =>
  run(yTrue, yPred, options, true, false).value) as MatrixLoss<Matrix, KlDivergenceOptions>;

/** Gradient of {@link klDivergence} w.r.t. q: ∂KL/∂q_c = −p_c / q_c (0 where p_c = 0), divided by the number of rows for the mean. */
export const klDivergenceGrad: MatrixLossGrad<Matrix, KlDivergenceOptions> = (yTrue, yPred, options) =>
  run(yTrue, yPred, options, false, true).grad as Float64Array[];

/** {@link klDivergence} and its gradient from one pass. */
export const klDivergenceValueAndGrad = ((yTrue: Matrix, yPred: Matrix, options?: KlDivergenceOptions) => {
  const result = run(yTrue, yPred, options, true, true);
  return { value: result.value, grad: result.grad as Float64Array[] };
}) as MatrixLossValueAndGrad<Matrix, KlDivergenceOptions>;

/** Registry entry of {@link klDivergence}. */
export const klDivergenceInfo: LossInfo = {
  id: "klDivergence",
  name: "Kullback–Leibler divergence",
  nameZh: "KL 散度",
  task: "distribution",
  formula: String.raw`D_{\mathrm{KL}}(p \,\|\, q) = \sum_{c} p_c \log\frac{p_c}{q_c}`,
  gradient: String.raw`\frac{\partial D_{\mathrm{KL}}}{\partial q_c} = -\frac{p_c}{q_c}`,
  defaults: {},
  whenToUse: "Comparing a predicted distribution with a target distribution (distillation, variational inference); 0 only when they are equal.",
  whenToUseZh: "比较预测分布与目标分布（知识蒸馏、变分推断）；只有两者相等时才为 0。",
  reference: "torch.nn.functional.kl_div (reduction=\"batchmean\")",
  peers: lossPeers.klDivergence,
  input: "matrix",
  targets: "probability rows p",
  predictions: "probability rows q",
  axis: "distribution",
  example: frozenExample({ yTrue: [[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]], yPred: [[0.5, 0.3, 0.2], [0.2, 0.2, 0.6]] }),
  value: klDivergence,
  grad: klDivergenceGrad,
  valueAndGrad: klDivergenceValueAndGrad,
};
