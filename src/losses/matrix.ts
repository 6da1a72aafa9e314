import { LossbookError } from "../errors";
import { describe } from "../validation";
import type { Matrix, Vector } from "../types";
import type { ReductionOptions, ValueAndGrad } from "./core";

/** Options of a matrix loss: reduction and weights; `gradOut`, where supported, holds gradient rows. */
export type MatrixLossOptions = Omit<ReductionOptions, "gradOut">;

/**
 * A loss on rows (samples × classes): mean/sum give a number, `"none"` the
 * per-row losses. `T` is the type of the targets.
 */
export interface MatrixLoss<T, O extends MatrixLossOptions> {
  (yTrue: T, yPred: Matrix, options?: O & { reduction?: "mean" | "sum" }): number;
  (yTrue: T, yPred: Matrix, options: O & { reduction: "none" }): Float64Array;
  (yTrue: T, yPred: Matrix, options?: O): number | Float64Array;
}

/** The gradient of a reduced matrix loss with respect to yPred, one Float64Array per row. */
export type MatrixLossGrad<T, O extends MatrixLossOptions> = (yTrue: T, yPred: Matrix, options?: O) => Float64Array[];

/** Value and gradient rows in one pass. */
export interface MatrixLossValueAndGrad<T, O extends MatrixLossOptions> {
  (yTrue: T, yPred: Matrix, options?: O & { reduction?: "mean" | "sum" }): ValueAndGrad<number, Float64Array[]>;
  (yTrue: T, yPred: Matrix, options: O & { reduction: "none" }): ValueAndGrad<Float64Array, Float64Array[]>;
  (yTrue: T, yPred: Matrix, options?: O): ValueAndGrad<number | Float64Array, Float64Array[]>;
}

/** Targets of a classification loss: class indices (one per row) or probability rows. */
export type ClassTargets = Vector | Matrix;

/** True when the targets are given as rows (probabilities) rather than class indices. */
export function isRowTargets(yTrue: ClassTargets): yTrue is Matrix {
  return yTrue.length > 0 && typeof yTrue[0] === "object" && yTrue[0] !== null;
}

/**
 * Allocates the gradient rows: views into one contiguous Float64Array (one
 * buffer instead of one per row, several times cheaper for many short rows).
 */
export function allocateRows(rows: number, width: number): Float64Array[] {
  const buffer = new Float64Array(rows * width);
  const out = new Array<Float64Array>(rows);
  for (let r = 0; r < rows; r++) out[r] = buffer.subarray(r * width, (r + 1) * width);
  return out;
}

/** The caller's gradient rows (`options.gradOut`, checked: n rows of C numbers) or new ones (allocateRows). */
export function gradRows(gradOut: unknown, n: number, classes: number): Float64Array[] {
  if (gradOut === undefined) return allocateRows(n, classes);
  if (!Array.isArray(gradOut)) throw new LossbookError("options.gradOut", `must be an array of Float64Array rows, got ${describe(gradOut)}`);
  if (gradOut.length !== n) throw new LossbookError("options.gradOut", `has ${gradOut.length} rows but yPred has ${n}; they must match`);
  for (let r = 0; r < n; r++) {
    const row = gradOut[r] as unknown;
    if (!(row instanceof Float64Array) || row.length !== classes) {
      throw new LossbookError("options.gradOut", `each row must be a Float64Array of length ${classes}, got ${describe(row)}`, r);
    }
  }
  return gradOut as Float64Array[];
}
