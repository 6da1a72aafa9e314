/**
 * Notebook 05, "How δ shapes the loss": a δ slider over the Huber curve of
 * the static figure that has δ = 1 (the others stay as references), for the
 * loss L_δ(a) or its derivative dL_δ/da, with both read out at a = 3.
 */
import { huber, huberGrad } from "../../../../src/losses/huber";
import { linePlot, type LineSeries } from "../../../../src/plot/builders";
import { createExplorable, formatNumber } from "./controls";
import { staticFigure, whenDrawn, type Figure, type Trace } from "./plots";
import { figureIn } from "./types";
import { pageExplorableStrings } from "../../explorable-strings";

const STRINGS = pageExplorableStrings();

export interface HuberDeltaProps {
  what: "value" | "gradient";
  /** Legend name of the curve the slider controls in the static figure ("Huber δ = 1"). */
  controlled: string;
  delta: number;
  /** Where the readout evaluates the loss and derivative. */
  at: number;
}

const axisTitle = (figure: Figure, axis: "xaxis" | "yaxis") => ((figure.layout[axis] as { title?: { text?: string } }).title?.text ?? "");
const titleOf = (figure: Figure) => (figure.layout.title as { text: string }).text;

/** The Huber curve (or its derivative) for δ over the residual grid `a`. */
export function huberCurve(what: HuberDeltaProps["what"], a: number[], delta: number): number[] {
  const zeros = a.map(() => 0);
  return Array.from(what === "value" ? huber(zeros, a, { delta, reduction: "none" }) : huberGrad(zeros, a, { delta, reduction: "sum" }));
}

/**
 * The static figure with the controlled curve drawn for δ: the same linePlot
 * call as the notebook's, the other series taken from the static figure.
 */
export function huberDeltaFigure(base: Figure, props: HuberDeltaProps, delta: number): Figure {
  const series: LineSeries[] = base.data.map((trace: Trace) => {
    const x = trace.x as number[];
    const dash = (trace.line as { dash?: LineSeries["dash"] } | undefined)?.dash;
    if (trace.name !== props.controlled) return { name: String(trace.name), x, y: trace.y as number[], dash };
    return { name: `Huber δ = ${delta}`, x, y: huberCurve(props.what, x, delta), dash };
  });
  return linePlot(series, { title: titleOf(base), xTitle: axisTitle(base, "xaxis"), yTitle: axisTitle(base, "yaxis") });
}

function readout(props: HuberDeltaProps, delta: number): string {
  const a = props.at;
  const value = huber([0], [a], { delta, reduction: "none" })[0];
  const slope = huberGrad([0], [a], { delta, reduction: "sum" })[0];
  const piece = Math.abs(a) <= delta ? STRINGS.huberQuadraticPiece : STRINGS.huberLinearPiece;
  return STRINGS.huberReadout(String(a), formatNumber(value), formatNumber(slope), piece);
}

export async function mount(root: HTMLElement, rawProps: unknown): Promise<void> {
  const props = rawProps as HuberDeltaProps;
  const element = figureIn(root);
  const base = staticFigure(element);
  if (!base.data.some((trace) => trace.name === props.controlled)) throw new Error(`huber-delta: the figure has no curve named ${props.controlled}`);
  await whenDrawn(element);
  createExplorable(root, {
    label: STRINGS.huberDeltaLabel(props.controlled),
    sliders: [{ key: "delta", symbol: "δ", description: STRINGS.huberThreshold, min: 0.1, max: 5, step: 0.1, value: props.delta, digits: 1 }],
    compute: (values) => {
      const figure = huberDeltaFigure(base, props, values.delta);
      return { readout: readout(props, values.delta), figures: [{ element, figure }] };
    },
  });
}
