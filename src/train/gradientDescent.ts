import { LossbookError } from "../errors";
import { checkFinite, checkVector, describe } from "../validation";
import { checkInteger, checkNumberInRange, checkOptionsObject } from "../validation";
import { createRandom, type Random } from "../data/random";

/** What an objective returns at θ: the value L(θ) and the gradient ∇L(θ). */
export interface ObjectiveValue {
  value: number;
  grad: ArrayLike<number>;
}

/**
 * What the objective is told besides θ: the iteration number and a seeded PRNG,
 * so that a stochastic objective (a random mini-batch per step) is reproducible.
 */
export interface ObjectiveContext {
  iteration: number;
  random: Random;
}

/** Options of {@link gradientDescent}. */
export interface GradientDescentOptions {
  /** Step size η > 0 (default 0.1). */
  learningRate?: number;
  /** Largest number of updates (default 1000). */
  iterations?: number;
  /** Stop when ‖∇L(θ)‖ ≤ tolerance or the step ‖θₖ₊₁ − θₖ‖ ≤ tolerance (default 1e-10). */
  tolerance?: number;
  /** Momentum μ ∈ [0, 1) of the heavy-ball update (default 0: plain gradient descent). */
  momentum?: number;
  /**
   * The run counts as diverged, and stops, when L(θ) or ∇L(θ) is not finite or
   * |L(θ)| exceeds divergenceFactor · (|L(θ₀)| + 1) (default 1e10).
   */
  divergenceFactor?: number;
  /** Seed of the PRNG handed to the objective (default 0). */
  seed?: number;
}

/** One recorded point of the run: θₖ before the k-th update, with L(θₖ) and ‖∇L(θₖ)‖. */
export interface GradientDescentStep {
  iteration: number;
  theta: number[];
  value: number;
  gradNorm: number;
}

/** The outcome of {@link gradientDescent}. */
export interface GradientDescentResult {
  /** The last θ reached. */
  theta: Float64Array;
  /** L at the last θ. */
  value: number;
  /** θ₀, θ₁, … with their values and gradient norms; history.length = iterations + 1. */
  history: GradientDescentStep[];
  /** True when it stopped on the tolerance (gradient or step small enough). */
  converged: boolean;
  /** True when the value or gradient became non-finite or exploded; the run stopped there. */
  diverged: boolean;
  /** Number of updates made. */
  iterations: number;
  /** Why it stopped. */
  stoppedBecause: "gradient" | "step" | "iterations" | "diverged";
}

/**
 * Minimises an objective by gradient descent, the document's update
 * θ := θ − η∇L(θ) (§2 and §4). With momentum μ > 0 it is the heavy-ball method
 * vₖ₊₁ = μvₖ − η∇L(θₖ), θₖ₊₁ = θₖ + vₖ₊₁ (v₀ = 0), which is what
 * `torch.optim.SGD(momentum=μ)` does for a constant η.
 *
 * It stops when ‖∇L‖ ≤ tolerance, when a step is shorter than tolerance, or
 * after `iterations` updates. A learning rate that is too large makes the run
 * diverge: it then stops and reports `diverged: true` instead of throwing, so a
 * notebook can plot the blow-up. `theta0` may be a number for a 1-D problem.
 * The objective also receives `{ iteration, random }`: drawing a mini-batch
 * with `random` turns the run into seeded stochastic gradient descent.
 */
