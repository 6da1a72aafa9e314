/** A vector of numbers: a plain array or any typed array. */
export type Vector = ArrayLike<number>;

/** A matrix given as rows, e.g. logits of shape [samples][classes]. */
export type Matrix = ReadonlyArray<ArrayLike<number>>;
