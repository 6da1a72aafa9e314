/**
 * Shared by the explorables over registry losses: lossFunctionPlot with a
 * loss's options, given only where they differ from the registry's defaults
 * (so the curves at the defaults are named, and drawn, exactly as in the
 * static figure), and the sliders for a loss's numeric options.
 */
import { getLoss } from "../../../../src/losses/registry";
import { lossFunctionPlot, type LossCurveSpec, type LossFunctionPlotOptions } from "../../../../src/plot/loss-function-plot";
import type { SliderSpec, Values } from "./controls";
import type { Figure } from "./plots";
import { pageExplorableStrings } from "../../explorable-strings";

/** The symbol, range and step of each loss option a reader may move (its words: explorable-strings.ts, optionDescriptions). */
export const OPTION_CONTROLS: Record<string, Omit<SliderSpec, "key" | "value" | "description">> = {
  delta: { symbol: "δ", min: 0.1, max: 3, step: 0.1, digits: 1 },
  beta: { symbol: "β", min: 0.1, max: 3, step: 0.1, digits: 1 },
  tau: { symbol: "τ", min: 0.05, max: 0.95, step: 0.05, digits: 2 },
  gamma: { symbol: "γ", min: 0, max: 5, step: 0.1, digits: 1 },
  alpha: { symbol: "α", min: 0.05, max: 0.95, step: 0.05, digits: 2 },
  labelSmoothing: { symbol: "ε", min: 0, max: 0.5, step: 0.01, digits: 2 },
  posWeight: { symbol: "w₊", min: 0.1, max: 5, step: 0.1, digits: 1 },
};

/** Sliders for the options of loss `id` (those in OPTION_CONTROLS), starting at `start` or the registry's defaults. */
export function optionSliders(id: string, start: Record<string, number> = {}): SliderSpec[] {
  const defaults = getLoss(id).defaults;
  return Object.keys(defaults)
    .filter((key) => key in OPTION_CONTROLS)
    .map((key) => ({ key, value: start[key] ?? defaults[key], description: pageExplorableStrings().optionDescriptions[key], ...OPTION_CONTROLS[key] }));
}

/** The options of loss `id` among `values` that differ from its defaults (undefined when none do). */
export function changedOptions(id: string, values: Values): Record<string, number> | undefined {
  const defaults = getLoss(id).defaults;
  const changed = Object.fromEntries(Object.keys(defaults).filter((key) => key in values && values[key] !== defaults[key]).map((key) => [key, values[key]]));
  return Object.keys(changed).length > 0 ? changed : undefined;
}

/** lossFunctionPlot(ids, options) with loss `id` drawn with `values` as its options. */
export function curvesWithOptions(ids: string[], id: string, values: Values, options: LossFunctionPlotOptions): Figure {
  const changed = changedOptions(id, values);
  const specs: LossCurveSpec[] = ids.map((entry) => (entry === id && changed ? { id, options: { ...options.options?.[id], ...changed } } : entry));
  return lossFunctionPlot(specs, options);
}
