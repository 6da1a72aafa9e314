import { LossbookError } from "../errors";
import type { Matrix, Vector } from "../types";
import { checkOptions, readReduction, type ReductionOptions } from "./core";
import { frozenExample, type LossInfo } from "./info";
import { lossPeers } from "./peers";
import * as fastMath from "./fastMath";

// Local binding: loaders that turn imports into getters would call one per element.
const { exp } = fastMath;
import * as branchFree from "./branchFree";

// Local binding: loaders that turn imports into getters would call one per element.
const { signBit } = branchFree;
import {
  gradRows,
  isRowTargets,
  type ClassTargets,
  type MatrixLoss,
  type MatrixLossGrad,
  type MatrixLossValueAndGrad,
} from "./matrix";
import { checkClosedInterval, checkRowShape, checkRowsFinite, checkVector, checkWeights, describe } from "../validation";

/**
 * Options of {@link softmaxCrossEntropy}:
 * - `labelSmoothing` ε ∈ [0, 1] (default 0): the target becomes (1 − ε)·target + ε/C.
 * - `classWeights` w_c ≥ 0, one per class: class c's terms are multiplied by w_c;
 *   with class-index targets the mean divides by Σᵢ w_{yᵢ} (as PyTorch does).
 * - `weights`: per-sample weights sᵢ, multiplying each row's loss (and the normaliser).
 */
export interface SoftmaxCrossEntropyOptions extends Omit<ReductionOptions, "gradOut"> {
  labelSmoothing?: number;
  classWeights?: Vector;
  /**
   * For the gradient functions only: one Float64Array per row (each of length
   * C) to write the gradient rows into and return, instead of allocating new
   * ones, so a training loop can reuse its buffers. Ignored by the value function.
   */
  gradOut?: Float64Array[];
}

/**
 * The largest of z[0…classes − 1] without a data-dependent branch (the running
 * maximum of random logits changes at unpredictable places, and each
 * mispredicted jump cost more than the whole comparison): two running maxima
 * (even and odd classes), each step keeping m or v by the sign bit of m − v
 * (1 exactly when v > m) as h·v + (1 − h)·m, exact for finite values. The same
 * number as the compare-and-jump loop (a tie of +0 and −0 may give the other
 * zero); an infinite or NaN logit gives NaN here, and the caller's logit sum then
 * has the row scan name it.
 */
function rowMaximum(z: Vector, classes: number): number {
  if (classes === 1) return z[0];
  let even = z[0];
  let odd = z[1];
  let c = 2;
  for (; c + 1 < classes; c += 2) {
    even = larger(even, z[c]);
    odd = larger(odd, z[c + 1]);
  }
  if (c < classes) even = larger(even, z[c]);
  return larger(even, odd);
}

/** max(m, v) for finite m, v, picked by the sign bit of m − v (see rowMaximum). */
function larger(m: number, v: number): number {
  const h = signBit(m - v);
  return h * v + (1 - h) * m;
}

/**
 * The common case in its own small loop: class-index targets, no class or
 * sample weights, no label smoothing, no per-row output (what a training loop
 * calls). The general loop of `run` with those options' factors of 1 and terms
 * of 0 left out (each an exact no-op there), so the same numbers bit for bit;
 * V8 compiles it without the per-element tests of the options. Returns Σ lᵢ
 * and writes meanScale·∂lᵢ/∂z into grad.
 */
function plainIndexPass(labels: Vector, logits: Matrix, classes: number, meanScale: number, grad: Float64Array[] | undefined): number {
  let total = 0;
  let logitSum = 0; // non-finite if any logit is (see run)
  for (let r = 0; r < logits.length; r++) {
    const z = logits[r];
    const max = rowMaximum(z, classes);
    const y = labels[r];
    let sumExp = 0;
    if (grad === undefined) {
      for (let c = 0; c < classes; c++) {
        sumExp += exp(z[c] - max);
        logitSum += z[c];
      }
      total += -(z[y] - max - Math.log(sumExp));
      continue;
    }
    const g = grad[r];
    for (let c = 0; c < classes; c++) {
      const e = exp(z[c] - max);
      g[c] = e;
      sumExp += e;
      logitSum += z[c];
    }
    total += -(z[y] - max - Math.log(sumExp));
    // ∂l/∂z_c = softmax(z)_c − [c = y], scaled: every class as if c ≠ y, then the target class.
    const massOverSum = 1 / sumExp;
    const targetExp = g[y];
    for (let c = 0; c < classes; c++) g[c] = meanScale * (massOverSum * g[c]);
    g[y] = meanScale * (massOverSum * targetExp - 1);
  }
  if (!Number.isFinite(total) || !Number.isFinite(logitSum)) checkRowsFinite("yPred", logits);
  return total;
}