export function gradientDescent(
  objective: (theta: Float64Array, context: ObjectiveContext) => ObjectiveValue,
  theta0: number | ArrayLike<number>,
  options: GradientDescentOptions = {},
): GradientDescentResult {
  if (typeof objective !== "function") throw new LossbookError("objective", `must be a function θ => ({ value, grad }), got ${describe(objective)}`);
  const start = typeof theta0 === "number" ? [theta0] : theta0;
  checkVector("theta0", start);
  checkFinite("theta0", start);
  checkOptionsObject(options);
  const learningRate = options.learningRate ?? 0.1;
  if (typeof learningRate !== "number" || !Number.isFinite(learningRate) || learningRate <= 0) {
    throw new LossbookError("options.learningRate", `must be a finite number > 0, got ${describe(learningRate)}`);
  }
  const iterations = checkInteger("options.iterations", options.iterations ?? 1000, 0);
  const tolerance = checkNumberInRange("options.tolerance", options.tolerance ?? 1e-10, 0, Number.MAX_VALUE);
  const momentum = options.momentum ?? 0;
  if (typeof momentum !== "number" || !(momentum >= 0 && momentum < 1)) {
    throw new LossbookError("options.momentum", `must be a number in [0, 1), got ${describe(momentum)}`);
  }
  const divergenceFactor = options.divergenceFactor ?? 1e10;
  if (typeof divergenceFactor !== "number" || !(divergenceFactor > 0)) {
    throw new LossbookError("options.divergenceFactor", `must be a number > 0, got ${describe(divergenceFactor)}`);
  }

  const random = createRandom(checkInteger("options.seed", options.seed ?? 0, Number.MIN_SAFE_INTEGER));

  const size = start.length;
  const theta = Float64Array.from(start);
  const velocity = new Float64Array(size);
  const history: GradientDescentStep[] = [];

  const evaluate = (): { value: number; grad: ArrayLike<number>; gradNorm: number } => {
    const result = objective(theta.slice(), { iteration: history.length, random });
    if (result === null || typeof result !== "object" || typeof result.value !== "number") {
      throw new LossbookError("objective", `must return { value: number, grad: number[] }, got ${describe(result)}`);
    }
    const grad = result.grad;
    if (grad === null || typeof grad !== "object" || grad.length !== size) {
      throw new LossbookError("objective", `returned a gradient of length ${grad?.length ?? describe(grad)}, but θ has ${size} entries`);
    }
    let squares = 0;
    for (let j = 0; j < size; j++) squares += grad[j] * grad[j];
    const gradNorm = Math.sqrt(squares);
    history.push({ iteration: history.length, theta: Array.from(theta), value: result.value, gradNorm });
    return { value: result.value, grad, gradNorm };
  };

  let current = evaluate();
  const explodeAbove = divergenceFactor * (Math.abs(current.value) + 1);
  const hasDiverged = (point: { value: number; gradNorm: number }) =>
    !Number.isFinite(point.value) || !Number.isFinite(point.gradNorm) || Math.abs(point.value) > explodeAbove;

  let stoppedBecause: GradientDescentResult["stoppedBecause"] = "iterations";
  let steps = 0;
  if (hasDiverged(current)) stoppedBecause = "diverged";
  else if (current.gradNorm <= tolerance) stoppedBecause = "gradient";
  else {
    while (steps < iterations) {
      let stepSquares = 0;
      for (let j = 0; j < size; j++) {
        velocity[j] = momentum * velocity[j] - learningRate * current.grad[j];
        theta[j] += velocity[j];
        stepSquares += velocity[j] * velocity[j];
      }
      steps++;
      if (!theta.every(Number.isFinite)) {
        // θ itself overflowed: record the point without calling the objective on it.
        history.push({ iteration: history.length, theta: Array.from(theta), value: Number.NaN, gradNorm: Number.NaN });
        current = { value: Number.NaN, grad: current.grad, gradNorm: Number.NaN };
        stoppedBecause = "diverged";
        break;
      }
      current = evaluate();
      if (hasDiverged(current)) {
        stoppedBecause = "diverged";
        break;
      }
      if (current.gradNorm <= tolerance) {
        stoppedBecause = "gradient";
        break;
      }
      if (Math.sqrt(stepSquares) <= tolerance) {
        stoppedBecause = "step";
        break;
      }
    }
  }
  return {
    theta,
    value: current.value,
    history,
    converged: stoppedBecause === "gradient" || stoppedBecause === "step",
    diverged: stoppedBecause === "diverged",
    iterations: steps,
    stoppedBecause,
  };
}
