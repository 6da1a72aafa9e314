import { LossbookError } from "../errors";
import { binaryCrossEntropyWithLogitsInfo } from "./binaryCrossEntropyWithLogits";
import { huberInfo } from "./huber";
import type { LossInfo } from "./info";
import { mseInfo } from "./mse";
import { softmaxCrossEntropyInfo } from "./softmaxCrossEntropy";

/**
 * Every loss of lossbook, once, in the order the workbook introduces them.
 * Each entry is defined in its loss's own file, next to the functions.
 */
export const losses: readonly LossInfo[] = Object.freeze([
  mseInfo,
  huberInfo,
  binaryCrossEntropyWithLogitsInfo,
  softmaxCrossEntropyInfo,
]);

/** The registry entry with this id (the function name, e.g. `"huber"`); throws a LossbookError listing the known ids. */
export function getLoss(id: string): LossInfo {
  const info = losses.find((entry) => entry.id === id);
  if (info === undefined) {
    throw new LossbookError("id", `unknown loss ${JSON.stringify(id)}; known losses: ${losses.map((entry) => entry.id).join(", ")}`);
  }
  return info;
}
