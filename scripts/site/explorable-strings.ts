/**
 * Every piece of text the explorable figures show (scripts/site/client/explorables/):
 * control labels, group labels, hints, readouts and the titles and trace names
 * of the figures they build themselves, in English and Chinese. The sibling of
 * ui-strings.ts, kept apart so the explorables' chunks carry only their own
 * words. The English object defines the keys and signatures; the Chinese one
 * must have every key (its type is the English one's). Readouts with numbers
 * are functions of the numbers already formatted (strings), so the Chinese
 * text of every function is fixed and the font subsets can read it
 * (`explorableStringsText`): a sentence that differs by case (converges or
 * diverges) is one key per case, never a condition inside a function.
 * Figures that redraw a notebook figure (quantile lines, Huber δ curves) keep
 * its trace names, which both editions share with the notebook's output.
 */
import type { SiteLanguage } from "./ui-strings";

const ENGLISH = {
  /** A value that is not a number (formatNumber). */
  notANumber: "not a number",
  /** The accessible name of a figure an explorable adds (as ui-strings' plotLabel). */
  plotLabel: (title: string) => `Plot: ${title}`,
  /** Joins the parts of a readout. */
  readoutSeparator: " · ",

  // The sliders of registry-loss options (loss-curves.ts), by option key.
  optionDescriptions: {
    delta: "threshold",
    beta: "threshold",
    tau: "quantile level",
    gamma: "focusing",
    alpha: "positive-class weight",
    labelSmoothing: "label smoothing",
    posWeight: "positive weight",
  } as Record<string, string>,

  // 02, gradient descent (gradient-descent.ts).
  gradientDescentLabel: "Change the gradient-descent run",
  learningRateOfRun: (run: string) => `learning rate of run ${run}`,
  startOfEveryRun: "start of every run",
  lossPerStepTitle: "Loss after each step",
  lossPerStepXTitle: "step t",
  lossPerStepYTitle: "loss L(θₜ) (log scale)",
  converges: (bound: string) => `<strong class="explorable-ok">converges</strong>: η < 2/L″ = ${bound}`,
  oscillates: `<strong class="explorable-warning">oscillates forever</strong>: η = 2/L″`,
  diverges: (bound: string) => `<strong class="explorable-warning">diverges</strong>: η > 2/L″ = ${bound}, each swing wider than the last`,
  gradientDescentReadout: (eta: string, curvature: string, factor: string, verdict: string, steps: string, theta: string, loss: string) =>
    `η = ${eta}: each step multiplies the distance to the minimum by 1 − ηL″ = 1 − ${curvature}η = <strong>${factor}</strong>, so the run ${verdict}. After ${steps} steps θ = ${theta}, L(θ) = ${loss}.`,

  // 04, softmax and cross-entropy of one sample (softmax.ts).
  softmaxLabel: "Change the logits and the label smoothing of one sample",
  logitOfClass: (k: string) => `logit of class ${k}`,
  logitOfTrueClass: (k: string) => `logit of class ${k} (the true class)`,
  labelSmoothing: "label smoothing",
  softmaxFigureLabel: "probabilities and gradient per class",
  softmaxTitle: (trueClass: string) => `One sample, true class ${trueClass}: probabilities and gradient per class`,
  softmaxXTitle: "class k",
  softmaxYTitle: "probability or gradient",
  softmaxTraceProbabilities: "softmax(z)ₖ",
  softmaxTraceTarget: "target tₖ",
  softmaxTraceGradient: "gradient ∂ℓ/∂zₖ = softmax(z)ₖ − tₖ",
  /** plotly's hover text of a stem. */
  softmaxHover: "class %{x:.0f}: %{y:.4f}<extra>%{fullData.name}</extra>",
  softmaxProbabilities: (list: string) => `softmax(z) = (${list})`,
  softmaxTarget: (list: string) => `target t = (${list})`,
  softmaxLoss: (loss: string) => `cross-entropy ℓ = <strong>${loss}</strong>`,
  /** After softmaxLoss when there is no smoothing: the loss is −log of the true class's probability. */
  softmaxLossIsLog: (probability: string) => ` = −log ${probability}`,
  softmaxGradient: (list: string) => `gradient ∂ℓ/∂z = (<strong>${list}</strong>)`,

  // 05, Huber δ (huber-delta.ts).
  huberDeltaLabel: (curve: string) => `Change δ of the curve ${curve}`,
  huberThreshold: "Huber threshold",
  huberQuadraticPiece: "|a| ≤ δ: the quadratic piece ½a²",
  huberLinearPiece: "|a| > δ: the linear piece δ(|a| − ½δ)",
  huberReadout: (a: string, value: string, slope: string, piece: string) =>
    `At a = ${a}: L<sub>δ</sub>(${a}) = <strong>${value}</strong>, dL<sub>δ</sub>/da = <strong>${slope}</strong> (${piece}).`,

  // 05, Anscombe III (anscombe.ts).
  anscombeLabel: "Move the outlier of Anscombe's quartet III",
  anscombeOutlier: (x: string) => `outlier (x = ${x}):`,
  anscombeHint: "Drag the circled outlier up or down (mouse or finger), or move the slider (arrow keys): the MSE, MAE and Huber lines refit as it moves.",
  anscombeLine: (loss: string, slope: string, residual: string) => `${loss}: slope <strong>${slope}</strong>, outlier residual ${residual}`,
  anscombeReadout: (x: string, y: string, lines: string) => `Outlier at (${x}, ${y}). ${lines}`,
  anscombeCleanLine: (slope: string) => ` · clean line: slope ${slope}`,

  // 07, quantile regression (quantile.ts).
  quantileLabel: "Change the level of the middle quantile line",
  quantileLevelOfLine: (line: string) => `quantile level of line ${line}`,
  quantileReadout: (tau: string, intercept: string, slope: string, count: string, share: string, target: string) =>
    `Line τ = ${tau}: ŷ = ${intercept} + ${slope}x. Share of the ${count} test points below it: <strong>${share} %</strong> (the target is ${target} %).`,

  // 07, focal loss (focal.ts).
  focalLabel: "Change the focal loss's parameters",
  focalOption: (description: string) => `focal ${description}`,
  focalAt: (z: string, focal: string, percent: string, crossEntropy: string) => `z = ${z}: focal <strong>${focal}</strong> = ${percent} % of the cross-entropy ${crossEntropy}`,
  focalReadout: (gamma: string, alpha: string, parts: string) => `Focal loss with γ = ${gamma}, α = ${alpha} (label y = 1, so α<sub>t</sub> = α): ${parts}`,

  // 07, the margin marker (margin.ts).
  marginLabel: "Move the margin",
  margin: "margin",
  marginRow: (loss: string, value: string, gradient: string) => `${loss}: ℓ = ${value}, ∂ℓ/∂z = <strong>${gradient}</strong>`,
  marginReadout: (m: string, rows: string) => `At margin m = ${m}: ${rows}`,

  // The gallery's cards (gallery-loss.ts).
  galleryLossLabel: (loss: string) => `Change the options of the ${loss}`,
  /** Joins "δ = 1" and "β = 2" in the gallery readout. */
  optionSeparator: ", ",
  galleryLossReadout: (options: string, x: string, value: string, gradient: string) =>
    `With ${options}: at x = ${x} the loss is <strong>${value}</strong> and its gradient <strong>${gradient}</strong>.`,
};

