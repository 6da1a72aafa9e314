/**
 * Branch-free building blocks for the elementwise kernels.
 *
 * V8 compiles `Math.min`, `Math.max`, `Math.sign`, `?:` and even `+(a > b)` on
 * numbers to conditional jumps. With real data (residuals on both sides of δ,
 * margins on both sides of 1, labels ±1 at random) those jumps are mispredicted
 * about half the time, which made a Huber loop ~6× slower than a plain summing
 * loop. `Math.abs` compiles to a bit mask, so these helpers express the
 * piecewise losses with abs, +, × and one division, and stay exact (see each
 * comment).
 */

/**
 * max(x, 0) = ½x + ½|x|, exact for every normal double: for x ≥ 0 it is
 * ½x + ½x = x, for x < 0 it is −½|x| + ½|x| = 0 (halving first, so that even
 * x near the largest double does not overflow; a subnormal x > 0 may be off by
 * its last bit). NaN stays NaN, so bad input still shows in the total.
 */
export function positivePart(x: number): number {
  return 0.5 * x + 0.5 * Math.abs(x);
}

/** The smallest normal double, 2^−1022. */
const TINY = 2 ** -1022;

/**
 * sign(x) ∈ {−1, 0, 1} without a branch: x / (|x| + 2^−1022) is ±1 (up to
 * rounding) for large |x|, at least ⅔ in magnitude for |x| ≥ 2^−1021 and
 * exactly 0 at 0; × 1.5 and truncation (one `roundsd` instruction) turn that
 * into exactly ±1 for every normal |x| ≥ 2^−1021, and 0 at 0 (subnormal |x|
 * also give 0). 2^−1022 is normal, so the division never takes the slow
 * subnormal path.
 */
export function signOf(x: number): number {
  return Math.trunc((x / (Math.abs(x) + TINY)) * 1.5);
}

/** Slightly below 1, so that the first pass below never undershoots d. */
const SHRINK = 1 - 2 ** -50;

/**
 * min(m, d) for m ≥ 0 and d > 0, exact for m ≤ 2^49·d (≈ 5.6e14·d), given
 * `excess = positivePart(m − d)` (which the caller needs anyway).
 * Inside (m ≤ d) the excess is an exact 0 and m comes back unchanged. Outside,
 * m − fl(m − d) can miss d by half an ulp of m, so the first pass subtracts a
 * little less than the excess and lands in [d, 2d]; there Sterbenz's lemma makes
 * `first − d` exact and the second pass lands exactly on d.
 */
export function cappedMagnitude(m: number, excess: number, d: number): number {
  const first = m - SHRINK * excess;
  return first - positivePart(first - d);
}

/** One double and its two 32-bit halves (little-endian: [1] is the high word with the sign). */
const DOUBLE = new Float64Array(1);
const WORDS = new Int32Array(DOUBLE.buffer);

/**
 * 1 if x's sign bit is set (x < 0, −0, and NaNs with the bit), else 0: the
 * bit itself, read through a typed array (an 8-byte store read back as its
 * upper 4 bytes, which the CPU forwards from the store buffer), without the
 * division of {@link signOf}. Which side ±0 falls on must not matter to the caller.
 */
export function signBit(x: number): number {
  DOUBLE[0] = x;
  return WORDS[1] >>> 31;
}

/**
 * 0 exactly when x ∈ [0, 1] (−0 included), > 0 or NaN otherwise (NaN for
 * x = NaN or +∞, where x − x² is ∞ − ∞): with
 * t = x − x², |t| − t is 0 for t ≥ 0 and 2|t| for t < 0, and t ≥ 0 exactly on
 * [0, 1] (there fl(x²) ≤ x because x² ≤ x and rounding is monotone; outside,
 * fl(x²) > x or x < 0, and x² = ∞ gives ∞). Summed over an array, a non-zero
 * total says some element is out of range (a scan then names it): four
 * operations per element instead of max(−x, 0) + max(x − 1, 0)'s eight.
 */
export function outsideUnitInterval(x: number): number {
  const t = x - x * x;
  return Math.abs(t) - t;
}
