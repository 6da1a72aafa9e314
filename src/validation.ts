/**
 * Input validation for every layer (losses, trainers, data, plots, exercises):
 * each check throws a LossbookError naming the argument, the index and what is
 * wrong, in words a learner understands. One home: src/losses/validate.ts and
 * src/data/checks.ts re-export it for the code that imported them there.
 */
import { LossbookError } from "./errors";
import { say } from "./language";
import type { Matrix, Vector } from "./types";

// ---------------------------------------------------------------- arrays and numbers
/** Throws unless `values` is a non-empty array-like of numbers. */
export function checkVector(argument: string, values: unknown): asserts values is Vector {
  if (values === null || values === undefined || typeof values !== "object" || typeof (values as Vector).length !== "number") {
    throw new LossbookError(argument, say({ en: `expected an array of numbers, got ${describe(values)}`, zh: `应为一个数组（元素都是数），实际是 ${describe(values)}` }));
  }
  if ((values as Vector).length === 0) throw new LossbookError(argument, say({ en: "is empty; give at least one value", zh: "是空的；至少给一个值" }));
}

/** Throws unless both vectors have the same length. */
export function checkSameLength(a: string, x: Vector, b: string, y: Vector): void {
  if (x.length !== y.length) {
    throw new LossbookError(b, say({ en: `has length ${y.length} but ${a} has length ${x.length}; they must match`, zh: `长度是 ${y.length}，而 ${a} 的长度是 ${x.length}；两者必须相同` }));
  }
}

/** Index of the first element that is not a finite number, or -1. */
export function firstNonFinite(values: Vector): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) return i;
  }
  return -1;
}

/** Throws at the first element that is NaN, ±Infinity or not a number. */
export function checkFinite(argument: string, values: Vector): void {
  const i = firstNonFinite(values);
  if (i >= 0) throw new LossbookError(argument, say({ en: `must be a finite number, got ${describe(values[i])}`, zh: `必须是有限数，实际是 ${describe(values[i])}` }), i);
}

/** Throws unless `value` is a finite number strictly above zero. */
export function checkPositive(argument: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new LossbookError(argument, say({ en: `must be a finite number > 0, got ${describe(value)}`, zh: `必须是大于 0 的有限数，实际是 ${describe(value)}` }));
  }
}

/** Throws unless `value` is a finite number ≥ 0. */
export function checkNonNegative(argument: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new LossbookError(argument, say({ en: `must be a finite number >= 0, got ${describe(value)}`, zh: `必须是大于等于 0 的有限数，实际是 ${describe(value)}` }));
  }
}

/** Throws unless `value` lies strictly between `low` and `high`. */
export function checkOpenInterval(argument: string, value: number, low: number, high: number): void {
  if (typeof value !== "number" || !(value > low && value < high)) {
    throw new LossbookError(argument, say({ en: `must lie strictly between ${low} and ${high}, got ${describe(value)}`, zh: `必须严格位于 ${low} 和 ${high} 之间，实际是 ${describe(value)}` }));
  }
}

/**
 * Validates per-sample weights (finite, ≥ 0, positive sum, right length) and
 * returns their sum.
 */
export function checkWeights(weights: Vector, length: number, argument = "options.weights", unit = "samples"): number {
  checkVector(argument, weights);
  if (weights.length !== length) {
    throw new LossbookError(argument, say({ en: `has length ${weights.length} but there are ${length} ${unit}; they must match`, zh: `长度是 ${weights.length}，而${{ samples: "样本", classes: "类别" }[unit] ?? ` ${unit} `}有 ${length} 个；两者必须相同` }));
  }
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (typeof w !== "number" || !Number.isFinite(w)) throw new LossbookError(argument, say({ en: `must be a finite number, got ${describe(w)}`, zh: `必须是有限数，实际是 ${describe(w)}` }), i);
    if (w < 0) throw new LossbookError(argument, say({ en: `must be >= 0, got ${w}`, zh: `必须大于等于 0，实际是 ${w}` }), i);
    total += w;
  }
  if (!(total > 0)) throw new LossbookError(argument, say({ en: "sum to 0; at least one weight must be positive", zh: "总和为 0；至少要有一个权重为正" }));
  return total;
}

