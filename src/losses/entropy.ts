import { LossbookError } from "../errors";
import type { Vector } from "../types";
import { checkSameLength, checkVector, describe } from "../validation";

/** How far Σ pᵢ may be from 1 (rounding of a distribution written in decimals). */
const SUM_TOLERANCE = 1e-9;

/** Throws unless `p` is a probability distribution: entries in [0, 1] summing to 1 within 1e−9. */
function checkDistribution(argument: string, p: unknown): asserts p is Vector {
  checkVector(argument, p);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const value = p[i];
    if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
      throw new LossbookError(argument, `must be a probability in [0, 1], got ${describe(value)}`, i);
    }
    sum += value;
  }
  if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
    throw new LossbookError(argument, `must sum to 1 (a probability distribution), but sums to ${sum}`);
  }
}

/**
 * Shannon entropy of a distribution p in nats: H(p) = −Σᵢ pᵢ log pᵢ, with
 * 0·log 0 = 0 (the limit). H = 0 for a certain outcome and log n for the
 * uniform distribution over n outcomes (the largest possible). Cover & Thomas,
 * *Elements of Information Theory*, eq. (2.1); matches `scipy.stats.entropy(p)`.
 * Throws a LossbookError unless p's entries lie in [0, 1] and sum to 1 within 1e−9.
 */
export function entropy(p: Vector): number {
  checkDistribution("p", p);
  let total = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) total -= p[i] * Math.log(p[i]);
  return total;
}

/**
 * Cross-entropy of a distribution q relative to a distribution p, in nats:
 * H(p, q) = −Σᵢ pᵢ log qᵢ, with terms where pᵢ = 0 counted as 0 and +Infinity
 * when some qᵢ = 0 while pᵢ > 0. It splits as H(p, q) = H(p) + KL(p‖q)
 * (Cover & Thomas, eq. (2.26) and §2.3), so it is smallest, = H(p), at q = p;
 * it is what softmaxCrossEntropy computes per row with q = softmax(z).
 * Both arguments must be distributions of the same length (see {@link entropy}).
 */
export function crossEntropy(p: Vector, q: Vector): number {
  checkDistribution("p", p);
  checkDistribution("q", q);
  checkSameLength("p", p, "q", q);
  let total = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) total -= p[i] * Math.log(q[i]);
  return total;
}
