/**
 * Plotly figures: the notebooks' `application/vnd.plotly.v1+json` outputs
 * become a placeholder element plus the figure as JSON; site.js draws them in
 * the browser with the site's own partial plotly.js bundle (plotly-bundle.ts),
 * which holds the trace types the figures use.
 */
import { SiteBuildError, type SourceLocation } from "./errors";
import { escapeHtml, jsonForScript } from "./html";
import { BUNDLEABLE_TRACE_TYPES } from "./plotly-bundle";
import { uiStrings, type SiteLanguage } from "./ui-strings";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

export interface PlotlyFigure {
  data: Array<Record<string, unknown>>;
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** The trace types a figure uses (plotly's default type is scatter), sorted. */
export function traceTypesOf(figure: PlotlyFigure): string[] {
  return [...new Set(figure.data.map((trace) => (typeof trace.type === "string" ? trace.type : "scatter")))].sort();
}

/** Checks a figure's shape and that the site's plotly bundle can hold every trace type. */
export function validateFigure(value: unknown, location: SourceLocation): PlotlyFigure {
  const figure = value as PlotlyFigure;
  if (typeof value !== "object" || value === null || !Array.isArray(figure.data) || !figure.data.every((trace) => typeof trace === "object" && trace !== null)) {
    throw new SiteBuildError(location.file, location.cell, `${PLOTLY_MIME} output is not a figure ({data: [...traces], layout})`);
  }
  for (const type of traceTypesOf(figure)) {
    if (!BUNDLEABLE_TRACE_TYPES.has(type)) {
      throw new SiteBuildError(
        location.file,
        location.cell,
        `plot trace type "${type}" cannot go into the site's plotly.js bundle, which holds only SVG traces that draw offline (${[...BUNDLEABLE_TRACE_TYPES].join(", ")})`,
      );
    }
  }
  return figure;
}

/** The title text of a figure (plotly accepts a string or {text}). */
export function figureTitle(figure: PlotlyFigure): string {
  const title = figure.layout?.title as unknown;
  const text = typeof title === "string" ? title : typeof title === "object" && title !== null ? (title as { text?: unknown }).text : undefined;
  return typeof text === "string" ? text.replace(/<[^>]*>/g, "").trim() : "";
}

/**
 * Rounds every number to 6 significant digits: the plotted picture is the
 * same, and dense grids (contour plots) shrink by half or more.
 */
export function compactNumbers<T>(value: T): T {
  if (typeof value === "number") {
    return (Number.isFinite(value) && !Number.isInteger(value) ? Number(value.toPrecision(6)) : value) as T;
  }
  if (Array.isArray(value)) return value.map(compactNumbers) as T;
  if (value !== null && typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) result[key] = compactNumbers(entry);
    return result as T;
  }
  return value;
}

/** Height of one row of a phone legend, px (10 px text, plotly's item spacing). */
const PHONE_LEGEND_ROW = 19;
/** A phone plot is at most this tall before its legend. */
const PHONE_PLOT_HEIGHT = 400;

/** The traces that get an entry in the legend (plotly shows one when there are two or more). */
export function legendEntries(figure: PlotlyFigure): number {
  const shown = figure.data.filter((trace) => trace.showlegend !== false && typeof trace.name === "string" && trace.name !== "");
  return figure.layout?.showlegend === false || (shown.length < 2 && figure.layout?.showlegend !== true) ? 0 : shown.length;
}

/**
 * A figure's height on a phone: at most PHONE_PLOT_HEIGHT for the plot, plus
 * a row for every two legend entries (plots.js puts the legend in rows at
 * the bottom, where it would otherwise squeeze the plot).
 */
export function phoneHeight(figure: PlotlyFigure, height: number): number {
  return Math.min(height, PHONE_PLOT_HEIGHT) + Math.ceil(legendEntries(figure) / 2) * PHONE_LEGEND_ROW;
}

/** A static picture of a figure (the notebook's image/svg+xml or image/png beside the plotly JSON). */
export interface StaticFigureImage {
  url: string;
}

/**
 * The markup of one figure: a sized placeholder (so the page does not move
 * when the plot draws) showing the static image where there is one, the
 * figure's JSON, and a text alternative from the title. The image loads
 * lazily: the browser fetches it once it comes near the view (at once in the
 * first screen), so a reader who opens a page does not download the pictures
 * of plots further down, which plotly.js often draws before they are reached.
 */
export function renderFigure(figure: PlotlyFigure, id: string, fallbackLabel: string, staticImage?: StaticFigureImage, language: SiteLanguage = "en"): string {
  const strings = uiStrings(language);
  const title = figureTitle(figure) || fallbackLabel;
  const height = typeof figure.layout?.height === "number" ? figure.layout.height : 420;
  const data = compactNumbers({ data: figure.data, layout: figure.layout ?? {} });
  const image = staticImage ? `<img class="plot-static" src="${escapeHtml(staticImage.url)}" alt="${escapeHtml(title)}" loading="lazy" decoding="async">` : "";
  return (
    // A label on the figure, not role="img" on the plot: the plot stays interactive (zoom, hover).
    `<figure class="plot" aria-label="${escapeHtml(strings.plotLabel(title))}">` +
    `<div class="plotly-figure${staticImage ? " has-static" : ""}" id="${id}" data-height="${height}" data-placeholder="${escapeHtml(strings.drawingPlot)}" style="--plot-height:${height}px;--plot-height-phone:${phoneHeight(figure, height)}px">${image}</div>` +
    `<script type="application/json" id="${id}-data">${jsonForScript(data)}</script>` +
    `<noscript><p class="plot-noscript">${escapeHtml(strings.plotNeedsScript(title))}</p></noscript>` +
    `</figure>`
  );
}
