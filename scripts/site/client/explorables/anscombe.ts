/**
 * Notebook 05, Anscombe's quartet III: drag the outlier (mouse or touch) or
 * move its y with the slider (keyboard), and the MSE, MAE and Huber lines
 * refit live with fitLinearRegression, each warm-started from its previous
 * line (MAE continues the notebook's decaying-step schedule where it ended).
 * The line of the ten clean points does not depend on the outlier and stays.
 */
import { fitLinearRegression } from "../../../../src/train/linearModels";
import { fitPlot } from "../../../../src/plot/builders";
import { createExplorable, formatNumber, type Explorable } from "./controls";
import { drawFigure, staticFigure, whenDrawn, type Figure, type PlotElement } from "./plots";
import { figureIn } from "./types";
import { pageExplorableStrings } from "../../explorable-strings";

const STRINGS = pageExplorableStrings();

/** A line fitted on the standardised feature x′ = (x − mean)/std: ŷ = weight·x′ + bias. */
export interface ScaledLine {
  weight: number;
  bias: number;
}

/** One of the refitted losses: how the notebook trained it and how a warm refit continues. */
export interface RefitLoss {
  /** Legend name of its line in the static figure. */
  name: string;
  loss: string;
  lossOptions: Record<string, number>;
  /** The notebook's settings (fitLine's trainingSettings). */
  settings: { learningRate: number; learningRateDecay?: number; epochs: number };
  /** Settings of a warm refit. */
  warmSettings: { learningRate: number; learningRateDecay?: number; epochs: number };
  /** The notebook's fit on the committed data. */
  fit: ScaledLine;
}

export interface AnscombeData {
  x: number[];
  /** x standardised, x′ = (x − mean)/std, as standardize() returns it. */
  xScaled: number[];
  y: number[];
  outlier: number;
  mean: number;
  std: number;
  refits: RefitLoss[];
  /** Lines that do not depend on the outlier (the ten clean points), with their place in the legend. */
  fixed: Array<{ name: string; slope: number; intercept: number; index: number }>;
  labels: { title: string; xTitle: string; yTitle: string; highlightName?: string };
  /** Range of the outlier's y the slider offers. */
  yRange: [number, number];
}

/** slope and intercept in the units of x from a line on the standardised x. */
export function unscale(line: ScaledLine, mean: number, std: number): { slope: number; intercept: number } {
  const slope = line.weight / std; // θ₁ = w/s
  return { slope, intercept: line.bias - slope * mean }; // θ₀ = b − w·m/s
}

/** Refits one loss on `y`, from `start` (warm) or from zero with the notebook's settings (cold). */
export function refit(data: AnscombeData, loss: RefitLoss, y: number[], start?: ScaledLine): ScaledLine {
  const model = fitLinearRegression(data.xScaled, y, {
    loss: loss.loss,
    lossOptions: loss.lossOptions,
    ...(start ? { ...loss.warmSettings, initialWeights: [start.weight], initialBias: start.bias } : loss.settings),
  });
  return { weight: model.weights[0], bias: model.bias };
}

/** The figure for the outlier at height `outlierY` with the refitted lines: the notebook's fitPlot call. */
export function anscombeFigure(data: AnscombeData, y: number[], lines: ScaledLine[]): Figure {
  const entries: Array<{ name: string; slope: number; intercept: number }> = data.refits.map((loss, k) => ({ name: loss.name, ...unscale(lines[k], data.mean, data.std) }));
  for (const line of data.fixed) entries.splice(line.index, 0, line);
  return fitPlot(
    data.x,
    y,
    entries.map((line) => ({ name: line.name, predict: (x: number) => line.intercept + line.slope * x })),
    { ...data.labels, highlight: data.x.map((_, i) => i === data.outlier) },
  );
}

function readout(data: AnscombeData, y: number[], lines: ScaledLine[]): string {
  const parts = data.refits.map((loss, k) => {
    const { slope, intercept } = unscale(lines[k], data.mean, data.std);
    const residual = y[data.outlier] - (intercept + slope * data.x[data.outlier]);
    return `<span class="explorable-value">${STRINGS.anscombeLine(loss.loss === "huber" ? `Huber δ = ${loss.lossOptions.delta}` : loss.loss.toUpperCase(), formatNumber(slope), formatNumber(residual, 2))}</span>`;
  });
  const clean = data.fixed[0];
  return `${STRINGS.anscombeReadout(String(data.x[data.outlier]), formatNumber(y[data.outlier], 2), parts.join(STRINGS.readoutSeparator))}${clean ? STRINGS.anscombeCleanLine(formatNumber(clean.slope)) : ""}`;
}

