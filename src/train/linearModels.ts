import { LossbookError } from "../errors";
import type { Matrix } from "../types";
import { getLoss, losses } from "../losses/registry";
import type { LossInfo } from "../losses/info";
import { checkFinite, checkMatrix, checkVector, describe } from "../losses/validate";
import { sigmoid, softmax } from "../losses/stable";
import { createRandom } from "../data/random";
import { checkInteger, checkNumberInRange, checkOptionsObject } from "../data/checks";

/** Options shared by the three fitters. */
export interface FitOptions {
  /** Step size η > 0 (default 0.1 for linear, 0.5 for logistic and softmax regression). */
  learningRate?: number;
  /** Passes over the data (default 1000). */
  epochs?: number;
  /**
   * Rows per update (default: all rows, i.e. full-batch gradient descent).
   * Smaller batches give mini-batch SGD, with the rows reshuffled (seeded) every epoch.
   */
  batchSize?: number;
  /** Momentum μ ∈ [0, 1) of the heavy-ball update v = μv − η∇, θ += v (default 0). */
  momentum?: number;
  /** Seed of the mini-batch shuffle (default 0). */
  seed?: number;
  /** L2 penalty λ ≥ 0: minimises mean loss + (λ/2)‖w‖², the bias not penalised (default 0). */
  l2?: number;
  /**
   * Full-batch only: stop early once the gradient norm of the objective is
   * ≤ tolerance (default 1e-8; 0 runs every epoch).
   */
  tolerance?: number;
}

/** Options of {@link fitLinearRegression}. */
export interface LinearRegressionOptions extends FitOptions {
  /** Registry id of a regression loss: "mse" (default), "huber", … */
  loss?: string;
  /** Options of that loss, e.g. `{ delta: 1.5 }` for Huber, or per-sample `weights`. */
  lossOptions?: Record<string, unknown>;
}

/** Options of {@link fitLogisticRegression}. */
export interface LogisticRegressionOptions extends FitOptions {
  /** Options of binaryCrossEntropyWithLogits, e.g. `{ posWeight: 3 }` or per-sample `weights`. */
  lossOptions?: Record<string, unknown>;
}

/** Options of {@link fitSoftmaxRegression}. */
export interface SoftmaxRegressionOptions extends FitOptions {
  /** Number of classes C (default: largest label + 1). */
  classes?: number;
  /** Label smoothing ε ∈ [0, 1] of the cross-entropy (default 0). */
  labelSmoothing?: number;
  /** Other options of softmaxCrossEntropy, e.g. `{ classWeights }` or per-sample `weights`. */
  lossOptions?: Record<string, unknown>;
}

/** What every fitter reports about the run besides the parameters. */
export interface TrainingReport {
  /** Loss per epoch: the mean of that epoch's mini-batch losses (with full batches, the loss before the epoch's update). */
  history: number[];
  /** The training objective (mean loss + penalty) at the returned parameters. */
  finalLoss: number;
  /** Epochs run. */
  epochs: number;
  /** True when a full-batch run stopped on the gradient tolerance. */
  converged: boolean;
  /** True when the loss or the parameters became non-finite or exploded; training stopped there. */
  diverged: boolean;
}

/** A fitted linear regression ŷ = w·x + b. */
export interface LinearRegressionModel extends TrainingReport {
  weights: Float64Array;
  bias: number;
  /** The registry id of the loss that was minimised. */
  loss: string;
  predict(X: Matrix): Float64Array;
}

/** A fitted logistic regression p(y = 1 | x) = σ(w·x + b). */
export interface LogisticRegressionModel extends TrainingReport {
  weights: Float64Array;
  bias: number;
  /** Class 1 where p ≥ 0.5, else 0. */
  predict(X: Matrix): Float64Array;
  /** p(y = 1 | x) = σ(w·x + b) per row. */
  predictProbability(X: Matrix): Float64Array;
  /** The logit w·x + b per row. */
  decisionFunction(X: Matrix): Float64Array;
}

