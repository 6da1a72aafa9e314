/**
 * The loss gallery's figure of one loss: the loss (solid) and its gradient
 * (dashed) over the same axis, from `lossFunctionPlot`. Pure (no Node), so
 * the gallery's explorable redraws it in the page with other loss options.
 */
import type { LossInfo } from "../../src/losses/info";
import type { lossFunctionPlot } from "../../src/plot/loss-function-plot";
import type { PlotlyFigure } from "./figures";

/** One figure with the loss (solid) and its gradient (dashed); `options` are the loss's options (default: the registry's). */
export function lossAndGradientFigure(loss: LossInfo, plot: typeof lossFunctionPlot, options?: Record<string, number>): PlotlyFigure {
  const spec = options ? [{ id: loss.id, options }] : [loss.id];
  const value = plot(spec, { what: "value" }) as PlotlyFigure;
  const gradient = plot(spec, { what: "gradient" }) as PlotlyFigure;
  const yTitle = (figure: PlotlyFigure) => {
    const title = (figure.layout?.yaxis as { title?: { text?: string } | string } | undefined)?.title;
    return typeof title === "string" ? title : (title?.text ?? "");
  };
  const valueName = yTitle(value) || "loss";
  const gradientName = yTitle(gradient) || "gradient";
  const data = [
    ...value.data.map((trace) => ({ ...trace, name: valueName, showlegend: true })),
    ...gradient.data.map((trace) => ({
      ...trace,
      name: gradientName,
      showlegend: true,
      line: { ...((trace.line as object | undefined) ?? {}), dash: "dash", color: "#D55E00" },
      hovertemplate: `%{y:.4g}<extra>${gradientName}</extra>`,
    })),
  ];
  const layout = value.layout ?? {};
  const yaxis = { ...((layout.yaxis as object | undefined) ?? {}), title: { text: "value" } };
  return {
    data,
    layout: {
      ...layout,
      title: { ...(typeof layout.title === "object" ? layout.title : {}), text: `${loss.name}: loss and gradient` },
      yaxis,
      height: 340,
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
      margin: { t: 80, r: 16, b: 56, l: 56 },
    },
    config: value.config,
  };
}