/** Throws unless `rows` is a non-empty list of non-empty rows of one length; returns that length. */
export function checkMatrix(argument: string, rows: unknown): number {
  if (!Array.isArray(rows)) throw new LossbookError(argument, say({ en: `expected an array of rows, got ${describe(rows)}`, zh: `应为一个由行组成的数组，实际是 ${describe(rows)}` }));
  if (rows.length === 0) throw new LossbookError(argument, say({ en: "is empty; give at least one row", zh: "是空的；至少给一行" }));
  let width = -1;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Vector;
    if (row === null || typeof row !== "object" || typeof row.length !== "number") {
      throw new LossbookError(argument, say({ en: `row must be an array of numbers, got ${describe(row)}`, zh: `这一行必须是数组（元素都是数），实际是 ${describe(row)}` }), r);
    }
    if (width === -1) width = row.length;
    if (row.length === 0) throw new LossbookError(argument, say({ en: "row is empty", zh: "这一行是空的" }), r);
    if (row.length !== width) throw new LossbookError(argument, say({ en: `row has length ${row.length} but row 0 has length ${width}; rows must be of one length`, zh: `这一行的长度是 ${row.length}，而第 0 行的长度是 ${width}；各行长度必须相同` }), r);
    const bad = firstNonFinite(row);
    if (bad >= 0) throw new LossbookError(`${argument}[${r}]`, say({ en: `must be a finite number, got ${describe(row[bad])}`, zh: `必须是有限数，实际是 ${describe(row[bad])}` }), bad);
  }
  return width;
}

/**
 * Throws unless `rows` is a non-empty list of non-empty rows of one length and
 * returns that length. Unlike {@link checkMatrix} it does not read the values
 * (the losses detect non-finite values from their total, in the same pass).
 */
export function checkRowShape(argument: string, rows: unknown): number {
  if (rows === null || typeof rows !== "object" || typeof (rows as Matrix).length !== "number") {
    throw new LossbookError(argument, say({ en: `expected an array of rows, got ${describe(rows)}`, zh: `应为一个由行组成的数组，实际是 ${describe(rows)}` }));
  }
  const matrix = rows as Matrix;
  if (matrix.length === 0) throw new LossbookError(argument, say({ en: "is empty; give at least one row", zh: "是空的；至少给一行" }));
  let width = -1;
  for (let r = 0; r < matrix.length; r++) {
    const row = matrix[r];
    if (row === null || typeof row !== "object" || typeof row.length !== "number") {
      throw new LossbookError(argument, say({ en: `row must be an array of numbers, got ${describe(row)}`, zh: `这一行必须是数组（元素都是数），实际是 ${describe(row)}` }), r);
    }
    if (width === -1) width = row.length;
    if (row.length === 0) throw new LossbookError(argument, say({ en: "row is empty", zh: "这一行是空的" }), r);
    if (row.length !== width) throw new LossbookError(argument, say({ en: `row has length ${row.length} but row 0 has length ${width}; rows must be of one length`, zh: `这一行的长度是 ${row.length}，而第 0 行的长度是 ${width}；各行长度必须相同` }), r);
  }
  return width;
}

/** Throws at the first non-finite value of a matrix, naming `argument[row]` and the column. */
export function checkRowsFinite(argument: string, rows: Matrix): void {
  for (let r = 0; r < rows.length; r++) checkFinite(`${argument}[${r}]`, rows[r]);
}

/** Throws unless `value` lies in the closed interval [low, high]. */
export function checkClosedInterval(argument: string, value: number, low: number, high: number): void {
  if (typeof value !== "number" || !(value >= low && value <= high)) {
    throw new LossbookError(argument, say({ en: `must lie between ${low} and ${high} (inclusive), got ${describe(value)}`, zh: `必须位于 ${low} 和 ${high} 之间（含端点），实际是 ${describe(value)}` }));
  }
}

