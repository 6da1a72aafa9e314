/** Gradient descent on any objective, and the linear, logistic and softmax regression fitters built on the losses. */
export {
  gradientDescent,
  type ObjectiveValue,
  type ObjectiveContext,
  type GradientDescentOptions,
  type GradientDescentStep,
  type GradientDescentResult,
} from "./gradientDescent";
export {
  fitLinearRegression,
  fitLogisticRegression,
  fitSoftmaxRegression,
  type Features,
  type FitOptions,
  type FeatureScaling,
  type ValidationData,
  type LinearRegressionOptions,
  type LogisticRegressionOptions,
  type SoftmaxRegressionOptions,
  type TrainingReport,
  type LinearRegressionModel,
  type LogisticRegressionModel,
  type SoftmaxRegressionModel,
} from "./linearModels";
