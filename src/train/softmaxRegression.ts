/** fitSoftmaxRegression: softmax regression on softmax cross-entropy. */
import { getLoss } from "../losses/registry";
import { checkInteger, checkNumberInRange, checkOptionsObject } from "../validation";
import { softmax } from "../losses/stable";
import { standardize } from "../data/preprocess";
import type { Features, SoftmaxRegressionModel, SoftmaxRegressionOptions } from "./models";
import { type BatchLoss, type LinearModelProblem, readSettings, report, trainLinearModel } from "./trainingLoop";
import { applyLinear, checkBelow, checkClassIndices, checkData, checkPredictRows, makeGatherer, optionsPerBuffer, readLossOptions, readStandardizeFeatures, readValidation, toRows, validateLoss } from "./fitInputs";

/** Row views of a flat row-major buffer, `width` per row, built once per row count and buffer view. */
export function rowViews(width: number): (flat: Float64Array, count: number) => Float64Array[] {
  const views = new Map<number, Float64Array[]>();
  return (flat, count) => {
    let list = views.get(count);
    if (list === undefined || list[0].buffer !== flat.buffer || list[0].byteOffset !== flat.byteOffset) {
      list = Array.from({ length: count }, (_, r) => flat.subarray(r * width, (r + 1) * width));
      views.set(count, list);
    }
    return list;
  };
}

/**
 * softmaxCrossEntropy as a BatchLoss on `classes` outputs per row; it writes
 * its gradient rows straight into views of the trainer's buffer (`gradOut`).
 */
export function softmaxBatchLoss(y: ArrayLike<number>, lossOptions: Record<string, unknown>, weights: ArrayLike<number> | undefined, batchSize: number, classes: number): BatchLoss {
  const gather = makeGatherer(y, weights, batchSize);
  const valueAndGrad = getLoss("softmaxCrossEntropy").valueAndGrad;
  // Row views into the trainer's buffers, built once per batch length
  // (the buffers are the same on every call, only their length changes).
  const outputRows = rowViews(classes);
  const gradientRows = rowViews(classes);
  const optionsFor = optionsPerBuffer<Float64Array[]>(lossOptions);
  return (rows, outputs, gradOut) => {
    const { yBatch, weightBatch } = gather(rows);
    const options = optionsFor(gradientRows(gradOut, rows.length), weightBatch);
    return (valueAndGrad(yBatch, outputRows(outputs, rows.length), options) as { value: number }).value;
  };
}

/**
 * Softmax (multinomial logistic) regression p(y = c | x) = softmax(Wx + b)_c,
 * fitted by minimising the mean softmax cross-entropy (the document's §3.2 for
 * C classes), optionally with label smoothing ε. With G = softmax(Z) − T (T the
 * (smoothed) one-hot targets, divided by n) the gradients are ∂L/∂W = Gᵀ X and
 * ∂L/∂b = Σᵢ Gᵢ. Starting from W = 0, Σ_c W_c stays 0, the same
 * parameterisation sklearn's unregularised multinomial fit reports.
 * Labels are class indices 0…C−1. Defaults: η = 0.5, 1000 epochs.
 * X may be a plain list of numbers for one feature.
 */
export function fitSoftmaxRegression(X: Features, y: ArrayLike<number>, options: SoftmaxRegressionOptions = {}): SoftmaxRegressionModel {
  const { rows, features } = checkData(X, y);
  checkOptionsObject(options);
  if (readStandardizeFeatures(options)) {
    // Per class c: W_cj = W′_cj/σⱼ, b_c = b′_c − Σⱼ W_cj·μⱼ, as for one output.
    const scaling = standardize(rows as number[][]);
    const scale = (Xs: Features) => scaling.transform(toRows(Xs) as number[][]);
    const validation = options.validation === undefined ? undefined : { ...options.validation, X: scale(options.validation.X) };
    const model = fitSoftmaxRegression(scaling.X, y, { ...options, standardizeFeatures: false, validation });
    const divisor = scaling.std.map((s) => (s > 0 ? s : 1));
    const weights = model.weights.map((row) => Float64Array.from(row, (w, j) => w / divisor[j]));
    const bias = Float64Array.from(model.bias, (b, c) => weights[c].reduce((total, w, j) => total - w * scaling.mean[j], b));
    return {
      ...model,
      weights,
      bias,
      predict: (Xs) => model.predict(scale(Xs)),
      predictProbabilities: (Xs) => model.predictProbabilities(scale(Xs)),
      decisionFunction: (Xs) => model.decisionFunction(scale(Xs)),
      featureScaling: { mean: [...scaling.mean], std: [...scaling.std] },
    };
  }
  const largest = checkClassIndices("y", y);
  const classes = checkInteger("options.classes", options.classes ?? largest + 1, 2);
  checkBelow("y", y, classes);
  const n = rows.length;
  const settings = readSettings(options, n, 0.5);
  const { rest, weights: sampleWeights } = readLossOptions(options.lossOptions, n, ["labelSmoothing"]);
  const lossOptions: Record<string, unknown> = { ...rest };
  if (options.labelSmoothing !== undefined) lossOptions.labelSmoothing = options.labelSmoothing;
  const loss = softmaxBatchLoss(y, lossOptions, sampleWeights, settings.batchSize, classes);
  if (options.labelSmoothing !== undefined) checkNumberInRange("options.labelSmoothing", options.labelSmoothing, 0, 1);
  validateLoss(loss, n, classes, settings.batchSize);
  const held = readValidation(options.validation, features);
  let validation: LinearModelProblem["validation"];
  if (held !== undefined) {
    checkClassIndices("options.validation.y", held.y);
    checkBelow("options.validation.y", held.y, classes);
    validation = { X: held.rows, loss: softmaxBatchLoss(held.y, lossOptions, undefined, held.rows.length, classes) };
    validateLoss(validation.loss, held.rows.length, classes, held.rows.length, "options.validation.y");
  }
  const trained = trainLinearModel({ X: rows, features, outputs: classes, loss, validation }, settings);
  const weightRows = Array.from({ length: classes }, (_, c) => trained.weights.slice(c * features, (c + 1) * features));
  const decisionFunction = (X: Features) => applyLinear(checkPredictRows(X, features), trained.weights, trained.bias, features);
  return {
    ...report(trained),
    weights: weightRows,
    bias: trained.bias,
    decisionFunction,
    predictProbabilities: (X) => decisionFunction(X).map((z) => softmax(z)),
    predict: (X) =>
      Float64Array.from(decisionFunction(X), (z) => {
        let best = 0;
        for (let c = 1; c < classes; c++) if (z[c] > z[best]) best = c;
        return best;
      }),
  };
}
