/**
 * The explorables' side of the site's plot drawing: site.js draws every
 * figure of the page (themed for light/dark, adapted to phones) and exposes
 * `window.lossbookPlots.draw(element, figure)`, which the explorables call to
 * redraw a figure with new data; site.js keeps that figure for its own theme
 * redraws. Figures here are plain plotly JSON from the src/plot builders.
 */
import type { Figure, Trace } from "../../../../src/plot/figure";
import { decodeFigure } from "../../../../src/plot/typed-arrays";
import { pageExplorableStrings } from "../../explorable-strings";

export type { Figure, Trace };

interface SitePlots {
  draw(element: HTMLElement, figure: Figure): Promise<unknown>;
}

/** A drawn plotly figure as plotly keeps it on its element. */
export interface PlotElement extends HTMLElement {
  data?: Trace[];
  layout?: Record<string, unknown>;
  _fullLayout?: {
    _size: { l: number; t: number; w: number; h: number };
    xaxis: { l2p(value: number): number; p2l(pixel: number): number; range: [number, number] };
    yaxis: { l2p(value: number): number; p2l(pixel: number): number; range: [number, number] };
  };
}

function sitePlots(): SitePlots {
  const plots = (window as unknown as { lossbookPlots?: SitePlots }).lossbookPlots;
  if (!plots) throw new Error("lossbook explorables: site.js did not provide window.lossbookPlots");
  return plots;
}

/** Draws (or redraws) `figure` into `element` with the site's theme. */
export function drawFigure(element: HTMLElement, figure: Figure): Promise<unknown> {
  return sitePlots().draw(element, figure);
}

/** The part of plotly.js the quick redraw uses (site.js loads plotly.js as window.Plotly). */
interface PlotlyAnimate {
  animate(element: HTMLElement, frame: { data: Array<{ x: unknown; y: unknown }>; traces: number[] }, options: Record<string, unknown>): Promise<unknown>;
}

/** Same numbers in the same order (plotly may hold a typed array or a {dtype, bdata} object from the static figure). */
function sameValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const isList = (value: unknown): value is ArrayLike<number> => Array.isArray(value) || ArrayBuffer.isView(value);
  if (!isList(a) || !isList(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

/**
 * The redraw of a drag frame: only the traces whose points moved are
 * redrawn, by Plotly.animate with no transition and no full redraw (plotly
 * recomputes and redraws just those traces; axes, legend, titles and margins
 * stay as drawn). Names, layout and axis ranges catch up at the next full
 * drawFigure, which the caller makes when the drag ends. Returns undefined
 * when the figure cannot be redrawn that way (another number of traces, no
 * point moved, e.g. only a shape of the layout did, or plotly not there):
 * then the caller draws it in full.
 */
export function quickDrawFigure(element: HTMLElement, figure: Figure): Promise<unknown> | undefined {
  const plotly = (window as unknown as { Plotly?: PlotlyAnimate }).Plotly;
  const drawn = (element as PlotElement).data;
  if (!plotly || typeof plotly.animate !== "function" || !drawn || drawn.length !== figure.data.length) return undefined;
  const traces: number[] = [];
  const data: Array<{ x: unknown; y: unknown }> = [];
  figure.data.forEach((trace, index) => {
    if (sameValues(trace.x, drawn[index].x) && sameValues(trace.y, drawn[index].y)) return;
    traces.push(index);
    data.push({ x: trace.x, y: trace.y });
  });
  if (traces.length === 0) return undefined;
  // A newer frame interrupts this one before it reports completion: that rejection means nothing.
  return plotly.animate(element, { data, traces }, { mode: "immediate", transition: { duration: 0 }, frame: { duration: 0, redraw: false } }).catch(() => undefined);
}

/** Resolves once site.js has drawn the static figure in `element` (data-drawn="true"). */
export function whenDrawn(element: HTMLElement): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const state = element.getAttribute("data-drawn");
      if (state === "true") {
        resolve();
        return true;
      }
      if (state === "failed") {
        reject(new Error(`lossbook explorables: the figure ${element.id} could not be drawn`));
        return true;
      }
      return false;
    };
    if (check()) return;
    const observer = new MutationObserver(() => {
      if (check()) observer.disconnect();
    });
    observer.observe(element, { attributes: true, attributeFilter: ["data-drawn"] });
  });
}

/** The committed static figure of a placeholder: the JSON the page embeds next to it. */
export function staticFigure(element: HTMLElement): Figure {
  const script = document.getElementById(`${element.id}-data`);
  if (!script) throw new Error(`lossbook explorables: no figure data for ${element.id}`);
  // show() stores long arrays as base64 float32 (typed-arrays.ts): the explorables compute with plain numbers.
  return decodeFigure(JSON.parse(script.textContent ?? "{}")) as Figure;
}

/** A new figure placeholder after `after`, sized like the site's own (`--plot-height`). */
export function addFigureElement(after: Element, id: string, label: string, height: number): HTMLElement {
  const figure = document.createElement("figure");
  figure.className = "plot explorable-extra-plot";
  figure.setAttribute("aria-label", pageExplorableStrings().plotLabel(label));
  const element = document.createElement("div");
  element.className = "plotly-figure";
  element.id = id;
  element.setAttribute("data-height", String(height));
  element.style.setProperty("--plot-height", `${height}px`);
  figure.appendChild(element);
  after.insertAdjacentElement("afterend", figure);
  return element;
}