/** Vertical drags on the outlier marker (mouse, pen, touch) move the y control. */
function enableDragging(element: PlotElement, explorable: Explorable, data: AnscombeData): void {
  const near = (event: { clientX: number; clientY: number }, slack: number) => {
    const layout = element._fullLayout;
    if (!layout) return false;
    const box = element.getBoundingClientRect();
    const px = box.left + layout._size.l + layout.xaxis.l2p(data.x[data.outlier]);
    const py = box.top + layout._size.t + layout.yaxis.l2p(explorable.values.outlierY);
    return Math.hypot(event.clientX - px, event.clientY - py) <= slack;
  };
  const toY = (clientY: number) => {
    const layout = element._fullLayout!;
    return layout.yaxis.p2l(clientY - element.getBoundingClientRect().top - layout._size.t);
  };
  let dragging: number | undefined;
  // Touch: claim the gesture before the browser starts scrolling, only on the outlier.
  element.addEventListener(
    "touchstart",
    (event) => {
      const touch = event.touches[0];
      if (event.touches.length !== 1 || !touch || !near(touch, 28)) return;
      event.preventDefault();
      event.stopPropagation();
    },
    { passive: false, capture: true },
  );
  element.addEventListener(
    "pointerdown",
    (event) => {
      if (!near(event, event.pointerType === "mouse" ? 14 : 28)) return;
      event.preventDefault();
      event.stopPropagation(); // no plotly zoom box
      dragging = event.pointerId;
      element.setPointerCapture(event.pointerId);
      element.classList.add("is-dragging");
    },
    { capture: true },
  );
  element.addEventListener(
    "pointermove",
    (event) => {
      if (dragging !== event.pointerId) {
        element.classList.toggle("is-over-handle", near(event, 14));
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      explorable.set("outlierY", toY(event.clientY));
    },
    { capture: true },
  );
  const stop = (event: PointerEvent) => {
    if (dragging !== event.pointerId) return;
    dragging = undefined;
    element.classList.remove("is-dragging");
    event.stopPropagation();
  };
  element.addEventListener("pointerup", stop, { capture: true });
  element.addEventListener("pointercancel", stop, { capture: true });
}

export async function mount(root: HTMLElement, rawProps: unknown): Promise<void> {
  const data = rawProps as AnscombeData;
  const element = figureIn(root) as PlotElement;
  await whenDrawn(element);
  // The y-axis stays where the static figure put it, widened to the slider's range, so the drag does not rescale it.
  const drawnRange = element._fullLayout?.yaxis.range ?? data.yRange;
  const yRange: [number, number] = [Math.min(drawnRange[0], data.yRange[0]), Math.max(drawnRange[1], data.yRange[1])];
  let lines = data.refits.map((loss) => loss.fit);
  let y = data.y.slice();
  /** The frame the drag needs: the y-axis fixed to yRange, no plotly zoom box. */
  const framed = (figure: Figure): Figure => {
    figure.layout.yaxis = { ...figure.layout.yaxis, range: yRange, autorange: false };
    figure.layout.dragmode = false;
    return figure;
  };
  const figureFor = (points: number[], fitted: ScaledLine[]): Figure => framed(anscombeFigure(data, points, fitted));
  // The static figure itself (same points and lines) put in that frame now, not on the first drag frame,
  // which redraws only the moved traces and would leave the axis where it was.
  await drawFigure(element, framed(staticFigure(element)));
  const explorable = createExplorable(root, {
    label: STRINGS.anscombeLabel,
    sliders: [
      { key: "outlierY", symbol: "y", description: STRINGS.anscombeOutlier(String(data.x[data.outlier])), min: data.yRange[0], max: data.yRange[1], step: 0.01, value: data.y[data.outlier], digits: 2 },
    ],
    initialReadout: readout(data, data.y, lines),
    compute: (values) => {
      y = data.y.slice();
      y[data.outlier] = values.outlierY;
      lines = data.refits.map((loss, k) => refit(data, loss, y, lines[k]));
      return { readout: readout(data, y, lines), figures: [{ element, figure: figureFor(y, lines) }] };
    },
  });
  element.classList.add("explorable-draggable");
  const hint = document.createElement("p");
  hint.className = "explorable-hint";
  hint.textContent = STRINGS.anscombeHint;
  root.querySelector(".explorable-panel")?.prepend(hint);
  enableDragging(element, explorable, data);
}
