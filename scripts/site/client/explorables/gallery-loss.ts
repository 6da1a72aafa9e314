/**
 * The loss gallery: each loss with options (δ, β, τ, γ, α, ε, w₊) gets
 * sliders on its card; its figure of the loss and its gradient is redrawn
 * with the same lossAndGradientFigure the build uses, and the readout
 * gives the loss and its gradient at one point of the axis.
 */
import { getLoss } from "../../../../src/losses/registry";
import { lossFunctionPlot } from "../../../../src/plot/loss-function-plot";
import { lossAndGradientFigure } from "../../loss-figure";
import { createExplorable, formatNumber, type Values } from "./controls";
import { changedOptions, OPTION_CONTROLS, optionSliders } from "./loss-curves";
import { whenDrawn, type Figure } from "./plots";
import { figureIn } from "./types";
import { say } from "../../../../src/language";
import { pageExplorableStrings } from "../../explorable-strings";

const STRINGS = pageExplorableStrings();

export interface GalleryLossProps {
  id: string;
  /** The point of the x-axis where the readout evaluates the curves. */
  at: number;
}

export function galleryLossFigure(id: string, values: Values): Figure {
  return lossAndGradientFigure(getLoss(id), lossFunctionPlot, changedOptions(id, values)) as Figure;
}

function readout(props: GalleryLossProps, figure: Figure, values: Values): string {
  const [value, gradient] = figure.data;
  const xs = value.x as number[];
  let index = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - props.at) < Math.abs(xs[index] - props.at)) index = i;
  const options = Object.entries(values).map(([key, v]) => `${OPTION_CONTROLS[key]?.symbol ?? key} = ${v}`).join(STRINGS.optionSeparator);
  return STRINGS.galleryLossReadout(options, formatNumber(xs[index], 2), formatNumber((value.y as number[])[index], 4), formatNumber((gradient.y as number[])[index], 4));
}

export async function mount(root: HTMLElement, rawProps: unknown): Promise<void> {
  const props = rawProps as GalleryLossProps;
  const element = figureIn(root);
  await whenDrawn(element);
  const loss = getLoss(props.id);
  const sliders = optionSliders(props.id);
  const start = Object.fromEntries(sliders.map((slider) => [slider.key, slider.value]));
  createExplorable(root, {
    // The loss by its name in the page's language (the loader set the library's language).
    label: STRINGS.galleryLossLabel(say({ en: loss.name, zh: loss.nameZh })),
    sliders,
    initialReadout: readout(props, galleryLossFigure(props.id, start), start),
    compute: (values) => {
      const figure = galleryLossFigure(props.id, values);
      return { readout: readout(props, figure, values), figures: [{ element, figure }] };
    },
  });
}
