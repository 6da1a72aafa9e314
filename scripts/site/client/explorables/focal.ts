/**
 * Notebook 07, the classification losses on the score z of the true class:
 * the focal loss's γ and α move its curve (γ = 0, α = 0.5 is half the
 * cross-entropy); the other losses stay as references.
 */
import { getLoss } from "../../../../src/losses/registry";
import { createExplorable, formatNumber, type Values } from "./controls";
import { curvesWithOptions, optionSliders } from "./loss-curves";
import { whenDrawn, type Figure } from "./plots";
import { figureIn } from "./types";
import { pageExplorableStrings } from "../../explorable-strings";

const STRINGS = pageExplorableStrings();

export interface FocalProps {
  ids: string[];
  range: [number, number];
  title: string;
  what?: "value" | "gradient";
  /** Scores at which the readout prints the focal loss. */
  at: number[];
}

export function focalFigure(props: FocalProps, values: Values): Figure {
  return curvesWithOptions(props.ids, "focal", values, { range: props.range, title: props.title, what: props.what });
}

function readout(props: FocalProps, values: Values): string {
  const focal = getLoss("focal");
  const crossEntropy = getLoss("binaryCrossEntropyWithLogits");
  const options = { gamma: values.gamma, alpha: values.alpha, reduction: "none" as const };
  const parts = props.at.map((z) => {
    const value = (focal.value([1], [z], options) as Float64Array)[0];
    const ce = (crossEntropy.value([1], [z], { reduction: "none" }) as Float64Array)[0];
    return STRINGS.focalAt(String(z), formatNumber(value, 4), formatNumber((100 * value) / ce, 1), formatNumber(ce, 4));
  });
  return STRINGS.focalReadout(String(values.gamma), String(values.alpha), parts.join(STRINGS.readoutSeparator));
}

export async function mount(root: HTMLElement, rawProps: unknown): Promise<void> {
  const props = rawProps as FocalProps;
  const element = figureIn(root);
  await whenDrawn(element);
  const sliders = optionSliders("focal");
  const start = Object.fromEntries(sliders.map((slider) => [slider.key, slider.value]));
  createExplorable(root, {
    label: STRINGS.focalLabel,
    sliders: sliders.map((slider) => ({ ...slider, description: STRINGS.focalOption(slider.description) })),
    initialReadout: readout(props, start),
    compute: (values) => {
      const figure = focalFigure(props, values);
      return { readout: readout(props, values), figures: [{ element, figure }] };
    },
  });
}
