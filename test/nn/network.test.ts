import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  activationBackward,
  checkGradient,
  linearBackward,
  flattenParameters,
  initializeNetwork,
  LossbookError,
  momentumStep,
  networkForward,
  networkLossAndGradient,
  networkShape,
  trainNetwork,
  unflattenParameters,
  type Activation,
  type NetworkLoss,
  type NetworkParameters,
} from "../../src";
import { expectClose } from "../losses/helpers";

interface StepCase {
  name: string;
  activation: Activation;
  loss: NetworkLoss;
  X: number[][];
  y: number[];
  parameters: NetworkParameters;
  hiddenInput: number[][];
  hidden: number[][];
  outputs: number[][];
  value: number;
  outputGradient: number[][];
  gradients: NetworkParameters;
}

interface MomentumCase {
  learningRate: number;
  momentum: number;
  X: number[][];
  y: number[];
  initial: NetworkParameters;
  steps: { rows: number[]; value: number; parameters: NetworkParameters }[];
}

const fixture = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "network.json"), "utf8")) as { steps: StepCase[]; momentum: MomentumCase };

const parameterNames = ["hiddenWeights", "hiddenBias", "outputWeights", "outputBias"] as const;

describe("one forward/backward step against PyTorch autograd (1e-10 relative)", () => {
  it.each(fixture.steps.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const forward = networkForward(c.parameters, c.X, c.activation);
    expectClose(forward.hiddenInput, c.hiddenInput, "A = X W₁ᵀ + b₁");
    expectClose(forward.hidden, c.hidden, "H = f(A)");
    expectClose(forward.outputs, c.outputs, "Z = H W₂ᵀ + b₂");
    const result = networkLossAndGradient(c.parameters, c.X, c.y, { loss: c.loss, activation: c.activation });
    expectClose(result.loss, c.value, "loss");
    expectClose(result.outputGradient, c.outputGradient, "∂L/∂Z");
    for (const name of parameterNames) expectClose(result.gradients[name], c.gradients[name], `∂L/∂${name}`);
  });

  it("the cross-entropy's output gradient is (softmax(Z) − onehot(y)) / n", () => {
    const c = fixture.steps[0];
    const { outputGradient, forward } = networkLossAndGradient(c.parameters, c.X, c.y);
    forward.outputs.forEach((z, i) => {
      const max = Math.max(...z);
      const e = Array.from(z, (v) => Math.exp(v - max));
      const sum = e.reduce((s, v) => s + v, 0);
      const expected = e.map((v, k) => (v / sum - (k === c.y[i] ? 1 : 0)) / c.X.length);
      expectClose(outputGradient[i], expected, `row ${i}`);
    });
  });
});

describe("SGD with momentum against torch.optim.SGD (1e-10 relative)", () => {
  it("three steps on three mini-batches", () => {
    const m = fixture.momentum;
    const shape = networkShape(m.initial);
    let theta = flattenParameters(m.initial);
    let velocity = new Float64Array(theta.length);
    for (const [k, step] of m.steps.entries()) {
      const parameters = unflattenParameters(theta, shape);
      const result = networkLossAndGradient(parameters, step.rows.map((i) => m.X[i]), step.rows.map((i) => m.y[i]));
      expectClose(result.loss, step.value, `loss at step ${k + 1}`);
      ({ theta, velocity } = momentumStep(theta, velocity, flattenParameters(result.gradients), m.learningRate, m.momentum));
      expectClose(theta, flattenParameters(step.parameters), `parameters after step ${k + 1}`);
    }
  });

  it("trainNetwork makes the same updates (one epoch, batches in the given order, no shuffle)", () => {
    const m = fixture.momentum;
    // Full batches are never shuffled: three epochs of one full-batch step each.
    const rows = [0, 1, 2, 3, 4, 5, 6, 7];
    let theta = flattenParameters(m.initial);
    let velocity = new Float64Array(theta.length);
    for (let k = 0; k < 3; k++) {
      const g = networkLossAndGradient(unflattenParameters(theta, networkShape(m.initial)), m.X, m.y).gradients;
      ({ theta, velocity } = momentumStep(theta, velocity, flattenParameters(g), m.learningRate, m.momentum));
    }
    const trained = trainNetwork(m.X, m.y, { initialParameters: m.initial, epochs: 3, batchSize: rows.length, learningRate: m.learningRate, momentum: m.momentum });
    expect(trained.updates).toBe(3);
    expectClose(flattenParameters(trained.parameters), theta, "parameters");
  });
});