/**
 * Throws at the first label that is not exactly 0 or 1. The kernels call it only
 * after their loop saw a bad label (through a branch-free accumulator), because
 * a throwing call inside a hot loop makes V8 compile the whole loop worse.
 */
export function checkBinaryLabels(argument: string, values: Vector): void {
  for (let i = 0; i < values.length; i++) if (values[i] !== 0 && values[i] !== 1) throw binaryLabelError(argument, values[i], i);
}

/**
 * Throws at the first target outside [0, 1] (or NaN): binary cross-entropy and
 * focal accept soft targets (label smoothing, distillation, mixup) exactly as
 * PyTorch does. Called only after the kernel's loop saw a bad target.
 */
export function checkSoftTargets(argument: string, values: Vector): void {
  for (let i = 0; i < values.length; i++) {
    const y = values[i];
    if (!(y >= 0 && y <= 1)) throw softTargetError(argument, y, i);
  }
}

/** The error for a binary target outside [0, 1]. */
export function softTargetError(argument: string, value: number, index: number): LossbookError {
  return new LossbookError(argument, say({ en: `must be a target in [0, 1] (a label 0 or 1, or a soft label such as 0.9), got ${describe(value)}`, zh: `必须是 [0, 1] 中的目标值（标签 0 或 1，或 0.9 这样的软标签），实际是 ${describe(value)}` }), index);
}

/** Throws at the first label that is not exactly −1 or 1 (see {@link checkBinaryLabels}). */
export function checkSignLabels(argument: string, values: Vector): void {
  for (let i = 0; i < values.length; i++) if (values[i] !== 1 && values[i] !== -1) throw signLabelError(argument, values[i], i);
}

/** The error for a binary label that is not exactly 0 or 1. */
export function binaryLabelError(argument: string, value: number, index: number): LossbookError {
  return new LossbookError(argument, say({ en: `must be a label 0 or 1, got ${describe(value)}`, zh: `必须是标签 0 或 1，实际是 ${describe(value)}` }), index);
}

/** The error for a sign label that is not exactly −1 or 1. */
export function signLabelError(argument: string, value: number, index: number): LossbookError {
  return new LossbookError(argument, say({ en: `must be a label -1 or 1, got ${describe(value)}`, zh: `必须是标签 -1 或 1，实际是 ${describe(value)}` }), index);
}

/** Short description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return say({ en: `an array of length ${value.length}`, zh: `长度为 ${value.length} 的数组` });
  return typeof value;
}

// ---------------------------------------------------------------- options and settings
/** Throws unless `value` is an integer in [min, max]; returns it. */
export function checkInteger(argument: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : say({ en: `between ${min} and ${max}`, zh: `在 ${min} 到 ${max} 之间` });
    throw new LossbookError(argument, say({ en: `must be an integer ${range}, got ${describe(value)}`, zh: `必须是 ${range} 的整数，实际是 ${describe(value)}` }));
  }
  return value;
}

/** Throws unless `value` is a finite number in [min, max] (ends included); returns it. */
export function checkNumberInRange(argument: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new LossbookError(argument, say({ en: `must be a number between ${min} and ${max}, got ${describe(value)}`, zh: `必须是 ${min} 到 ${max} 之间的数，实际是 ${describe(value)}` }));
  }
  return value;
}

/** Throws unless `value` is a finite number; returns it. */
export function checkFiniteNumber(argument: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new LossbookError(argument, say({ en: `must be a finite number, got ${describe(value)}`, zh: `必须是有限数，实际是 ${describe(value)}` }));
  }
  return value;
}

/** Throws unless `options` is undefined or a plain object. */
export function checkOptionsObject(options: unknown, argument = "options"): void {
  if (options !== undefined && (options === null || typeof options !== "object" || Array.isArray(options))) {
    throw new LossbookError(argument, say({ en: `must be an object, got ${describe(options)}`, zh: `必须是一个对象，实际是 ${describe(options)}` }));
  }
}

export type { Matrix, Vector };
