import { LossbookError } from "../errors";
import { binaryCrossEntropyInfo } from "./binaryCrossEntropy";
import { binaryCrossEntropyWithLogitsInfo } from "./binaryCrossEntropyWithLogits";
import { focalInfo } from "./focal";
import { hingeInfo } from "./hinge";
import { huberInfo } from "./huber";
import type { LossInfo } from "./info";
import { klDivergenceInfo } from "./klDivergence";
import { logCoshInfo } from "./logCosh";
import { maeInfo } from "./mae";
import { mseInfo } from "./mse";
import { poissonNLLInfo } from "./poissonNLL";
import { quantileInfo } from "./quantile";
import { smoothL1Info } from "./smoothL1";
import { softmaxCrossEntropyInfo } from "./softmaxCrossEntropy";
import { squaredHingeInfo } from "./squaredHinge";

/**
 * Every loss of lossbook, once, in the order the workbook introduces them
 * (regression, then classification, then distributions). Each entry is
 * defined in its loss's own file, next to the functions it points to.
 */
export const losses: readonly LossInfo[] = Object.freeze([
  mseInfo,
  maeInfo,
  huberInfo,
  smoothL1Info,
  logCoshInfo,
  quantileInfo,
  poissonNLLInfo,
  binaryCrossEntropyInfo,
  binaryCrossEntropyWithLogitsInfo,
  softmaxCrossEntropyInfo,
  hingeInfo,
  squaredHingeInfo,
  focalInfo,
  klDivergenceInfo,
]);

/** The registry entry with this id (the function name, e.g. `"huber"`); throws a LossbookError listing the known ids. */
export function getLoss(id: string): LossInfo {
  const info = losses.find((entry) => entry.id === id);
  if (info === undefined) {
    throw new LossbookError("id", `unknown loss ${JSON.stringify(id)}; known losses: ${losses.map((entry) => entry.id).join(", ")}`);
  }
  return info;
}
