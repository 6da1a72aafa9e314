import { LossbookError } from "../errors";
import { checkMatrix, checkFinite, checkVector, describe } from "../validation";
import { createRandom } from "./random";
import { checkInteger, checkOptionsObject } from "../validation";

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions {
  /** Share of the rows that go to the test set, strictly between 0 and 1 (default 0.25). */
  testFraction?: number;
  /** Seed of the shuffle (default 0). */
  seed?: number;
}

/** The two parts of a split; row i of X goes with y[i] in each. */
export interface TrainTestSplit<Row, Label> {
  XTrain: Row[];
  yTrain: Label[];
  XTest: Row[];
  yTest: Label[];
}

/**
 * Shuffles the rows (seeded) and puts round(n·testFraction) of them into the
 * test set, the rest into the training set; like sklearn's `train_test_split`
 * (without stratification). Both parts get at least one row.
 */
export function trainTestSplit<Row, Label>(
  X: readonly Row[],
  y: readonly Label[],
  options: TrainTestSplitOptions = {},
): TrainTestSplit<Row, Label> {
  if (!Array.isArray(X)) throw new LossbookError("X", `expected an array of rows, got ${describe(X)}`);
  if (!Array.isArray(y)) throw new LossbookError("y", `expected an array, got ${describe(y)}`);
  if (y.length !== X.length) throw new LossbookError("y", `has length ${y.length} but X has ${X.length} rows; they must match`);
  checkOptionsObject(options);
  const testFraction = options.testFraction ?? 0.25;
  if (typeof testFraction !== "number" || !(testFraction > 0 && testFraction < 1)) {
    throw new LossbookError("options.testFraction", `must lie strictly between 0 and 1, got ${describe(testFraction)}`);
  }
  const n = X.length;
  if (n < 2) throw new LossbookError("X", `needs at least 2 rows to split, got ${n}`);
  const testCount = Math.min(n - 1, Math.max(1, Math.round(n * testFraction)));
  const random = createRandom(checkInteger("options.seed", options.seed ?? 0, Number.MIN_SAFE_INTEGER));
  const order = random.shuffle(Array.from({ length: n }, (_, i) => i));
  const testRows = order.slice(0, testCount);
  const trainRows = order.slice(testCount);
  return {
    XTrain: trainRows.map((i) => X[i]),
    yTrain: trainRows.map((i) => y[i]),
    XTest: testRows.map((i) => X[i]),
    yTest: testRows.map((i) => y[i]),
  };
}

/** Standardised rows with the statistics used, and `transform` to apply the same shift and scale to new rows. */
export interface Standardized {
  X: number[][];
  /** Column means. */
  mean: number[];
  /** Column population standard deviations (0 for a constant column, which is then only centred). */
  std: number[];
  /** Applies (x − mean)/std column by column to other rows, e.g. a test set. */
  transform(rows: readonly (readonly number[])[]): number[][];
}

/** A standardised column of numbers with its mean and population standard deviation. */
export interface StandardizedValues {
  X: number[];
  mean: number;
  std: number;
  transform(values: readonly number[]): number[];
}

/**
 * Standardises each column: zᵢⱼ = (xᵢⱼ − μⱼ)/σⱼ with the column mean μⱼ and the
 * population standard deviation σⱼ = √(Σᵢ(xᵢⱼ − μⱼ)²/n), like sklearn's
 * `StandardScaler`. A constant column (σⱼ = 0) is only centred. Given a plain
 * list of numbers it standardises that one column and returns numbers.
 */
export function standardize(X: readonly (readonly number[])[]): Standardized;
export function standardize(values: readonly number[]): StandardizedValues;
export function standardize(input: readonly (readonly number[])[] | readonly number[]): Standardized | StandardizedValues {
  checkVector("X", input);
  if (typeof input[0] === "number") {
    const values = input as readonly number[];
    checkFinite("X", values);
    const result = standardize(values.map((v) => [v]));
    return {
      X: result.X.map((row) => row[0]),
      mean: result.mean[0],
      std: result.std[0],
      transform: (more: readonly number[]) => {
        checkVector("values", more);
        checkFinite("values", more);
        return result.transform(more.map((v) => [v])).map((row) => row[0]);
      },
    };
  }
  const rows = input as unknown as readonly (readonly number[])[];
  const width = checkMatrix("X", rows);
  const n = rows.length;
  const mean = new Array<number>(width).fill(0);
  for (const row of rows) for (let j = 0; j < width; j++) mean[j] += row[j];
  for (let j = 0; j < width; j++) mean[j] /= n;
  const std = new Array<number>(width).fill(0);
  for (const row of rows) {
    for (let j = 0; j < width; j++) {
      const d = row[j] - mean[j];
      std[j] += d * d;
    }
  }
  for (let j = 0; j < width; j++) std[j] = Math.sqrt(std[j] / n);
  // A column whose values are all equal is constant, even when the rounded mean
  // is not exactly that value (three times 0.1 sums to 0.30000000000000004):
  // then σ would be ~1e−17 instead of 0 and the centred values would be ±1.
  for (let j = 0; j < width; j++) {
    const first = rows[0][j];
    if (rows.every((row) => row[j] === first)) {
      mean[j] = first;
      std[j] = 0;
    }
  }
  const scale = std.map((s) => (s > 0 ? s : 1));
  const transform = (more: readonly (readonly number[])[]): number[][] => {
    const moreWidth = checkMatrix("rows", more);
    if (moreWidth !== width) throw new LossbookError("rows", `rows have ${moreWidth} columns but the standardised data had ${width}`);
    return more.map((row) => Array.from({ length: width }, (_, j) => (row[j] - mean[j]) / scale[j]));
  };
  return { X: transform(rows), mean, std, transform };
}


/** The median of a list of numbers (the mean of the two middle values for an even count). */
export function median(values: readonly number[] | ArrayLike<number>): number {
  checkVector("values", values);
  checkFinite("values", values);
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The median absolute deviation MAD = median |xᵢ − median x|, a spread that
 * outliers cannot drag (the robust counterpart of the standard deviation).
 * With `{ normalize: true }` it is multiplied by 1.4826 (= 1/Φ⁻¹(¾)), which makes
 * it estimate σ for normal data, e.g. to choose Huber's δ ≈ 1.345·σ̂. Matches
 * `scipy.stats.median_abs_deviation(x)` (and `scale="normal"` when normalised).
 */
export function medianAbsoluteDeviation(values: readonly number[] | ArrayLike<number>, options: { normalize?: boolean } = {}): number {
  checkOptionsObject(options);
  const normalize = options.normalize ?? false;
  if (typeof normalize !== "boolean") throw new LossbookError("options.normalize", `must be true or false, got ${describe(normalize)}`);
  const center = median(values);
  const deviations = Array.from(values, (v) => Math.abs(v - center));
  return (normalize ? NORMAL_MAD_SCALE : 1) * median(deviations);
}

/** 1/Φ⁻¹(¾): MAD × this estimates σ for normal data (scipy's scale="normal"). */
const NORMAL_MAD_SCALE = 1.482602218505602;
