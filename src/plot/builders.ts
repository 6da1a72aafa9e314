import { LossbookError } from "../errors";
import { say } from "../language";
import { describe } from "../validation";
import {
  checkFunction,
  checkLabel,
  checkPaired,
  checkRange,
  checkSeries,
  evenlySpaced,
  jsonNumbers,
  sample,
  type Figure,
  type Trace,
} from "./figure";
import { baseConfig, baseLayout, colorAt, logAxis, plotColors } from "./theme";

/** Labels every figure carries. */
export interface PlotLabels {
  title: string;
  xTitle: string;
  yTitle: string;
}

/** One line (or set of markers) of {@link linePlot}. */
export interface LineSeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  mode?: "lines" | "markers" | "lines+markers";
  dash?: "solid" | "dash" | "dot" | "dashdot";
}

function checkLabels(labels: PlotLabels | undefined): void {
  if (labels === null || typeof labels !== "object") {
    throw new LossbookError("options", `must be an object with title, xTitle and yTitle, got ${describe(labels)}`);
  }
  checkLabel("options.title", labels.title);
  checkLabel("options.xTitle", labels.xTitle);
  checkLabel("options.yTitle", labels.yTitle);
}

function checkList<T>(argument: string, list: unknown): asserts list is T[] {
  if (!Array.isArray(list) || list.length === 0) {
    throw new LossbookError(argument, `must be a non-empty array, got ${describe(list)}`);
  }
}

function checkName(argument: string, name: unknown): asserts name is string {
  if (typeof name !== "string" || name === "") throw new LossbookError(argument, `must be a non-empty string, got ${describe(name)}`);
}

/**
 * The generic plot: one trace per series, lines by default (`mode` gives
 * markers), optional log y-axis (ticks as powers of ten). Every other
 * line-like builder uses it.
 */
export function linePlot(series: LineSeries[], options: PlotLabels & { logY?: boolean }): Figure {
  checkList<LineSeries>("series", series);
  checkLabels(options);
  const data: Trace[] = series.map((s, i) => {
    checkName(`series[${i}].name`, s?.name);
    checkSeries(`series[${i}].x`, s.x);
    checkSeries(`series[${i}].y`, s.y);
    checkPaired(`series[${i}].x`, s.x, `series[${i}].y`, s.y);
    const mode = s.mode ?? "lines";
    const trace: Trace = { type: "scatter", name: s.name, x: jsonNumbers(s.x), y: jsonNumbers(s.y), mode };
    if (mode !== "markers") trace.line = { color: colorAt(i), width: 2.5, dash: s.dash ?? "solid" };
    if (mode !== "lines") trace.marker = { color: colorAt(i), size: 7 };
    return trace;
  });
  const layout = baseLayout({
    title: options.title,
    xTitle: options.xTitle,
    yTitle: options.yTitle,
    hovermode: series.every((s) => (s.mode ?? "lines") === "lines") ? "x unified" : "closest",
    yaxis: options.logY ? logAxis() : {},
  });
  return { data, layout, config: baseConfig() };
}

/** Points only: one marker trace per named group. */
export function scatterPlot(points: { name: string; x: ArrayLike<number>; y: ArrayLike<number> }[], options: PlotLabels): Figure {
  checkList("points", points);
  const figure = linePlot(
    points.map((p) => ({ ...p, mode: "markers" as const })),
    options,
  );
  for (const trace of figure.data) trace.marker = { ...(trace.marker as object), size: 8, opacity: 0.8 };
  return figure;
}

/**
 * Training loss against epoch, one line per run (`dash` e.g. to draw a
 * validation curve next to its training curve). Epochs are numbered from
 * `firstEpoch`, default 1, matching the fitters' `history` and
 * `validationHistory`: values[k] is the mean loss during epoch k + 1, which
 * for full-batch training is the loss at the parameters that epoch starts
 * from (before its update), so values[0] at epoch 1 is the loss of the
 * initial parameters.
 */
