import { LossbookError } from "../errors";
import type { Matrix, Vector } from "../types";
import { getLoss, losses } from "../losses/registry";
import type { LossInfo } from "../losses/info";
import { checkFinite, checkMatrix, checkVector, describe } from "../validation";
import { sigmoid, softmax } from "../losses/stable";
import { createRandom } from "../data/random";
import { standardize } from "../data/preprocess";
import { checkInteger, checkNumberInRange, checkOptionsObject } from "../validation";

/**
 * The inputs of a fitter or of a model's predict: rows of features, or a plain
 * list of numbers for a single feature (each value is one row, so `[1, 2, 3]`
 * means the same as `[[1], [2], [3]]`).
 */
export type Features = Matrix | Vector;

/** Held-out data scored after every epoch (see {@link FitOptions.validation}). */
export interface ValidationData {
  X: Features;
  y: ArrayLike<number>;
}

/** Options shared by the three fitters. */
export interface FitOptions {
  /**
   * Fit on standardised features zⱼ = (xⱼ − μⱼ)/σⱼ (well-conditioned, so one
   * learning rate suits every column) and report the weights and bias in the
   * original units: wⱼ = w′ⱼ/σⱼ, b = b′ − Σⱼ w′ⱼμⱼ/σⱼ (a constant column, σⱼ = 0,
   * is only centred). `predict` takes original rows. Default false.
   */
  standardizeFeatures?: boolean;
  /** Step size η > 0 (default 0.1 for linear, 0.5 for logistic and softmax regression). */
  learningRate?: number;
  /**
   * Inverse-time decay d ≥ 0 of the step size: epoch t = 0, 1, 2, … uses
   * η_t = η / (1 + d·t) (default 0, a constant step). The steps still add up
   * to infinity but their squares do not (the Robbins–Monro conditions), so
   * gradient descent on a loss with a kink (MAE, quantile, Huber's linear part)
   * settles at the minimum instead of hopping around it at a distance of order η.
   * The schedule of Keras `InverseTimeDecay(η, decay_steps=1, decay_rate=d)`
   * with one step per epoch.
   */
  learningRateDecay?: number;
  /**
   * Held-out rows {X, y} (same features and kind of labels as the training
   * data) to score while training: the result's `validationHistory[k]` is
   * their loss during epoch k + 1 by the same rule as `history[k]` (see
   * {@link TrainingReport.history}). The loss is the training objective: the
   * same loss and loss options (but no per-sample weights) plus the same L2
   * penalty, as Keras reports `val_loss`. It costs one pass over these rows
   * per update (per mini-batch).
   */
  validation?: ValidationData;
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
  /**
   * The training objective per epoch: history[k] is the mean loss during epoch
   * k + 1, i.e. Σ_b (|B_b|/n)·L_b over that epoch's mini-batches B_b, each L_b
   * measured on its batch at the parameters before that batch's update. With
   * full batches (the default) there is one update per epoch, so history[k] is
   * the loss at the parameters epoch k + 1 starts from: history[0] is the loss
   * of the initial parameters (w = 0, b = 0) and the loss after the last
   * update is `finalLoss`. lossCurvePlot numbers history[k] as epoch k + 1.
   */
  history: number[];
  /**
   * The validation loss per epoch by the same rule (validationHistory[k] =
   * Σ_b (|B_b|/n)·L_val at the parameters before batch b's update in epoch
   * k + 1), so that validationHistory[k] and history[k] describe the same
   * parameters; one entry per entry of history. Empty when no
   * `validation` data was given.
   */
  validationHistory: number[];
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
  predict(X: Features): Float64Array;
  /** With `standardizeFeatures`: the column means and standard deviations the fit used (weights are in original units). */
  featureScaling?: FeatureScaling;
}

/** The column means μⱼ and population standard deviations σⱼ of a fit on standardised features. */
export interface FeatureScaling {
  mean: number[];
  std: number[];
}

