import { LossbookError } from "../errors";
import { say, type Localized } from "../language";
import type { LossAxis, LossInfo } from "../losses/info";
import { getLoss } from "../losses/registry";
import { describe } from "../validation";
import { checkRange, evenlySpaced, jsonNumbers, type Figure, type Trace } from "./figure";
import { baseConfig, baseLayout, colorAt } from "./theme";

/**
 * How one loss is swept along a single number x with the target held fixed:
 * what yTrue and yPred become, what x means (the axis title), and the
 * direction of yPred's row per unit of x (matrix losses), so that the plotted
 * gradient is the derivative along the sweep, d loss / dx.
 */
interface Sweep {
  axis: LossAxis;
  xTitle: Localized;
  /** What the title says the loss is a function of. */
  subject: Localized;
  /** The derivative's symbol in the y-axis title. */
  gradientSymbol: string;
  defaultRange: [number, number];
  yTrue(count: number): unknown;
  yPred(xs: number[]): unknown;
  /** For matrix losses: d(row)/dx, e.g. [1, 0] for the row [x, 0]. */
  rowDirection?: number[];
}

const filled = (count: number, value: number) => new Array<number>(count).fill(value);

const RESIDUAL: Sweep = {
  axis: "residual",
  xTitle: { en: "residual a = ŷ − y", zh: "残差 a = ŷ − y" },
  subject: { en: "the residual", zh: "残差" },
  gradientSymbol: "∂ℓ/∂ŷ",
  defaultRange: [-3, 3],
  yTrue: (count) => filled(count, 0),
  yPred: (xs) => xs,
};

const LOGIT: Sweep = {
  axis: "logit",
  xTitle: { en: "logit or score z of the true class (y = 1)", zh: "真实类别（y = 1）的对数几率或得分 z" },
  subject: { en: "the logit or score", zh: "对数几率或得分" },
  gradientSymbol: "∂ℓ/∂z",
  defaultRange: [-3, 3],
  yTrue: (count) => filled(count, 1),
  yPred: (xs) => xs,
};

/** Softmax over two classes with logits [z, 0] and target class 0: the same picture as the logistic loss. */
const LOGIT_ROWS: Sweep = {
  ...LOGIT,
  yTrue: (count) => filled(count, 0),
  yPred: (xs) => xs.map((z) => [z, 0]),
  rowDirection: [1, 0],
};

const PROBABILITY: Sweep = {
  axis: "probability",
  xTitle: { en: "predicted probability p of the true class (y = 1)", zh: "真实类别（y = 1）的预测概率 p" },
  subject: { en: "the predicted probability", zh: "预测概率" },
  gradientSymbol: "∂ℓ/∂p",
  defaultRange: [0.01, 0.99],
  yTrue: (count) => filled(count, 1),
  yPred: (xs) => xs,
};

/** The target distribution of the "distribution" sweep: not one-hot, so the minimum (q = p) is inside. */
const TARGET_DISTRIBUTION = [0.7, 0.3];

/** Two-class distributions: target p = [0.7, 0.3], prediction q = [q₁, 1 − q₁]; the loss is 0 at q₁ = 0.7. */
const DISTRIBUTION_ROWS: Sweep = {
  axis: "distribution",
  xTitle: {
    en: `q₁ of the predicted distribution q = (q₁, 1 − q₁), target p = (${TARGET_DISTRIBUTION.join(", ")})`,
    zh: `预测分布 q = (q₁, 1 − q₁) 的 q₁，目标分布 p = (${TARGET_DISTRIBUTION.join(", ")})`,
  },
  subject: { en: "the predicted distribution", zh: "预测分布" },
  gradientSymbol: "∂ℓ/∂q₁",
  defaultRange: [0.01, 0.99],
  yTrue: (count) => Array.from({ length: count }, () => [...TARGET_DISTRIBUTION]),
  yPred: (xs) => xs.map((q) => [q, 1 - q]),
  rowDirection: [1, -1],
};

