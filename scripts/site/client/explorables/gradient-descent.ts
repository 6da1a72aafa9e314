/**
 * Notebook 02, gradient descent on the slope loss L(θ) = MSE(y, θx): the
 * learning rate η of one of the runs and the common start θ₀. The paths on
 * the loss curve and the loss per step are recomputed by gradientDescent;
 * the readout compares η with the convergence bound 2/L″.
 */
import { mseValueAndGrad } from "../../../../src/losses/mse";
import { gradientDescent, type GradientDescentResult } from "../../../../src/train/gradientDescent";
import { gradientDescentPathPlot, lossCurvePlot } from "../../../../src/plot/builders";
import { createExplorable, formatNumber } from "./controls";
import { addFigureElement, drawFigure, whenDrawn, type Figure } from "./plots";
import { figureIn } from "./types";
import { pageExplorableStrings } from "../../explorable-strings";

const STRINGS = pageExplorableStrings();

export interface GradientDescentProps {
  x: number[];
  y: number[];
  learningRates: number[];
  /** Index of the run whose η the slider sets. */
  controlled: number;
  start: number;
  iterations: number;
  plot: { range: [number, number]; curveName: string; xTitle: string; yTitle: string; title: string };
}

/** L(θ) = MSE(y, θx) and dL/dθ = Σ (∂L/∂ŷᵢ)·xᵢ: the notebook's slopeObjective. */
export function slopeObjective(props: GradientDescentProps) {
  return (theta: ArrayLike<number>) => {
    const predictions = props.x.map((xi) => theta[0] * xi);
    const { value, grad } = mseValueAndGrad(props.y, predictions);
    let slope = 0;
    for (let i = 0; i < grad.length; i++) slope += grad[i] * props.x[i];
    return { value, grad: [slope] };
  };
}

/** The runs for the learning rates (the controlled one replaced by η) from θ₀. */
export function runsFor(props: GradientDescentProps, eta: number, start: number): { rates: number[]; runs: GradientDescentResult[] } {
  const objective = slopeObjective(props);
  const rates = props.learningRates.map((rate, k) => (k === props.controlled ? eta : rate));
  return { rates, runs: rates.map((learningRate) => gradientDescent(objective, [start], { learningRate, iterations: props.iterations, tolerance: 0 })) };
}

/** The notebook's path figure (gradientDescentPathPlot with its options). */
export function pathFigure(props: GradientDescentProps, rates: number[], runs: GradientDescentResult[]): Figure {
  const objective = slopeObjective(props);
  return gradientDescentPathPlot(
    (theta) => objective([theta]).value,
    runs.map((run, k) => ({ name: `η = ${rates[k]}`, thetas: run.history.map((step) => step.theta[0]) })),
    props.plot,
  );
}

/** The loss after each step of each run, on a log scale (a diverging run climbs off the chart). */
export function lossPerStepFigure(rates: number[], runs: GradientDescentResult[]): Figure {
  const figure = lossCurvePlot(
    runs.map((run, k) => ({ name: `η = ${rates[k]}`, values: run.history.map((step) => step.value) })),
    { title: STRINGS.lossPerStepTitle, xTitle: STRINGS.lossPerStepXTitle, yTitle: STRINGS.lossPerStepYTitle, logY: true, firstEpoch: 0 },
  );
  figure.layout.height = 300;
  return figure;
}

/** L″ = 2·mean(x²) for L(θ) = mean((θx − y)²). */
export function curvature(props: GradientDescentProps): number {
  return (2 * props.x.reduce((sum, x) => sum + x * x, 0)) / props.x.length;
}

function readout(props: GradientDescentProps, eta: number, runs: GradientDescentResult[]): string {
  const second = curvature(props);
  const bound = 2 / second;
  const factor = 1 - eta * second;
  const run = runs[props.controlled];
  const last = run.history[run.history.length - 1];
  const verdict =
    Math.abs(factor) < 1
      ? STRINGS.converges(formatNumber(bound, 4))
      : Math.abs(factor) === 1
        ? STRINGS.oscillates
        : STRINGS.diverges(formatNumber(bound, 4));
  return STRINGS.gradientDescentReadout(String(eta), formatNumber(second, 0), formatNumber(factor, 3), verdict, String(run.history.length - 1), formatNumber(last.theta[0], 4), formatNumber(last.value, 4));
}

export async function mount(root: HTMLElement, rawProps: unknown): Promise<void> {
  const props = rawProps as GradientDescentProps;
  const element = figureIn(root);
  await whenDrawn(element);
  const initial = runsFor(props, props.learningRates[props.controlled], props.start);
  const lossElement = addFigureElement(element.closest("figure") ?? element, `${element.id}-loss-per-step`, STRINGS.lossPerStepTitle, 300);
  await drawFigure(lossElement, lossPerStepFigure(initial.rates, initial.runs));
  lossElement.setAttribute("data-drawn", "true");
  createExplorable(root, {
    label: STRINGS.gradientDescentLabel,
    sliders: [
      { key: "eta", symbol: "η", description: STRINGS.learningRateOfRun(String(props.controlled + 1)), min: 0.001, max: 0.12, step: 0.001, value: props.learningRates[props.controlled], digits: 3 },
      { key: "start", symbol: "θ₀", description: STRINGS.startOfEveryRun, min: -2, max: 4.5, step: 0.1, value: props.start, digits: 1 },
    ],
    initialReadout: readout(props, props.learningRates[props.controlled], initial.runs),
    compute: (values) => {
      const { rates, runs } = runsFor(props, values.eta, values.start);
      const paths = pathFigure(props, rates, runs);
      const losses = lossPerStepFigure(rates, runs);
      return { readout: readout(props, values.eta, runs), figures: [{ element, figure: paths }, { element: lossElement, figure: losses }] };
    },
  });
}