describe("gradients against central finite differences (checkGradient)", () => {
  const X = [[0.5, -1.2], [1.5, 0.3], [-0.7, 0.8], [0.1, -0.4], [-1.1, -0.9]];
  const labels = [0, 2, 1, 2, 0];
  const targets = [0.3, -1.2, 2.0, 0.7, -0.4];
  const cases: [string, Activation, NetworkLoss, number[], number][] = [
    ["tanh, cross-entropy", "tanh", "softmaxCrossEntropy", labels, 3],
    ["relu, cross-entropy", "relu", "softmaxCrossEntropy", labels, 3],
    ["tanh, mse", "tanh", "mse", targets, 1],
  ];
  it.each(cases)("%s", (_name, activation, loss, y, outputs) => {
    const shape = { inputs: 2, hidden: 6, outputs };
    const theta = flattenParameters(initializeNetwork({ ...shape, activation, seed: 3 }));
    const f = (t: Float64Array) => networkLossAndGradient(unflattenParameters(t, shape), X, y, { loss, activation }).loss;
    const grad = (t: Float64Array) => flattenParameters(networkLossAndGradient(unflattenParameters(t, shape), X, y, { loss, activation }).gradients);
    const result = checkGradient(f, grad, theta, { tolerance: 1e-7 });
    expect(result.ok, `max abs error ${result.maxAbsoluteError}`).toBe(true);
    expect(result.analytic.length).toBe(6 * 3 + outputs * 7);
  });

  it("fails a backward pass that forgets the activation derivative", () => {
    const shape = { inputs: 2, hidden: 6, outputs: 3 };
    const theta = flattenParameters(initializeNetwork({ ...shape, seed: 3 }));
    const f = (t: Float64Array) => networkLossAndGradient(unflattenParameters(t, shape), X, labels).loss;
    const wrong = (t: Float64Array) => {
      // Backpropagation with ∂L/∂A taken as ∂L/∂H, i.e. without the factor f′(A) = 1 − H².
      const p = unflattenParameters(t, shape);
      const { forward, outputGradient, gradients } = networkLossAndGradient(p, X, labels);
      const hiddenGradient = linearBackward(p.outputWeights, forward.hidden, outputGradient).input;
      const first = linearBackward(p.hiddenWeights, X, hiddenGradient);
      return flattenParameters({ ...gradients, hiddenWeights: first.weights, hiddenBias: first.bias });
    };
    const right = (t: Float64Array) => {
      const p = unflattenParameters(t, shape);
      const { forward, outputGradient, gradients } = networkLossAndGradient(p, X, labels);
      const hiddenGradient = linearBackward(p.outputWeights, forward.hidden, outputGradient).input;
      const first = linearBackward(p.hiddenWeights, X, activationBackward(forward.hiddenInput, forward.hidden, hiddenGradient, "tanh"));
      return flattenParameters({ ...gradients, hiddenWeights: first.weights, hiddenBias: first.bias });
    };
    expect(checkGradient(f, right, theta).ok).toBe(true);
    expect(checkGradient(f, wrong, theta).ok).toBe(false);
  });
});

