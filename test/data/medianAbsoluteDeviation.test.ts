import { describe, expect, it } from "vitest";
import { median, medianAbsoluteDeviation } from "../../src/data";

describe("median and medianAbsoluteDeviation", () => {
  it("match scipy.stats.median_abs_deviation (values from scipy 1.17, scale 1 and 'normal')", () => {
    expect(median([1, 2, 3, 4, 100, -7, 2.5])).toBe(2.5);
    expect(medianAbsoluteDeviation([1, 2, 3, 4, 100, -7, 2.5])).toBe(1.5);
    expect(medianAbsoluteDeviation([1, 2, 3, 4, 100, -7, 2.5], { normalize: true })).toBeCloseTo(2.223903327758403, 14);
    expect(medianAbsoluteDeviation(Float64Array.of(0.5, 3, 3, 8, -1, 12))).toBe(3.25);
    expect(medianAbsoluteDeviation([0.5, 3, 3, 8, -1, 12], { normalize: true })).toBeCloseTo(4.818457210143206, 14);
  });

  it("ignores an outlier that moves the standard deviation", () => {
    const clean = [1, 2, 3, 4, 5];
    expect(medianAbsoluteDeviation([...clean, 1e6])).toBe(medianAbsoluteDeviation([...clean, 6]));
  });

  it("names bad input", () => {
    expect(() => medianAbsoluteDeviation([])).toThrow(/values: is empty/);
    expect(() => medianAbsoluteDeviation([1, Number.NaN])).toThrow(/values\[1\]: must be a finite number/);
    expect(() => medianAbsoluteDeviation([1, 2], { normalize: 1 as unknown as boolean })).toThrow(/options.normalize: must be true or false/);
  });
});