/** A fitted softmax regression p(y = c | x) = softmax(Wx + b)_c. */
export interface SoftmaxRegressionModel extends TrainingReport {
  /** One weight vector per class. */
  weights: Float64Array[];
  /** One bias per class. */
  bias: Float64Array;
  /** The most probable class per row. */
  predict(X: Matrix): Float64Array;
  /** The class probabilities per row. */
  predictProbabilities(X: Matrix): Float64Array[];
  /** The logits Wx + b per row. */
  decisionFunction(X: Matrix): Float64Array[];
}

/**
 * How a loss sees a batch: it gets the batch's row indices and the model's
 * outputs for them (row-major, `outputs` per row), writes ∂(mean loss)/∂output
 * into `gradOut` and returns the mean loss.
 */
type BatchLoss = (rows: Int32Array, outputs: Float64Array, gradOut: Float64Array) => number;

interface LinearModelProblem {
  X: Matrix;
  features: number;
  outputs: number;
  loss: BatchLoss;
}

interface TrainedParameters extends TrainingReport {
  /** outputs × features, row-major. */
  weights: Float64Array;
  bias: Float64Array;
}

interface TrainingSettings {
  learningRate: number;
  epochs: number;
  batchSize: number;
  momentum: number;
  seed: number;
  l2: number;
  tolerance: number;
}

const DIVERGENCE_FACTOR = 1e10;

/**
 * The one training loop behind the fitters: a linear model z = Wx + b with
 * `outputs` outputs, trained by (mini-batch) gradient descent with momentum on
 * mean loss + (λ/2)‖W‖². By the chain rule, with g = ∂L/∂z for a batch B:
 * ∂L/∂W = Σ_{i∈B} gᵢ xᵢᵀ (= Xᵀg) and ∂L/∂b = Σ_{i∈B} gᵢ.
 */