/** A fitted logistic regression p(y = 1 | x) = σ(w·x + b). */
export interface LogisticRegressionModel extends TrainingReport {
  weights: Float64Array;
  bias: number;
  /** Class 1 where p ≥ 0.5, else 0. */
  predict(X: Features): Float64Array;
  /** p(y = 1 | x) = σ(w·x + b) per row. */
  predictProbability(X: Features): Float64Array;
  /** The logit w·x + b per row. */
  decisionFunction(X: Features): Float64Array;
  /** With `standardizeFeatures`: the column means and standard deviations the fit used (weights are in original units). */
  featureScaling?: FeatureScaling;
}

/** A fitted softmax regression p(y = c | x) = softmax(Wx + b)_c. */
export interface SoftmaxRegressionModel extends TrainingReport {
  /** One weight vector per class. */
  weights: Float64Array[];
  /** One bias per class. */
  bias: Float64Array;
  /** The most probable class per row. */
  predict(X: Features): Float64Array;
  /** The class probabilities per row. */
  predictProbabilities(X: Features): Float64Array[];
  /** The logits Wx + b per row. */
  decisionFunction(X: Features): Float64Array[];
  /** With `standardizeFeatures`: the column means and standard deviations the fit used (weights are in original units). */
  featureScaling?: FeatureScaling;
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
  /** Held-out rows and their loss, scored before every update. */
  validation?: { X: Matrix; loss: BatchLoss };
}

interface TrainedParameters extends TrainingReport {
  /** outputs × features, row-major. */
  weights: Float64Array;
  bias: Float64Array;
}

interface TrainingSettings {
  learningRate: number;
  learningRateDecay: number;
  epochs: number;
  batchSize: number;
  momentum: number;
  seed: number;
  l2: number;
  tolerance: number;
}

const DIVERGENCE_FACTOR = 1e10;

/** Cached views buffer[0 … length): one object per length, so a loss can recognise its buffers. */
function viewsOf(buffer: Float64Array): (length: number) => Float64Array {
  const views = new Map<number, Float64Array>();
  return (length) => {
    let view = views.get(length);
    if (view === undefined) {
      view = buffer.subarray(0, length);
      views.set(length, view);
    }
    return view;
  };
}

/** Int32Array [0, 1, …, count − 1]. */
function allRows(count: number): Int32Array {
  const rows = new Int32Array(count);
  for (let i = 0; i < count; i++) rows[i] = i;
  return rows;
}

/**
 * The one training loop behind the fitters: a linear model z = Wx + b with
 * `outputs` outputs, trained by (mini-batch) gradient descent with momentum on
 * mean loss + (λ/2)‖W‖². By the chain rule, with g = ∂L/∂z for a batch B:
 * ∂L/∂W = Σ_{i∈B} gᵢ xᵢᵀ (= Xᵀg) and ∂L/∂b = Σ_{i∈B} gᵢ. Epoch t (from 0)
 * steps with η_t = η / (1 + decay·t).
 */
