/**
 * The loss gallery's figure of one loss: the loss (solid, top) and its
 * gradient (dashed, below) on their own y-axes over one shared x-axis, from
 * `lossFunctionPlot` (a gradient that reaches −100, as binary cross-entropy's
 * does, would otherwise flatten the loss to a line). Pure (no Node), so the
 * gallery's explorable redraws it in the page with other loss options. Its
 * title is in the library's current language (the Chinese gallery is built,
 * and its explorables run, with it set to Chinese).
 */
import type { LossInfo } from "../../src/losses/info";
import type { lossFunctionPlot } from "../../src/plot/loss-function-plot";
import type { PlotlyFigure } from "./figures";
import { say } from "../../src/language";

/** One figure with the loss and its gradient in two stacked panels; `options` are the loss's options (default: the registry's). */
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
    ...value.data.map((trace) => ({ ...trace, name: valueName, showlegend: false, xaxis: "x", yaxis: "y" })),
    ...gradient.data.map((trace) => ({
      ...trace,
      name: gradientName,
      showlegend: false,
      xaxis: "x",
      yaxis: "y2",
      line: { ...((trace.line as object | undefined) ?? {}), dash: "dash", color: "#D55E00" },
      hovertemplate: `%{y:.4g}<extra>${gradientName}</extra>`,
    })),
  ];
  const layout = value.layout ?? {};
  const axis = (source: unknown) => ({ ...((source as object | undefined) ?? {}) });
  return {
    data,
    layout: {
      ...layout,
      title: { ...(typeof layout.title === "object" ? layout.title : {}), text: say({ en: `${loss.name}: loss and gradient`, zh: `${loss.nameZh}：损失和梯度` }) },
      // The x-axis sits under the gradient's panel and serves both.
      xaxis: { ...axis(layout.xaxis), anchor: "y2" },
      yaxis: { ...axis(layout.yaxis), title: { text: valueName }, domain: [0.56, 1], anchor: "x" },
      yaxis2: { ...axis(gradient.layout?.yaxis), title: { text: gradientName }, domain: [0, 0.44], anchor: "x" },
      height: 420,
      showlegend: false,
      margin: { t: 56, r: 16, b: 56, l: 64 },
    },
    config: value.config,
  };
}