export function lossCurvePlot(
  histories: { name: string; values: ArrayLike<number>; dash?: LineSeries["dash"] }[],
  options: { title?: string; xTitle?: string; yTitle?: string; logY?: boolean; firstEpoch?: number } = {},
): Figure {
  checkList("histories", histories);
  const firstEpoch = options.firstEpoch ?? 1;
  return linePlot(
    histories.map((h, i) => {
      checkSeries(`histories[${i}].values`, h?.values);
      return { name: h.name, x: evenlySpaced(firstEpoch, firstEpoch + h.values.length - 1, h.values.length), y: h.values, dash: h.dash };
    }),
    {
      title: options.title ?? say({ en: "Training loss per epoch", zh: "每轮的训练损失" }),
      xTitle: options.xTitle ?? say({ en: "epoch", zh: "轮（epoch）" }),
      yTitle: options.yTitle ?? (options.logY ? say({ en: "loss (log scale)", zh: "损失（对数坐标）" }) : say({ en: "loss", zh: "损失" })),
      logY: options.logY,
    },
  );
}

/** Finite [min, max] of a list with a 6 % margin, or undefined when nothing is finite. */
function paddedExtent(values: (number | null)[]): [number, number] | undefined {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (v === null) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (low > high) return undefined;
  const pad = (high - low) * 0.06 || Math.abs(high) * 0.06 || 1;
  return [low - pad, high + pad];
}

/**
 * A 1-D objective f(θ) over `range` with gradient-descent paths drawn on it:
 * each path's iterates θₖ as connected markers at (θₖ, f(θₖ)). The axes stay on
 * `range` and the curve's values, so a diverging path visibly leaves the plot.
 * `curveName` names the objective in the legend and hover (default "f(θ)",
 * e.g. "L(θ)" for a loss).
 */
export function gradientDescentPathPlot(
  f: (theta: number) => number,
  paths: { name: string; thetas: ArrayLike<number> }[],
  options: { range: [number, number]; title?: string; xTitle?: string; yTitle?: string; points?: number; curveName?: string },
): Figure {
  checkFunction("f", f);
  checkList("paths", paths);
  checkRange("options.range", options?.range);
  const curveName = options.curveName ?? "f(θ)";
  checkName("options.curveName", curveName);
  const grid = evenlySpaced(options.range[0], options.range[1], options.points ?? 200);
  const curve = grid.map((theta) => sample(f, theta));
  const data: Trace[] = [
    { type: "scatter", name: curveName, x: grid, y: curve, mode: "lines", line: { color: "rgba(128,128,128,0.8)", width: 2 }, hoverinfo: "skip" },
  ];
  paths.forEach((path, i) => {
    checkName(`paths[${i}].name`, path?.name);
    checkSeries(`paths[${i}].thetas`, path.thetas);
    const thetas = jsonNumbers(path.thetas);
    data.push({
      type: "scatter",
      name: path.name,
      x: thetas,
      y: thetas.map((t) => (t === null ? null : sample(f, t))),
      mode: "lines+markers",
      line: { color: colorAt(i), width: 1.5 },
      marker: { color: colorAt(i), size: 8 },
      text: thetas.map((_, k) => say({ en: `step ${k}`, zh: `第 ${k} 步` })),
      hovertemplate: `%{text}<br>θ = %{x:.4g}<br>${curveName} = %{y:.4g}<extra>%{fullData.name}</extra>`,
    });
  });
  const layout = baseLayout({
    title: options.title ?? say({ en: `Gradient descent on ${curveName}`, zh: `在 ${curveName} 上做梯度下降` }),
    xTitle: options.xTitle ?? say({ en: "parameter θ", zh: "参数 θ" }),
    yTitle: options.yTitle ?? say({ en: `objective ${curveName}`, zh: `目标函数 ${curveName}` }),
    xaxis: { range: [...options.range] as [number, number] },
    yaxis: { range: paddedExtent(curve) },
  });
  return { data, layout, config: baseConfig() };
}

