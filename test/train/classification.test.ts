import { describe, expect, test } from "vitest";
import { fitLogisticRegression, fitSoftmaxRegression } from "../../src/train";
import { loadPenguins, makeGaussianClasses, standardize, trainTestSplit } from "../../src/data";
import fixture from "../fixtures/train-reference.json";

const maxAbsDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
};

const accuracy = (predicted: ArrayLike<number>, labels: ArrayLike<number>) => {
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) hits++;
  return hits / labels.length;
};

describe("fitLogisticRegression", () => {
  const { X, y, fits } = fixture.logistic;

  test("matches scikit-learn's unregularised LogisticRegression (weights, bias, probabilities, log loss)", () => {
    const reference = fits.unregularised;
    const model = fitLogisticRegression(X, y, { learningRate: 2, epochs: 5000, tolerance: 1e-12 });
    expect(model.converged).toBe(true);
    expect(maxAbsDifference(model.weights, reference.weights)).toBeLessThan(1e-9);
    expect(Math.abs(model.bias - reference.bias)).toBeLessThan(1e-9);
    expect(maxAbsDifference(model.predictProbability(X), reference.probabilities)).toBeLessThan(1e-10);
    expect(model.finalLoss).toBeCloseTo(reference.meanLogLoss, 12);
  });

  test("the defaults (η = 0.5, full batch) converge to the same fit without tuning", () => {
    const reference = fits.unregularised;
    const model = fitLogisticRegression(X, y);
    expect(model.converged).toBe(true);
    expect(maxAbsDifference(model.weights, reference.weights)).toBeLessThan(1e-6);
    expect(Math.abs(model.bias - reference.bias)).toBeLessThan(1e-6);
  });

  test("l2 = 1/(C·n) reproduces scikit-learn's default L2 penalty with C = 1", () => {
    const reference = fits.l2C1;
    const model = fitLogisticRegression(X, y, { l2: 1 / (reference.C * X.length), learningRate: 2, epochs: 5000, tolerance: 1e-12 });
    expect(maxAbsDifference(model.weights, reference.weights)).toBeLessThan(1e-9);
    expect(Math.abs(model.bias - reference.bias)).toBeLessThan(1e-9);
    // The penalty shrinks the weights compared with the unregularised fit.
    expect(Math.hypot(...model.weights)).toBeLessThan(Math.hypot(...fits.unregularised.weights));
  });

  test("predict thresholds σ(w·x + b) at 0.5; decisionFunction is the logit", () => {
    const model = fitLogisticRegression(X, y, { epochs: 200 });
    const logits = model.decisionFunction(X);
    const probabilities = model.predictProbability(X);
    const labels = model.predict(X);
    for (let i = 0; i < X.length; i++) {
      expect(probabilities[i]).toBeCloseTo(1 / (1 + Math.exp(-logits[i])), 14);
      expect(labels[i]).toBe(probabilities[i] >= 0.5 ? 1 : 0);
      expect(logits[i]).toBeCloseTo(model.weights[0] * X[i][0] + model.weights[1] * X[i][1] + model.bias, 12);
    }
  });

  test("mini-batch SGD with momentum classifies held-out Gaussian classes well", () => {
    const data = makeGaussianClasses({ n: 400, classes: 2, separation: 3, seed: 4 });
    const split = trainTestSplit(data.X, data.y, { testFraction: 0.25, seed: 1 });
    const model = fitLogisticRegression(split.XTrain, split.yTrain, { batchSize: 32, epochs: 30, momentum: 0.9, learningRate: 0.05, seed: 2 });
    // Bayes accuracy for centres 3 apart with unit spread is Φ(1.5) ≈ 0.933.
    expect(accuracy(model.predict(split.XTest), split.yTest)).toBeGreaterThan(0.88);
    expect(model.history).toHaveLength(30);
    expect(model.history[29]).toBeLessThan(model.history[0]);
  });

  test("posWeight raises the predicted probabilities of class 1", () => {
    const plain = fitLogisticRegression(X, y, { epochs: 300 });
    const weighted = fitLogisticRegression(X, y, { epochs: 300, lossOptions: { posWeight: 4 } });
    const meanOf = (values: Float64Array) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(meanOf(weighted.predictProbability(X))).toBeGreaterThan(meanOf(plain.predictProbability(X)) + 0.1);
  });

  test("bad labels and options throw a LossbookError naming them", () => {
    expect(() => fitLogisticRegression([[0], [1]], [0, 2])).toThrow(/y\[1\]: must be a label 0 or 1, got 2/);
    expect(() => fitLogisticRegression([[0], [1]], [0, 0.5])).toThrow(/y\[1\]/);
    expect(() => fitLogisticRegression([[0], [1]], [0, 1], { learningRate: 0 })).toThrow(/options\.learningRate/);
    expect(() => fitLogisticRegression([[0], [1]], [0, 1], { lossOptions: { posWeight: 0 } })).toThrow(/options\.lossOptions\.posWeight/);
    expect(() => fitLogisticRegression([[0], [1]], [0, 1], { l2: -1 })).toThrow(/options\.l2/);
  });
});

