/** The one training loop behind the three fitters (mini-batch gradient descent with momentum on a linear model) and its settings. */
import { LossbookError } from "../errors";
import type { Matrix } from "../types";
import { checkInteger, checkNumberInRange, describe } from "../validation";
import { createRandom } from "../data/random";
import type { FitOptions, TrainingReport } from "./models";

/**
 * How a loss sees a batch: it gets the batch's row indices and the model's
 * outputs for them (row-major, `outputs` per row), writes ∂(mean loss)/∂output
 * into `gradOut` and returns the mean loss.
 */
export type BatchLoss = (rows: Int32Array, outputs: Float64Array, gradOut: Float64Array) => number;

export interface LinearModelProblem {
  X: Matrix;
  features: number;
  outputs: number;
  loss: BatchLoss;
  /** Parameters to start from (weights row-major, then biases); zeros when absent. */
  initial?: Float64Array;
  /** Held-out rows and their loss, scored before every update. */
  validation?: { X: Matrix; loss: BatchLoss };
}

export interface TrainedParameters extends TrainingReport {
  /** outputs × features, row-major. */
  weights: Float64Array;
  bias: Float64Array;
}

export interface TrainingSettings {
  learningRate: number;
  learningRateDecay: number;
  epochs: number;
  batchSize: number;
  momentum: number;
  seed: number;
  l2: number;
  tolerance: number;
}

export const DIVERGENCE_FACTOR = 1e10;

/** Cached views buffer[0 … length): one object per length, so a loss can recognise its buffers. */
export function viewsOf(buffer: Float64Array): (length: number) => Float64Array {
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
export function allRows(count: number): Int32Array {
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
export function trainLinearModel(problem: LinearModelProblem, settings: TrainingSettings): TrainedParameters {
  const { X, features, outputs, loss, validation } = problem;
  const n = X.length;
  const parameterCount = outputs * features + outputs;
  // Parameters: weights (outputs × features, row-major), then the biases.
  const parameters = new Float64Array(parameterCount);
  if (problem.initial !== undefined) parameters.set(problem.initial);
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
    if (outputs === 1) {
      // One output (linear and logistic regression): each sum Σᵢ gᵢxᵢⱼ in a
      // register, rows in the same order as below, so the result is the same
      // to the last bit, without a store and reload of gradient[j] per row.
      let biasSum = 0;
      for (let r = 0; r < rows.length; r++) biasSum += gradView[r];
      gradient[biasOffset] = biasSum;
      for (let j = 0; j < features; j++) {
        let sum = 0;
        for (let r = 0; r < rows.length; r++) sum += gradView[r] * X[rows[r]][j];
        gradient[j] = sum;
      }
    } else {
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

export function readSettings(options: FitOptions, n: number, defaultLearningRate: number): TrainingSettings {
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

export function report(trained: TrainedParameters): TrainingReport {
  return {
    history: trained.history,
    validationHistory: trained.validationHistory,
    finalLoss: trained.finalLoss,
    epochs: trained.epochs,
    converged: trained.converged,
    diverged: trained.diverged,
  };
}