function trainLinearModel(problem: LinearModelProblem, settings: TrainingSettings): TrainedParameters {
  const { X, features, outputs, loss, validation } = problem;
  const n = X.length;
  const parameterCount = outputs * features + outputs;
  // Parameters: weights (outputs × features, row-major), then the biases.
  const parameters = new Float64Array(parameterCount);
  const velocity = new Float64Array(parameterCount);
  const gradient = new Float64Array(parameterCount);
  const order = allRows(n);
  const batchSize = settings.batchSize;
  const fullBatch = batchSize >= n;
  const z = new Float64Array(batchSize * outputs);
  const g = new Float64Array(batchSize * outputs);
  const zView = viewsOf(z);
  const gView = viewsOf(g);
  const random = createRandom(settings.seed);
  const biasOffset = outputs * features;

  /** out = Wx + b for the given rows of `source`; false when an output is not finite. */
  const forward = (source: Matrix, rows: Int32Array, out: Float64Array): boolean => {
    let finite = true;
    for (let r = 0; r < rows.length; r++) {
      const x = source[rows[r]];
      for (let c = 0; c < outputs; c++) {
        let sum = parameters[biasOffset + c];
        const base = c * features;
        for (let j = 0; j < features; j++) sum += parameters[base + j] * x[j];
        out[r * outputs + c] = sum;
        if (!Number.isFinite(sum)) finite = false;
      }
    }
    return finite;
  };

  /** (λ/2)‖W‖², the bias not included. */
  const penalty = (): number => {
    if (settings.l2 === 0) return 0;
    let squares = 0;
    for (let k = 0; k < biasOffset; k++) squares += parameters[k] * parameters[k];
    return 0.5 * settings.l2 * squares;
  };

  /** Objective and its gradient (into `gradient`) on a batch; NaN when the outputs overflowed. */
  const objectiveAndGradient = (rows: Int32Array): number => {
    const outputsView = zView(rows.length * outputs);
    if (!forward(X, rows, outputsView)) return Number.NaN;
    const gradView = gView(rows.length * outputs);
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

  /** The validation objective at the current parameters (all its rows at once). */
  const validationObjective = (() => {
    if (validation === undefined) return undefined;
    const rows = allRows(validation.X.length);
    const zValidation = new Float64Array(rows.length * outputs);
    const gValidation = new Float64Array(rows.length * outputs);
    return (): number => {
      if (!forward(validation.X, rows, zValidation)) return Number.NaN;
      return validation.loss(rows, zValidation, gValidation) + penalty();
    };
  })();

  const history: number[] = [];
  const validationHistory: number[] = [];
  let converged = false;
  let diverged = false;
  let explodeAbove = Number.POSITIVE_INFINITY;
  let epoch = 0;
  for (; epoch < settings.epochs; epoch++) {
    if (!fullBatch) random.shuffle(order);
    // η/(1 + 0·t) is η exactly, so the default schedule is the constant step.
    const learningRate = settings.learningRate / (1 + settings.learningRateDecay * epoch);
    let epochTotal = 0;
    let validationTotal = 0;
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
      // Scored at the parameters this batch's loss was measured at, before the update.
      if (validationObjective !== undefined) validationTotal += validationObjective() * rows.length;
      for (let k = 0; k < parameterCount; k++) {
        velocity[k] = settings.momentum * velocity[k] - learningRate * gradient[k];
        parameters[k] += velocity[k];
      }
    }
    if (diverged) {
      history.push(Number.NaN);
      if (validationObjective !== undefined) validationHistory.push(Number.NaN);
      epoch++;
      break;
    }
    if (converged) break; // this epoch made no update: it is not counted
    history.push(epochTotal / n);
    if (validationObjective !== undefined) validationHistory.push(validationTotal / n);
  }
  const finalLoss = diverged ? Number.NaN : objectiveOnAll();
  return {
    weights: parameters.slice(0, biasOffset),
    bias: parameters.slice(biasOffset),
    history,
    validationHistory,
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
      const outputsView = zView(rows.length * outputs);
      if (!forward(X, rows, outputsView)) return Number.NaN;
      total += loss(rows, outputsView, gView(rows.length * outputs)) * rows.length;
    }
    let squares = 0;
    for (let k = 0; k < biasOffset; k++) squares += parameters[k] * parameters[k];
    return total / n + 0.5 * settings.l2 * squares;
  }
}

