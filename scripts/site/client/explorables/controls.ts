/**
 * The controls of an explorable and its redraw loop. Each parameter is an
 * <input type="range"> (arrow keys, Page Up/Down, Home/End, touch) with a
 * visible label naming the parameter and its current value; the figure and
 * the numbers beside it are recomputed together, at most once per frame (the
 * latest value wins). While the reader drags or holds a key, each frame
 * redraws only the traces whose points moved (quickDrawFigure: no axes,
 * legend or margins), one figure per frame, so no frame costs plotly's full
 * redraw; once the control is let go (pointer up, or no change for
 * SETTLE_MS), the last figures are drawn in full (names in the legend,
 * autoranged axes): what is on screen is then exactly what a full redraw
 * of those values gives. The compute and redraw time of every frame are
 * recorded for the site benchmark (`window.lossbookExplorableStats`).
 */
import { drawFigure, quickDrawFigure, type Figure } from "./plots";
import { pageExplorableStrings } from "../../explorable-strings";

/** One parameter the reader can change. */
export interface SliderSpec {
  /** Key in the values object ("delta"). */
  key: string;
  /** The parameter's symbol as the page writes it ("δ"). */
  symbol: string;
  /** What it is, in words ("Huber threshold"). */
  description: string;
  min: number;
  max: number;
  step: number;
  value: number;
  /** Digits after the decimal point in the label (default: those of step). */
  digits?: number;
}

export type Values = Record<string, number>;

/** What one redraw produces: the figures to draw into their elements, and the numbers beside them. */
export interface RedrawResult {
  /** HTML of the readout beside the figure (numbers computed with the figure). */
  readout: string;
  figures: Array<{ element: HTMLElement; figure: Figure }>;
}

export interface RedrawStats {
  /** Milliseconds of library computation per redraw frame. */
  compute: number[];
  /**
   * Milliseconds from the end of the computation to the end of the frame
   * (plotly's redraw, then the browser's style, layout and paint), per redraw
   * frame while the control moves.
   */
  redraw: number[];
  /** The same for the full redraw once the control is let go. */
  full: number[];
}

/** How long a control must rest before its figures are drawn in full (ms): longer than a key's auto-repeat. */
export const SETTLE_MS = 150;

export interface Explorable {
  root: HTMLElement;
  values: Values;
  /** Sets one value (clamped to its range and step), updates its control and schedules a redraw. */
  set(key: string, value: number): void;
  spec(key: string): SliderSpec;
}

let counter = 0;

function decimals(step: number): number {
  const text = String(step);
  return text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
}

/** The statistics of every explorable on the page, by its id. */
function statsFor(id: string): RedrawStats {
  const global = window as unknown as { lossbookExplorableStats?: Record<string, RedrawStats> };
  global.lossbookExplorableStats ??= {};
  global.lossbookExplorableStats[id] ??= { compute: [], redraw: [], full: [] };
  return global.lossbookExplorableStats[id];
}

/**
 * Builds the controls into `root` (before `before`, or at the end), and
 * redraws on every change with `compute(values)`.
 */
