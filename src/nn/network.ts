import { LossbookError } from "../errors";
import type { Matrix, Vector } from "../types";
import { allocateRows } from "../losses/matrix";
import { checkInteger, checkMatrix, checkOptionsObject, checkVector, describe } from "../validation";
import { mseValueAndGrad } from "../losses/mse";
import { softmaxCrossEntropyValueAndGrad } from "../losses/softmaxCrossEntropy";
import { createRandom, type Random } from "../data/random";
import { ACTIVATIONS, activate, activationBackward, linearBackward, linearForward, type Activation } from "./layers";

/**
 * The parameters of a network with one hidden layer,
 * x → a = W₁x + b₁ → h = f(a) → z = W₂h + b₂,
 * in PyTorch's layout (`nn.Linear(inputs, hidden)`, `nn.Linear(hidden, outputs)`).
 */
export interface NetworkParameters {
  /** W₁: hidden × inputs. */
  hiddenWeights: Float64Array[];
  /** b₁: one per hidden unit. */
  hiddenBias: Float64Array;
  /** W₂: outputs × hidden. */
  outputWeights: Float64Array[];
  /** b₂: one per output. */
  outputBias: Float64Array;
}

/** The sizes of a network: inputs → hidden → outputs. */
export interface NetworkShape {
  inputs: number;
  hidden: number;
  outputs: number;
}

/** Options of {@link initializeNetwork}. */
export interface InitializeNetworkOptions extends NetworkShape {
  /** The hidden activation, which picks the weight scale (default "tanh"). */
  activation?: Activation;
  /** Seed of {@link createRandom} (default 0). */
  seed?: number;
}

/** What the forward pass computes for a batch X (n rows), kept for the backward pass. */
export interface ForwardPass {
  /** A = X W₁ᵀ + b₁: the hidden pre-activations (n × hidden). */
  hiddenInput: Float64Array[];
  /** H = f(A): the hidden activations (n × hidden). */
  hidden: Float64Array[];
  /** Z = H W₂ᵀ + b₂: the outputs, logits for a classifier (n × outputs). */
  outputs: Float64Array[];
}

/** The shape of `parameters` (and a clear error if they are not a network). */
export function networkShape(parameters: NetworkParameters): NetworkShape {
  if (parameters === null || typeof parameters !== "object") {
    throw new LossbookError("parameters", `must be {hiddenWeights, hiddenBias, outputWeights, outputBias}, got ${describe(parameters)}`);
  }
  const inputs = checkMatrix("parameters.hiddenWeights", parameters.hiddenWeights);
  const hidden = parameters.hiddenWeights.length;
  checkVector("parameters.hiddenBias", parameters.hiddenBias);
  if (parameters.hiddenBias.length !== hidden) {
    throw new LossbookError("parameters.hiddenBias", `has ${parameters.hiddenBias.length} entries but there are ${hidden} hidden units (rows of hiddenWeights)`);
  }
  const outputWidth = checkMatrix("parameters.outputWeights", parameters.outputWeights);
  if (outputWidth !== hidden) {
    throw new LossbookError("parameters.outputWeights", `rows have ${outputWidth} columns but there are ${hidden} hidden units; outputWeights is outputs × hidden`);
  }
  const outputs = parameters.outputWeights.length;
  checkVector("parameters.outputBias", parameters.outputBias);
  if (parameters.outputBias.length !== outputs) {
    throw new LossbookError("parameters.outputBias", `has ${parameters.outputBias.length} entries but there are ${outputs} outputs (rows of outputWeights)`);
  }
  return { inputs, hidden, outputs };
}

/** Checks an activation name (default "tanh"). */
export function readActivation(activation: unknown, argument = "activation"): Activation {
  const value = activation ?? "tanh";
  if (!ACTIVATIONS.includes(value as Activation)) {
    throw new LossbookError(argument, `must be one of ${ACTIVATIONS.map((a) => `"${a}"`).join(", ")}, got ${describe(value)}`);
  }
  return value as Activation;
}

/** A rows × columns weight matrix, each entry drawn uniformly from [−limit, limit]. */
function uniformRows(random: Random, rows: number, columns: number, limit: number): Float64Array[] {
  const out = allocateRows(rows, columns);
  for (const row of out) for (let j = 0; j < columns; j++) row[j] = random.uniform(-limit, limit);
  return out;
}

/**
 * Random initial parameters, seeded: weights uniform in [−r, r], biases 0.
 * For tanh r = √(6/(fan_in + fan_out)) (Glorot & Bengio 2010,
 * `torch.nn.init.xavier_uniform_`), for ReLU r = √(6/fan_in) (He et al. 2015,
 * `kaiming_uniform_`), so that the activations keep their scale layer by
 * layer. Random, not zero: with equal weights every hidden unit would get the
 * same gradient and stay a copy of the others.
 */