function trainLinearModel(problem: LinearModelProblem, settings: TrainingSettings): TrainedParameters {
  const { X, features, outputs, loss } = problem;
  const n = X.length;
  const parameterCount = outputs * features + outputs;
  // Parameters: weights (outputs × features, row-major), then the biases.
  const parameters = new Float64Array(parameterCount);
  const velocity = new Float64Array(parameterCount);
  const gradient = new Float64Array(parameterCount);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const batchSize = settings.batchSize;
  const fullBatch = batchSize >= n;
  const z = new Float64Array(batchSize * outputs);
  const g = new Float64Array(batchSize * outputs);
  const random = createRandom(settings.seed);
  const biasOffset = outputs * features;

  /** z = Wx + b for the batch rows; false when an output is not finite. */
  const forward = (rows: Int32Array): boolean => {
    let finite = true;
    for (let r = 0; r < rows.length; r++) {
      const x = X[rows[r]];
      for (let c = 0; c < outputs; c++) {
        let sum = parameters[biasOffset + c];
        const base = c * features;
        for (let j = 0; j < features; j++) sum += parameters[base + j] * x[j];
        z[r * outputs + c] = sum;
        if (!Number.isFinite(sum)) finite = false;
      }
    }
    return finite;
  };

  /** Objective and its gradient (into `gradient`) on a batch; NaN when the outputs overflowed. */
  const objectiveAndGradient = (rows: Int32Array): number => {
    if (!forward(rows)) return Number.NaN;
    const outputsView = z.subarray(0, rows.length * outputs);
    const gradView = g.subarray(0, rows.length * outputs);
    let value = loss(rows, outputsView, gradView);
    gradient.fill(0);
    for (let r = 0; r < rows.length; r++) {
      const x = X[rows[r]];
      for (let c = 0; c < outputs; c++) {
        const gi = gradView[r * outputs + c];
        if (gi === 0) continue;
        const base = c * features;
        for (let j = 0; j < features; j++) gradient[base + j] += gi * x[j];
        gradient[biasOffset + c] += gi;
      }
    }
    if (settings.l2 > 0) {
      let squares = 0;
      for (let k = 0; k < biasOffset; k++) {
        squares += parameters[k] * parameters[k];
        gradient[k] += settings.l2 * parameters[k];
      }
      value += 0.5 * settings.l2 * squares;
    }
    return value;
  };

  const history: number[] = [];
  let converged = false;
  let diverged = false;
  let explodeAbove = Number.POSITIVE_INFINITY;
  let epoch = 0;
  for (; epoch < settings.epochs; epoch++) {
    if (!fullBatch) random.shuffle(order);
    let epochTotal = 0;
    for (let start = 0; start < n; start += batchSize) {
      const rows = order.subarray(start, Math.min(n, start + batchSize));
      const value = objectiveAndGradient(rows);
      if (explodeAbove === Number.POSITIVE_INFINITY && Number.isFinite(value)) explodeAbove = DIVERGENCE_FACTOR * (Math.abs(value) + 1);
      if (!Number.isFinite(value) || Math.abs(value) > explodeAbove) {
        diverged = true;
        epochTotal = Number.NaN;
        break;
      }
      epochTotal += value * rows.length;
      if (fullBatch && settings.tolerance > 0) {
        let squares = 0;
        for (let k = 0; k < parameterCount; k++) squares += gradient[k] * gradient[k];
        if (Math.sqrt(squares) <= settings.tolerance) {
          converged = true;
          break;
        }
      }
      for (let k = 0; k < parameterCount; k++) {
        velocity[k] = settings.momentum * velocity[k] - settings.learningRate * gradient[k];
        parameters[k] += velocity[k];
      }
    }
    if (diverged) {
      history.push(Number.NaN);
      epoch++;
      break;
    }
    if (converged) break; // this epoch made no update: it is not counted
    history.push(epochTotal / n);
  }
  const finalLoss = diverged ? Number.NaN : objectiveOnAll();
  return {
    weights: parameters.slice(0, biasOffset),
    bias: parameters.slice(biasOffset),
    history,
    finalLoss,
    epochs: epoch,
    converged,
    diverged,
  };

  function objectiveOnAll(): number {
    // Evaluate in batches of batchSize so the work buffers suffice, then take the row-weighted mean.
    let total = 0;
    for (let start = 0; start < n; start += batchSize) {
      const rows = new Int32Array(Math.min(n, start + batchSize) - start);
      for (let r = 0; r < rows.length; r++) rows[r] = start + r;
      if (!forward(rows)) return Number.NaN;
      total += loss(rows, z.subarray(0, rows.length * outputs), g.subarray(0, rows.length * outputs)) * rows.length;
    }
    let penalty = 0;
    for (let k = 0; k < biasOffset; k++) penalty += parameters[k] * parameters[k];
    return total / n + 0.5 * settings.l2 * penalty;
  }
}

function readSettings(options: FitOptions, n: number, defaultLearningRate: number): TrainingSettings {
  const learningRate = options.learningRate ?? defaultLearningRate;
  if (typeof learningRate !== "number" || !Number.isFinite(learningRate) || learningRate <= 0) {
    throw new LossbookError("options.learningRate", `must be a finite number > 0, got ${describe(learningRate)}`);
  }
  const epochs = checkInteger("options.epochs", options.epochs ?? 1000, 1);
  const batchSize = Math.min(n, checkInteger("options.batchSize", options.batchSize ?? n, 1));
  const momentum = options.momentum ?? 0;
  if (typeof momentum !== "number" || !(momentum >= 0 && momentum < 1)) {
    throw new LossbookError("options.momentum", `must be a number in [0, 1), got ${describe(momentum)}`);
  }
  const seed = checkInteger("options.seed", options.seed ?? 0, Number.MIN_SAFE_INTEGER);
  const l2 = checkNumberInRange("options.l2", options.l2 ?? 0, 0, Number.MAX_VALUE);
  const tolerance = checkNumberInRange("options.tolerance", options.tolerance ?? 1e-8, 0, Number.MAX_VALUE);
  return { learningRate, epochs, batchSize, momentum, seed, l2, tolerance };
}

/** Validates X (rows of one length, finite) and y (finite, one per row); returns the number of features. */
function checkData(X: unknown, y: unknown): number {
  const features = checkMatrix("X", X);
  checkVector("y", y);
  if (y.length !== (X as Matrix).length) {
    throw new LossbookError("y", `has length ${y.length} but X has ${(X as Matrix).length} rows; they must match`);
  }
  checkFinite("y", y);
  return features;
}

