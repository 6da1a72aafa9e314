import type { LossInfo } from "../../src/losses";
import { createRandom, type Random } from "../../src/data";

/** One random, valid input of a loss, with its options. */
export interface LossInput {
  yTrue: number[] | number[][];
  yPred: number[] | number[][];
  options: Record<string, unknown>;
}

/** Option sets worth checking per loss (besides reduction and weights). */
export const OPTION_SETS: Record<string, Record<string, unknown>[]> = {
  mse: [{}],
  mae: [{}],
  huber: [{}, { delta: 0.3 }, { delta: 3 }],
  smoothL1: [{}, { beta: 0.3 }, { beta: 3 }],
  logCosh: [{}],
  quantile: [{}, { tau: 0.1 }, { tau: 0.9 }],
  poissonNLL: [{}],
  binaryCrossEntropy: [{}],
  binaryCrossEntropyWithLogits: [{}, { posWeight: 3 }, { posWeight: 0.2 }],
  softmaxCrossEntropy: [{}, { labelSmoothing: 0.2 }, { classWeights: [1, 2, 0.5] }, { labelSmoothing: 0.1, classWeights: [0.3, 1, 2] }],
  hinge: [{}],
  squaredHinge: [{}],
  focal: [{}, { gamma: 0 }, { gamma: 0.5, alpha: -1 }, { gamma: 3, alpha: 0.9 }],
  klDivergence: [{}],
};

function probabilityRow(random: Random, width: number, floor = 0): number[] {
  const raw = Array.from({ length: width }, () => floor + random.next());
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / total);
}

/**
 * Random valid targets and predictions for a loss: residuals of order 1 (on
 * both sides of δ, β, the hinge's margin), labels of the right kind (binary
 * targets include soft ones), probabilities
 * away from 0 and 1, and for matrix losses rows of 3 classes. `targetKind`
 * picks class indices or probability rows for softmaxCrossEntropy.
 */
export function randomInput(info: LossInfo, seed: number, n = 8, targetKind: "indices" | "rows" = "indices"): Omit<LossInput, "options"> {
  const random = createRandom(seed);
  const vector = (f: () => number) => Array.from({ length: n }, f);
  // Labels 0 and 1, and one in five a soft target in (0, 1) (label smoothing, distillation).
  const binaryTarget = () => {
    const u = random.next();
    return u < 0.4 ? 0 : u < 0.8 ? 1 : random.next();
  };
  switch (info.id) {
    case "poissonNLL":
      return { yTrue: vector(() => Math.floor(random.next() * 6)), yPred: vector(() => random.normal()) };
    case "binaryCrossEntropy":
      return { yTrue: vector(binaryTarget), yPred: vector(() => 0.05 + 0.9 * random.next()) };
    case "binaryCrossEntropyWithLogits":
    case "focal":
      return { yTrue: vector(binaryTarget), yPred: vector(() => 3 * random.normal()) };
    case "hinge":
    case "squaredHinge":
      return { yTrue: vector(() => (random.next() < 0.5 ? -1 : 1)), yPred: vector(() => 1.5 * random.normal()) };
    case "softmaxCrossEntropy": {
      const logits = Array.from({ length: n }, () => [2 * random.normal(), 2 * random.normal(), 2 * random.normal()]);
      const yTrue = targetKind === "indices" ? vector(() => Math.floor(random.next() * 3)) : Array.from({ length: n }, () => probabilityRow(random, 3));
      return { yTrue, yPred: logits };
    }
    case "klDivergence":
      return {
        yTrue: Array.from({ length: n }, () => probabilityRow(random, 3)),
        yPred: Array.from({ length: n }, () => probabilityRow(random, 3, 0.2)),
      };
    default: {
      const yTrue = vector(() => 2 * random.normal());
      return { yTrue, yPred: yTrue.map((y) => y + 1.5 * random.normal()) };
    }
  }
}

/** Random positive per-sample weights (one of them 0). */
export function randomWeights(seed: number, n: number): number[] {
  const random = createRandom(seed);
  const weights = Array.from({ length: n }, () => 0.1 + 2 * random.next());
  weights[0] = 0;
  return weights;
}

/** Flattens rows into one Float64Array (for finite differences on matrix losses). */
export function flattenRows(rows: ArrayLike<ArrayLike<number>>): Float64Array {
  const width = rows[0].length;
  const out = new Float64Array(rows.length * width);
  for (let r = 0; r < rows.length; r++) for (let c = 0; c < width; c++) out[r * width + c] = rows[r][c];
  return out;
}

/** The inverse of {@link flattenRows}. */
export function toRows(flat: ArrayLike<number>, width: number): number[][] {
  const rows: number[][] = [];
  for (let r = 0; r < flat.length / width; r++) rows.push(Array.from({ length: width }, (_, c) => flat[r * width + c]));
  return rows;
}
