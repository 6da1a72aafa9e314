import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { LossbookError } from "../errors";
import { describe } from "../validation";
import { checkOptionsObject } from "../validation";

/**
 * Real datasets from the npm package `vega-datasets` (BSD-3-Clause), read
 * synchronously from its `data/` folder on disk: no network, and the same in
 * Node, vitest and the tslab Jupyter kernel. Every loader returns fresh plain
 * objects (safe to modify) with the rows that miss a value dropped.
 */

let vegaDataFolder: string | undefined;

/** The `data/` folder of the installed vega-datasets package. */
function dataFolder(): string {
  if (vegaDataFolder === undefined) {
    // The package's "exports" map hides data/ from require.resolve, so resolve
    // its entry point (build/index.js) and step up to the package root.
    let entry: string;
    try {
      entry = require.resolve("vega-datasets");
    } catch (error) {
      throw new LossbookError("vega-datasets", `the npm package is not installed (run npm install): ${(error as Error).message}`);
    }
    vegaDataFolder = join(dirname(dirname(entry)), "data");
  }
  return vegaDataFolder;
}

function readVegaJson(file: string): unknown[] {
  const parsed: unknown = JSON.parse(readFileSync(join(dataFolder(), file), "utf8"));
  if (!Array.isArray(parsed)) throw new LossbookError("vega-datasets", `${file} is not a list of rows`);
  return parsed;
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** The four series of Anscombe's quartet. */
export type AnscombeSeries = "I" | "II" | "III" | "IV";

/** One point of Anscombe's quartet. */
export interface AnscombePoint {
  series: AnscombeSeries;
  x: number;
  y: number;
}

const ANSCOMBE_SERIES: readonly AnscombeSeries[] = ["I", "II", "III", "IV"];

/**
 * Anscombe's quartet (Anscombe 1973, "Graphs in Statistical Analysis"): four
 * series of 11 points with (nearly) the same mean, variance, correlation and
 * least-squares line (y ≈ 3 + 0.5x) but very different shapes; series III has
 * one outlier, the classic case for robust losses. Without an argument: all 44
 * points; with a series name: that series' `{x, y}`.
 */
export function loadAnscombe(): AnscombePoint[];
export function loadAnscombe(series: AnscombeSeries): { x: number[]; y: number[] };
export function loadAnscombe(series?: AnscombeSeries): AnscombePoint[] | { x: number[]; y: number[] } {
  if (series !== undefined && !ANSCOMBE_SERIES.includes(series)) {
    throw new LossbookError("series", `must be one of "I", "II", "III", "IV", got ${describe(series)}`);
  }
  const points: AnscombePoint[] = [];
  for (const row of readVegaJson("anscombe.json") as Record<string, unknown>[]) {
    if (isNumber(row.X) && isNumber(row.Y) && ANSCOMBE_SERIES.includes(row.Series as AnscombeSeries)) {
      points.push({ series: row.Series as AnscombeSeries, x: row.X, y: row.Y });
    }
  }
  if (series === undefined) return points;
  const chosen = points.filter((point) => point.series === series);
  return { x: chosen.map((point) => point.x), y: chosen.map((point) => point.y) };
}

/** One car of the 1970–1982 "Auto MPG" data (UCI, as shipped by vega-datasets). */
export interface Car {
  name: string;
  milesPerGallon: number;
  cylinders: number;
  /** Engine displacement in cubic inches. */
  displacement: number;
  horsepower: number;
  weightInLbs: number;
  /** Seconds from 0 to 60 mph. */
  acceleration: number;
  /** Model year, e.g. 1970. */
  year: number;
  origin: "USA" | "Europe" | "Japan";
}

/**
 * The cars dataset (vega-datasets `cars.json`, from the UCI Auto MPG data):
 * 406 cars, of which those missing miles per gallon or horsepower are dropped,
 * leaving 392. A standard regression example: predict milesPerGallon from
 * weightInLbs or horsepower.
 */
export function loadCars(): Car[] {
  const cars: Car[] = [];
  for (const row of readVegaJson("cars.json") as Record<string, unknown>[]) {
    const year = typeof row.Year === "string" ? Number.parseInt(row.Year.slice(0, 4), 10) : Number.NaN;
    const numbers = [row.Miles_per_Gallon, row.Cylinders, row.Displacement, row.Horsepower, row.Weight_in_lbs, row.Acceleration, year];
    if (!numbers.every(isNumber) || typeof row.Name !== "string" || typeof row.Origin !== "string") continue;
    cars.push({
      name: row.Name,
      milesPerGallon: row.Miles_per_Gallon as number,
      cylinders: row.Cylinders as number,
      displacement: row.Displacement as number,
      horsepower: row.Horsepower as number,
      weightInLbs: row.Weight_in_lbs as number,
      acceleration: row.Acceleration as number,
      year,
      origin: row.Origin as Car["origin"],
    });
  }
  return cars;
}

/** One penguin of the Palmer Archipelago data. Lengths in mm, mass in g. */
export interface Penguin {
  species: "Adelie" | "Chinstrap" | "Gentoo";
  island: string;
  /** Bill (beak) length in mm. */
  billLength: number;
  /** Bill (beak) depth in mm. */
  billDepth: number;
  /** Flipper length in mm. */
  flipperLength: number;
  /** Body mass in g. */
  bodyMass: number;
  /** "male" or "female"; null only with `keepMissingSex`. */
  sex: "male" | "female" | null;
}

/** Options of {@link loadPenguins}. */
export interface LoadPenguinsOptions {
  /** Keep the 9 penguins measured but of unrecorded sex (sex: null); default false. */
  keepMissingSex?: boolean;
}

/**
 * The Palmer penguins (Gorman, Williams & Fraser 2014; vega-datasets
 * `penguins.json`): 344 penguins of three species. Rows missing a measurement
 * are dropped (342 left), and by default also those of unrecorded sex, leaving
 * the 333 complete rows (Adelie 146, Chinstrap 68, Gentoo 119). A standard
 * three-class example for softmax regression.
 */
export function loadPenguins(options: LoadPenguinsOptions = {}): Penguin[] {
  checkOptionsObject(options);
  const keepMissingSex = options.keepMissingSex ?? false;
  if (typeof keepMissingSex !== "boolean") {
    throw new LossbookError("options.keepMissingSex", `must be true or false, got ${describe(keepMissingSex)}`);
  }
  const penguins: Penguin[] = [];
  for (const row of readVegaJson("penguins.json") as Record<string, unknown>[]) {
    const billLength = row["Beak Length (mm)"];
    const billDepth = row["Beak Depth (mm)"];
    const flipperLength = row["Flipper Length (mm)"];
    const bodyMass = row["Body Mass (g)"];
    if (!isNumber(billLength) || !isNumber(billDepth) || !isNumber(flipperLength) || !isNumber(bodyMass)) continue;
    if (row.Species !== "Adelie" && row.Species !== "Chinstrap" && row.Species !== "Gentoo") continue;
    const sex = row.Sex === "MALE" ? "male" : row.Sex === "FEMALE" ? "female" : null; // null and "." mean unrecorded
    if (sex === null && !keepMissingSex) continue;
    penguins.push({ species: row.Species, island: String(row.Island), billLength, billDepth, flipperLength, bodyMass, sex });
  }
  return penguins;
}