/**
 * Reads `lossOptions`: the trainers minimise the mean loss, so `reduction` must
 * be absent or "mean"; per-sample `weights` must have one entry per row.
 */
function readLossOptions(lossOptions: unknown, n: number, reserved: string[] = []): { rest: Record<string, unknown>; weights?: ArrayLike<number> } {
  checkOptionsObject(lossOptions, "options.lossOptions");
  const { reduction, weights, ...rest } = (lossOptions ?? {}) as Record<string, unknown>;
  if (reduction !== undefined && reduction !== "mean") {
    throw new LossbookError("options.lossOptions.reduction", `the trainers minimise the mean loss; leave it out or use "mean", got ${describe(reduction)}`);
  }
  for (const key of reserved) {
    if (key in rest) throw new LossbookError(`options.lossOptions.${key}`, `give it as options.${key} instead`);
  }
  if (weights !== undefined) {
    checkVector("options.lossOptions.weights", weights);
    if (weights.length !== n) {
      throw new LossbookError("options.lossOptions.weights", `has length ${weights.length} but there are ${n} rows; they must match`);
    }
  }
  return { rest, weights: weights as ArrayLike<number> | undefined };
}

/**
 * Evaluates the loss once on every row (outputs all 0) before training, so that
 * a bad target or loss option is reported up front, under the fitter's names
 * (y, options.lossOptions.delta) rather than the loss's (yTrue, options.delta).
 */
function validateLoss(loss: BatchLoss, n: number, outputs: number, batchSize: number): void {
  const z = new Float64Array(batchSize * outputs);
  const g = new Float64Array(batchSize * outputs);
  try {
    for (let start = 0; start < n; start += batchSize) {
      const rows = new Int32Array(Math.min(n, start + batchSize) - start);
      for (let r = 0; r < rows.length; r++) rows[r] = start + r;
      try {
        loss(rows, z.subarray(0, rows.length * outputs), g.subarray(0, rows.length * outputs));
      } catch (error) {
        // Indices in the loss's message are within the batch: shift them to rows of y.
        if (error instanceof LossbookError && error.argument === "yTrue" && error.index !== undefined) {
          throw new LossbookError("y", error.message.slice(error.message.indexOf(": ") + 2), start + error.index);
        }
        throw error;
      }
    }
  } catch (error) {
    if (!(error instanceof LossbookError)) throw error;
    const argument = error.argument.startsWith("options.") ? `options.lossOptions.${error.argument.slice("options.".length)}` : error.argument === "yTrue" ? "y" : error.argument;
    throw new LossbookError(argument, error.message.slice(error.message.indexOf(": ") + 2), error.index);
  }
}

/** Gathers y[rows] and (when given) weights[rows] into reusable buffers. */
function makeGatherer(y: ArrayLike<number>, weights: ArrayLike<number> | undefined, batchSize: number) {
  const yBuffer = new Float64Array(batchSize);
  const weightBuffer = weights === undefined ? undefined : new Float64Array(batchSize);
  return (rows: Int32Array) => {
    for (let r = 0; r < rows.length; r++) {
      yBuffer[r] = y[rows[r]];
      if (weightBuffer !== undefined) weightBuffer[r] = (weights as ArrayLike<number>)[rows[r]];
    }
    return { yBatch: yBuffer.subarray(0, rows.length), weightBatch: weightBuffer?.subarray(0, rows.length) };
  };
}

/** A vector loss (regression or binary) as a BatchLoss on one output per row. */
function vectorBatchLoss(info: LossInfo, y: ArrayLike<number>, lossOptions: unknown, n: number, batchSize: number): BatchLoss {
  const { rest, weights } = readLossOptions(lossOptions, n);
  const gather = makeGatherer(y, weights, batchSize);
  const valueAndGrad = info.valueAndGrad;
  return (rows, outputs, gradOut) => {
    const { yBatch, weightBatch } = gather(rows);
    const options = weightBatch === undefined ? rest : { ...rest, weights: weightBatch };
    const result = valueAndGrad(yBatch, outputs, options) as { value: number; grad: Float64Array };
    gradOut.set(result.grad);
    return result.value;
  };
}