function run(
  yTrue: ClassTargets,
  logits: Matrix,
  options: SoftmaxCrossEntropyOptions | undefined,
  wantValue: boolean,
  wantGrad: boolean,
): { value: number | Float64Array; grad: Float64Array[] | undefined } {
  checkOptions(options);
  const classes = checkRowShape("yPred", logits);
  const n = logits.length;
  checkVector("yTrue", yTrue);
  if (yTrue.length !== n) {
    throw new LossbookError("yTrue", `has ${yTrue.length} targets but yPred has ${n} rows; they must match`);
  }
  const reduction = readReduction(options);
  const smoothing = options?.labelSmoothing ?? 0;
  checkClosedInterval("options.labelSmoothing", smoothing, 0, 1);
  const classWeights = options?.classWeights;
  let classWeightSum = classes;
  if (classWeights !== undefined) classWeightSum = checkWeights(classWeights, classes, "options.classWeights", "classes");
  const sampleWeights = options?.weights;
  if (sampleWeights !== undefined) checkWeights(sampleWeights, n);
  const rowTargets = isRowTargets(yTrue);

  // Pass over the targets: validate them and find the normaliser of the mean
  // (Σ sᵢ·w_{yᵢ} for class indices, Σ sᵢ for probability rows, like PyTorch).
  let normalizer = 0;
  if (rowTargets) {
    const width = checkRowShape("yTrue", yTrue);
    if (width !== classes) {
      throw new LossbookError("yTrue", `rows have length ${width} but yPred rows have length ${classes}; they must match`);
    }
    for (let r = 0; r < n; r++) {
      const row = yTrue[r];
      for (let c = 0; c < classes; c++) {
        const p = row[c];
        if (!(p >= 0 && p <= 1)) throw new LossbookError(`yTrue[${r}]`, `must be a probability in [0, 1], got ${describe(p)}`, c);
      }
      normalizer += sampleWeights === undefined ? 1 : sampleWeights[r];
    }
  } else {
    const labels = yTrue as Vector;
    for (let r = 0; r < n; r++) {
      const y = labels[r];
      if (!Number.isInteger(y) || y < 0 || y >= classes) {
        throw new LossbookError("yTrue", `must be a class index 0…${classes - 1}, got ${describe(y)}`, r);
      }
      normalizer += (sampleWeights === undefined ? 1 : sampleWeights[r]) * (classWeights === undefined ? 1 : classWeights[y]);
    }
    if (!(normalizer > 0)) {
      throw new LossbookError("options.classWeights", "the weights of the target classes sum to 0, so the mean is undefined");
    }
  }

  const perRow = wantValue && reduction === "none" ? new Float64Array(n) : undefined;
  const grad = wantGrad ? gradRows(options?.gradOut, n, classes) : undefined;
  const meanScale = reduction === "mean" ? 1 / normalizer : 1;
  const smoothShare = smoothing / classes;
  if (!rowTargets && classWeights === undefined && sampleWeights === undefined && smoothing === 0 && perRow === undefined) {
    const sum = plainIndexPass(yTrue as Vector, logits, classes, meanScale, grad);
    return { value: reduction === "mean" ? sum / normalizer : sum, grad };
  }
  let total = 0;
  // Σ of all logits: non-finite if any logit is (a −Infinity logit of a
  // non-target class would otherwise vanish into a finite loss).
  let logitSum = 0;
  for (let r = 0; r < n; r++) {
    const z = logits[r];
    const s = sampleWeights === undefined ? 1 : sampleWeights[r];
    // log-softmax as PyTorch computes it: (z_c − max) − log Σ e^{z_k − max}.
    let max = -Infinity;
    for (let c = 0; c < classes; c++) if (z[c] > max) max = z[c];
    // With a gradient to fill, its row first holds e^{z_c − max}: one exp per
    // logit, reused for softmax(z)_c = e^{z_c − max} / Σ.
    const g = grad === undefined ? undefined : grad[r];
    let sumExp = 0;
    for (let c = 0; c < classes; c++) {
      const e = exp(z[c] - max);
      if (g !== undefined) g[c] = e;
      sumExp += e;
      logitSum += z[c];
    }
    const logSum = Math.log(sumExp);
    // Row loss Σ_c t_c·(−log p_c) with target weights
    // t_c = w_c·((1 − ε)·target_c + ε/C); its gradient is (Σ_c t_c)·p − t.
    let loss = 0;
    let targetMass = 0;
    if (rowTargets) {
      const target = (yTrue as Matrix)[r];
      for (let c = 0; c < classes; c++) {
        const w = classWeights === undefined ? 1 : classWeights[c];
        const t = w * ((1 - smoothing) * target[c] + smoothShare);
        loss -= t * (z[c] - max - logSum);
        targetMass += t;
      }
    } else {
      const y = (yTrue as Vector)[r];
      const wy = classWeights === undefined ? 1 : classWeights[y];
      loss = (1 - smoothing) * wy * -(z[y] - max - logSum);
      targetMass = (1 - smoothing) * wy;
      if (smoothing > 0) {
        let smooth = 0;
        for (let c = 0; c < classes; c++) {
          const w = classWeights === undefined ? 1 : classWeights[c];
          smooth -= w * (z[c] - max - logSum);
        }
        loss += smoothShare * smooth;
        targetMass += smoothShare * classWeightSum;
      }
    }
    total += s * loss;
    if (perRow !== undefined) perRow[r] = s * loss;
    if (g !== undefined) {
      const scale = s * meanScale;
      const massOverSum = targetMass / sumExp;
      const y = rowTargets ? -1 : (yTrue as Vector)[r];
      for (let c = 0; c < classes; c++) {
        const w = classWeights === undefined ? 1 : classWeights[c];
        const t = rowTargets
          ? w * ((1 - smoothing) * (yTrue as Matrix)[r][c] + smoothShare)
          : (c === y ? (1 - smoothing) * w : 0) + smoothShare * w;
        g[c] = scale * (massOverSum * g[c] - t);
      }
    }
  }
  if (!Number.isFinite(total) || !Number.isFinite(logitSum)) checkRowsFinite("yPred", logits);
  const value = perRow ?? (reduction === "mean" ? total / normalizer : total);
  return { value, grad };
}

