/** Finite differences: numericalGradient and checkGradient (compare an analytic gradient with it). */
export * from "./gradient";
