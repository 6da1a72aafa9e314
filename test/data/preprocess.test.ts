import { describe, expect, test } from "vitest";
import { standardize, trainTestSplit } from "../../src/data";

describe("trainTestSplit", () => {
  const X = Array.from({ length: 20 }, (_, i) => [i, 10 * i]);
  const y = Array.from({ length: 20 }, (_, i) => i);

  test("splits into disjoint parts that keep rows with their labels", () => {
    const split = trainTestSplit(X, y, { testFraction: 0.25, seed: 1 });
    expect(split.XTest).toHaveLength(5);
    expect(split.XTrain).toHaveLength(15);
    expect([...split.yTrain, ...split.yTest].sort((a, b) => a - b)).toEqual(y);
    split.XTrain.forEach((row, i) => expect(row[0]).toBe(split.yTrain[i]));
    split.XTest.forEach((row, i) => expect(row[0]).toBe(split.yTest[i]));
    expect(split.yTest).not.toEqual([0, 1, 2, 3, 4]); // shuffled
  });

  test("seeded: same seed same split, another seed another split", () => {
    expect(trainTestSplit(X, y, { seed: 4 })).toEqual(trainTestSplit(X, y, { seed: 4 }));
    expect(trainTestSplit(X, y, { seed: 4 }).yTest).not.toEqual(trainTestSplit(X, y, { seed: 5 }).yTest);
  });

  test("both parts keep at least one row; bad input throws", () => {
    expect(trainTestSplit([[1], [2]], [1, 2], { testFraction: 0.01 }).XTest).toHaveLength(1);
    expect(trainTestSplit([[1], [2]], [1, 2], { testFraction: 0.99 }).XTrain).toHaveLength(1);
    expect(() => trainTestSplit(X, y.slice(1))).toThrow(/y: has length 19/);
    expect(() => trainTestSplit(X, y, { testFraction: 1 })).toThrow(/options\.testFraction/);
    expect(() => trainTestSplit([[1]], [1])).toThrow(/at least 2 rows/);
  });
});

describe("standardize", () => {
  test("columns get mean 0 and population std 1; the statistics are returned", () => {
    const X = [
      [1, 10, 5],
      [2, 20, 5],
      [3, 60, 5],
      [6, 30, 5],
    ];
    const result = standardize(X);
    expect(result.mean).toEqual([3, 30, 5]);
    expect(result.std[0]).toBeCloseTo(Math.sqrt((4 + 1 + 0 + 9) / 4), 12);
    expect(result.std[2]).toBe(0);
    for (let j = 0; j < 2; j++) {
      const column = result.X.map((row) => row[j]);
      expect(column.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
      expect(column.reduce((a, b) => a + b * b, 0) / 4).toBeCloseTo(1, 12);
    }
    expect(result.X.map((row) => row[2])).toEqual([0, 0, 0, 0]); // constant column only centred
    expect(result.transform([[3, 30, 7]])).toEqual([[0, 0, 2]]);
    expect(X[0]).toEqual([1, 10, 5]); // input untouched
  });

  test("a constant column whose rounded mean is off (3 × 0.1) is still only centred, as in sklearn's StandardScaler", () => {
    // Σ = 0.30000000000000004, so the plain formulas give μ = 0.10000000000000002,
    // σ ≈ 1.4e−17 and z = −1 for every row; sklearn scales such a column by 1.
    const result = standardize([0.1, 0.1, 0.1]);
    expect(result.X).toEqual([0, 0, 0]);
    expect(result.mean).toBe(0.1);
    expect(result.std).toBe(0);
    expect(standardize([[0.1, 1], [0.1, 2], [0.1, 3]]).X.map((row) => row[0])).toEqual([0, 0, 0]);
  });

  test("a plain list is one column", () => {
    const result = standardize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(result.mean).toBe(5);
    expect(result.std).toBe(2);
    expect(result.X).toEqual([-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);
    expect(result.transform([11])).toEqual([3]);
  });

  test("bad input throws naming X", () => {
    expect(() => standardize([])).toThrow(/X: is empty/);
    expect(() => standardize([[1, 2], [3]])).toThrow(/X\[1\]/);
    expect(() => standardize([1, Number.NaN])).toThrow(/X\[1\]/);
  });
});