/**
 * Contours of a 2-D objective f(x, y) on a `resolution`² grid, with
 * optimisation paths (lists of [x, y] points) drawn over them.
 */
export function contourPathPlot(
  f: (x: number, y: number) => number,
  paths: { name: string; points: ArrayLike<readonly [number, number] | ArrayLike<number>> }[],
  options: { xRange: [number, number]; yRange: [number, number]; title?: string; xTitle?: string; yTitle?: string; zTitle?: string; resolution?: number },
): Figure {
  checkFunction("f", f);
  if (!Array.isArray(paths)) throw new LossbookError("paths", `must be an array (it may be empty), got ${describe(paths)}`);
  checkRange("options.xRange", options?.xRange);
  checkRange("options.yRange", options.yRange);
  const resolution = options.resolution ?? 80;
  const xs = evenlySpaced(options.xRange[0], options.xRange[1], resolution);
  const ys = evenlySpaced(options.yRange[0], options.yRange[1], resolution);
  const z = ys.map((y) => xs.map((x) => sample(f, x, y)));
  const data: Trace[] = [
    {
      type: "contour",
      name: options.zTitle ?? "f",
      x: xs,
      y: ys,
      z,
      colorscale: "Viridis",
      ncontours: 24,
      opacity: 0.85,
      contours: { coloring: "heatmap", showlines: true },
      line: { width: 0.5, color: "rgba(255,255,255,0.35)" },
      colorbar: { title: { text: options.zTitle ?? "f" }, thickness: 14, outlinewidth: 0 },
      hovertemplate: "x = %{x:.3g}<br>y = %{y:.3g}<br>f = %{z:.4g}<extra></extra>",
    },
  ];
  const pathColors = ["#D55E00", "#CC79A7", "#E69F00", "#56B4E9", "#009E73"];
  paths.forEach((path, i) => {
    checkName(`paths[${i}].name`, path?.name);
    checkSeries(`paths[${i}].points`, path.points as unknown);
    const x: number[] = [];
    const y: number[] = [];
    for (let k = 0; k < path.points.length; k++) {
      const point = path.points[k];
      if (point === null || typeof point !== "object" || point.length !== 2) {
        throw new LossbookError(`paths[${i}].points`, `each point must be [x, y], got ${describe(point)}`, k);
      }
      x.push(point[0]);
      y.push(point[1]);
    }
    const color = pathColors[i % pathColors.length];
    data.push({
      type: "scatter",
      name: path.name,
      x: jsonNumbers(x),
      y: jsonNumbers(y),
      mode: "lines+markers",
      line: { color, width: 2 },
      marker: { color, size: 6, line: { color: "rgba(0,0,0,0.6)", width: 1 } },
    });
  });
  const layout = baseLayout({
    title: options.title ?? say({ en: "Gradient descent on the contours of f", zh: "在 f 的等高线上做梯度下降" }),
    xTitle: options.xTitle ?? "θ₀",
    yTitle: options.yTitle ?? "θ₁",
    xaxis: { range: [...options.xRange] as [number, number], showgrid: false, zeroline: false },
    yaxis: { range: [...options.yRange] as [number, number], showgrid: false, zeroline: false },
  });
  layout.legend = { bgcolor: "rgba(0,0,0,0)", orientation: "h", x: 0, y: -0.18, yanchor: "top" };
  layout.margin = { l: 64, r: 24, t: 56, b: 80 };
  return { data, layout, config: baseConfig() };
}

/**
 * Data points with fitted lines ŷ = predict(x) drawn across the data's x
 * range. `highlight[i]` marks point i (e.g. an outlier) with its own marker.
 */
