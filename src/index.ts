/**
 * lossbook: loss functions with their exact gradients, trainers, datasets,
 * plots and exercise checkers for the loss-functions workbook.
 *
 * - losses/    every loss once: value, gradient, fused value+gradient, registry
 * - calculus/  finite differences and checkGradient
 * - train/     gradient descent and the model fitters built on it
 * - nn/        a one-hidden-layer network: forward, backward, SGD with momentum
 * - data/      seeded random numbers, synthetic and real datasets
 * - plot/      plotly.js figure builders and show() for Jupyter
 * - exercises/ checkers that tell a learner whether an exercise is right
 * - language/  the language of checker feedback and plot labels (en, zh-Hans)
 */
export * from "./errors";
export * from "./language";
export * from "./types";
export * from "./losses";
export * from "./calculus";
export * from "./train";
export * from "./nn";
export * from "./data";
export * from "./plot";
export * from "./exercises";
