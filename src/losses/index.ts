/** Every loss: value, gradient and fused value-and-gradient, plus the registry. */
export * from "./core";
export * from "./info";
export * from "./matrix";
export * from "./stable";
export * from "./mse";
export * from "./huber";
export * from "./binaryCrossEntropyWithLogits";
export * from "./softmaxCrossEntropy";
export * from "./registry";
