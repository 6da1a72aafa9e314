/** What the fitters share besides the loop: input checks, loss options, batch losses over the registry, standardised features, prediction rows. */
import { LossbookError } from "../errors";
import type { Matrix, Vector } from "../types";
import type { LossInfo } from "../losses/info";
import { checkFinite, checkMatrix, checkOptionsObject, checkVector, describe } from "../validation";
import { standardize } from "../data/preprocess";
import type { FeatureScaling, Features, FitOptions } from "./models";
import { type BatchLoss, viewsOf } from "./trainingLoop";

/** Rows of features: a plain list of numbers becomes one single-feature row per value. */
export function toRows(X: unknown): unknown {
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
export function readStandardizeFeatures(options: FitOptions): boolean {
  const value = options.standardizeFeatures ?? false;
  if (typeof value !== "boolean") throw new LossbookError("options.standardizeFeatures", `must be true or false, got ${describe(value)}`);
  return value;
}

/**
 * Fits `fit` on standardised columns (and validation rows standardised alike)
 * and returns the model with its weights and bias in original units and its
 * prediction functions taking original rows.
 */
export function onStandardizedFeatures<M extends { weights: Float64Array; bias: number; predict(X: Features): Float64Array }>(
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

export function checkData(X: unknown, y: unknown, prefix = ""): { rows: Matrix; features: number } {
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
export function readValidation(validation: unknown, features: number): { rows: Matrix; y: ArrayLike<number> } | undefined {
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
export function readLossOptions(lossOptions: unknown, n: number, reserved: string[] = []): { rest: Record<string, unknown>; weights?: ArrayLike<number> } {
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
export function validateLoss(loss: BatchLoss, n: number, outputs: number, batchSize: number, targets = "y"): void {
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
export function makeGatherer(y: ArrayLike<number>, weights: ArrayLike<number> | undefined, batchSize: number) {
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
export function optionsPerBuffer<B extends object>(base: Record<string, unknown>) {
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
export function vectorBatchLoss(info: LossInfo, y: ArrayLike<number>, rest: Record<string, unknown>, weights: ArrayLike<number> | undefined, batchSize: number): BatchLoss {
  const gather = makeGatherer(y, weights, batchSize);
  const valueAndGrad = info.valueAndGrad;
  const optionsFor = optionsPerBuffer<Float64Array>(rest);
  return (rows, outputs, gradOut) => {
    const { yBatch, weightBatch } = gather(rows);
    return (valueAndGrad(yBatch, outputs, optionsFor(gradOut, weightBatch)) as { value: number }).value;
  };
}

/** Applies a linear map z = Wx + b to validated rows; `outputs` values per row. */
export function applyLinear(X: Matrix, weights: Float64Array, bias: Float64Array, features: number): Float64Array[] {
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
export function checkPredictRows(X: unknown, features: number): Matrix {
  const rows = toRows(X);
  const width = checkMatrix("X", rows);
  if (width !== features) throw new LossbookError("X", `rows have ${width} features but the model was trained on ${features}`);
  return rows as Matrix;
}

/** Throws unless every label is 0 or 1. */
export function checkBinaryLabels(argument: string, y: ArrayLike<number>): void {
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new LossbookError(argument, `must be a label 0 or 1, got ${describe(y[i])}`, i);
  }
}

/** Throws unless every label is a class index 0, 1, 2, …; returns the largest. */
export function checkClassIndices(argument: string, y: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < y.length; i++) {
    if (!Number.isInteger(y[i]) || y[i] < 0) throw new LossbookError(argument, `must be a class index 0, 1, 2, …, got ${describe(y[i])}`, i);
    largest = Math.max(largest, y[i]);
  }
  return largest;
}

/** Throws unless every class index is below `classes`. */
export function checkBelow(argument: string, y: ArrayLike<number>, classes: number): void {
  const i = Array.prototype.findIndex.call(y, (label: number) => label >= classes);
  if (i >= 0) throw new LossbookError(argument, `must be a class index below options.classes = ${classes}, got ${y[i]}`, i);
}