const LOG_RATE: Sweep = {
  axis: "logRate",
  xTitle: { en: "predicted log-rate z = log λ (observed count y = 1)", zh: "预测的对数速率 z = log λ（观测计数 y = 1）" },
  subject: { en: "the log-rate", zh: "对数速率" },
  gradientSymbol: "∂ℓ/∂z",
  defaultRange: [-3, 3],
  yTrue: (count) => filled(count, 1),
  yPred: (xs) => xs,
};

/** The sweep of each axis, for losses on vectors and on rows. */
const SWEEPS: Record<LossAxis, { vector?: Sweep; matrix?: Sweep }> = {
  residual: { vector: RESIDUAL },
  logit: { vector: LOGIT, matrix: LOGIT_ROWS },
  probability: { vector: PROBABILITY },
  distribution: { matrix: DISTRIBUTION_ROWS },
  logRate: { vector: LOG_RATE },
};

/** The sweep for a loss, from its registry `axis` and `input`. */
function sweepFor(info: LossInfo): Sweep {
  const sweep = SWEEPS[info.axis]?.[info.input];
  if (sweep === undefined) throw new LossbookError("ids", `loss ${JSON.stringify(info.id)} (axis ${JSON.stringify(info.axis)}, ${info.input} input) has no one-number plot`);
  return sweep;
}

const OPTION_SYMBOLS: Record<string, string> = { delta: "δ", beta: "β", tau: "τ", gamma: "γ", alpha: "α", labelSmoothing: "ε", posWeight: "pos. weight" };

/** "Huber loss (δ = 0.5)": the name plus the options that were given. */
function traceName(info: LossInfo, options: Record<string, unknown> | undefined): string {
  const parts = Object.entries(options ?? {})
    .filter(([key, value]) => typeof value === "number" && key !== "weights" && key !== "reduction")
    .map(([key, value]) => `${OPTION_SYMBOLS[key] ?? key} = ${value}`);
  const name = say({ en: info.name, zh: info.nameZh });
  return parts.length === 0 ? name : say({ en: `${name} (${parts.join(", ")})`, zh: `${name}（${parts.join(", ")}）` });
}

/** A loss to draw: its registry id, or the id with options and a legend name (to draw one loss with several δ). */
export type LossCurveSpec = string | { id: string; options?: Record<string, unknown>; name?: string };

/** Options of {@link lossFunctionPlot}. */
export interface LossFunctionPlotOptions {
  /** The x interval; default [-3, 3] ([0.01, 0.99] for losses on probabilities and distributions). */
  range?: [number, number];
  /** Options per loss id, e.g. `{ huber: { delta: 0.5 } }`. */
  options?: Record<string, Record<string, unknown>>;
  /** Plot the loss (default) or its derivative. */
  what?: "value" | "gradient";
  title?: string;
  /** Number of points on the curve (default 301). */
  points?: number;
}

function numbers(values: unknown, id: string): ArrayLike<number> {
  if (values instanceof Float64Array || Array.isArray(values)) return values as ArrayLike<number>;
  throw new LossbookError("ids", `loss ${JSON.stringify(id)} returned ${describe(values)} instead of an array`);
}

/**
 * Each registry loss as a function of one number with the target fixed, the
 * number given by the loss's `axis` (losses of one plot must share it; see
 * groupLossesByAxis): the residual a = ŷ − y (y = 0), the logit or score z
 * of the true class (y = 1; softmax uses logits [z, 0]), the probability p of
 * the true class (y = 1), the first probability q₁ of a two-class
 * distribution q = (q₁, 1 − q₁) against the target p = (0.7, 0.3), or the
 * log-rate z of a count y = 1.
 * Values come from the losses themselves (reduction "none"); the gradient is
 * the derivative along x, from each loss's own gradient function.
 */
