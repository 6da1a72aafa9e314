import { LossbookError } from "../errors";
import type { Matrix, Vector } from "../types";
import { checkFinite, checkInteger, checkMatrix, checkOptionsObject, checkVector, describe } from "../validation";
import { softmax } from "../losses/stable";
import { createRandom } from "../data/random";
import type { Activation } from "./layers";
import {
  flattenParameters,
  initializeNetwork,
  networkForward,
  networkLossAndGradient,
  networkShape,
  outputLossAndGradient,
  readActivation,
  readNetworkLoss,
  unflattenParameters,
  type NetworkLoss,
  type NetworkParameters,
} from "./network";

/**
 * One step of stochastic gradient descent with (heavy-ball) momentum:
 * v ← μv − η∇L(θ), θ ← θ + v. With μ = 0 it is plain SGD, θ ← θ − η∇L.
 * For a constant η it is `torch.optim.SGD(lr=η, momentum=μ)`, whose buffer
 * b ← μb + ∇L, θ ← θ − ηb is b = −v/η. Returns the new θ and v (new arrays).
 */
export function momentumStep(
  theta: Vector,
  velocity: Vector,
  gradient: Vector,
  learningRate: number,
  momentum: number,
): { theta: Float64Array; velocity: Float64Array } {
  checkVector("theta", theta);
  if (velocity.length !== theta.length) throw new LossbookError("velocity", `has ${velocity.length} entries but theta has ${theta.length}; they must match`);
  if (gradient.length !== theta.length) throw new LossbookError("gradient", `has ${gradient.length} entries but theta has ${theta.length}; they must match`);
  checkLearningRate(learningRate, "learningRate");
  checkMomentum(momentum, "momentum");
  const nextVelocity = new Float64Array(theta.length);
  const nextTheta = new Float64Array(theta.length);
  for (let k = 0; k < theta.length; k++) {
    nextVelocity[k] = momentum * velocity[k] - learningRate * gradient[k];
    nextTheta[k] = theta[k] + nextVelocity[k];
  }
  return { theta: nextTheta, velocity: nextVelocity };
}

function checkLearningRate(value: unknown, argument: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || !(value > 0)) {
    throw new LossbookError(argument, `must be a finite number > 0, got ${describe(value)}`);
  }
  return value;
}

function checkMomentum(value: unknown, argument: string): number {
  if (typeof value !== "number" || !(value >= 0 && value < 1)) {
    throw new LossbookError(argument, `must be a number in [0, 1), got ${describe(value)}`);
  }
  return value;
}

/** Options of {@link trainNetwork}. */
export interface TrainNetworkOptions {
  /** Hidden units (default 16). */
  hidden?: number;
  /** Hidden activation (default "tanh"). */
  activation?: Activation;
  /** "softmaxCrossEntropy" (default: y are class indices) or "mse" (y are numbers, one output). */
  loss?: NetworkLoss;
  /** Classes C for cross-entropy (default: largest label + 1). */
  classes?: number;
  /** Step size η > 0 (default 0.1). */
  learningRate?: number;
  /** Momentum μ ∈ [0, 1) (default 0.9; 0 is plain SGD). */
  momentum?: number;
  /** Rows per update (default 32; the number of rows or more is full-batch gradient descent). */
  batchSize?: number;
  /** Passes over the data (default 200). */
  epochs?: number;
  /** Seed of the initial weights and of the shuffle of every epoch (default 0). */
  seed?: number;
  /** Start from these parameters instead of a random initialisation (copied; `seed` still drives the shuffle). */
  initialParameters?: NetworkParameters;
  /** Held-out rows scored after every epoch. */
  validation?: { X: Matrix; y: Vector };
}

/** A trained network and its learning curves. */
export interface TrainedNetwork {
  parameters: NetworkParameters;
  activation: Activation;
  loss: NetworkLoss;
  /** The mean training loss of the initial parameters, before any update. */
  initialLoss: number;
  /** history[k]: the mean loss on all training rows after epoch k + 1. */
  history: number[];
  /** validationHistory[k]: the mean loss on the validation rows after epoch k + 1 (empty without validation data). */
  validationHistory: number[];
  /** The mean training loss at the returned parameters (the last entry of history). */
  finalLoss: number;
  /** Epochs run. */
  epochs: number;
  /** Parameter updates made (mini-batches over all epochs). */
  updates: number;
  /** True when the loss became non-finite; training stopped there. */
  diverged: boolean;
  /** The outputs Z (logits for a classifier) per row. */
  decisionFunction(X: Matrix): Float64Array[];
  /** softmax(Z) per row (classifiers only). */
  predictProbabilities(X: Matrix): Float64Array[];
  /** The most probable class per row, or the single output of a regression network. */
  predict(X: Matrix): Float64Array;
}

function checkTargets(y: unknown, n: number, loss: NetworkLoss, classes: number | undefined, argument: string): void {
  checkVector(argument, y);
  if (y.length !== n) throw new LossbookError(argument, `has ${y.length} targets but X has ${n} rows; they must match`);
  if (loss === "mse") {
    checkFinite(argument, y);
    return;
  }
  for (let i = 0; i < y.length; i++) {
    const label = y[i];
    if (!Number.isInteger(label) || label < 0 || (classes !== undefined && label >= classes)) {
      const range = classes === undefined ? "an integer >= 0" : `0…${classes - 1}`;
      throw new LossbookError(argument, `must be a class index ${range}, got ${describe(label)}`, i);
    }
  }
}

