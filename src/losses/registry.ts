import { LossbookError } from "../errors";
import { binaryCrossEntropyInfo } from "./binaryCrossEntropy";
import { binaryCrossEntropyWithLogitsInfo } from "./binaryCrossEntropyWithLogits";
import { focalInfo } from "./focal";
import { hingeInfo } from "./hinge";
import { huberInfo } from "./huber";
import type { LossAxis, LossInfo } from "./info";
import type { PeerEntry, PeerLibrary } from "./peers";
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

/** One group of {@link groupLossesByAxis}: losses that share an x-axis, so one plot can show them all. */
export interface LossAxisGroup {
  axis: LossAxis;
  /** What the axis is, e.g. "residual a = ŷ − y". */
  label: string;
  /** The same in Chinese, e.g. "残差 a = ŷ − y". */
  labelZh: string;
  /** The ids of the group's losses, in registry order (what lossFunctionPlot takes). */
  ids: string[];
  losses: LossInfo[];
}

/** The axes in the order the workbook meets them, with a short label each. */
const AXIS_LABELS: ReadonlyArray<readonly [LossAxis, string, string]> = [
  ["residual", "residual a = ŷ − y", "残差 a = ŷ − y"],
  ["logRate", "log-rate z = log λ", "对数速率 z = log λ"],
  ["probability", "predicted probability p of the true class", "真实类别的预测概率 p"],
  ["logit", "logit or score z of the true class", "真实类别的对数几率或分数 z"],
  ["distribution", "predicted distribution q", "预测分布 q"],
];

/**
 * The losses grouped by {@link LossInfo.axis}, the quantity a one-sample plot
 * puts on its x-axis: every group can be drawn by one
 * `lossFunctionPlot(group.ids)`. Empty groups are left out; within a group the
 * registry order is kept. Give `entries` to group a selection of losses.
 */
export function groupLossesByAxis(entries: readonly LossInfo[] = losses): LossAxisGroup[] {
  if (!Array.isArray(entries)) throw new LossbookError("entries", "must be an array of registry entries (e.g. losses.filter(...))");
  const unknown = entries.find((entry) => !AXIS_LABELS.some(([axis]) => axis === entry?.axis));
  if (unknown !== undefined) throw new LossbookError("entries", `each entry needs an axis (${AXIS_LABELS.map(([axis]) => axis).join(", ")}); got ${JSON.stringify(unknown?.axis)} for ${JSON.stringify(unknown?.id)}`);
  return AXIS_LABELS.map(([axis, label, labelZh]) => {
    const members = entries.filter((entry) => entry.axis === axis);
    return { axis, label, labelZh, ids: members.map((entry) => entry.id), losses: members };
  }).filter((group) => group.losses.length > 0);
}

/** One row of {@link peerTable}: a loss in one framework. */
export interface PeerTableRow {
  loss: string;
  name: string;
  library: PeerLibrary;
  peerName: string;
  call: string;
  convention: string;
  /** The convention in Chinese. */
  conventionZh: string;
  /** How its numbers differ from lossbook's; "" where they are equal. */
  difference: string;
  /** The difference in Chinese; "" where they are equal. */
  differenceZh: string;
}

/**
 * Every loss in every framework it is checked against, one row each, in
 * registry order: the "tools" table a learner needs when moving to PyTorch,
 * Keras, optax or scikit-learn (`showTable(peerTable())` in a notebook, or the
 * gallery). Give `entries` for a selection.
 */
export function peerTable(entries: readonly LossInfo[] = losses): PeerTableRow[] {
  if (!Array.isArray(entries)) throw new LossbookError("entries", "must be an array of registry entries (e.g. losses.filter(...))");
  return entries.flatMap((info) =>
    info.peers.map((peer: PeerEntry) => ({
      loss: info.id,
      name: info.name,
      library: peer.library,
      peerName: peer.name,
      call: peer.call,
      convention: peer.convention,
      conventionZh: peer.conventionZh,
      difference: peer.difference ?? "",
      differenceZh: peer.differenceZh ?? "",
    })),
  );
}