export function createExplorable(
  root: HTMLElement,
  options: { sliders: SliderSpec[]; label: string; compute(values: Values): RedrawResult; before?: Element | null; initialReadout?: string },
): Explorable {
  const id = root.getAttribute("data-explorable-id") ?? `explorable-${++counter}`;
  const stats = statsFor(id);
  const panel = document.createElement("div");
  panel.className = "explorable-panel";
  const group = document.createElement("div");
  group.className = "explorable-controls";
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", options.label);
  const readout = document.createElement("p");
  readout.className = "explorable-readout";
  const values: Values = {};
  const inputs = new Map<string, { input: HTMLInputElement; output: HTMLOutputElement; spec: SliderSpec; digits: number }>();
  const instance = ++counter;

  for (const spec of options.sliders) {
    const digits = spec.digits ?? decimals(spec.step);
    const controlId = `explorable-${instance}-${spec.key}`;
    const control = document.createElement("div");
    control.className = "explorable-control";
    const label = document.createElement("label");
    label.htmlFor = controlId;
    const output = document.createElement("output");
    output.htmlFor.add(controlId);
    label.innerHTML = `<span class="explorable-description"></span> <span class="explorable-symbol"></span> = `;
    (label.querySelector(".explorable-description") as HTMLElement).textContent = spec.description;
    (label.querySelector(".explorable-symbol") as HTMLElement).textContent = spec.symbol;
    label.appendChild(output);
    const input = document.createElement("input");
    input.type = "range";
    input.id = controlId;
    input.min = String(spec.min);
    input.max = String(spec.max);
    input.step = String(spec.step);
    input.value = String(spec.value);
    input.setAttribute("data-key", spec.key);
    control.append(label, input);
    group.appendChild(control);
    values[spec.key] = spec.value;
    inputs.set(spec.key, { input, output, spec, digits });
    input.addEventListener("input", () => {
      values[spec.key] = Number(input.value);
      showValue(spec.key);
      schedule();
    });
  }
  panel.append(group, readout);
  root.insertBefore(panel, options.before ?? null);

  function showValue(key: string): void {
    const entry = inputs.get(key)!;
    const text = values[key].toFixed(entry.digits).replace(/^-/, "−");
    entry.output.value = text;
    entry.input.setAttribute("aria-valuetext", `${entry.spec.symbol} = ${text}`);
  }

  // The loop: `schedule()` asks for a frame. A frame recomputes when the
  // values changed, then redraws one figure that does not show the latest
  // result yet (an explorable with two figures draws them in turn, one per
  // frame, so no frame pays for both); once settled, one frame draws the
  // latest result in full.
  let frame = 0;
  let redraws = 0;
  let latest: { result: RedrawResult; values: string } | undefined;
  let behind: number[] = []; // indices of the figures not showing `latest`
  let stale = false; // the screen shows quick frames that a full redraw must complete
  let settleTimer = 0;
  let settled = false; // the control rests: the next frame may draw in full
  let pressed = false; // a pointer is down on the explorable (dragging its slider or its figure)
  let changed = false; // values changed since the last frame
  const afterFrame = frameEndNotifier();
  const fullFramesOnly = () => (window as unknown as { lossbookExplorablesFullFrames?: boolean }).lossbookExplorablesFullFrames === true;

  function schedule(): void {
    changed = true;
    settled = false;
    requestFrame();
    window.clearTimeout(settleTimer);
    settleTimer = window.setTimeout(settle, SETTLE_MS);
  }

  function requestFrame(): void {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const started = performance.now();
      if (changed) recompute();
      const computed = performance.now();
      if (behind.length > 0) {
        drawBehind();
        afterFrame(() => stats.redraw.push(performance.now() - computed));
        if (behind.length > 0) requestFrame();
      } else if (settled && stale && !pressed) {
        drawFull();
        afterFrame(() => stats.full.push(performance.now() - started));
      }
    });
  }

  function settle(): void {
    settleTimer = 0;
    if (pressed) return; // release() settles
    if (changed || behind.length > 0) settleTimer = window.setTimeout(settle, SETTLE_MS); // frames are still to come
    else if (stale) {
      settled = true;
      requestFrame();
    }
  }

  /** Marks the figures as showing `values` (for tests and the benchmark) once `drawing` is done. */
  function report(drawing: Promise<unknown>, values: string, complete: boolean): void {
    redraws++;
    drawing.then(
      () => {
        root.setAttribute("data-redraws", String(redraws));
        // For tests: which values the figure on screen shows in full.
        if (complete) root.setAttribute("data-drawn-values", values);
      },
      (error) => console.error("lossbook explorables: redraw failed", error),
    );
  }

  function recompute(): void {
    changed = false;
    const drawnValues = JSON.stringify(values);
    const started = performance.now();
    const result = options.compute(values);
    stats.compute.push(performance.now() - started);
    latest = { result, values: drawnValues };
    readout.innerHTML = result.readout;
    // Round-robin from the figure after the one drawn last, so that each figure keeps up during a long drag.
    const count = result.figures.length;
    const first = behind.length > 0 ? behind[0] : 0;
    behind = Array.from({ length: count }, (_, k) => (first + k) % count);
  }

  /** Draws the next figure behind: only its moved traces when it can (quickDrawFigure), else in full. */
  function drawBehind(): void {
    const { result, values: drawnValues } = latest!;
    if (fullFramesOnly()) {
      // The benchmark's baseline (bench-explorables.ts --explorables-baseline): every figure in full in every frame.
      const drawing = Promise.all(behind.map((index) => drawFigure(result.figures[index].element, result.figures[index].figure)));
      behind = [];
      report(drawing, drawnValues, !stale);
      return;
    }
    const index = behind.shift()!;
    const { element, figure } = result.figures[index];
    const quick = quickDrawFigure(element, figure);
    if (quick) stale = true;
    report(quick ?? drawFigure(element, figure), drawnValues, behind.length === 0 && !stale);
  }

  function drawFull(): void {
    const { result, values: drawnValues } = latest!;
    stale = false;
    settled = false;
    report(Promise.all(result.figures.map(({ element, figure }) => drawFigure(element, figure))), drawnValues, true);
  }

  // A drag (slider thumb or figure, mouse, pen or finger) keeps the quick frames until it ends.
  root.addEventListener("pointerdown", () => (pressed = true), { capture: true });
  const release = () => {
    if (!pressed) return;
    pressed = false;
    settle();
  };
  for (const type of ["pointerup", "pointercancel", "mouseup", "touchend", "touchcancel", "blur"]) window.addEventListener(type, release, { capture: true });

  for (const key of inputs.keys()) showValue(key);
  // The initial numbers, without redrawing the figure: it is the committed static one.
  readout.innerHTML = options.initialReadout ?? options.compute(values).readout;
  root.setAttribute("data-redraws", "0");
  root.setAttribute("data-drawn-values", JSON.stringify(values));
  root.classList.add("is-explorable");

  return {
    root,
    values,
    spec: (key) => inputs.get(key)!.spec,
    set(key, value) {
      const entry = inputs.get(key);
      if (!entry) throw new Error(`lossbook explorables: no control ${key}`);
      const { min, max, step } = entry.spec;
      const snapped = Math.min(max, Math.max(min, Math.round((value - min) / step) * step + min));
      const rounded = Number(snapped.toFixed(entry.digits));
      if (rounded === values[key]) return;
      values[key] = rounded;
      entry.input.value = String(rounded);
      showValue(key);
      schedule();
    },
  };
}

/**
 * Calls each callback at the end of the current frame: after the
 * requestAnimationFrame callbacks, plotly's promise work and the browser's
 * style, layout and paint (a message posted during a frame runs after it).
 */
function frameEndNotifier(): (callback: () => void) => void {
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return (callback) => {
    waiting.push(callback);
    channel.port2.postMessage(0);
  };
}

/** A number for the readout: fixed digits, a real minus sign. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return value > 0 ? "∞" : value < 0 ? "−∞" : pageExplorableStrings().notANumber;
  return value.toFixed(digits).replace(/^-/, "−");
}