describe("fitSoftmaxRegression", () => {
  const reference = fixture.softmax;

  test("matches scikit-learn's unregularised multinomial fit (probabilities, weights, log loss)", () => {
    const model = fitSoftmaxRegression(reference.X, reference.y, { learningRate: 1, momentum: 0.9, epochs: 5000, tolerance: 1e-12 });
    expect(model.converged).toBe(true);
    const probabilities = model.predictProbabilities(reference.X);
    let worst = 0;
    probabilities.forEach((row, i) => (worst = Math.max(worst, maxAbsDifference(row, reference.probabilities[i]))));
    expect(worst).toBeLessThan(1e-9);
    // Started from W = 0, Σ_c W_c stays 0: sklearn reports the same parameterisation.
    model.weights.forEach((row, c) => expect(maxAbsDifference(row, reference.weights[c])).toBeLessThan(1e-8));
    expect(maxAbsDifference(model.bias, reference.bias)).toBeLessThan(1e-8);
    expect(model.finalLoss).toBeCloseTo(reference.meanLogLoss, 12);
    expect(accuracy(model.predict(reference.X), reference.y)).toBeCloseTo(reference.accuracy, 12);
  });

  test("the defaults converge to sklearn's log loss without tuning", () => {
    const model = fitSoftmaxRegression(reference.X, reference.y);
    expect(model.converged).toBe(true);
    expect(Math.abs(model.finalLoss - reference.meanLogLoss)).toBeLessThan(1e-9);
  });

  test("separable three-class data: (near) perfect accuracy, probabilities that sum to 1", () => {
    const data = makeGaussianClasses({ n: 300, classes: 3, separation: 6, std: 0.6, seed: 8 });
    const model = fitSoftmaxRegression(data.X, data.y, { epochs: 300 });
    expect(accuracy(model.predict(data.X), data.y)).toBeGreaterThanOrEqual(0.99);
    for (const row of model.predictProbabilities(data.X)) {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(model.weights).toHaveLength(3);
    expect(model.bias).toHaveLength(3);
  });

  test("label smoothing lowers the confidence: at the optimum each class's mean probability equals its smoothed target share", () => {
    const data = makeGaussianClasses({ n: 300, classes: 3, separation: 6, std: 0.6, seed: 8 });
    const sharp = fitSoftmaxRegression(data.X, data.y, { epochs: 2000 });
    const epsilon = 0.3;
    const smooth = fitSoftmaxRegression(data.X, data.y, { labelSmoothing: epsilon, learningRate: 1, momentum: 0.9, epochs: 5000, tolerance: 1e-10 });
    expect(smooth.converged).toBe(true);
    const meanTop = (rows: Float64Array[]) => rows.reduce((s, row) => s + Math.max(...row), 0) / rows.length;
    expect(meanTop(sharp.predictProbabilities(data.X))).toBeGreaterThan(0.99);
    // Smoothed target of the true class: 1 − ε + ε/C = 0.8.
    const probabilities = smooth.predictProbabilities(data.X);
    expect(meanTop(probabilities)).toBeLessThan(0.85);
    // ∂L/∂b_c = mean(p_c − t_c) = 0 at the optimum, so mean p_c = (1 − ε)·share_c + ε/C exactly.
    for (let c = 0; c < 3; c++) {
      const share = data.y.filter((label) => label === c).length / data.y.length;
      const meanProbability = probabilities.reduce((s, row) => s + row[c], 0) / probabilities.length;
      expect(meanProbability).toBeCloseTo((1 - epsilon) * share + epsilon / 3, 9);
    }
    expect(accuracy(smooth.predict(data.X), data.y)).toBeGreaterThanOrEqual(0.99);
  });

  test("real data: penguin species from bill length and depth, > 93% on held-out birds", () => {
    const penguins = loadPenguins();
    const names = ["Adelie", "Chinstrap", "Gentoo"];
    const split = trainTestSplit(
      penguins.map((p) => [p.billLength, p.billDepth]),
      penguins.map((p) => names.indexOf(p.species)),
      { testFraction: 0.3, seed: 0 },
    );
    const scaler = standardize(split.XTrain);
    const model = fitSoftmaxRegression(scaler.X, split.yTrain);
    expect(model.diverged).toBe(false);
    expect(accuracy(model.predict(scaler.transform(split.XTest)), split.yTest)).toBeGreaterThan(0.93);
  });

  test("bad labels and options throw a LossbookError naming them", () => {
    expect(() => fitSoftmaxRegression([[0], [1]], [0, 1.5])).toThrow(/y\[1\]: must be a class index/);
    expect(() => fitSoftmaxRegression([[0], [1]], [0, -1])).toThrow(/y\[1\]/);
    expect(() => fitSoftmaxRegression([[0], [1], [2]], [0, 1, 2], { classes: 2 })).toThrow(/y\[2\]: must be a class index below options\.classes = 2/);
    expect(() => fitSoftmaxRegression([[0], [1]], [0, 0])).toThrow(/options\.classes/);
    expect(() => fitSoftmaxRegression([[0], [1]], [0, 1], { labelSmoothing: 2 })).toThrow(/options\.labelSmoothing/);
    expect(() => fitSoftmaxRegression([[0], [1]], [0, 1], { lossOptions: { labelSmoothing: 0.1 } })).toThrow(/give it as options\.labelSmoothing/);
    expect(() => fitSoftmaxRegression([[0], [1]], [0, 1], { lossOptions: { classWeights: [1] } })).toThrow(/options\.lossOptions\.classWeights/);
    const model = fitSoftmaxRegression([[0], [1]], [0, 1], { epochs: 2 });
    expect(() => model.predictProbabilities([[0, 1]])).toThrow(/X: rows have 2 features/);
  });
});