export function fitPlot(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  lines: { name: string; predict: (x: number) => number }[],
  options: PlotLabels & { highlight?: ArrayLike<boolean>; highlightName?: string; pointsName?: string },
): Figure {
  checkSeries("x", x);
  checkSeries("y", y);
  checkPaired("x", x, "y", y);
  if (!Array.isArray(lines)) throw new LossbookError("lines", `must be an array (it may be empty), got ${describe(lines)}`);
  checkLabels(options);
  const highlight = options.highlight;
  if (highlight !== undefined) checkPaired("x", x, "options.highlight", highlight);
  const plain = { x: [] as number[], y: [] as number[] };
  const marked = { x: [] as number[], y: [] as number[] };
  for (let i = 0; i < x.length; i++) {
    const target = highlight?.[i] ? marked : plain;
    target.x.push(x[i]);
    target.y.push(y[i]);
  }
  const data: Trace[] = [
    {
      type: "scatter",
      name: options.pointsName ?? say({ en: "data", zh: "数据" }),
      x: jsonNumbers(plain.x),
      y: jsonNumbers(plain.y),
      mode: "markers",
      marker: { color: "rgba(110,119,129,0.75)", size: 8 },
    },
  ];
  if (marked.x.length > 0) {
    data.push({
      type: "scatter",
      name: options.highlightName ?? say({ en: "outliers", zh: "离群点" }),
      x: jsonNumbers(marked.x),
      y: jsonNumbers(marked.y),
      mode: "markers",
      marker: { color: "#D55E00", size: 12, symbol: "circle-open", line: { width: 2.5, color: "#D55E00" } },
    });
  }
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i])) {
      low = Math.min(low, x[i]);
      high = Math.max(high, x[i]);
    }
  }
  const pad = (high - low) * 0.05 || 1;
  const grid = evenlySpaced(low - pad, high + pad, 200);
  const lineColors = plotColors.filter((c) => c !== "#D55E00");
  lines.forEach((line, i) => {
    checkName(`lines[${i}].name`, line?.name);
    checkFunction(`lines[${i}].predict`, line.predict);
    data.push({
      type: "scatter",
      name: line.name,
      x: grid,
      y: grid.map((g) => sample(line.predict, g)),
      mode: "lines",
      line: { color: lineColors[i % lineColors.length], width: 2.5 },
    });
  });
  const layout = baseLayout({ title: options.title, xTitle: options.xTitle, yTitle: options.yTitle });
  return { data, layout, config: baseConfig() };
}

/**
 * Two classes in the plane: the model's probability P(class 1 | x) as shaded
 * contours, the decision boundary p = 0.5 as a line, and the points by class.
 */