describe("initialisation and training", () => {
  it("initializeNetwork is seeded, within the Glorot/He bounds, with zero biases", () => {
    const a = initializeNetwork({ inputs: 4, hidden: 10, outputs: 3, seed: 7 });
    const b = initializeNetwork({ inputs: 4, hidden: 10, outputs: 3, seed: 7 });
    const c = initializeNetwork({ inputs: 4, hidden: 10, outputs: 3, seed: 8 });
    expect(flattenParameters(a)).toEqual(flattenParameters(b));
    expect(flattenParameters(a)).not.toEqual(flattenParameters(c));
    const limit = Math.sqrt(6 / 14);
    const w1 = a.hiddenWeights.flatMap((row) => Array.from(row));
    expect(Math.max(...w1.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...w1.map(Math.abs))).toBeGreaterThan(0.5 * limit);
    expect(Array.from(a.hiddenBias)).toEqual(new Array(10).fill(0));
    const relu = initializeNetwork({ inputs: 4, hidden: 10, outputs: 3, seed: 7, activation: "relu" });
    expect(Math.max(...relu.hiddenWeights.flatMap((row) => Array.from(row, Math.abs)))).toBeLessThanOrEqual(Math.sqrt(6 / 4));
  });

  it("learns XOR, which no linear model can, and its loss falls", () => {
    const X = [[0, 0], [0, 1], [1, 0], [1, 1]].flatMap((p) => [p, p, p]).map(([a, b]) => [2 * a - 1, 2 * b - 1]);
    const y = X.map(([a, b]) => (a * b < 0 ? 1 : 0));
    const net = trainNetwork(X, y, { hidden: 8, epochs: 300, learningRate: 0.1, momentum: 0.9, batchSize: 4, seed: 2 });
    expect(net.diverged).toBe(false);
    expect(net.history).toHaveLength(300);
    expect(net.initialLoss).toBeGreaterThan(0.5);
    expect(net.finalLoss).toBeLessThan(0.05);
    expect(Array.from(net.predict(X))).toEqual(y);
    expect(net.updates).toBe(300 * 3);
    const p = net.predictProbabilities(X);
    p.forEach((row) => expect(row[0] + row[1]).toBeCloseTo(1, 12));
  });

  it("momentum speeds up training at the same learning rate", () => {
    const X = Array.from({ length: 40 }, (_, i) => [Math.cos(i), Math.sin(2 * i)]);
    const y = X.map(([a, b]) => (a * b > 0 ? 1 : 0));
    const run = (momentum: number) => trainNetwork(X, y, { hidden: 8, epochs: 50, learningRate: 0.05, momentum, batchSize: 8, seed: 1 }).finalLoss;
    expect(run(0.9)).toBeLessThan(0.7 * run(0));
  });

  it("regresses a curve with mse and one output", () => {
    const X = Array.from({ length: 30 }, (_, i) => [-2 + (4 * i) / 29]);
    const y = X.map(([x]) => x * x);
    const net = trainNetwork(X, y, { loss: "mse", hidden: 10, epochs: 400, learningRate: 0.02, momentum: 0.9, batchSize: 10, seed: 4 });
    expect(net.finalLoss).toBeLessThan(0.02);
    expect(net.predict([[0], [1.5]])[1]).toBeGreaterThan(1.8);
    expect(() => net.predictProbabilities(X)).toThrow(/is for classifiers/);
  });

  it("reports validation curves, one entry per epoch, and is deterministic per seed", () => {
    const X = [[0, 1], [1, 0], [1, 1], [0, 0], [0.5, 0.2], [0.2, 0.9]];
    const y = [0, 1, 1, 0, 1, 0];
    const options = { epochs: 7, batchSize: 2, seed: 5, validation: { X: X.slice(0, 3), y: y.slice(0, 3) } };
    const a = trainNetwork(X, y, options);
    const b = trainNetwork(X, y, options);
    expect(a.validationHistory).toHaveLength(7);
    expect(a.history).toEqual(b.history);
    expect(a.finalLoss).toBe(a.history[6]);
  });

  it("stops and says so when the learning rate makes it diverge", () => {
    const X = Array.from({ length: 20 }, (_, i) => [i - 10]);
    const y = X.map(([x]) => 100 * x);
    const net = trainNetwork(X, y, { loss: "mse", learningRate: 10, momentum: 0.9, epochs: 100, batchSize: 5 });
    expect(net.diverged).toBe(true);
    expect(net.epochs).toBeLessThan(100);
    expect(Number.isNaN(net.history[net.history.length - 1])).toBe(true);
  });
});

