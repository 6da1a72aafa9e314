import { describe, expect, it } from "vitest";
import { fitLinearRegression, fitLogisticRegression, fitSoftmaxRegression } from "../../src/train";
import { createRandom } from "../../src/data";

// Features on very different scales (metres and grams): on raw features one
// learning rate cannot suit both columns; on standardised ones it can, and the
// reported coefficients are converted back to the original units.
const random = createRandom(11);
const X = Array.from({ length: 200 }, () => [1.5 + 0.2 * random.normal(), 60_000 + 9_000 * random.normal()]);
const y = X.map(([height, mass]) => 3 + 2 * height - 0.0004 * mass + 0.01 * random.normal());

describe("fits on standardised features report coefficients in original units", () => {
  it("linear regression: the least-squares line in original units, predictions on original rows", () => {
    const model = fitLinearRegression(X, y, { standardizeFeatures: true, epochs: 3000, learningRate: 0.1 });
    // Least squares by the normal equations on the original columns.
    const rows = X.map(([a, b]) => [1, a, b]);
    const A = [0, 1, 2].map((i) => [0, 1, 2].map((j) => rows.reduce((s, r) => s + r[i] * r[j], 0)));
    const v = [0, 1, 2].map((i) => rows.reduce((s, r, k) => s + r[i] * y[k], 0));
    // Gaussian elimination on the 3 × 3 system.
    for (let i = 0; i < 3; i++) for (let k = i + 1; k < 3; k++) {
      const f = A[k][i] / A[i][i];
      for (let j = i; j < 3; j++) A[k][j] -= f * A[i][j];
      v[k] -= f * v[i];
    }
    const beta = [0, 0, 0];
    for (let i = 2; i >= 0; i--) beta[i] = (v[i] - [0, 1, 2].slice(i + 1).reduce((s, j) => s + A[i][j] * beta[j], 0)) / A[i][i];
    expect(model.bias).toBeCloseTo(beta[0], 6);
    expect(model.weights[0]).toBeCloseTo(beta[1], 6);
    expect(model.weights[1]).toBeCloseTo(beta[2], 9);
    expect(model.featureScaling?.std[1]).toBeGreaterThan(1000);
    const [first] = model.predict([X[0]]);
    expect(first).toBeCloseTo(model.bias + model.weights[0] * X[0][0] + model.weights[1] * X[0][1], 10);
  });

  it("logistic and softmax regression: the same decision function on original rows", () => {
    const labels = X.map(([height, mass]) => (height - 1.5 + (mass - 60_000) / 45_000 + 0.05 * random.normal() > 0 ? 1 : 0));
    const logistic = fitLogisticRegression(X, labels, { standardizeFeatures: true });
    const z = logistic.decisionFunction(X.slice(0, 5));
    X.slice(0, 5).forEach((row, i) => expect(z[i]).toBeCloseTo(logistic.bias + logistic.weights[0] * row[0] + logistic.weights[1] * row[1], 9));
    expect(logistic.featureScaling?.mean[1]).toBeGreaterThan(50_000);
    const softmax = fitSoftmaxRegression(X, labels, { standardizeFeatures: true, epochs: 200 });
    const logits = softmax.decisionFunction(X.slice(0, 3));
    X.slice(0, 3).forEach((row, i) =>
      [0, 1].forEach((c) => expect(logits[i][c]).toBeCloseTo(softmax.bias[c] + softmax.weights[c][0] * row[0] + softmax.weights[c][1] * row[1], 9)));
  });

  it("rejects a non-boolean option and leaves the default fit unchanged", () => {
    expect(() => fitLinearRegression(X, y, { standardizeFeatures: "yes" as unknown as boolean })).toThrow(/options\.standardizeFeatures: must be true or false/);
    const plain = fitLinearRegression([[0], [1], [2]], [1, 3, 5], { epochs: 50 });
    expect(plain.featureScaling).toBeUndefined();
  });
});