function readSettings(options: FitOptions, n: number, defaultLearningRate: number): TrainingSettings {
  const learningRate = options.learningRate ?? defaultLearningRate;
  if (typeof learningRate !== "number" || !Number.isFinite(learningRate) || learningRate <= 0) {
    throw new LossbookError("options.learningRate", `must be a finite number > 0, got ${describe(learningRate)}`);
  }
  const learningRateDecay = checkNumberInRange("options.learningRateDecay", options.learningRateDecay ?? 0, 0, Number.MAX_VALUE);
  const epochs = checkInteger("options.epochs", options.epochs ?? 1000, 1);
  const batchSize = Math.min(n, checkInteger("options.batchSize", options.batchSize ?? n, 1));
  const momentum = options.momentum ?? 0;
  if (typeof momentum !== "number" || !(momentum >= 0 && momentum < 1)) {
    throw new LossbookError("options.momentum", `must be a number in [0, 1), got ${describe(momentum)}`);
  }
  const seed = checkInteger("options.seed", options.seed ?? 0, Number.MIN_SAFE_INTEGER);
  const l2 = checkNumberInRange("options.l2", options.l2 ?? 0, 0, Number.MAX_VALUE);
  const tolerance = checkNumberInRange("options.tolerance", options.tolerance ?? 1e-8, 0, Number.MAX_VALUE);
  return { learningRate, learningRateDecay, epochs, batchSize, momentum, seed, l2, tolerance };
}

/** Rows of features: a plain list of numbers becomes one single-feature row per value. */
function toRows(X: unknown): unknown {
  if (X !== null && typeof X === "object" && typeof (X as Vector).length === "number" && (X as Vector).length > 0 && typeof (X as Vector)[0] === "number") {
    return Array.from(X as Vector, (value) => [value]);
  }
  return X;
}

/**
 * Validates X (rows of one length, finite; or a list of numbers, one feature)
 * and y (finite, one per row); returns the rows and the number of features.
 * `prefix` names the arguments, e.g. "options.validation." for held-out data.
 */
/** Reads `options.standardizeFeatures` (a boolean, default false). */
function readStandardizeFeatures(options: FitOptions): boolean {
  const value = options.standardizeFeatures ?? false;
  if (typeof value !== "boolean") throw new LossbookError("options.standardizeFeatures", `must be true or false, got ${describe(value)}`);
  return value;
}

/**
 * Fits `fit` on standardised columns (and validation rows standardised alike)
 * and returns the model with its weights and bias in original units and its
 * prediction functions taking original rows.
 */
function onStandardizedFeatures<M extends { weights: Float64Array; bias: number; predict(X: Features): Float64Array }>(
  rows: Matrix,
  options: FitOptions,
  fit: (Z: number[][], inner: FitOptions) => M,
  rewrap: (model: M, scale: (X: Features) => number[][]) => Partial<M> = () => ({}),
): M & { featureScaling: FeatureScaling } {
  const scaling = standardize(rows as number[][]);
  const scale = (Xs: Features) => scaling.transform(toRows(Xs) as number[][]);
  const validation = options.validation === undefined ? undefined : { ...options.validation, X: scale(options.validation.X) };
  const model = fit(scaling.X, { ...options, standardizeFeatures: false, validation });
  const divisor = scaling.std.map((s) => (s > 0 ? s : 1));
  const weights = Float64Array.from(model.weights, (w, j) => w / divisor[j]);
  let bias = model.bias;
  for (let j = 0; j < weights.length; j++) bias -= weights[j] * scaling.mean[j];
  return {
    ...model,
    ...rewrap(model, scale),
    weights,
    bias,
    predict: (Xs: Features) => model.predict(scale(Xs)),
    featureScaling: { mean: [...scaling.mean], std: [...scaling.std] },
  };
}

function checkData(X: unknown, y: unknown, prefix = ""): { rows: Matrix; features: number } {
  const rows = toRows(X);
  const features = checkMatrix(`${prefix}X`, rows);
  checkVector(`${prefix}y`, y);
  if (y.length !== (rows as Matrix).length) {
    throw new LossbookError(`${prefix}y`, `has length ${y.length} but ${prefix}X has ${(rows as Matrix).length} rows; they must match`);
  }
  checkFinite(`${prefix}y`, y);
  return { rows: rows as Matrix, features };
}

