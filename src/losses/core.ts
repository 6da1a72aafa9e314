import { LossbookError } from "../errors";
import type { Vector } from "../types";
import { checkFinite, checkOptionsObject, checkSameLength, checkVector, checkWeights, describe } from "../validation";

/** How per-sample losses lᵢ are combined into one number. */
export type Reduction = "mean" | "sum" | "none";

/**
 * Options every loss takes.
 * - `reduction`: `"mean"` (default) gives Σ wᵢlᵢ / Σ wᵢ, `"sum"` gives Σ wᵢlᵢ,
 *   `"none"` gives the per-sample losses wᵢlᵢ as a Float64Array.
 * - `weights`: per-sample weights wᵢ ≥ 0 with a positive sum (all 1 if absent).
 */
export interface ReductionOptions {
  reduction?: Reduction;
  weights?: Vector;
  /**
   * For the gradient functions only: a Float64Array of the right length to
   * write the gradient into (and return) instead of allocating a new one, so
   * a training loop can reuse one buffer. Ignored by the value function.
   */
  gradOut?: Float64Array;
}

/** The value and the gradient with respect to yPred, from one pass. */
export interface ValueAndGrad<V = number, G = Float64Array> {
  value: V;
  grad: G;
}

/** A loss on vectors: mean/sum give a number, `"none"` the per-sample losses. */
export interface VectorLoss<O extends ReductionOptions> {
  (yTrue: Vector, yPred: Vector, options?: O & { reduction?: "mean" | "sum" }): number;
  (yTrue: Vector, yPred: Vector, options: O & { reduction: "none" }): Float64Array;
  (yTrue: Vector, yPred: Vector, options?: O): number | Float64Array;
}

/**
 * The gradient of the reduced loss with respect to yPred. With `"none"` it is
 * the elementwise derivative wᵢ·∂lᵢ/∂ŷᵢ (the diagonal of the Jacobian), which is
 * also the gradient of the `"sum"` loss.
 */
export type VectorLossGrad<O extends ReductionOptions> = (yTrue: Vector, yPred: Vector, options?: O) => Float64Array;

/** Value and gradient in one pass (what the trainers call). */
export interface VectorLossValueAndGrad<O extends ReductionOptions> {
  (yTrue: Vector, yPred: Vector, options?: O & { reduction?: "mean" | "sum" }): ValueAndGrad<number>;
  (yTrue: Vector, yPred: Vector, options: O & { reduction: "none" }): ValueAndGrad<Float64Array>;
  (yTrue: Vector, yPred: Vector, options?: O): ValueAndGrad<number | Float64Array>;
}

/**
 * One pass of an elementwise loss. It returns Σ wᵢlᵢ and, when the arrays are
 * given, writes `gradScale·wᵢ·∂lᵢ/∂ŷᵢ` into `grad[i]` and `wᵢlᵢ` into
 * `perSample[i]`. `weights` undefined means every wᵢ = 1. A kernel allocates
 * nothing; it may throw a LossbookError for a bad label at index i.
 */
export type ElementwiseKernel<P> = (
  yTrue: Vector,
  yPred: Vector,
  weights: Vector | undefined,
  params: P,
  gradScale: number,
  grad: Float64Array | undefined,
  perSample: Float64Array | undefined,
) => number;

/** The three public functions of an elementwise loss. */
export interface ElementwiseLoss<O extends ReductionOptions> {
  value: VectorLoss<O>;
  grad: VectorLossGrad<O>;
  valueAndGrad: VectorLossValueAndGrad<O>;
}

const REDUCTIONS: readonly Reduction[] = ["mean", "sum", "none"];

/** Validates the reduction option and returns it (default "mean"). */
export function readReduction(options: Pick<ReductionOptions, "reduction"> | undefined): Reduction {
  const reduction = options?.reduction ?? "mean";
  if (!REDUCTIONS.includes(reduction)) {
    throw new LossbookError("options.reduction", `must be "mean", "sum" or "none", got ${describe(reduction)}`);
  }
  return reduction;
}

/** Throws unless options is undefined or a plain object (the shared check of src/validation.ts). */
export const checkOptions: (options: unknown) => void = (options) => checkOptionsObject(options);

/** The caller's gradient buffer (checked) or a new one. */
export function gradBuffer(gradOut: unknown, n: number): Float64Array {
  if (gradOut === undefined) return new Float64Array(n);
  if (!(gradOut instanceof Float64Array)) throw new LossbookError("options.gradOut", `must be a Float64Array, got ${describe(gradOut)}`);
  if (gradOut.length !== n) throw new LossbookError("options.gradOut", `has length ${gradOut.length} but there are ${n} samples; they must match`);
  return gradOut;
}

/**
 * Builds value, gradient and fused value-and-gradient functions from one kernel.
 * `readParams` validates and defaults the loss's own options (delta, tau, …).
 * Inputs are checked up front for shape; finiteness is checked inside the
 * kernel's single pass (a non-finite total triggers a scan that names the
 * first bad element), so valid input is read exactly once.
 */
export function elementwiseLoss<O extends ReductionOptions, P>(
  kernel: ElementwiseKernel<P>,
  readParams: (options: O | undefined) => P,
): ElementwiseLoss<O> {
  function run(yTrue: Vector, yPred: Vector, options: O | undefined, wantValue: boolean, wantGrad: boolean) {
    checkOptions(options);
    checkVector("yTrue", yTrue);
    checkVector("yPred", yPred);
    checkSameLength("yTrue", yTrue, "yPred", yPred);
    const reduction = readReduction(options);
    const params = readParams(options);
    const n = yPred.length;
    const weights = options?.weights;
    const weightSum = weights === undefined ? n : checkWeights(weights, n);
    const gradScale = reduction === "mean" ? 1 / weightSum : 1;
    const grad = wantGrad ? gradBuffer(options?.gradOut, n) : undefined;
    const perSample = wantValue && reduction === "none" ? new Float64Array(n) : undefined;
    const total = kernel(yTrue, yPred, weights, params, gradScale, grad, perSample);
    if (!Number.isFinite(total)) {
      // NaN or ±Infinity in the input makes the total non-finite: name it.
      checkFinite("yTrue", yTrue);
      checkFinite("yPred", yPred);
    }
    const value: number | Float64Array = perSample ?? (reduction === "mean" ? total / weightSum : total);
    return { value, grad };
  }
  const value = ((yTrue: Vector, yPred: Vector, options?: O) => run(yTrue, yPred, options, true, false).value) as VectorLoss<O>;
  const grad: VectorLossGrad<O> = (yTrue, yPred, options) => run(yTrue, yPred, options, false, true).grad as Float64Array;
  const valueAndGrad = ((yTrue: Vector, yPred: Vector, options?: O) => {
    const result = run(yTrue, yPred, options, true, true);
    return { value: result.value, grad: result.grad as Float64Array };
  }) as VectorLossValueAndGrad<O>;
  return { value, grad, valueAndGrad };
}
