import { describe, expect, test } from "vitest";
import { loadAnscombe, loadCars, loadPenguins } from "../../src/data";

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function sampleVariance(values: number[]): number {
  const m = mean(values);
  return values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1);
}

describe("loadAnscombe", () => {
  test("44 points, 11 per series, with the quartet's shared statistics", () => {
    const points = loadAnscombe();
    expect(points).toHaveLength(44);
    for (const series of ["I", "II", "III", "IV"] as const) {
      const { x, y } = loadAnscombe(series);
      expect(x).toHaveLength(11);
      expect(points.filter((p) => p.series === series)).toHaveLength(11);
      // Anscombe (1973): mean x = 9, var x = 11, mean y = 7.50, var y ≈ 4.12, line y ≈ 3.00 + 0.500x.
      expect(mean(x)).toBe(9);
      expect(sampleVariance(x)).toBeCloseTo(11, 10);
      expect(mean(y)).toBeCloseTo(7.5, 2);
      expect(sampleVariance(y)).toBeCloseTo(4.12, 1);
      const mx = mean(x);
      const my = mean(y);
      const slope = x.reduce((a, xi, i) => a + (xi - mx) * (y[i] - my), 0) / x.reduce((a, xi) => a + (xi - mx) ** 2, 0);
      expect(slope).toBeCloseTo(0.5, 2);
      expect(my - slope * mx).toBeCloseTo(3, 1);
    }
    // Series III holds the famous outlier (13, 12.74); series IV has x = 8 except one point at 19.
    expect(loadAnscombe("III").y).toContain(12.74);
    expect(loadAnscombe("IV").x.filter((v) => v !== 8)).toEqual([19]);
  });

  test("returns fresh arrays and rejects an unknown series", () => {
    const first = loadAnscombe("I");
    first.x[0] = -1;
    expect(loadAnscombe("I").x[0]).not.toBe(-1);
    expect(() => loadAnscombe("V" as "I")).toThrow(/series/);
  });
});

describe("loadCars", () => {
  test("392 complete cars out of 406, with numeric fields and a known first row", () => {
    const cars = loadCars();
    expect(cars).toHaveLength(392);
    for (const car of cars) {
      for (const value of [car.milesPerGallon, car.cylinders, car.displacement, car.horsepower, car.weightInLbs, car.acceleration, car.year]) {
        expect(Number.isFinite(value)).toBe(true);
      }
      expect(["USA", "Europe", "Japan"]).toContain(car.origin);
      expect(car.year).toBeGreaterThanOrEqual(1970);
      expect(car.year).toBeLessThanOrEqual(1982);
    }
    expect(cars[0]).toEqual({
      name: "chevrolet chevelle malibu",
      milesPerGallon: 18,
      cylinders: 8,
      displacement: 307,
      horsepower: 130,
      weightInLbs: 3504,
      acceleration: 12,
      year: 1970,
      origin: "USA",
    });
    // The UCI Auto MPG summary for these 392 cars: mean mpg 23.45, mean weight 2977.6 lbs.
    expect(mean(cars.map((c) => c.milesPerGallon))).toBeCloseTo(23.45, 2);
    expect(mean(cars.map((c) => c.weightInLbs))).toBeCloseTo(2977.58, 1);
  });
});

describe("loadPenguins", () => {
  const countSpecies = (rows: { species: string }[]) =>
    rows.reduce<Record<string, number>>((counts, row) => ({ ...counts, [row.species]: (counts[row.species] ?? 0) + 1 }), {});

  test("333 complete penguins: Adelie 146, Chinstrap 68, Gentoo 119", () => {
    const penguins = loadPenguins();
    expect(penguins).toHaveLength(333);
    expect(countSpecies(penguins)).toEqual({ Adelie: 146, Chinstrap: 68, Gentoo: 119 });
    expect(penguins.every((p) => p.sex === "male" || p.sex === "female")).toBe(true);
    expect(penguins.filter((p) => p.sex === "male")).toHaveLength(168);
    expect(penguins[0]).toEqual({ species: "Adelie", island: "Torgersen", billLength: 39.1, billDepth: 18.7, flipperLength: 181, bodyMass: 3750, sex: "male" });
    // Gentoo are the heavy ones (palmerpenguins: mean body mass ≈ 5092 g among complete rows).
    const gentoo = penguins.filter((p) => p.species === "Gentoo");
    expect(mean(gentoo.map((p) => p.bodyMass))).toBeCloseTo(5092.4, 0);
  });

  test("keepMissingSex keeps the 342 measured penguins, with sex null for 9", () => {
    const penguins = loadPenguins({ keepMissingSex: true });
    expect(penguins).toHaveLength(342);
    expect(countSpecies(penguins)).toEqual({ Adelie: 151, Chinstrap: 68, Gentoo: 123 });
    expect(penguins.filter((p) => p.sex === null)).toHaveLength(9);
    expect(() => loadPenguins({ keepMissingSex: "yes" as unknown as boolean })).toThrow(/keepMissingSex/);
  });
});