/** The explorables' strings of one language (the English keys and signatures). */
export type ExplorableStrings = typeof ENGLISH;

/** Chinese text with a space wherever a Chinese character meets a Latin letter or digit ("调整Huber 损失" → "调整 Huber 损失"), for templates whose argument may start or end either way. */
export function withCjkSpacing(text: string): string {
  return text.replace(/(\p{Script=Han})(?=[A-Za-z0-9])|([A-Za-z0-9])(?=\p{Script=Han})/gu, (_, han: string | undefined, latin: string | undefined) => `${han ?? latin} `);
}

const CHINESE: ExplorableStrings = {
  notANumber: "非数值",
  plotLabel: (title: string) => `图：${title}`,
  readoutSeparator: " · ",

  optionDescriptions: {
    delta: "阈值",
    beta: "阈值",
    tau: "分位数水平",
    gamma: "聚焦参数",
    alpha: "正类权重",
    labelSmoothing: "标签平滑",
    posWeight: "正样本权重",
  },

  gradientDescentLabel: "调整梯度下降的运行",
  learningRateOfRun: (run: string) => `第 ${run} 次运行的学习率`,
  startOfEveryRun: "每次运行的起点",
  lossPerStepTitle: "每一步之后的损失",
  lossPerStepXTitle: "步数 t",
  lossPerStepYTitle: "损失 L(θₜ)（对数坐标）",
  converges: (bound: string) => `<strong class="explorable-ok">收敛</strong>：η < 2/L″ = ${bound}`,
  oscillates: `<strong class="explorable-warning">永远振荡</strong>：η = 2/L″`,
  diverges: (bound: string) => `<strong class="explorable-warning">发散</strong>：η > 2/L″ = ${bound}，每次摆动都比上一次更大`,
  gradientDescentReadout: (eta: string, curvature: string, factor: string, verdict: string, steps: string, theta: string, loss: string) =>
    withCjkSpacing(`η = ${eta}：每一步都把到最小值的距离乘以 1 − ηL″ = 1 − ${curvature}η = <strong>${factor}</strong>，因此这次运行${verdict}。${steps} 步之后 θ = ${theta}，L(θ) = ${loss}。`),

  softmaxLabel: "调整一个样本的 logit 和标签平滑",
  logitOfClass: (k: string) => `类别 ${k} 的 logit`,
  logitOfTrueClass: (k: string) => `类别 ${k}（真实类别）的 logit`,
  labelSmoothing: "标签平滑",
  softmaxFigureLabel: "各类别的概率和梯度",
  softmaxTitle: (trueClass: string) => `一个样本，真实类别为 ${trueClass}：各类别的概率和梯度`,
  softmaxXTitle: "类别 k",
  softmaxYTitle: "概率或梯度",
  softmaxTraceProbabilities: "softmax(z)ₖ",
  softmaxTraceTarget: "目标 tₖ",
  softmaxTraceGradient: "梯度 ∂ℓ/∂zₖ = softmax(z)ₖ − tₖ",
  softmaxHover: "类别 %{x:.0f}：%{y:.4f}<extra>%{fullData.name}</extra>",
  softmaxProbabilities: (list: string) => `softmax(z) = (${list})`,
  softmaxTarget: (list: string) => `目标 t = (${list})`,
  softmaxLoss: (loss: string) => `交叉熵 ℓ = <strong>${loss}</strong>`,
  softmaxLossIsLog: (probability: string) => ` = −log ${probability}`,
  softmaxGradient: (list: string) => `梯度 ∂ℓ/∂z = (<strong>${list}</strong>)`,

  huberDeltaLabel: (curve: string) => `调整曲线 ${curve} 的 δ`,
  huberThreshold: "Huber 阈值",
  huberQuadraticPiece: "|a| ≤ δ：二次段 ½a²",
  huberLinearPiece: "|a| > δ：线性段 δ(|a| − ½δ)",
  huberReadout: (a: string, value: string, slope: string, piece: string) =>
    `在 a = ${a} 处：L<sub>δ</sub>(${a}) = <strong>${value}</strong>，dL<sub>δ</sub>/da = <strong>${slope}</strong>（${piece}）。`,

  anscombeLabel: "移动安斯库姆四重奏 III 的离群点",
  anscombeOutlier: (x: string) => `离群点（x = ${x}）的`,
  anscombeHint: "用鼠标或手指上下拖动圈出的离群点，或者移动滑块（方向键）：MSE、MAE 和 Huber 三条直线随之重新拟合。",
  anscombeLine: (loss: string, slope: string, residual: string) => `${loss}：斜率 <strong>${slope}</strong>，离群点残差 ${residual}`,
  anscombeReadout: (x: string, y: string, lines: string) => `离群点位于 (${x}, ${y})。${lines}`,
  anscombeCleanLine: (slope: string) => ` · 不含离群点的直线：斜率 ${slope}`,

  quantileLabel: "调整中间那条分位数线的水平",
  quantileLevelOfLine: (line: string) => `第 ${line} 条线的分位数水平`,
  quantileReadout: (tau: string, intercept: string, slope: string, count: string, share: string, target: string) =>
    `τ = ${tau} 的直线：ŷ = ${intercept} + ${slope}x。${count} 个测试点中位于它下方的比例：<strong>${share} %</strong>（目标为 ${target} %）。`,

  focalLabel: "调整 Focal 损失的参数",
  focalOption: (description: string) => withCjkSpacing(`Focal 损失的${description}`),
  focalAt: (z: string, focal: string, percent: string, crossEntropy: string) => `z = ${z}：Focal 损失 <strong>${focal}</strong>，是交叉熵 ${crossEntropy} 的 ${percent} %`,
  focalReadout: (gamma: string, alpha: string, parts: string) => `Focal 损失，γ = ${gamma}，α = ${alpha}（标签 y = 1，因此 α<sub>t</sub> = α）：${parts}`,

  marginLabel: "移动间隔",
  margin: "间隔",
  marginRow: (loss: string, value: string, gradient: string) => `${loss}：ℓ = ${value}，∂ℓ/∂z = <strong>${gradient}</strong>`,
  marginReadout: (m: string, rows: string) => `间隔 m = ${m} 处：${rows}`,

  galleryLossLabel: (loss: string) => withCjkSpacing(`调整${loss}的选项`),
  optionSeparator: "，",
  galleryLossReadout: (options: string, x: string, value: string, gradient: string) =>
    `取 ${options} 时：在 x = ${x} 处，损失为 <strong>${value}</strong>，梯度为 <strong>${gradient}</strong>。`,
};

export const EXPLORABLE_STRINGS_BY_LANGUAGE: Record<SiteLanguage, ExplorableStrings> = { en: ENGLISH, zh: CHINESE };

/** The explorables' strings of a language. */
export function explorableStrings(language: SiteLanguage): ExplorableStrings {
  return EXPLORABLE_STRINGS_BY_LANGUAGE[language];
}

/** For the browser code: the strings of the page's language (its `<html lang>`: "zh…" is Chinese, anything else English). */
export function pageExplorableStrings(): ExplorableStrings {
  const lang = typeof document === "undefined" ? "en" : document.documentElement.lang;
  return explorableStrings(/^zh\b/i.test(lang) ? "zh" : "en");
}

/**
 * All the text of a language's strings, each function called with "0" for
 * every argument: the characters the explorables can show (for the font
 * subsets of the pages that have explorables).
 */
export function explorableStringsText(language: SiteLanguage): string {
  const text = (value: unknown): string => {
    if (typeof value === "function") return String((value as (...args: string[]) => unknown)(...Array.from({ length: value.length }, () => "0")));
    if (value !== null && typeof value === "object") return Object.values(value).map(text).join(" ");
    return String(value);
  };
  return Object.values(explorableStrings(language)).map(text).join(" ");
}