export function decisionBoundaryPlot(
  X: ArrayLike<ArrayLike<number>>,
  y: ArrayLike<number>,
  predictProbability: (x: number[]) => number,
  options: PlotLabels & { resolution?: number; classNames?: [string, string] },
): Figure {
  checkSeries("X", X as unknown);
  checkSeries("y", y);
  checkPaired("X", X, "y", y);
  checkFunction("predictProbability", predictProbability);
  checkLabels(options);
  const bounds = [
    [Infinity, -Infinity],
    [Infinity, -Infinity],
  ];
  for (let i = 0; i < X.length; i++) {
    const row = X[i];
    if (row === null || typeof row !== "object" || row.length !== 2) {
      throw new LossbookError("X", `each row must hold 2 features [x1, x2], got ${describe(row)}`, i);
    }
    for (let d = 0; d < 2; d++) {
      if (!Number.isFinite(row[d])) throw new LossbookError("X", `must be finite numbers, got ${describe(row[d])} in row ${i}`, i);
      bounds[d][0] = Math.min(bounds[d][0], row[d]);
      bounds[d][1] = Math.max(bounds[d][1], row[d]);
    }
    if (y[i] !== 0 && y[i] !== 1) throw new LossbookError("y", `labels must be 0 or 1, got ${describe(y[i])}`, i);
  }
  const resolution = options.resolution ?? 60;
  const axes = bounds.map(([low, high]) => {
    const pad = (high - low) * 0.1 || 1;
    return evenlySpaced(low - pad, high + pad, resolution);
  });
  const z = axes[1].map((b) =>
    axes[0].map((a) => {
      const p = predictProbability([a, b]);
      return typeof p === "number" && Number.isFinite(p) ? p : null;
    }),
  );
  const classNames = options.classNames ?? [say({ en: "class 0", zh: "类别 0" }), say({ en: "class 1", zh: "类别 1" })];
  const classColors = ["#0072B2", "#D55E00"];
  const data: Trace[] = [
    {
      type: "contour",
      name: say({ en: "P(class 1)", zh: "P(类别 1)" }),
      x: axes[0],
      y: axes[1],
      z,
      zmin: 0,
      zmax: 1,
      // Contour fills ignore colour alpha; the trace's opacity keeps the points readable.
      opacity: 0.4,
      colorscale: [
        [0, "#0072B2"],
        [0.5, "#9a9a9a"],
        [1, "#D55E00"],
      ],
      autocontour: false,
      contours: { start: 0, end: 1, size: 0.1, coloring: "fill", showlines: false },
      colorbar: { title: { text: `P(${classNames[1]})` }, thickness: 14, outlinewidth: 0 },
      hovertemplate: "p = %{z:.3f}<extra></extra>",
    },
    {
      type: "contour",
      name: say({ en: "decision boundary (p = 0.5)", zh: "决策边界（p = 0.5）" }),
      x: axes[0],
      y: axes[1],
      z,
      showscale: false,
      showlegend: true,
      // A constraint contour draws the single level set p = 0.5 as a line.
      contours: { type: "constraint", operation: "=", value: 0.5 },
      line: { color: "#6e7781", width: 2.5, dash: "dash" },
      hoverinfo: "skip",
    },
  ];
  for (const label of [0, 1]) {
    const px: number[] = [];
    const py: number[] = [];
    for (let i = 0; i < X.length; i++) {
      if (y[i] === label) {
        px.push(X[i][0]);
        py.push(X[i][1]);
      }
    }
    data.push({
      type: "scatter",
      name: classNames[label],
      x: px,
      y: py,
      mode: "markers",
      marker: { color: classColors[label], size: 8, symbol: label === 0 ? "circle" : "diamond", line: { color: "rgba(255,255,255,0.8)", width: 1 } },
    });
  }
  const layout = baseLayout({
    title: options.title,
    xTitle: options.xTitle,
    yTitle: options.yTitle,
    xaxis: { range: [axes[0][0], axes[0][resolution - 1]], showgrid: false, zeroline: false },
    yaxis: { range: [axes[1][0], axes[1][resolution - 1]], showgrid: false, zeroline: false },
  });
  layout.legend = { bgcolor: "rgba(0,0,0,0)", orientation: "h", x: 0, y: -0.18, yanchor: "top" };
  layout.margin = { l: 64, r: 24, t: 56, b: 80 };
  return { data, layout, config: baseConfig() };
}

/** Grouped bars: one bar trace per series over the shared categories. */
export function barPlot(
  bars: { categories: string[]; series: { name: string; values: ArrayLike<number> }[] },
  options: PlotLabels & { logY?: boolean },
): Figure {
  if (bars === null || typeof bars !== "object") throw new LossbookError("bars", `must be {categories, series}, got ${describe(bars)}`);
  checkList<string>("bars.categories", bars.categories);
  checkList("bars.series", bars.series);
  checkLabels(options);
  const data: Trace[] = bars.series.map((s, i) => {
    checkName(`bars.series[${i}].name`, s?.name);
    checkSeries(`bars.series[${i}].values`, s.values);
    checkPaired("bars.categories", bars.categories, `bars.series[${i}].values`, s.values);
    return { type: "bar", name: s.name, x: bars.categories.map(String), y: jsonNumbers(s.values), marker: { color: colorAt(i) } };
  });
  const layout = baseLayout({
    title: options.title,
    xTitle: options.xTitle,
    yTitle: options.yTitle,
    yaxis: options.logY ? logAxis() : {},
  });
  layout.barmode = "group";
  return { data, layout, config: baseConfig() };
}
