/** Which kind of problem a loss is for. */
export type LossTask = "regression" | "classification" | "distribution";

/**
 * A loss function with its three public functions, typed loosely so that a
 * registry entry can be called generically (the plots, the site and the
 * exercise checkers do). Each concrete export keeps its precise types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLossFunction = (yTrue: any, yPred: any, options?: any) => any;

/**
 * What the notebooks and the site show of a loss. Each loss file defines its
 * own entry next to its functions, so the registry cannot drift from the code.
 */
export interface LossInfo {
  /** The exported function name, e.g. `"huber"`. */
  id: string;
  /** English name, e.g. `"Huber loss"`. */
  name: string;
  /** Chinese name as in the source document, e.g. `"Huber损失"`. */
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
  /** The reference implementation the fixtures compare against. */
  reference: string;
  /** `"matrix"` losses take rows (samples × classes). */
  input: "vector" | "matrix";
  /** What `yTrue` holds, e.g. "real numbers", "labels 0 or 1". */
  targets: string;
  /** What `yPred` holds, e.g. "predictions", "logits". */
  predictions: string;
  value: AnyLossFunction;
  grad: AnyLossFunction;
  valueAndGrad: AnyLossFunction;
}
