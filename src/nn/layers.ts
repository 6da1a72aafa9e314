import { LossbookError } from "../errors";
import type { Matrix, Vector } from "../types";
import { allocateRows } from "../losses/matrix";

/**
 * The building blocks of a fully-connected network, each a pure function on a
 * batch of rows (row i is sample i). Shapes follow PyTorch's `nn.Linear`: a
 * weight matrix W has one row per output unit and one column per input, so a
 * layer computes z = W x + b, i.e. Z = X Wᵀ + b for the batch.
 */

/** The hidden-layer activations: f(a) = tanh a, or max(0, a) (ReLU). */
export type Activation = "tanh" | "relu";

/** The activations {@link activate} knows, for error messages and option checks. */
export const ACTIVATIONS: readonly Activation[] = ["tanh", "relu"];

/**
 * A fully-connected (linear) layer on a batch: Zᵢₖ = Σⱼ Wₖⱼ Xᵢⱼ + bₖ, i.e.
 * Z = X Wᵀ + b (`torch.nn.functional.linear(X, W, b)`). X is n × inputs,
 * W is outputs × inputs, b has one entry per output; Z is n × outputs.
 */
export function linearForward(weights: Matrix, bias: Vector, X: Matrix): Float64Array[] {
  const outputs = weights.length;
  const inputs = weights[0].length;
  const Z = allocateRows(X.length, outputs);
  for (let i = 0; i < X.length; i++) {
    const x = X[i];
    if (x.length !== inputs) throw new LossbookError("X", `row has ${x.length} features but the layer takes ${inputs}`, i);
    const z = Z[i];
    for (let k = 0; k < outputs; k++) {
      const w = weights[k];
      let sum = bias[k];
      for (let j = 0; j < inputs; j++) sum += w[j] * x[j];
      z[k] = sum;
    }
  }
  return Z;
}

/** The gradients of a loss L with respect to a linear layer's weights, bias and input. */
export interface LinearGradients {
  /** ∂L/∂W = Gᵀ X (outputs × inputs). */
  weights: Float64Array[];
  /** ∂L/∂b = Σᵢ Gᵢ (one per output). */
  bias: Float64Array;
  /** ∂L/∂X = G W (n × inputs): what the layer passes back to the layer before it. */
  input: Float64Array[];
}

/**
 * Backward pass of {@link linearForward}: given G = ∂L/∂Z (n × outputs), the
 * chain rule through Zᵢₖ = Σⱼ Wₖⱼ Xᵢⱼ + bₖ gives
 * ∂L/∂Wₖⱼ = Σᵢ Gᵢₖ Xᵢⱼ (Gᵀ X), ∂L/∂bₖ = Σᵢ Gᵢₖ and ∂L/∂Xᵢⱼ = Σₖ Gᵢₖ Wₖⱼ (G W:
 * the weights are used transposed relative to the forward pass, which sums over j).
 */
export function linearBackward(weights: Matrix, X: Matrix, outputGradient: Matrix): LinearGradients {
  const outputs = weights.length;
  const inputs = weights[0].length;
  const gradWeights = allocateRows(outputs, inputs);
  const gradBias = new Float64Array(outputs);
  const gradInput = allocateRows(X.length, inputs);
  for (let i = 0; i < X.length; i++) {
    const x = X[i];
    const g = outputGradient[i];
    const back = gradInput[i];
    for (let k = 0; k < outputs; k++) {
      const gik = g[k];
      if (gik === 0) continue;
      const w = weights[k];
      const gw = gradWeights[k];
      for (let j = 0; j < inputs; j++) {
        gw[j] += gik * x[j];
        back[j] += gik * w[j];
      }
      gradBias[k] += gik;
    }
  }
  return { weights: gradWeights, bias: gradBias, input: gradInput };
}

/** The activation f applied element-wise: tanh a, or max(0, a). */
export function activate(A: Matrix, activation: Activation): Float64Array[] {
  const H = allocateRows(A.length, A.length === 0 ? 0 : A[0].length);
  for (let i = 0; i < A.length; i++) {
    const a = A[i];
    const h = H[i];
    for (let j = 0; j < a.length; j++) h[j] = activation === "tanh" ? Math.tanh(a[j]) : a[j] > 0 ? a[j] : 0;
  }
  return H;
}

/**
 * Backward pass of {@link activate}: ∂L/∂A = ∂L/∂H ⊙ f′(A), element-wise, with
 * tanh′(a) = 1 − tanh²(a) = 1 − h² (read from the forward output H) and
 * ReLU′(a) = 1 for a > 0, else 0 (at a = 0 PyTorch also takes 0).
 */
export function activationBackward(A: Matrix, H: Matrix, hiddenGradient: Matrix, activation: Activation): Float64Array[] {
  const out = allocateRows(A.length, A.length === 0 ? 0 : A[0].length);
  for (let i = 0; i < A.length; i++) {
    const a = A[i];
    const h = H[i];
    const g = hiddenGradient[i];
    const o = out[i];
    for (let j = 0; j < a.length; j++) o[j] = activation === "tanh" ? g[j] * (1 - h[j] * h[j]) : a[j] > 0 ? g[j] : 0;
  }
  return out;
}
