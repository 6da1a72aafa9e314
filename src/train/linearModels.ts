/**
 * The fitters, one file per model over one shared training loop (trainingLoop.ts);
 * this module re-exports them under their old path.
 */
export * from "./models";
export { fitLinearRegression } from "./linearRegression";
export { fitLogisticRegression } from "./logisticRegression";
export { fitSoftmaxRegression } from "./softmaxRegression";
