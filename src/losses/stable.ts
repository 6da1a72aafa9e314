import type { Vector } from "../types";
import { checkFinite, checkVector } from "../validation";

/**
 * The logistic sigmoid σ(z) = 1 / (1 + e^−z), computed without overflow:
 * for z < 0 it uses e^z / (1 + e^z), so σ(−1000) = 0 and σ(1000) = 1 exactly
 * instead of NaN. Matches `torch.sigmoid`.
 */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * log(1 + e^x) (the softplus), computed as max(x, 0) + log1p(e^−|x|) so that
 * it neither overflows for large x nor loses digits for very negative x.
 * Matches `torch.nn.functional.softplus`.
 */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * log Σ e^{xᵢ}, computed as m + log Σ e^{xᵢ − m} with m = max xᵢ so that no
 * exponential overflows (the "log-sum-exp trick"). Matches `torch.logsumexp`.
 */
export function logSumExp(row: Vector): number {
  checkVector("row", row);
  let max = -Infinity;
  for (let i = 0; i < row.length; i++) if (row[i] > max) max = row[i];
  if (!Number.isFinite(max)) checkFinite("row", row);
  let sum = 0;
  for (let i = 0; i < row.length; i++) sum += Math.exp(row[i] - max);
  const result = max + Math.log(sum);
  if (Number.isNaN(result)) checkFinite("row", row);
  return result;
}

/**
 * softmax(x)ᵢ = e^{xᵢ} / Σⱼ e^{xⱼ}, computed as e^{xᵢ − logΣe^x} so that large
 * logits (±1e4) give exact 0s and 1s instead of NaN. Matches `torch.softmax`.
 */
export function softmax(row: Vector): Float64Array {
  const normalizer = logSumExp(row);
  const out = new Float64Array(row.length);
  for (let i = 0; i < row.length; i++) out[i] = Math.exp(row[i] - normalizer);
  return out;
}
