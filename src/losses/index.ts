/** Every loss: value, gradient and fused value-and-gradient, plus the registry. */
export * from "./core";
export * from "./mse";
export * from "./huber";