describe("bad input gets a LossbookError naming the argument", () => {
  const X = [[0, 1], [1, 0]];
  const params = initializeNetwork({ inputs: 2, hidden: 3, outputs: 2 });
  const cases: [string, () => unknown, string, RegExp][] = [
    ["features of X", () => networkForward(params, [[1, 2, 3]]), "X", /3 features but the network takes 2/],
    ["non-finite X", () => networkForward(params, [[1, Number.NaN]]), "X[0]", /finite/],
    ["activation", () => networkForward(params, X, "sigmoid" as Activation), "activation", /"tanh", "relu"/],
    ["bias length", () => networkForward({ ...params, hiddenBias: new Float64Array(2) }, X), "parameters.hiddenBias", /3 hidden units/],
    ["output weights", () => networkForward({ ...params, outputWeights: [Float64Array.of(1, 2)] }, X), "parameters.outputWeights", /outputs × hidden/],
    ["y length", () => networkLossAndGradient(params, X, [0]), "y", /1 targets but X has 2 rows/],
    ["loss", () => networkLossAndGradient(params, X, [0, 1], { loss: "mae" as NetworkLoss }), "options.loss", /"softmaxCrossEntropy" or "mse"/],
    ["mse with 2 outputs", () => networkLossAndGradient(params, X, [0, 1], { loss: "mse" }), "options.loss", /1 output/],
    ["theta length", () => unflattenParameters([1, 2], { inputs: 2, hidden: 3, outputs: 2 }), "theta", /17 parameters/],
    ["hidden", () => initializeNetwork({ inputs: 2, hidden: 0, outputs: 2 }), "options.hidden", /integer >= 1/],
    ["learning rate", () => trainNetwork(X, [0, 1], { learningRate: 0 }), "options.learningRate", /> 0/],
    ["learning rate NaN", () => trainNetwork(X, [0, 1], { learningRate: Number.NaN }), "options.learningRate", /> 0/],
    ["momentum", () => trainNetwork(X, [0, 1], { momentum: 1 }), "options.momentum", /\[0, 1\)/],
    ["batch size", () => trainNetwork(X, [0, 1], { batchSize: 0.5 }), "options.batchSize", /integer/],
    ["epochs", () => trainNetwork(X, [0, 1], { epochs: 0 }), "options.epochs", /integer >= 1/],
    ["label", () => trainNetwork(X, [0, 1.5]), "y", /class index/],
    ["label ≥ classes", () => trainNetwork(X, [0, 3], { classes: 2 }), "y", /0…1/],
    ["one class", () => trainNetwork(X, [0, 0]), "y", /at least two classes/],
    ["validation features", () => trainNetwork(X, [0, 1], { validation: { X: [[1]], y: [0] } }), "options.validation.X", /1 features but X has 2/],
    ["initial parameters", () => trainNetwork([[1, 2, 3]], [0], { classes: 2, initialParameters: params }), "options.initialParameters", /3 inputs/],
    ["momentumStep lengths", () => momentumStep([1, 2], [0], [1, 1], 0.1, 0.9), "velocity", /must match/],
  ];
  it.each(cases)("%s", (_name, run, argument, message) => {
    let error: unknown;
    try {
      run();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LossbookError);
    expect((error as LossbookError).argument).toBe(argument);
    expect((error as Error).message).toMatch(message);
  });
});
