/** The public types of the fitters: options, training report and the three models. */
import type { Matrix, Vector } from "../types";

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
  /**
   * Warm start: the weights (one per feature) to start from instead of w = 0,
   * e.g. those of an earlier fit when the data have changed a little, so that
   * a few epochs suffice. Training from a fit's result for k more epochs
   * (constant step, no momentum) continues that run exactly.
   */
  initialWeights?: ArrayLike<number>;
  /** Warm start: the bias to start from instead of b = 0 (see initialWeights). */
  initialBias?: number;
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