/** Validates `options.validation` against the training features; undefined when absent. */
function readValidation(validation: unknown, features: number): { rows: Matrix; y: ArrayLike<number> } | undefined {
  if (validation === undefined) return undefined;
  if (validation === null || typeof validation !== "object" || Array.isArray(validation)) {
    throw new LossbookError("options.validation", `must be an object {X, y} of held-out rows, got ${describe(validation)}`);
  }
  const { X, y } = validation as { X?: unknown; y?: unknown };
  const data = checkData(X, y, "options.validation.");
  if (data.features !== features) {
    throw new LossbookError("options.validation.X", `rows have ${data.features} features but X has ${features}; they must match`);
  }
  return { rows: data.rows, y: y as ArrayLike<number> };
}

/**
 * Reads `lossOptions`: the trainers minimise the mean loss, so `reduction` must
 * be absent or "mean"; per-sample `weights` must have one entry per row.
 */
function readLossOptions(lossOptions: unknown, n: number, reserved: string[] = []): { rest: Record<string, unknown>; weights?: ArrayLike<number> } {
  checkOptionsObject(lossOptions, "options.lossOptions");
  const { reduction, weights, gradOut, ...rest } = (lossOptions ?? {}) as Record<string, unknown>;
  if (reduction !== undefined && reduction !== "mean") {
    throw new LossbookError("options.lossOptions.reduction", `the trainers minimise the mean loss; leave it out or use "mean", got ${describe(reduction)}`);
  }
  if (gradOut !== undefined) throw new LossbookError("options.lossOptions.gradOut", "the trainers manage their own gradient buffers; leave it out");
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
 * `targets` names y (e.g. "options.validation.y" for held-out rows).
 */
function validateLoss(loss: BatchLoss, n: number, outputs: number, batchSize: number, targets = "y"): void {
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
          throw new LossbookError(targets, error.message.slice(error.message.indexOf(": ") + 2), start + error.index);
        }
        throw error;
      }
    }
  } catch (error) {
    if (!(error instanceof LossbookError) || error.argument === targets) throw error;
    const argument = error.argument.startsWith("options.") ? `options.lossOptions.${error.argument.slice("options.".length)}` : error.argument === "yTrue" ? targets : error.argument;
    throw new LossbookError(argument, error.message.slice(error.message.indexOf(": ") + 2), error.index);
  }
}

/**
 * Gathers y[rows] and (when given) weights[rows] into reusable buffers; the
 * views returned for one batch length are the same objects every time.
 */
function makeGatherer(y: ArrayLike<number>, weights: ArrayLike<number> | undefined, batchSize: number) {
  const yBuffer = new Float64Array(batchSize);
  const weightBuffer = weights === undefined ? undefined : new Float64Array(batchSize);
  const yView = viewsOf(yBuffer);
  const weightView = weightBuffer === undefined ? undefined : viewsOf(weightBuffer);
  return (rows: Int32Array) => {
    for (let r = 0; r < rows.length; r++) {
      yBuffer[r] = y[rows[r]];
      if (weightBuffer !== undefined) weightBuffer[r] = (weights as ArrayLike<number>)[rows[r]];
    }
    return { yBatch: yView(rows.length), weightBatch: weightView?.(rows.length) };
  };
}

/**
 * The loss options for one gradient buffer, built once per buffer (the trainer
 * reuses its buffers, so this is once per batch length): the loss then writes
 * its gradient straight into the trainer's buffer through `gradOut`.
 */
function optionsPerBuffer<B extends object>(base: Record<string, unknown>) {
  const cache = new WeakMap<B, Record<string, unknown>>();
  return (gradOut: B, weights: Float64Array | undefined): Record<string, unknown> => {
    let options = cache.get(gradOut);
    if (options === undefined || options.weights !== weights) {
      options = weights === undefined ? { ...base, gradOut } : { ...base, weights, gradOut };
      cache.set(gradOut, options);
    }
    return options;
  };
}

