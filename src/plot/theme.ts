import type { Axis, Layout } from "./figure";

/**
 * Line colours: the Okabe–Ito palette (readable for colour-blind readers),
 * without its black and yellow so that every colour shows on both a white and
 * a dark background.
 */
export const plotColors: readonly string[] = Object.freeze([
  "#0072B2", // blue
  "#D55E00", // vermillion
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#E69F00", // orange
  "#56B4E9", // sky blue
]);

/** Mid-grey text that stays readable on white and on dark notebook themes. */
const TEXT_COLOR = "#6e7781";
const GRID_COLOR = "rgba(128, 128, 128, 0.22)";
const AXIS_LINE_COLOR = "rgba(128, 128, 128, 0.55)";
const FONT_FAMILY = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Noto Sans CJK SC', sans-serif";

/** Default figure height in pixels (the width follows the notebook column). */
export const FIGURE_HEIGHT = 420;

function axis(text: string, extra: Partial<Axis> = {}): Axis {
  return {
    title: { text, standoff: 8 },
    gridcolor: GRID_COLOR,
    zerolinecolor: AXIS_LINE_COLOR,
    linecolor: AXIS_LINE_COLOR,
    showline: true,
    ticks: "outside",
    tickcolor: AXIS_LINE_COLOR,
    automargin: true,
    ...extra,
  };
}

/**
 * A logarithmic axis whose tick labels are powers of ten (10⁻⁴, 10⁻³, …):
 * plotly's default exponent format "B" writes them with SI-like suffixes
 * ("100μ" for 10⁻⁴), which reads as a unit rather than a number.
 * See https://plotly.com/javascript/reference/layout/yaxis/#layout-yaxis-exponentformat.
 */
export function logAxis(): Partial<Axis> {
  return { type: "log", exponentformat: "power" };
}

/**
 * The layout every lossbook figure shares: title top left, labelled axes,
 * transparent backgrounds (so light and dark themes both work), one font,
 * one colour order, fixed height.
 */
export function baseLayout(options: {
  title: string;
  xTitle: string;
  yTitle: string;
  hovermode?: "closest" | "x unified";
  xaxis?: Partial<Axis>;
  yaxis?: Partial<Axis>;
}): Layout {
  return {
    title: { text: options.title, x: 0.02, xanchor: "left", font: { size: 17 } },
    xaxis: axis(options.xTitle, options.xaxis),
    yaxis: axis(options.yTitle, options.yaxis),
    font: { family: FONT_FAMILY, size: 13, color: TEXT_COLOR },
    colorway: [...plotColors],
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    margin: { l: 64, r: 24, t: 56, b: 56 },
    height: FIGURE_HEIGHT,
    hovermode: options.hovermode ?? "closest",
    legend: { bgcolor: "rgba(0,0,0,0)" },
  };
}

/** The plotly.js config every figure gets: resizes with its cell, no logo. */
export function baseConfig(): Record<string, unknown> {
  return { responsive: true, displaylogo: false };
}

/** Colour of the i-th series (cycles through {@link plotColors}). */
export function colorAt(index: number): string {
  return plotColors[index % plotColors.length];
}
