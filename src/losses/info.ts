import type { PeerEntry } from "./peers";

/** Which kind of problem a loss is for. */
export type LossTask = "regression" | "classification" | "distribution";

/**
 * What the x-axis of a one-sample plot of a loss is, i.e. which single number
 * the loss is naturally a function of when the target is held fixed:
 * - `"residual"`: a = ŷ − y (regression losses on real-valued predictions);
 * - `"logit"`: the logit, score or margin z of the true class (losses on
 *   unbounded scores: logistic, softmax, hinge, focal);
 * - `"probability"`: the predicted probability p of the true class;
 * - `"distribution"`: a predicted distribution q compared with a target distribution p;
 * - `"logRate"`: the predicted log-rate z = log λ of a count (Poisson), which is
 *   neither a residual nor a logit.
 * Losses with the same axis can share one plot.
 */
export type LossAxis = "residual" | "logit" | "probability" | "distribution" | "logRate";

/**
 * A small valid input of a loss: targets, predictions (rows for matrix losses)
 * and options. Away from kinks (|a| ≠ δ, margins ≠ 1, residuals ≠ 0), so finite
 * differences of the loss agree with its gradient there. Frozen.
 */
export interface LossExample {
  readonly yTrue: readonly number[] | readonly (readonly number[])[];
  readonly yPred: readonly number[] | readonly (readonly number[])[];
  readonly options?: Readonly<Record<string, unknown>>;
}

/** Deep-freezes an example so that no caller can change the registry's copy. */
export function frozenExample(example: LossExample): LossExample {
  const freezeRows = (values: LossExample["yTrue"]) =>
    Object.freeze(values.map((v) => (typeof v === "number" ? v : Object.freeze([...v])))) as LossExample["yTrue"];
  return Object.freeze({
    yTrue: freezeRows(example.yTrue),
    yPred: freezeRows(example.yPred),
    ...(example.options === undefined ? {} : { options: Object.freeze({ ...example.options }) }),
  });
}

/**
 * A loss function with its three public functions, typed loosely so that a
 * registry entry can be called generically (the plots, the site and the
 * exercise checkers do). Each concrete export keeps its precise types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLossFunction = (yTrue: any, yPred: any, options?: any) => any;

/**
 * A registry entry's value function, typed by its reduction, so that
 * `getLoss(id).value(yTrue, yPred, { reduction: "none" })` is a Float64Array
 * and `getLoss(id).value(yTrue, yPred)` (mean) or `{ reduction: "sum" }` a
 * number, with no cast. Options whose reduction is not known to the type
 * checker give `any`, as before.
 */
export interface RegistryLossValue {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (yTrue: any, yPred: any, options: { reduction: "none" } & Record<string, any>): Float64Array;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (yTrue: any, yPred: any, options?: { reduction?: "mean" | "sum" } & Record<string, any>): number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (yTrue: any, yPred: any, options?: any): any;
}

/**
 * What the notebooks and the site show of a loss. Each loss file defines its
 * own entry next to its functions, so the registry cannot drift from the code.
 */
export interface LossInfo {
  /** The exported function name, e.g. `"huber"`. */
  id: string;
  /** English name, e.g. `"Huber loss"`. */
  name: string;
  /** Chinese name, spaced as Chinese copywriting guidelines ask (a space between Chinese and Latin letters), e.g. `"Huber 损失"`. */
  nameZh: string;
  task: LossTask;
  /** Section of the source document that defines it, e.g. `"3.3"`. */
  section?: string;
  /** The per-sample loss in LaTeX (no `$` delimiters). */
  formula: string;
  /** Its derivative with respect to the prediction, in LaTeX. */
  gradient: string;
  /** Default values of the loss's own options, e.g. `{ delta: 1 }`. */
  defaults: Record<string, number>;
  /** One line on when to reach for it. */
  whenToUse: string;
  /** The same line in Chinese (the site's Chinese gallery shows it). */
  whenToUseZh: string;
  /** The reference implementation the fixtures compare against. */
  reference: string;
  /**
   * Every framework it is checked against (PyTorch, Keras, optax,
   * scikit-learn): the framework's name, call and convention, and how its
   * numbers differ where they do (see src/losses/peers.ts).
   */
  peers: readonly PeerEntry[];
  /** `"matrix"` losses take rows (samples × classes). */
  input: "vector" | "matrix";
  /** What `yTrue` holds, e.g. "real numbers", "labels 0 or 1". */
  targets: string;
  /** What `yPred` holds, e.g. "predictions", "logits". */
  predictions: string;
  /** The x-axis of a one-sample plot of this loss (see {@link LossAxis}). */
  axis: LossAxis;
  /** A small valid input, e.g. for a gradient check or a gallery example. */
  example: LossExample;
  value: RegistryLossValue;
  grad: AnyLossFunction;
  valueAndGrad: AnyLossFunction;
}