export function initializeNetwork(options: InitializeNetworkOptions): NetworkParameters {
  checkOptionsObject(options);
  if (options === undefined) throw new LossbookError("options", "give the sizes {inputs, hidden, outputs}");
  const inputs = checkInteger("options.inputs", options.inputs, 1);
  const hidden = checkInteger("options.hidden", options.hidden, 1);
  const outputs = checkInteger("options.outputs", options.outputs, 1);
  const activation = readActivation(options.activation, "options.activation");
  const random = createRandom(options.seed ?? 0);
  const limit = (fanIn: number, fanOut: number) => (activation === "tanh" ? Math.sqrt(6 / (fanIn + fanOut)) : Math.sqrt(6 / fanIn));
  return {
    hiddenWeights: uniformRows(random, hidden, inputs, limit(inputs, hidden)),
    hiddenBias: new Float64Array(hidden),
    outputWeights: uniformRows(random, outputs, hidden, limit(hidden, outputs)),
    outputBias: new Float64Array(outputs),
  };
}

/** Checks a batch X against the network's inputs; returns its rows. */
function checkBatch(X: unknown, inputs: number, argument = "X"): Matrix {
  const width = checkMatrix(argument, X);
  if (width !== inputs) throw new LossbookError(argument, `rows have ${width} features but the network takes ${inputs} inputs`);
  return X as Matrix;
}

/**
 * The forward pass on a batch: A = X W₁ᵀ + b₁, H = f(A), Z = H W₂ᵀ + b₂
 * (one row per sample), matching
 * `nn.Sequential(nn.Linear(inputs, hidden), nn.Tanh(), nn.Linear(hidden, outputs))`.
 */
export function networkForward(parameters: NetworkParameters, X: Matrix, activation: Activation = "tanh"): ForwardPass {
  const shape = networkShape(parameters);
  const rows = checkBatch(X, shape.inputs);
  const kind = readActivation(activation);
  const hiddenInput = linearForward(parameters.hiddenWeights, parameters.hiddenBias, rows);
  const hidden = activate(hiddenInput, kind);
  const outputs = linearForward(parameters.outputWeights, parameters.outputBias, hidden);
  return { hiddenInput, hidden, outputs };
}

/** The gradient of a loss with respect to every parameter, in the layout of {@link NetworkParameters}. */
export type NetworkGradients = NetworkParameters;

/**
 * The backward pass (backpropagation): from G = ∂L/∂Z, the loss's gradient
 * at the outputs (softmax(Z) − onehot(y), divided by n, for the mean
 * cross-entropy), the chain rule layer by layer, output to input:
 * ∂L/∂W₂ = Gᵀ H, ∂L/∂b₂ = Σᵢ Gᵢ; ∂L/∂H = G W₂; ∂L/∂A = ∂L/∂H ⊙ f′(A);
 * ∂L/∂W₁ = (∂L/∂A)ᵀ X, ∂L/∂b₁ = Σᵢ (∂L/∂A)ᵢ. The same numbers as PyTorch's
 * `loss.backward()` on the same network.
 */
export function networkBackward(
  parameters: NetworkParameters,
  X: Matrix,
  forward: ForwardPass,
  outputGradient: Matrix,
  activation: Activation = "tanh",
): NetworkGradients {
  const shape = networkShape(parameters);
  const rows = checkBatch(X, shape.inputs);
  const kind = readActivation(activation);
  const width = checkMatrix("outputGradient", outputGradient);
  if (outputGradient.length !== rows.length || width !== shape.outputs) {
    throw new LossbookError("outputGradient", `must be ${rows.length} × ${shape.outputs} (one row per sample, one column per output), got ${outputGradient.length} × ${width}`);
  }
  const output = linearBackward(parameters.outputWeights, forward.hidden, outputGradient);
  const hiddenInputGradient = activationBackward(forward.hiddenInput, forward.hidden, output.input, kind);
  const hidden = linearBackward(parameters.hiddenWeights, rows, hiddenInputGradient);
  return { hiddenWeights: hidden.weights, hiddenBias: hidden.bias, outputWeights: output.weights, outputBias: output.bias };
}

/** The losses a network can be trained with: cross-entropy on the logits (classes), or MSE (one output). */
export type NetworkLoss = "softmaxCrossEntropy" | "mse";

const NETWORK_LOSSES: readonly NetworkLoss[] = ["softmaxCrossEntropy", "mse"];

/** Options of {@link networkLossAndGradient}. */
export interface NetworkLossOptions {
  /** "softmaxCrossEntropy" (default; y holds class indices) or "mse" (one output; y holds numbers). */
  loss?: NetworkLoss;
  activation?: Activation;
}

