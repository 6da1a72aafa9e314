/**
 * Notebook 04, one sample with three classes: its logits z₀, z₁, z₂ and the
 * label smoothing ε. softmax(z), the (smoothed) target t, the cross-entropy
 * and its gradient ∂ℓ/∂z = softmax(z) − t are recomputed by the library and
 * drawn per class; the committed cell prints the same numbers at the start.
 */
import { softmax } from "../../../../src/losses/stable";
import { softmaxCrossEntropyValueAndGrad } from "../../../../src/losses/softmaxCrossEntropy";
import { linePlot } from "../../../../src/plot/builders";
import { createExplorable, formatNumber } from "./controls";
import { addFigureElement, drawFigure, type Figure } from "./plots";
import { pageExplorableStrings } from "../../explorable-strings";

const STRINGS = pageExplorableStrings();

export interface SoftmaxProps {
  logits: number[];
  trueClass: number;
  labelSmoothing: number;
}

export interface SoftmaxState {
  probabilities: number[];
  target: number[];
  loss: number;
  gradient: number[];
}

/** softmax(z), the target t = (1 − ε)·onehot + ε/K, ℓ = −Σ tₖ log softmax(z)ₖ and its gradient. */
export function softmaxState(logits: number[], trueClass: number, labelSmoothing: number): SoftmaxState {
  const classes = logits.length;
  const { value, grad } = softmaxCrossEntropyValueAndGrad([trueClass], [logits], { labelSmoothing });
  const target = logits.map((_, k) => (1 - labelSmoothing) * (k === trueClass ? 1 : 0) + labelSmoothing / classes);
  return { probabilities: Array.from(softmax(logits)), target, loss: value, gradient: Array.from((grad as ArrayLike<number>[])[0]) };
}

/**
 * One stem per class and quantity (a lollipop chart, since the classes are
 * categories): the stem of class k and series j at x = k + offsetⱼ runs from 0
 * to the value, with a dot on top; NaN separates the stems.
 */
export function softmaxFigure(state: SoftmaxState, trueClass: number): Figure {
  const classes = state.probabilities.map((_, k) => k);
  const offsets = [-0.2, 0, 0.2];
  const stems = (values: number[], offset: number) => ({
    x: classes.flatMap((k) => [k + offset, k + offset, Number.NaN]),
    y: values.flatMap((value) => [0, value, Number.NaN]),
  });
  const figure = linePlot(
    [
      { name: STRINGS.softmaxTraceProbabilities, ...stems(state.probabilities, offsets[0]), mode: "lines+markers" },
      { name: STRINGS.softmaxTraceTarget, ...stems(state.target, offsets[1]), mode: "lines+markers" },
      { name: STRINGS.softmaxTraceGradient, ...stems(state.gradient, offsets[2]), mode: "lines+markers" },
    ],
    { title: STRINGS.softmaxTitle(String(trueClass)), xTitle: STRINGS.softmaxXTitle, yTitle: STRINGS.softmaxYTitle },
  );
  for (const trace of figure.data) {
    trace.marker = { ...(trace.marker as object), size: classes.flatMap(() => [0, 11, 0]) };
    trace.line = { ...(trace.line as object), width: 4 };
    trace.hovertemplate = STRINGS.softmaxHover;
  }
  figure.layout.xaxis = { ...figure.layout.xaxis, tickvals: classes, range: [-0.5, classes.length - 0.5], zeroline: false };
  figure.layout.yaxis = { ...figure.layout.yaxis, range: [-1.05, 1.05] };
  figure.layout.height = 340;
  return figure;
}

const list = (values: number[]) => values.map((v) => formatNumber(v, 4)).join(", ");

function readout(state: SoftmaxState, trueClass: number, epsilon: number): string {
  const separator = STRINGS.readoutSeparator;
  const target = epsilon > 0 ? `${STRINGS.softmaxTarget(list(state.target))}${separator}` : "";
  const logOfTrue = epsilon === 0 ? STRINGS.softmaxLossIsLog(formatNumber(state.probabilities[trueClass], 4)) : "";
  return `${STRINGS.softmaxProbabilities(list(state.probabilities))}${separator}${target}${STRINGS.softmaxLoss(formatNumber(state.loss, 4))}${logOfTrue}${separator}${STRINGS.softmaxGradient(list(state.gradient))}`;
}

export async function mount(root: HTMLElement, rawProps: unknown): Promise<void> {
  const props = rawProps as SoftmaxProps;
  const anchor = root.lastElementChild ?? root;
  const element = addFigureElement(anchor, `${root.getAttribute("data-explorable-id") ?? "softmax"}-figure`.replace(/[^\w-]/g, "-"), STRINGS.softmaxFigureLabel, 340);
  const initial = softmaxState(props.logits, props.trueClass, props.labelSmoothing);
  await drawFigure(element, softmaxFigure(initial, props.trueClass));
  element.setAttribute("data-drawn", "true");
  createExplorable(root, {
    label: STRINGS.softmaxLabel,
    sliders: [
      ...props.logits.map((z, k) => ({ key: `z${k}`, symbol: `z${"₀₁₂₃₄₅₆₇₈₉"[k]}`, description: k === props.trueClass ? STRINGS.logitOfTrueClass(String(k)) : STRINGS.logitOfClass(String(k)), min: -4, max: 4, step: 0.1, value: z, digits: 1 })),
      { key: "epsilon", symbol: "ε", description: STRINGS.labelSmoothing, min: 0, max: 0.5, step: 0.01, value: props.labelSmoothing, digits: 2 },
    ],
    initialReadout: readout(initial, props.trueClass, props.labelSmoothing),
    compute: (values) => {
      const logits = props.logits.map((_, k) => values[`z${k}`]);
      const state = softmaxState(logits, props.trueClass, values.epsilon);
      const figure = softmaxFigure(state, props.trueClass);
      return { readout: readout(state, props.trueClass, values.epsilon), figures: [{ element, figure }] };
    },
  });
}
