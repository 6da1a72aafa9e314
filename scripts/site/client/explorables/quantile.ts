/**
 * Notebook 07, the 80 % prediction interval: the level τ of the middle
 * quantile line. Each change refits that line by quantile regression
 * (fitLinearRegression with the quantile loss) on the 500 training points,
 * warm-started from the previous line with 150 epochs of a constant step
 * instead of the notebook's cold 3000 decaying ones (as close to the exact
 * minimiser, see scripts/site/explorables.ts); the readout checks it on the
 * 500 test points.
 */
import { fitLinearRegression } from "../../../../src/train/linearModels";
import { fitPlot } from "../../../../src/plot/builders";
import { createExplorable, formatNumber } from "./controls";
import { whenDrawn, type Figure } from "./plots";
import { figureIn } from "./types";
import { pageExplorableStrings } from "../../explorable-strings";

const STRINGS = pageExplorableStrings();

export interface QuantileLine {
  tau: number;
  weight: number;
  bias: number;
}

export interface QuantileData {
  /** Training features, standardised with mean and std. */
  xTrainScaled: number[];
  yTrain: number[];
  xTest: number[];
  yTest: number[];
  mean: number;
  std: number;
  /** The notebook's fitted lines, in legend order. */
  lines: QuantileLine[];
  /** Index of the line the slider refits. */
  controlled: number;
  settings: { learningRate: number; learningRateDecay: number; epochs: number };
  warmSettings: { learningRate: number; learningRateDecay: number; epochs: number };
  labels: { title: string; xTitle: string; yTitle: string };
}

/** Refits the quantile line at level τ, from `start` (warm) or from zero with the notebook's settings. */
export function refitQuantile(data: QuantileData, tau: number, start?: QuantileLine): QuantileLine {
  const model = fitLinearRegression(data.xTrainScaled, data.yTrain, {
    loss: "quantile",
    lossOptions: { tau },
    ...(start ? { ...data.warmSettings, initialWeights: [start.weight], initialBias: start.bias } : data.settings),
  });
  return { tau, weight: model.weights[0], bias: model.bias };
}

/** ŷ(x) of a line fitted on the standardised x. */
const predictor = (data: QuantileData, line: QuantileLine) => (x: number) => line.weight * ((x - data.mean) / data.std) + line.bias;

/** The notebook's fitPlot of the test points with the quantile lines. */
export function quantileFigure(data: QuantileData, lines: QuantileLine[]): Figure {
  return fitPlot(
    data.xTest,
    data.yTest,
    lines.map((line) => ({ name: `quantile τ = ${line.tau}`, predict: predictor(data, line) })),
    data.labels,
  );
}

function readout(data: QuantileData, line: QuantileLine): string {
  const predict = predictor(data, line);
  const below = data.yTest.filter((y, i) => y < predict(data.xTest[i])).length / data.yTest.length;
  const slope = line.weight / data.std;
  return STRINGS.quantileReadout(String(line.tau), formatNumber(line.bias - slope * data.mean, 3), formatNumber(slope, 3), String(data.yTest.length), formatNumber(100 * below, 1), formatNumber(100 * line.tau, 0));
}

export async function mount(root: HTMLElement, rawProps: unknown): Promise<void> {
  const data = rawProps as QuantileData;
  const element = figureIn(root);
  await whenDrawn(element);
  const lines = data.lines.slice();
  createExplorable(root, {
    label: STRINGS.quantileLabel,
    sliders: [{ key: "tau", symbol: "τ", description: STRINGS.quantileLevelOfLine(String(data.controlled + 1)), min: 0.05, max: 0.95, step: 0.05, value: data.lines[data.controlled].tau, digits: 2 }],
    initialReadout: readout(data, data.lines[data.controlled]),
    compute: (values) => {
      lines[data.controlled] = refitQuantile(data, values.tau, lines[data.controlled]);
      const figure = quantileFigure(data, lines);
      return { readout: readout(data, lines[data.controlled]), figures: [{ element, figure }] };
    },
  });
}
