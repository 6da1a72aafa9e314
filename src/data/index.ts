/** Seeded random numbers, synthetic datasets, splitting/standardising, and real datasets from vega-datasets. */
export { createRandom, type Random, type MutableArrayLike } from "./random";
export {
  makeLinearData,
  makeGaussianClasses,
  type LinearDataOptions,
  type LinearData,
  type GaussianClassesOptions,
  type GaussianClasses,
} from "./synthetic";
export {
  trainTestSplit,
  standardize,
  type TrainTestSplitOptions,
  type TrainTestSplit,
  type Standardized,
  type StandardizedValues,
  median,
  medianAbsoluteDeviation,
} from "./preprocess";
export {
  loadAnscombe,
  loadCars,
  loadPenguins,
  type AnscombeSeries,
  type AnscombePoint,
  type Car,
  type Penguin,
  type LoadPenguinsOptions,
} from "./datasets";
