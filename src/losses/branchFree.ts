/**
 * Branch-free building blocks for the elementwise kernels.
 *
 * V8 compiles `Math.min`, `Math.max`, `Math.sign` and `?:` on numbers to
 * conditional jumps. With real data (residuals on both sides of δ, margins on
 * both sides of 1) those jumps are mispredicted about half the time, which made
 * a Huber loop ~6× slower than a plain summing loop. `Math.abs` compiles to a
 * bit mask, so these helpers express the piecewise losses with abs, + and ×
 * only, and stay exact (see each comment).
 */

/**
 * max(x, 0) = (x + |x|)/2, exact: for x ≥ 0 it is 2x/2, for x < 0 it is
 * (x − x)/2 = 0. (NaN stays NaN, so bad input still shows in the total.)
 */
export function positivePart(x: number): number {
  return 0.5 * (x + Math.abs(x));
}

/** The smallest normal double 2^−1022: adding it to any |x| ≥ 2^−968 leaves |x| unchanged. */
const TINY = 2 ** -1022;

/**
 * sign(x) ∈ {−1, 0, 1} as x / (|x| + 2^−1022): exactly ±1 for |x| ≥ 2^−968
 * (≈ 4e−292) and exactly 0 at 0. One division; 2^−1022 is normal, so the
 * division never takes the slow subnormal path.
 */
export function signOf(x: number): number {
  return x / (Math.abs(x) + TINY);
}

/** Slightly below 1, so that the first clamp pass below never undershoots d. */
const SHRINK = 1 - 2 ** -50;

/**
 * clamp(x, −d, d) for d > 0, exact for |x| ≤ 2^50·d without branches.
 * Pass 1 subtracts a little less than the overshoot, so the result lands in
 * [d, 2d] (or [−2d, −d]); there Sterbenz's lemma makes `first − d` exact and
 * pass 2 lands exactly on ±d. Inside [−d, d] both passes subtract exact zeros.
 */
export function clampSymmetric(x: number, d: number): number {
  const first = x - SHRINK * positivePart(x - d) + SHRINK * positivePart(-x - d);
  return first - positivePart(first - d) + positivePart(-first - d);
}
