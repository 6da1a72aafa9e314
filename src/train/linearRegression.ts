/** fitLinearRegression: linear regression under any regression loss of the registry. */
import { LossbookError } from "../errors";
import { getLoss, losses } from "../losses/registry";
import type { LossInfo } from "../losses/info";
import { checkFinite, checkOptionsObject, checkVector, describe } from "../validation";
import type { Features, LinearRegressionModel, LinearRegressionOptions } from "./models";
import { type LinearModelProblem, readSettings, report, trainLinearModel } from "./trainingLoop";
import { applyLinear, checkData, checkPredictRows, onStandardizedFeatures, readLossOptions, readStandardizeFeatures, readValidation, validateLoss, vectorBatchLoss } from "./fitInputs";

export const REGRESSION_IDS = () => losses.filter((info) => info.task === "regression" && info.input === "vector").map((info) => info.id);

/**
 * Linear regression ŷ = w·x + b fitted by minimising the mean of any regression
 * loss of the registry (MSE by default, Huber for data with outliers, …) with
 * gradient descent. With g = ∂L/∂ŷ from the loss's valueAndGrad, the chain rule
 * gives ∂L/∂w = Xᵀg and ∂L/∂b = Σᵢgᵢ (the document's §4.1 for MSE:
 * ∂L/∂θ₁ = (2/n)Σ(ŷᵢ − yᵢ)xᵢ). Starts from w = 0, b = 0, or from
 * `initialWeights` and `initialBias` (a warm start). The defaults
 * (η = 0.1, 1000 full-batch epochs) converge on standardised features; targets
 * far from 0 need more epochs with bounded-gradient losses (Huber, MAE), and
 * MAE settles exactly only with a decaying step (`learningRateDecay`).
 * With MSE the result is the least-squares solution (normal equations).
 * With "poissonNLL" it is Poisson regression: targets are counts and
 * `predict` returns log-rates z (the rate is e^z). X may be a plain list of
 * numbers for one feature.
 */
export function fitLinearRegression(X: Features, y: ArrayLike<number>, options: LinearRegressionOptions = {}): LinearRegressionModel {
  const { rows, features } = checkData(X, y);
  checkOptionsObject(options);
  if (readStandardizeFeatures(options)) {
    if (options.initialWeights !== undefined || options.initialBias !== undefined) {
      throw new LossbookError("options.initialWeights", "a warm start cannot be combined with standardizeFeatures: standardise X yourself (standardize) and start from weights in those units");
    }
    return onStandardizedFeatures(rows, options, (Z, inner) => fitLinearRegression(Z, y, inner));
  }
  const id = options.loss ?? "mse";
  let info: LossInfo;
  try {
    info = getLoss(id);
  } catch {
    throw new LossbookError("options.loss", `unknown loss ${describe(id)}; regression losses: ${REGRESSION_IDS().join(", ")}`);
  }
  if (info.task !== "regression" || info.input !== "vector") {
    throw new LossbookError("options.loss", `"${id}" is a ${info.task} loss; fitLinearRegression needs a regression loss: ${REGRESSION_IDS().join(", ")}`);
  }
  const n = rows.length;
  const settings = readSettings(options, n, 0.1);
  const { rest, weights } = readLossOptions(options.lossOptions, n);
  const loss = vectorBatchLoss(info, y, rest, weights, settings.batchSize);
  validateLoss(loss, n, 1, settings.batchSize);
  const held = readValidation(options.validation, features);
  let validation: LinearModelProblem["validation"];
  if (held !== undefined) {
    validation = { X: held.rows, loss: vectorBatchLoss(info, held.y, rest, undefined, held.rows.length) };
    validateLoss(validation.loss, held.rows.length, 1, held.rows.length, "options.validation.y");
  }
  const initial = readInitialParameters(options, features);
  const trained = trainLinearModel({ X: rows, features, outputs: 1, loss, validation, initial }, settings);
  const weightVector = trained.weights;
  const bias = trained.bias[0];
  return {
    ...report(trained),
    weights: weightVector,
    bias,
    loss: id,
    predict: (X) => Float64Array.from(applyLinear(checkPredictRows(X, features), weightVector, trained.bias, features), (z) => z[0]),
  };
}

/** The warm start of fitLinearRegression (initialWeights, initialBias) as [w₁ … w_d, b]; undefined for a cold start. */
function readInitialParameters(options: LinearRegressionOptions, features: number): Float64Array | undefined {
  const { initialWeights, initialBias } = options;
  if (initialWeights === undefined && initialBias === undefined) return undefined;
  const initial = new Float64Array(features + 1);
  if (initialWeights !== undefined) {
    checkVector("options.initialWeights", initialWeights);
    if (initialWeights.length !== features) {
      throw new LossbookError("options.initialWeights", `has ${initialWeights.length} entries but X has ${features} feature${features === 1 ? "" : "s"}; give one weight per feature`);
    }
    checkFinite("options.initialWeights", initialWeights);
    initial.set(initialWeights);
  }
  if (initialBias !== undefined) {
    if (typeof initialBias !== "number" || !Number.isFinite(initialBias)) {
      throw new LossbookError("options.initialBias", `must be a finite number, got ${describe(initialBias)}`);
    }
    initial[features] = initialBias;
  }
  return initial;
}
