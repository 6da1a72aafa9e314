/**
 * Figures as plain plotly.js JSON `{data, layout}` (titled, axes labelled,
 * one template), and show()/showTable()/showMath()/showMarkdown() to display them in a
 * tslab notebook.
 */
export type { Axis, Figure, Layout, Trace } from "./figure";
export { plotColors } from "./theme";
export {
  barPlot,
  contourPathPlot,
  decisionBoundaryPlot,
  fitPlot,
  gradientDescentPathPlot,
  linePlot,
  lossCurvePlot,
  scatterPlot,
  type LineSeries,
  type PlotLabels,
} from "./builders";
export { lossFunctionPlot, type LossCurveSpec, type LossFunctionPlotOptions } from "./loss-function-plot";
export { PLOTLY_MIME_TYPE, decodeFigure, decodeNumberArray, show, showMarkdown, showMath, showTable, type MimeBundle, type TableOptions } from "./show";
