import { LossbookError } from "../errors";
import { createRandom } from "./random";
import { checkFiniteNumber, checkInteger, checkNumberInRange, checkOptionsObject } from "../validation";

/** Options of {@link makeLinearData}; every field has a default. */
export interface LinearDataOptions {
  /** Number of points (default 50). */
  n?: number;
  /** True slope θ₁ (default 2). */
  slope?: number;
  /** True intercept θ₀ (default 1). */
  intercept?: number;
  /** Standard deviation σ of the Gaussian noise (default 1). */
  noise?: number;
  /** Share of points turned into outliers, in [0, 1] (default 0); round(n·share) points exactly. */
  outlierFraction?: number;
  /** Size of an outlier's jump in y units (default 10); see {@link makeLinearData}. */
  outlierScale?: number;
  /** Which way outliers jump: "up" (default), "down" or "both" (random sign). */
  outlierDirection?: "up" | "down" | "both";
  /** Interval the x values are drawn from uniformly (default [0, 10]). */
  xRange?: readonly [number, number];
  /** Seed of the PRNG (default 0). */
  seed?: number;
}

/** Points on a noisy line; `isOutlier[i]` tells which ones were moved. */
export interface LinearData {
  x: number[];
  y: number[];
  isOutlier: boolean[];
}

/**
 * Noisy points around a line, with a chosen share of outliers:
 * xᵢ ~ Uniform(xRange), yᵢ = θ₀ + θ₁xᵢ + σεᵢ with εᵢ ~ N(0, 1).
 * Exactly round(n·outlierFraction) points, picked at random, are then moved by
 * s·outlierScale·(1 + |zᵢ|), zᵢ ~ N(0, 1), with s = +1 ("up"), −1 ("down") or a
 * random sign ("both") — the data on which MSE and Huber fits part ways (§3.3).
 */
export function makeLinearData(options: LinearDataOptions = {}): LinearData {
  checkOptionsObject(options);
  const n = checkInteger("options.n", options.n ?? 50, 1);
  const slope = checkFiniteNumber("options.slope", options.slope ?? 2);
  const intercept = checkFiniteNumber("options.intercept", options.intercept ?? 1);
  const noise = checkNumberInRange("options.noise", options.noise ?? 1, 0, Number.MAX_VALUE);
  const outlierFraction = checkNumberInRange("options.outlierFraction", options.outlierFraction ?? 0, 0, 1);
  const outlierScale = checkNumberInRange("options.outlierScale", options.outlierScale ?? 10, 0, Number.MAX_VALUE);
  const direction = options.outlierDirection ?? "up";
  if (direction !== "up" && direction !== "down" && direction !== "both") {
    throw new LossbookError("options.outlierDirection", `must be "up", "down" or "both", got ${JSON.stringify(direction)}`);
  }
  const [low, high] = readRange("options.xRange", options.xRange ?? [0, 10]);
  const random = createRandom(checkInteger("options.seed", options.seed ?? 0, Number.MIN_SAFE_INTEGER));

  const x: number[] = new Array(n);
  const y: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = random.uniform(low, high);
    y[i] = intercept + slope * x[i] + random.normal(0, noise);
  }
  const isOutlier: boolean[] = new Array(n).fill(false);
  const outlierCount = Math.round(n * outlierFraction);
  const order = random.shuffle(Array.from({ length: n }, (_, i) => i));
  for (let k = 0; k < outlierCount; k++) {
    const i = order[k];
    const sign = direction === "up" ? 1 : direction === "down" ? -1 : random.next() < 0.5 ? -1 : 1;
    y[i] += sign * outlierScale * (1 + Math.abs(random.normal()));
    isOutlier[i] = true;
  }
  return { x, y, isOutlier };
}

/** Options of {@link makeGaussianClasses}; every field has a default. */
export interface GaussianClassesOptions {
  /** Total number of points, split as evenly as possible over the classes (default 200). */
  n?: number;
  /** Number of classes, 2 to 10 (default 2). */
  classes?: number;
  /** Distance between the centres of neighbouring classes (default 3). */
  separation?: number;
  /** Standard deviation of each coordinate around its centre (default 1). */
  std?: number;
  /** Seed of the PRNG (default 0). */
  seed?: number;
}

/** Labelled 2-D points: `X[i] = [x₁, x₂]`, `y[i]` the class index; `centers[c]` is class c's mean. */
export interface GaussianClasses {
  X: number[][];
  y: number[];
  centers: number[][];
}

/**
 * Classes of 2-D Gaussian points, xᵢ ~ N(μ_c, std²·I), for classification.
 * The centres μ_c sit on a circle round the origin, neighbours `separation`
 * apart: two classes at (±separation/2, 0), three at the corners of an
 * equilateral triangle of side `separation`. The points come in random order.
 */
export function makeGaussianClasses(options: GaussianClassesOptions = {}): GaussianClasses {
  checkOptionsObject(options);
  const classes = checkInteger("options.classes", options.classes ?? 2, 2, 10);
  const n = checkInteger("options.n", options.n ?? 200, classes);
  const separation = checkNumberInRange("options.separation", options.separation ?? 3, 0, Number.MAX_VALUE);
  const std = checkNumberInRange("options.std", options.std ?? 1, 0, Number.MAX_VALUE);
  const random = createRandom(checkInteger("options.seed", options.seed ?? 0, Number.MIN_SAFE_INTEGER));

  const radius = separation / (2 * Math.sin(Math.PI / classes));
  const turn = classes === 2 ? 0 : Math.PI / 2;
  const centers = Array.from({ length: classes }, (_, c) => {
    const angle = turn + (2 * Math.PI * c) / classes;
    return [cleanZero(radius * Math.cos(angle)), cleanZero(radius * Math.sin(angle))];
  });
  const labels: number[] = [];
  for (let c = 0; c < classes; c++) {
    const count = Math.floor(n / classes) + (c < n % classes ? 1 : 0);
    for (let k = 0; k < count; k++) labels.push(c);
  }
  random.shuffle(labels);
  const X = labels.map((c) => [random.normal(centers[c][0], std), random.normal(centers[c][1], std)]);
  return { X, y: labels, centers };
}

/** Rounds the tiny leftovers of cos(π/2) to 0 so that centres print cleanly. */
function cleanZero(value: number): number {
  return Math.abs(value) < 1e-12 ? 0 : value;
}

function readRange(argument: string, range: unknown): [number, number] {
  if (!Array.isArray(range) || range.length !== 2) {
    throw new LossbookError(argument, "must be a pair [low, high]");
  }
  const [low, high] = range;
  if (typeof low !== "number" || typeof high !== "number" || !Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    throw new LossbookError(argument, `must be finite numbers with low < high, got [${String(low)}, ${String(high)}]`);
  }
  return [low, high];
}
