/** fitLogisticRegression: logistic regression on binary cross-entropy with logits. */
import { getLoss } from "../losses/registry";
import { checkOptionsObject } from "../validation";
import { sigmoid } from "../losses/stable";
import type { Features, LogisticRegressionModel, LogisticRegressionOptions } from "./models";
import { type LinearModelProblem, readSettings, report, trainLinearModel } from "./trainingLoop";
import { applyLinear, checkBinaryLabels, checkData, checkPredictRows, onStandardizedFeatures, readLossOptions, readStandardizeFeatures, readValidation, validateLoss, vectorBatchLoss } from "./fitInputs";

/**
 * Logistic regression p(y = 1 | x) = σ(w·x + b), fitted by minimising the mean
 * binary cross-entropy on the logits z = w·x + b (binaryCrossEntropyWithLogits,
 * the document's §3.2) with gradient descent: ∂L/∂z = σ(z) − y, so
 * ∂L/∂w = (1/n)Xᵀ(σ(z) − y) and ∂L/∂b = mean(σ(z) − y). Unregularised by
 * default, like sklearn `LogisticRegression(penalty=None)`; `l2: λ` matches
 * sklearn's C via λ = 1/(C·n). Labels y ∈ {0, 1}. Defaults: η = 0.5, 1000 epochs.
 * X may be a plain list of numbers for one feature.
 */
export function fitLogisticRegression(X: Features, y: ArrayLike<number>, options: LogisticRegressionOptions = {}): LogisticRegressionModel {
  const { rows, features } = checkData(X, y);
  checkOptionsObject(options);
  if (readStandardizeFeatures(options)) {
    return onStandardizedFeatures(rows, options, (Z, inner) => fitLogisticRegression(Z, y, inner), (model, scale) => ({
      decisionFunction: (Xs: Features) => model.decisionFunction(scale(Xs)),
      predictProbability: (Xs: Features) => model.predictProbability(scale(Xs)),
    }));
  }
  checkOptionsObject(options);
  checkBinaryLabels("y", y);
  const n = rows.length;
  const settings = readSettings(options, n, 0.5);
  const info = getLoss("binaryCrossEntropyWithLogits");
  const { rest, weights } = readLossOptions(options.lossOptions, n);
  const loss = vectorBatchLoss(info, y, rest, weights, settings.batchSize);
  validateLoss(loss, n, 1, settings.batchSize);
  const held = readValidation(options.validation, features);
  let validation: LinearModelProblem["validation"];
  if (held !== undefined) {
    checkBinaryLabels("options.validation.y", held.y);
    validation = { X: held.rows, loss: vectorBatchLoss(info, held.y, rest, undefined, held.rows.length) };
    validateLoss(validation.loss, held.rows.length, 1, held.rows.length, "options.validation.y");
  }
  const trained = trainLinearModel({ X: rows, features, outputs: 1, loss, validation }, settings);
  const weightVector = trained.weights;
  const decisionFunction = (X: Features) =>
    Float64Array.from(applyLinear(checkPredictRows(X, features), weightVector, trained.bias, features), (z) => z[0]);
  return {
    ...report(trained),
    weights: weightVector,
    bias: trained.bias[0],
    decisionFunction,
    predictProbability: (X) => decisionFunction(X).map(sigmoid),
    predict: (X) => decisionFunction(X).map((z) => (z >= 0 ? 1 : 0)),
  };
}