/** Applies a linear map z = Wx + b to validated rows; `outputs` values per row. */
function applyLinear(X: Matrix, weights: Float64Array, bias: Float64Array, features: number): Float64Array[] {
  const outputs = bias.length;
  return X.map((x) => {
    const z = new Float64Array(outputs);
    for (let c = 0; c < outputs; c++) {
      let sum = bias[c];
      for (let j = 0; j < features; j++) sum += weights[c * features + j] * x[j];
      z[c] = sum;
    }
    return z;
  });
}

/** Validates rows given to a model's predict: same number of features as in training. */
function checkPredictRows(X: unknown, features: number): Matrix {
  const width = checkMatrix("X", X);
  if (width !== features) throw new LossbookError("X", `rows have ${width} features but the model was trained on ${features}`);
  return X as Matrix;
}

const REGRESSION_IDS = () => losses.filter((info) => info.task === "regression" && info.input === "vector").map((info) => info.id);

/**
 * Linear regression ŷ = w·x + b fitted by minimising the mean of any regression
 * loss of the registry (MSE by default, Huber for data with outliers, …) with
 * gradient descent. With g = ∂L/∂ŷ from the loss's valueAndGrad, the chain rule
 * gives ∂L/∂w = Xᵀg and ∂L/∂b = Σᵢgᵢ (the document's §4.1 for MSE:
 * ∂L/∂θ₁ = (2/n)Σ(ŷᵢ − yᵢ)xᵢ). Starts from w = 0, b = 0. The defaults
 * (η = 0.1, 1000 full-batch epochs) converge on standardised features; targets
 * far from 0 need more epochs with bounded-gradient losses (Huber, MAE).
 * With MSE the result is the least-squares solution (normal equations).
 * With "poissonNLL" it is Poisson regression: targets are counts and
 * `predict` returns log-rates z (the rate is e^z).
 */
export function fitLinearRegression(X: Matrix, y: ArrayLike<number>, options: LinearRegressionOptions = {}): LinearRegressionModel {
  const features = checkData(X, y);
  checkOptionsObject(options);
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
  const n = X.length;
  const settings = readSettings(options, n, 0.1);
  const loss = vectorBatchLoss(info, y, options.lossOptions, n, settings.batchSize);
  validateLoss(loss, n, 1, settings.batchSize);
  const trained = trainLinearModel({ X, features, outputs: 1, loss }, settings);
  const weights = trained.weights;
  const bias = trained.bias[0];
  return {
    ...report(trained),
    weights,
    bias,
    loss: id,
    predict: (rows) => Float64Array.from(applyLinear(checkPredictRows(rows, features), weights, trained.bias, features), (z) => z[0]),
  };
}

/**
 * Logistic regression p(y = 1 | x) = σ(w·x + b), fitted by minimising the mean
 * binary cross-entropy on the logits z = w·x + b (binaryCrossEntropyWithLogits,
 * the document's §3.2) with gradient descent: ∂L/∂z = σ(z) − y, so
 * ∂L/∂w = (1/n)Xᵀ(σ(z) − y) and ∂L/∂b = mean(σ(z) − y). Unregularised by
 * default, like sklearn `LogisticRegression(penalty=None)`; `l2: λ` matches
 * sklearn's C via λ = 1/(C·n). Labels y ∈ {0, 1}. Defaults: η = 0.5, 1000 epochs.
 */