export function lossFunctionPlot(ids: LossCurveSpec[], options: LossFunctionPlotOptions = {}): Figure {
  if (!Array.isArray(ids) || ids.length === 0) {
    throw new LossbookError("ids", `must be a non-empty array of loss ids, got ${describe(ids)}`);
  }
  const what = options.what ?? "value";
  if (what !== "value" && what !== "gradient") throw new LossbookError("options.what", `must be "value" or "gradient", got ${describe(what)}`);
  const curves = ids.map((spec, i) => {
    const id = typeof spec === "string" ? spec : spec?.id;
    if (typeof id !== "string") throw new LossbookError("ids", `each entry must be a loss id or {id, options, name}, got ${describe(spec)}`, i);
    const info = getLoss(id);
    const lossOptions = typeof spec === "string" ? options.options?.[id] : (spec.options ?? options.options?.[id]);
    const name = typeof spec === "string" || spec.name === undefined ? traceName(info, lossOptions) : spec.name;
    return { info, lossOptions, name, sweep: sweepFor(info) };
  });
  const axes = [...new Set(curves.map((c) => c.sweep.axis))];
  if (axes.length > 1) {
    const groups = axes.map((axis) => `${axis}: ${curves.filter((c) => c.sweep.axis === axis).map((c) => c.info.id).join(", ")}`);
    throw new LossbookError("ids", `these losses do not share an x-axis (${groups.join("; ")}); draw each group in its own plot (groupLossesByAxis() lists the groups)`);
  }
  const sweep = curves[0].sweep;
  const range = options.range ?? sweep.defaultRange;
  checkRange("options.range", range);
  if ((sweep.axis === "probability" || sweep.axis === "distribution") && !(range[0] > 0 && range[1] < 1)) {
    throw new LossbookError("options.range", `must lie inside (0, 1) for losses on probabilities, got [${range[0]}, ${range[1]}]`);
  }
  const xs = evenlySpaced(range[0], range[1], options.points ?? 301);
  // Losses on one axis share it but not the inputs but not the inputs (softmax takes rows [z, 0]).
  const data: Trace[] = curves.map(({ info, lossOptions, name, sweep }, i) => {
    const yTrue = sweep.yTrue(xs.length);
    const yPred = sweep.yPred(xs);
    let ys: ArrayLike<number>;
    if (what === "value") {
      ys = numbers(info.value(yTrue, yPred, { ...lossOptions, reduction: "none" }), info.id);
    } else {
      // The gradient of the summed loss is each sample's own derivative.
      const grad = info.grad(yTrue, yPred, { ...lossOptions, reduction: "sum" }) as Float64Array | Float64Array[];
      if (sweep.rowDirection !== undefined) {
        const direction = sweep.rowDirection;
        ys = (grad as Float64Array[]).map((row) => row.reduce((sum, g, j) => sum + g * direction[j], 0));
      } else {
        ys = numbers(grad, info.id);
      }
    }
    return {
      type: "scatter",
      name,
      x: xs,
      y: jsonNumbers(ys),
      mode: "lines",
      line: { color: colorAt(i), width: 2.5 },
      hovertemplate: `%{y:.4g}<extra>${name}</extra>`,
    };
  });
  const subject = say(sweep.subject);
  const layout = baseLayout({
    title:
      options.title ??
      (what === "value"
        ? say({ en: `Loss as a function of ${subject}`, zh: `损失随${subject}的变化` })
        : say({ en: `Gradient of the loss as a function of ${subject}`, zh: `损失的梯度随${subject}的变化` })),
    xTitle: say(sweep.xTitle),
    yTitle: what === "value" ? say({ en: "loss ℓ", zh: "损失 ℓ" }) : say({ en: `gradient ${sweep.gradientSymbol}`, zh: `梯度 ${sweep.gradientSymbol}` }),
    hovermode: "x unified",
  });
  return { data, layout, config: baseConfig() };
}