/**
 * A vector loss (regression or binary) as a BatchLoss on one output per row.
 * Per-sample `weights` apply to the rows of y; the other options to every row.
 */
function vectorBatchLoss(info: LossInfo, y: ArrayLike<number>, rest: Record<string, unknown>, weights: ArrayLike<number> | undefined, batchSize: number): BatchLoss {
  const gather = makeGatherer(y, weights, batchSize);
  const valueAndGrad = info.valueAndGrad;
  const optionsFor = optionsPerBuffer<Float64Array>(rest);
  return (rows, outputs, gradOut) => {
    const { yBatch, weightBatch } = gather(rows);
    return (valueAndGrad(yBatch, outputs, optionsFor(gradOut, weightBatch)) as { value: number }).value;
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

/** Validates rows given to a model's predict (a list of numbers is one feature): same number of features as in training. */
function checkPredictRows(X: unknown, features: number): Matrix {
  const rows = toRows(X);
  const width = checkMatrix("X", rows);
  if (width !== features) throw new LossbookError("X", `rows have ${width} features but the model was trained on ${features}`);
  return rows as Matrix;
}

/** Throws unless every label is 0 or 1. */
function checkBinaryLabels(argument: string, y: ArrayLike<number>): void {
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new LossbookError(argument, `must be a label 0 or 1, got ${describe(y[i])}`, i);
  }
}

/** Throws unless every label is a class index 0, 1, 2, …; returns the largest. */
function checkClassIndices(argument: string, y: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < y.length; i++) {
    if (!Number.isInteger(y[i]) || y[i] < 0) throw new LossbookError(argument, `must be a class index 0, 1, 2, …, got ${describe(y[i])}`, i);
    largest = Math.max(largest, y[i]);
  }
  return largest;
}

/** Throws unless every class index is below `classes`. */
function checkBelow(argument: string, y: ArrayLike<number>, classes: number): void {
  const i = Array.prototype.findIndex.call(y, (label: number) => label >= classes);
  if (i >= 0) throw new LossbookError(argument, `must be a class index below options.classes = ${classes}, got ${y[i]}`, i);
}

const REGRESSION_IDS = () => losses.filter((info) => info.task === "regression" && info.input === "vector").map((info) => info.id);

/**
 * Linear regression ŷ = w·x + b fitted by minimising the mean of any regression
 * loss of the registry (MSE by default, Huber for data with outliers, …) with
 * gradient descent. With g = ∂L/∂ŷ from the loss's valueAndGrad, the chain rule
 * gives ∂L/∂w = Xᵀg and ∂L/∂b = Σᵢgᵢ (the document's §4.1 for MSE:
 * ∂L/∂θ₁ = (2/n)Σ(ŷᵢ − yᵢ)xᵢ). Starts from w = 0, b = 0. The defaults
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
  if (readStandardizeFeatures(options)) return onStandardizedFeatures(rows, options, (Z, inner) => fitLinearRegression(Z, y, inner));
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
  const trained = trainLinearModel({ X: rows, features, outputs: 1, loss, validation }, settings);
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

/** Row views of a flat row-major buffer, `width` per row, built once per row count and buffer view. */
function rowViews(width: number): (flat: Float64Array, count: number) => Float64Array[] {
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
function softmaxBatchLoss(y: ArrayLike<number>, lossOptions: Record<string, unknown>, weights: ArrayLike<number> | undefined, batchSize: number, classes: number): BatchLoss {
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

function report(trained: TrainedParameters): TrainingReport {
  return {
    history: trained.history,
    validationHistory: trained.validationHistory,
    finalLoss: trained.finalLoss,
    epochs: trained.epochs,
    converged: trained.converged,
    diverged: trained.diverged,
  };
}
