/**
 * Notebook 07, the gradients of the classification losses against the score
 * z (the margin m = y·z for y = 1): a margin slider marks m on the figure
 * and reads off every loss and its gradient there, from the same sweep as
 * the plot (lossFunctionPlot over a three-point range centred on m).
 */
import { lossFunctionPlot } from "../../../../src/plot/loss-function-plot";
import { createExplorable, formatNumber } from "./controls";
import { drawFigure, staticFigure, whenDrawn, type Figure } from "./plots";
import { figureIn } from "./types";
import { pageExplorableStrings } from "../../explorable-strings";

const STRINGS = pageExplorableStrings();

export interface MarginProps {
  ids: string[];
  range: [number, number];
  title: string;
  margin: number;
}

/** Each loss's value and gradient at margin m, by name. */
export function atMargin(props: MarginProps, m: number): Array<{ name: string; value: number; gradient: number }> {
  const range: [number, number] = [m - 0.5, m + 0.5];
  const values = lossFunctionPlot(props.ids, { range, points: 3 });
  const gradients = lossFunctionPlot(props.ids, { range, points: 3, what: "gradient" });
  return values.data.map((trace, k) => ({ name: String(trace.name), value: (trace.y as number[])[1], gradient: (gradients.data[k].y as number[])[1] }));
}

/** The static figure with a vertical line at margin m. */
export function marginFigure(base: Figure, m: number): Figure {
  const layout = { ...base.layout, shapes: [{ type: "line", xref: "x", yref: "paper", x0: m, x1: m, y0: 0, y1: 1, line: { color: "rgba(128,128,128,0.9)", width: 1.5, dash: "dot" } }] };
  return { ...base, layout };
}

function readout(props: MarginProps, m: number): string {
  const rows = atMargin(props, m).map((entry) => STRINGS.marginRow(entry.name, formatNumber(entry.value, 3), formatNumber(entry.gradient, 3)));
  return STRINGS.marginReadout(formatNumber(m, 1), rows.join(STRINGS.readoutSeparator));
}

export async function mount(root: HTMLElement, rawProps: unknown): Promise<void> {
  const props = rawProps as MarginProps;
  const element = figureIn(root);
  const base = staticFigure(element);
  await whenDrawn(element);
  // The data stay the static figure's; only the marker line at m is added.
  await drawFigure(element, marginFigure(base, props.margin));
  createExplorable(root, {
    label: STRINGS.marginLabel,
    sliders: [{ key: "margin", symbol: "m = y·z", description: STRINGS.margin, min: props.range[0], max: props.range[1], step: 0.1, value: props.margin, digits: 1 }],
    compute: (values) => {
      const figure = marginFigure(base, values.margin);
      return { readout: readout(props, values.margin), figures: [{ element, figure }] };
    },
  });
}
