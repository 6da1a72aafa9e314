import { LossbookError } from "../errors";
import { describe } from "../validation";

/** An axis of a plotly.js layout; `title.text` is always set by the builders. */
export interface Axis {
  title: { text: string; [key: string]: unknown };
  type?: "linear" | "log";
  range?: [number, number];
  [key: string]: unknown;
}

/** A plotly.js layout as the builders write it: always titled, both axes labelled. */
export interface Layout {
  title: { text: string; [key: string]: unknown };
  xaxis: Axis;
  yaxis: Axis;
  [key: string]: unknown;
}

/** One plotly.js trace (plain JSON: arrays of numbers or null for gaps). */
export interface Trace {
  type: "scatter" | "bar" | "contour" | "heatmap";
  name?: string;
  x?: (number | null)[] | string[];
  y?: (number | null)[] | string[];
  z?: (number | null)[][];
  mode?: "lines" | "markers" | "lines+markers";
  [key: string]: unknown;
}

/**
 * A plotly.js figure `{data, layout}` in plain JSON, as `Plotly.newPlot(div,
 * data, layout, config)` and the `application/vnd.plotly.v1+json` mime type take it.
 */
export interface Figure {
  data: Trace[];
  layout: Layout;
  config?: Record<string, unknown>;
}

/** Plain JSON numbers: non-finite values become null, which plotly.js draws as a gap. */
export function jsonNumbers(values: ArrayLike<number>): (number | null)[] {
  const out: (number | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === "number" && Number.isFinite(v) ? v : null;
  }
  return out;
}

/** `count` evenly spaced numbers from `start` to `end` inclusive (numpy's linspace). */
export function evenlySpaced(start: number, end: number, count: number): number[] {
  if (count === 1) return [start];
  const step = (end - start) / (count - 1);
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = start + i * step;
  out[count - 1] = end;
  return out;
}

/** Throws unless `values` is an array (or typed array) with at least one element. */
export function checkSeries(argument: string, values: unknown): asserts values is ArrayLike<number> {
  if (values === null || typeof values !== "object" || typeof (values as ArrayLike<number>).length !== "number") {
    throw new LossbookError(argument, `expected an array of numbers, got ${describe(values)}`);
  }
  if ((values as ArrayLike<number>).length === 0) throw new LossbookError(argument, "is empty; give at least one value");
}

/** Throws unless both arrays have the same length. */
export function checkPaired(xName: string, x: ArrayLike<unknown>, yName: string, y: ArrayLike<unknown>): void {
  if (x.length !== y.length) {
    throw new LossbookError(yName, `has length ${y.length} but ${xName} has length ${x.length}; they must match`);
  }
}

/** Throws unless `range` is `[low, high]` with finite low < high. */
export function checkRange(argument: string, range: unknown): asserts range is [number, number] {
  if (!Array.isArray(range) || range.length !== 2 || !range.every((v) => typeof v === "number" && Number.isFinite(v))) {
    throw new LossbookError(argument, `must be [low, high] with two finite numbers, got ${describe(range)}`);
  }
  if (!(range[0] < range[1])) throw new LossbookError(argument, `must have low < high, got [${range[0]}, ${range[1]}]`);
}

/** Throws unless `text` is a non-empty string (every figure is titled and its axes labelled). */
export function checkLabel(argument: string, text: unknown): asserts text is string {
  if (typeof text !== "string" || text.trim() === "") {
    throw new LossbookError(argument, `must be a non-empty string, got ${describe(text)}`);
  }
}

/** Throws unless `f` is a function. */
export function checkFunction(argument: string, f: unknown): void {
  if (typeof f !== "function") throw new LossbookError(argument, `must be a function, got ${describe(f)}`);
}

/** Evaluates f; a non-finite result (overflow, log of 0) becomes null, a gap in the plot. */
export function sample(f: (...args: number[]) => number, ...args: number[]): number | null {
  const v = f(...args);
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
