import { LossbookError } from "../errors";
import type { Vector } from "../types";

/** Options of {@link numericalGradient}: `step` is the relative step h (default 1e−6). */
export interface NumericalGradientOptions {
  step?: number;
}

function checkPoint(x: unknown): asserts x is Vector {
  if (x === null || typeof x !== "object" || typeof (x as Vector).length !== "number") {
    throw new LossbookError("x", "expected an array of numbers");
  }
  const v = x as Vector;
  if (v.length === 0) throw new LossbookError("x", "is empty; give at least one value");
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== "number" || !Number.isFinite(v[i])) throw new LossbookError("x", `must be a finite number, got ${String(v[i])}`, i);
  }
}

function readStep(step: unknown): number {
  const h = step ?? 1e-6;
  if (typeof h !== "number" || !(h > 0) || !Number.isFinite(h)) throw new LossbookError("options.step", `must be a finite number > 0, got ${String(h)}`);
  return h;
}

/**
 * Central-difference gradient of f at x:
 * ∂f/∂xᵢ ≈ (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / (2hᵢ) with hᵢ = step·max(1, |xᵢ|).
 * The error is O(h²) plus rounding of order ε·|f|/h, so the default step 1e−6
 * (near ε^⅓) gives about 8–10 correct digits for smooth f.
 */
export function numericalGradient(
  f: (x: Float64Array) => number,
  x: Vector,
  options: NumericalGradientOptions = {},
): Float64Array {
  if (typeof f !== "function") throw new LossbookError("f", "must be a function of a Float64Array returning a number");
  checkPoint(x);
  const step = readStep(options.step);
  const point = Float64Array.from(x);
  const gradient = new Float64Array(point.length);
  for (let i = 0; i < point.length; i++) {
    const original = point[i];
    // Round h so that x + h and x − h are exactly representable steps.
    const h = original + step * Math.max(1, Math.abs(original)) - original;
    point[i] = original + h;
    const up = f(point);
    point[i] = original - h;
    const down = f(point);
    point[i] = original;
    gradient[i] = (up - down) / (2 * h);
  }
  return gradient;
}

/**
 * Options of {@link checkGradient}: finite-difference `step`, the relative
 * `tolerance` (default 1e−6) and an `absoluteTolerance` (default 1e−8) for
 * gradients that are (nearly) zero, where finite differences still show
 * truncation noise of order step²·f‴ and a relative test is meaningless.
 */
export interface CheckGradientOptions extends NumericalGradientOptions {
  tolerance?: number;
  absoluteTolerance?: number;
}

/** Result of {@link checkGradient}. */
export interface GradientCheck {
  /** True when the largest difference is within tolerance × the largest gradient entry + absoluteTolerance. */
  ok: boolean;
  /** max over i of |analyticᵢ − numericᵢ|. */
  maxAbsoluteError: number;
  /** max over i of |analyticᵢ − numericᵢ| / max(|analyticᵢ|, |numericᵢ|) (0 where both are 0). */
  maxRelativeError: number;
  analytic: Float64Array;
  numeric: Float64Array;
}

/**
 * Compares an analytic gradient with central finite differences at x.
 * Passes when ‖analytic − numeric‖∞ ≤ tolerance · max(‖analytic‖∞, ‖numeric‖∞)
 * + absoluteTolerance: a relative test on the scale of the whole gradient (so
 * single entries near zero do not fail on rounding noise), with an absolute
 * floor for a gradient that is zero altogether (at a minimum).
 */
export function checkGradient(
  f: (x: Float64Array) => number,
  grad: (x: Float64Array) => ArrayLike<number>,
  x: Vector,
  options: CheckGradientOptions = {},
): GradientCheck {
  if (typeof grad !== "function") throw new LossbookError("grad", "must be a function of a Float64Array returning the gradient");
  const tolerance = options.tolerance ?? 1e-6;
  if (typeof tolerance !== "number" || !(tolerance > 0)) throw new LossbookError("options.tolerance", `must be a number > 0, got ${String(tolerance)}`);
  const absoluteTolerance = options.absoluteTolerance ?? 1e-8;
  if (typeof absoluteTolerance !== "number" || !(absoluteTolerance >= 0)) {
    throw new LossbookError("options.absoluteTolerance", `must be a number >= 0, got ${String(absoluteTolerance)}`);
  }
  const numeric = numericalGradient(f, x, options);
  const returned = grad(Float64Array.from(x));
  if (returned === null || typeof returned !== "object" || returned.length !== numeric.length) {
    throw new LossbookError("grad", `must return ${numeric.length} numbers, one per entry of x`);
  }
  const analytic = Float64Array.from(returned);
  let maxAbsoluteError = 0;
  let maxRelativeError = 0;
  let scale = 0;
  for (let i = 0; i < analytic.length; i++) {
    const difference = Math.abs(analytic[i] - numeric[i]);
    const size = Math.max(Math.abs(analytic[i]), Math.abs(numeric[i]));
    if (!(difference <= maxAbsoluteError)) maxAbsoluteError = difference;
    if (size > 0 && !(difference / size <= maxRelativeError)) maxRelativeError = difference / size;
    if (size > scale) scale = size;
  }
  const ok = maxAbsoluteError <= tolerance * scale + absoluteTolerance;
  return { ok, maxAbsoluteError, maxRelativeError, analytic, numeric };
}