/** The mean loss of a batch, its gradient at the outputs and at every parameter. */
export interface NetworkLossAndGradient {
  loss: number;
  /** ∂L/∂Z: where backpropagation starts. */
  outputGradient: Float64Array[];
  gradients: NetworkGradients;
  forward: ForwardPass;
}

/** Checks a loss name for the network (default "softmaxCrossEntropy"). */
export function readNetworkLoss(loss: unknown, argument = "options.loss"): NetworkLoss {
  const value = loss ?? "softmaxCrossEntropy";
  if (!NETWORK_LOSSES.includes(value as NetworkLoss)) {
    throw new LossbookError(argument, `must be "softmaxCrossEntropy" or "mse", got ${describe(value)}`);
  }
  return value as NetworkLoss;
}

/**
 * The loss's value and gradient at the outputs Z for targets y, through the
 * library's own losses: softmaxCrossEntropy (∂L/∂Zᵢ = (softmax(Zᵢ) − onehot(yᵢ))/n)
 * or, for one output, mse (∂L/∂zᵢ = 2(zᵢ − yᵢ)/n).
 */
export function outputLossAndGradient(y: Vector, outputs: Matrix, loss: NetworkLoss): { loss: number; outputGradient: Float64Array[] } {
  if (loss === "softmaxCrossEntropy") {
    const result = softmaxCrossEntropyValueAndGrad(y, outputs);
    return { loss: result.value, outputGradient: result.grad };
  }
  if (outputs.length > 0 && outputs[0].length !== 1) {
    throw new LossbookError("options.loss", `"mse" needs a network with 1 output, this one has ${outputs[0].length}`);
  }
  const predictions = Float64Array.from(outputs, (row) => row[0]);
  const result = mseValueAndGrad(y, predictions);
  return { loss: result.value, outputGradient: Array.from(result.grad, (g) => Float64Array.of(g)) };
}

/**
 * Forward pass, loss and backward pass on a batch (X, y): the mean loss and
 * the gradient of that mean with respect to every parameter.
 */
export function networkLossAndGradient(parameters: NetworkParameters, X: Matrix, y: Vector, options: NetworkLossOptions = {}): NetworkLossAndGradient {
  checkOptionsObject(options);
  const loss = readNetworkLoss(options.loss);
  const activation = readActivation(options.activation, "options.activation");
  const forward = networkForward(parameters, X, activation);
  checkVector("y", y);
  if (y.length !== X.length) throw new LossbookError("y", `has ${y.length} targets but X has ${X.length} rows; they must match`);
  const { loss: value, outputGradient } = outputLossAndGradient(y, forward.outputs, loss);
  const gradients = networkBackward(parameters, X, forward, outputGradient, activation);
  return { loss: value, outputGradient, gradients, forward };
}

/** The number of parameters: hidden·(inputs + 1) + outputs·(hidden + 1). */
export function parameterCount(shape: NetworkShape): number {
  return shape.hidden * (shape.inputs + 1) + shape.outputs * (shape.hidden + 1);
}

/**
 * All parameters in one vector θ (for checkGradient and the optimiser), in the
 * order W₁ (row by row), b₁, W₂ (row by row), b₂ — the order of PyTorch's
 * `torch.cat([p.flatten() for p in model.parameters()])`.
 */
export function flattenParameters(parameters: NetworkParameters): Float64Array {
  const shape = networkShape(parameters);
  const out = new Float64Array(parameterCount(shape));
  let k = 0;
  for (const row of parameters.hiddenWeights) for (let j = 0; j < row.length; j++) out[k++] = row[j];
  for (let j = 0; j < shape.hidden; j++) out[k++] = parameters.hiddenBias[j];
  for (const row of parameters.outputWeights) for (let j = 0; j < row.length; j++) out[k++] = row[j];
  for (let j = 0; j < shape.outputs; j++) out[k++] = parameters.outputBias[j];
  return out;
}

/** The inverse of {@link flattenParameters}: the parameters of a network of `shape` from θ (copied). */
export function unflattenParameters(theta: Vector, shape: NetworkShape): NetworkParameters {
  checkVector("theta", theta);
  const count = parameterCount(shape);
  if (theta.length !== count) {
    throw new LossbookError("theta", `has ${theta.length} entries but a ${shape.inputs}–${shape.hidden}–${shape.outputs} network has ${count} parameters`);
  }
  let k = 0;
  const take = (length: number) => {
    const part = Float64Array.from({ length }, (_, j) => theta[k + j]);
    k += length;
    return part;
  };
  const hiddenWeights = Array.from({ length: shape.hidden }, () => take(shape.inputs));
  const hiddenBias = take(shape.hidden);
  const outputWeights = Array.from({ length: shape.outputs }, () => take(shape.hidden));
  const outputBias = take(shape.outputs);
  return { hiddenWeights, hiddenBias, outputWeights, outputBias };
}
