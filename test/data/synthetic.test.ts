import { describe, expect, test } from "vitest";
import { LossbookError } from "../../src/errors";
import { makeGaussianClasses, makeLinearData } from "../../src/data";

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Least-squares slope and intercept of y on x (closed form). */
function leastSquaresLine(x: number[], y: number[]): { slope: number; intercept: number } {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return { slope: sxy / sxx, intercept: my - (sxy / sxx) * mx };
}

describe("makeLinearData", () => {
  test("points follow the line with the requested noise; x stays in its range", () => {
    const { x, y, isOutlier } = makeLinearData({ n: 5000, slope: -1.5, intercept: 4, noise: 0.5, xRange: [-2, 3], seed: 1 });
    expect(x).toHaveLength(5000);
    expect(y).toHaveLength(5000);
    expect(isOutlier.every((o) => !o)).toBe(true);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...x)).toBeLessThan(3);
    const line = leastSquaresLine(x, y);
    expect(line.slope).toBeCloseTo(-1.5, 1);
    expect(line.intercept).toBeCloseTo(4, 1);
    const residuals = x.map((xi, i) => y[i] - (4 - 1.5 * xi));
    const residualStd = Math.sqrt(mean(residuals.map((r) => r * r)));
    expect(Math.abs(residualStd - 0.5)).toBeLessThan(0.02);
  });

  test("exactly round(n·outlierFraction) outliers, moved by at least outlierScale in the chosen direction", () => {
    const clean = makeLinearData({ n: 200, seed: 7 });
    const dirty = makeLinearData({ n: 200, seed: 7, outlierFraction: 0.1, outlierScale: 8 });
    expect(dirty.isOutlier.filter(Boolean)).toHaveLength(20);
    expect(makeLinearData({ n: 7, outlierFraction: 0.3 }).isOutlier.filter(Boolean)).toHaveLength(2);
    // Same seed: same x and same clean y for the non-outliers; outliers jump up by ≥ outlierScale.
    expect(dirty.x).toEqual(clean.x);
    for (let i = 0; i < 200; i++) {
      if (dirty.isOutlier[i]) expect(dirty.y[i] - clean.y[i]).toBeGreaterThanOrEqual(8);
      else expect(dirty.y[i]).toBe(clean.y[i]);
    }
    const down = makeLinearData({ n: 200, seed: 7, outlierFraction: 0.1, outlierDirection: "down" });
    for (let i = 0; i < 200; i++) if (down.isOutlier[i]) expect(down.y[i]).toBeLessThan(clean.y[i] - 9.99);
    const both = makeLinearData({ n: 400, seed: 7, outlierFraction: 0.5, outlierDirection: "both" });
    const shifts = both.y.map((yi, i) => yi - (1 + 2 * both.x[i])).filter((_, i) => both.isOutlier[i]);
    expect(shifts.some((s) => s > 0) && shifts.some((s) => s < 0)).toBe(true);
  });

  test("outliers pull the least-squares line away from the truth", () => {
    const dirty = makeLinearData({ n: 100, seed: 3, outlierFraction: 0.2, outlierScale: 15 });
    const line = leastSquaresLine(dirty.x, dirty.y);
    expect(Math.abs(line.intercept - 1)).toBeGreaterThan(2);
  });

  test("deterministic per seed", () => {
    expect(makeLinearData({ seed: 5, outlierFraction: 0.1 })).toEqual(makeLinearData({ seed: 5, outlierFraction: 0.1 }));
    expect(makeLinearData({ seed: 5 }).y).not.toEqual(makeLinearData({ seed: 6 }).y);
  });

  test("bad options throw a LossbookError naming the option", () => {
    expect(() => makeLinearData({ n: 0 })).toThrow(/options\.n/);
    expect(() => makeLinearData({ outlierFraction: 1.5 })).toThrow(/options\.outlierFraction/);
    expect(() => makeLinearData({ noise: -1 })).toThrow(/options\.noise/);
    expect(() => makeLinearData({ xRange: [3, 1] })).toThrow(/options\.xRange/);
    expect(() => makeLinearData({ outlierDirection: "sideways" as "up" })).toThrow(LossbookError);
  });
});

describe("makeGaussianClasses", () => {
  test.each([2, 3])("%i classes: balanced labels, centres `separation` apart, class means near the centres", (classes) => {
    const { X, y, centers } = makeGaussianClasses({ n: 3000, classes, separation: 4, std: 0.5, seed: 11 });
    expect(X).toHaveLength(3000);
    expect(X.every((row) => row.length === 2)).toBe(true);
    for (let c = 0; c < classes; c++) {
      const rows = X.filter((_, i) => y[i] === c);
      expect(rows).toHaveLength(3000 / classes);
      expect(Math.abs(mean(rows.map((r) => r[0])) - centers[c][0])).toBeLessThan(0.05);
      expect(Math.abs(mean(rows.map((r) => r[1])) - centers[c][1])).toBeLessThan(0.05);
      const spread = Math.sqrt(mean(rows.map((r) => (r[0] - centers[c][0]) ** 2)));
      expect(Math.abs(spread - 0.5)).toBeLessThan(0.03);
    }
    for (let a = 0; a < classes; a++) {
      for (let b = a + 1; b < classes; b++) {
        expect(Math.hypot(centers[a][0] - centers[b][0], centers[a][1] - centers[b][1])).toBeCloseTo(4, 10);
      }
    }
    // Labels come shuffled, not in blocks.
    expect(y.slice(0, 20).some((label) => label !== y[0])).toBe(true);
  });

  test("uneven n is split as evenly as possible", () => {
    const { y } = makeGaussianClasses({ n: 10, classes: 3 });
    expect([0, 1, 2].map((c) => y.filter((label) => label === c).length)).toEqual([4, 3, 3]);
  });

  test("bad options throw", () => {
    expect(() => makeGaussianClasses({ classes: 1 })).toThrow(/options\.classes/);
    expect(() => makeGaussianClasses({ n: 2, classes: 3 })).toThrow(/options\.n/);
    expect(() => makeGaussianClasses({ std: Number.NaN })).toThrow(/options\.std/);
  });
});