export function fitLogisticRegression(X: Matrix, y: ArrayLike<number>, options: LogisticRegressionOptions = {}): LogisticRegressionModel {
  const features = checkData(X, y);
  checkOptionsObject(options);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new LossbookError("y", `must be a label 0 or 1, got ${describe(y[i])}`, i);
  }
  const n = X.length;
  const settings = readSettings(options, n, 0.5);
  const loss = vectorBatchLoss(getLoss("binaryCrossEntropyWithLogits"), y, options.lossOptions, n, settings.batchSize);
  validateLoss(loss, n, 1, settings.batchSize);
  const trained = trainLinearModel({ X, features, outputs: 1, loss }, settings);
  const weights = trained.weights;
  const decisionFunction = (rows: Matrix) =>
    Float64Array.from(applyLinear(checkPredictRows(rows, features), weights, trained.bias, features), (z) => z[0]);
  return {
    ...report(trained),
    weights,
    bias: trained.bias[0],
    decisionFunction,
    predictProbability: (rows) => decisionFunction(rows).map(sigmoid),
    predict: (rows) => decisionFunction(rows).map((z) => (z >= 0 ? 1 : 0)),
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
 */
export function fitSoftmaxRegression(X: Matrix, y: ArrayLike<number>, options: SoftmaxRegressionOptions = {}): SoftmaxRegressionModel {
  const features = checkData(X, y);
  checkOptionsObject(options);
  let largest = 0;
  for (let i = 0; i < y.length; i++) {
    if (!Number.isInteger(y[i]) || y[i] < 0) throw new LossbookError("y", `must be a class index 0, 1, 2, …, got ${describe(y[i])}`, i);
    largest = Math.max(largest, y[i]);
  }
  const classes = checkInteger("options.classes", options.classes ?? largest + 1, 2);
  if (largest >= classes) {
    const i = Array.prototype.findIndex.call(y, (label: number) => label >= classes);
    throw new LossbookError("y", `must be a class index below options.classes = ${classes}, got ${y[i]}`, i);
  }
  const n = X.length;
  const settings = readSettings(options, n, 0.5);
  const { rest, weights: sampleWeights } = readLossOptions(options.lossOptions, n, ["labelSmoothing"]);
  const lossOptions: Record<string, unknown> = { ...rest };
  if (options.labelSmoothing !== undefined) lossOptions.labelSmoothing = options.labelSmoothing;
  const gather = makeGatherer(y, sampleWeights, settings.batchSize);
  const valueAndGrad = getLoss("softmaxCrossEntropy").valueAndGrad;
  // Row views into the trainer's output buffer, built once per batch length
  // (the buffer is the same on every call, only its length changes).
  const views = new Map<number, Float64Array[]>();
  const rowsOf = (flat: Float64Array, count: number): Float64Array[] => {
    let list = views.get(count);
    if (list === undefined || list[0].buffer !== flat.buffer || list[0].byteOffset !== flat.byteOffset) {
      list = Array.from({ length: count }, (_, r) => flat.subarray(r * classes, (r + 1) * classes));
      views.set(count, list);
    }
    return list;
  };
  const loss: BatchLoss = (rows, outputs, gradOut) => {
    const { yBatch, weightBatch } = gather(rows);
    const options = weightBatch === undefined ? lossOptions : { ...lossOptions, weights: weightBatch };
    const result = valueAndGrad(yBatch, rowsOf(outputs, rows.length), options) as { value: number; grad: Float64Array[] };
    for (let r = 0; r < rows.length; r++) gradOut.set(result.grad[r], r * classes);
    return result.value;
  };
  if (options.labelSmoothing !== undefined) checkNumberInRange("options.labelSmoothing", options.labelSmoothing, 0, 1);
  validateLoss(loss, n, classes, settings.batchSize);
  const trained = trainLinearModel({ X, features, outputs: classes, loss }, settings);
  const weightRows = Array.from({ length: classes }, (_, c) => trained.weights.slice(c * features, (c + 1) * features));
  const decisionFunction = (rows: Matrix) => applyLinear(checkPredictRows(rows, features), trained.weights, trained.bias, features);
  return {
    ...report(trained),
    weights: weightRows,
    bias: trained.bias,
    decisionFunction,
    predictProbabilities: (rows) => decisionFunction(rows).map((z) => softmax(z)),
    predict: (rows) =>
      Float64Array.from(decisionFunction(rows), (z) => {
        let best = 0;
        for (let c = 1; c < classes; c++) if (z[c] > z[best]) best = c;
        return best;
      }),
  };
}

function report(trained: TrainedParameters): TrainingReport {
  return {
    history: trained.history,
    finalLoss: trained.finalLoss,
    epochs: trained.epochs,
    converged: trained.converged,
    diverged: trained.diverged,
  };
}