/**
 * Softmax cross-entropy (the document's §3.2 for C classes) on logit rows z:
 * l = −Σ_c t_c log softmax(z)_c, where t is the one-hot class (targets as
 * class indices) or a probability row, smoothed to (1 − ε)t + ε/C, and each
 * class term weighted by w_c. Mean = Σᵢ sᵢlᵢ / Σᵢ sᵢw_{yᵢ} for class indices,
 * Σᵢ sᵢlᵢ / Σᵢ sᵢ for probability rows. Matches
 * `torch.nn.functional.cross_entropy(weight=w, label_smoothing=ε)`.
 */
export const softmaxCrossEntropy = ((yTrue: ClassTargets, yPred: Matrix, options?: SoftmaxCrossEntropyOptions) =>
  run(yTrue, yPred, options, true, false).value) as MatrixLoss<ClassTargets, SoftmaxCrossEntropyOptions>;

/** Gradient of {@link softmaxCrossEntropy} w.r.t. the logits: ∂l/∂z_c = (Σ_k t_k)·softmax(z)_c − t_c (= softmax(z) − onehot(y) plainly). */
export const softmaxCrossEntropyGrad: MatrixLossGrad<ClassTargets, SoftmaxCrossEntropyOptions> = (yTrue, yPred, options) =>
  run(yTrue, yPred, options, false, true).grad as Float64Array[];

/** {@link softmaxCrossEntropy} and its gradient from one pass. */
export const softmaxCrossEntropyValueAndGrad = ((yTrue: ClassTargets, yPred: Matrix, options?: SoftmaxCrossEntropyOptions) => {
  const result = run(yTrue, yPred, options, true, true);
  return { value: result.value, grad: result.grad as Float64Array[] };
}) as MatrixLossValueAndGrad<ClassTargets, SoftmaxCrossEntropyOptions>;

/** Registry entry of {@link softmaxCrossEntropy}. */
export const softmaxCrossEntropyInfo: LossInfo = {
  id: "softmaxCrossEntropy",
  name: "Softmax cross-entropy",
  nameZh: "多分类（softmax）交叉熵",
  task: "classification",
  section: "3.2",
  formula: String.raw`\ell(y, z) = -\sum_{c=1}^{C} y_c \log \operatorname{softmax}(z)_c = \log\sum_{k=1}^{C} e^{z_k} - z_y`,
  gradient: String.raw`\frac{\partial \ell}{\partial z_c} = \operatorname{softmax}(z)_c - y_c`,
  defaults: { labelSmoothing: 0 },
  whenToUse: "Multi-class classification with one logit per class; label smoothing and class weights for over-confident or unbalanced data.",
  whenToUseZh: "每个类别一个对数几率的多分类；标签平滑和类别权重用于过度自信或类别不平衡的数据。",
  reference: "torch.nn.functional.cross_entropy",
  peers: lossPeers.softmaxCrossEntropy,
  input: "matrix",
  targets: "class indices 0…C−1, or probability rows",
  predictions: "logit rows (one logit per class)",
  axis: "logit",
  example: frozenExample({ yTrue: [0, 2, 1], yPred: [[2.0, 0.5, -1.0], [0.1, 0.3, 1.2], [-0.4, 0.8, 0.2]] }),
  value: softmaxCrossEntropy,
  grad: softmaxCrossEntropyGrad,
  valueAndGrad: softmaxCrossEntropyValueAndGrad,
};