/**
 * Trains a one-hidden-layer network by mini-batch SGD with momentum on the
 * mean loss: every epoch shuffles the rows (seeded), and for each batch B runs
 * the forward pass, the loss's gradient at the outputs, the backward pass and
 * {@link momentumStep} on all parameters. The curves are measured on all rows
 * after each epoch, so they describe the parameters the epoch ends with.
 */
export function trainNetwork(X: Matrix, y: Vector, options: TrainNetworkOptions = {}): TrainedNetwork {
  checkOptionsObject(options);
  const features = checkMatrix("X", X);
  const n = X.length;
  const loss = readNetworkLoss(options.loss);
  const classesOption = options.classes === undefined ? undefined : checkInteger("options.classes", options.classes, 2);
  checkTargets(y, n, loss, classesOption, "y");
  let largestLabel = 0;
  for (let i = 0; i < y.length; i++) largestLabel = Math.max(largestLabel, y[i]);
  const outputs = loss === "mse" ? 1 : (classesOption ?? largestLabel + 1);
  if (loss === "softmaxCrossEntropy" && outputs < 2) throw new LossbookError("y", "has only class 0; a classifier needs at least two classes (or set options.classes)");
  const hidden = checkInteger("options.hidden", options.hidden ?? 16, 1);
  const learningRate = checkLearningRate(options.learningRate ?? 0.1, "options.learningRate");
  const momentum = checkMomentum(options.momentum ?? 0.9, "options.momentum");
  const batchSize = Math.min(n, checkInteger("options.batchSize", options.batchSize ?? 32, 1));
  const epochs = checkInteger("options.epochs", options.epochs ?? 200, 1);
  const seed = checkInteger("options.seed", options.seed ?? 0, Number.MIN_SAFE_INTEGER);
  const activation = readActivation(options.activation, "options.activation");
  let parameters: NetworkParameters;
  if (options.initialParameters !== undefined) {
    const shape = networkShape(options.initialParameters);
    if (shape.inputs !== features || shape.outputs !== outputs) {
      throw new LossbookError("options.initialParameters", `are a ${shape.inputs}–${shape.hidden}–${shape.outputs} network but the data need ${features} inputs and ${outputs} outputs`);
    }
    parameters = unflattenParameters(flattenParameters(options.initialParameters), shape);
  } else {
    parameters = initializeNetwork({ inputs: features, hidden, outputs, activation, seed });
  }
  const shape = networkShape(parameters);
  const validation = options.validation;
  if (validation !== undefined) {
    checkOptionsObject(validation, "options.validation");
    const width = checkMatrix("options.validation.X", validation.X);
    if (width !== features) throw new LossbookError("options.validation.X", `rows have ${width} features but X has ${features}; they must match`);
    checkTargets(validation.y, validation.X.length, loss, outputs, "options.validation.y");
  }

  const lossOn = (rowsX: Matrix, rowsY: Vector): number => outputLossAndGradient(rowsY, networkForward(parameters, rowsX, activation).outputs, loss).loss;
  const random = createRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  let theta = flattenParameters(parameters);
  let velocity = new Float64Array(theta.length);
  const initialLoss = lossOn(X, y);
  const history: number[] = [];
  const validationHistory: number[] = [];
  let diverged = !Number.isFinite(initialLoss);
  let updates = 0;
  let epoch = 0;
  while (!diverged && epoch < epochs) {
    if (batchSize < n) random.shuffle(order);
    for (let start = 0; start < n && !diverged; start += batchSize) {
      const rows = order.slice(start, start + batchSize);
      const step = networkLossAndGradient(parameters, rows.map((i) => X[i]), rows.map((i) => y[i]), { loss, activation });
      if (!Number.isFinite(step.loss)) {
        diverged = true;
        break;
      }
      ({ theta, velocity } = momentumStep(theta, velocity, flattenParameters(step.gradients), learningRate, momentum));
      parameters = unflattenParameters(theta, shape);
      updates++;
    }
    epoch++;
    const trainingLoss = diverged ? Number.NaN : lossOn(X, y);
    if (!Number.isFinite(trainingLoss)) diverged = true;
    history.push(diverged ? Number.NaN : trainingLoss);
    if (validation !== undefined) validationHistory.push(diverged ? Number.NaN : lossOn(validation.X, validation.y));
  }

  const finalParameters = parameters;
  const decisionFunction = (rowsX: Matrix) => networkForward(finalParameters, rowsX, activation).outputs;
  return {
    parameters: finalParameters,
    activation,
    loss,
    initialLoss,
    history,
    validationHistory,
    finalLoss: history.length > 0 ? history[history.length - 1] : initialLoss,
    epochs: epoch,
    updates,
    diverged,
    decisionFunction,
    predictProbabilities(rowsX) {
      if (loss !== "softmaxCrossEntropy") throw new LossbookError("predictProbabilities", "is for classifiers; this network was trained with mse (use predict)");
      return decisionFunction(rowsX).map((z) => softmax(z));
    },
    predict(rowsX) {
      const Z = decisionFunction(rowsX);
      if (loss === "mse") return Float64Array.from(Z, (z) => z[0]);
      return Float64Array.from(Z, (z) => {
        let best = 0;
        for (let c = 1; c < z.length; c++) if (z[c] > z[best]) best = c;
        return best;
      });
    },
  };
}
