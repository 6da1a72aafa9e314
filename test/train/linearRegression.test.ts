import { describe, expect, test } from "vitest";
import { LossbookError } from "../../src/errors";
import { fitLinearRegression } from "../../src/train";
import { createRandom, loadAnscombe, makeLinearData, standardize } from "../../src/data";
import { losses } from "../../src/losses";

/** Solves A·v = b by Gaussian elimination with partial pivoting (A small and well conditioned). */
function solve(A: number[][], b: number[]): number[] {
  const size = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs(M[r][col]) > Math.abs(M[pivot][col])) pivot = r;
    [M[col], M[pivot]] = [M[pivot], M[col]];
    for (let r = col + 1; r < size; r++) {
      const factor = M[r][col] / M[col][col];
      for (let c = col; c <= size; c++) M[r][c] -= factor * M[col][c];
    }
  }
  const v = new Array<number>(size).fill(0);
  for (let r = size - 1; r >= 0; r--) {
    let sum = M[r][size];
    for (let c = r + 1; c < size; c++) sum -= M[r][c] * v[c];
    v[r] = sum / M[r][r];
  }
  return v;
}

/** Least squares through the normal equations (X̃ᵀX̃)β = X̃ᵀy with X̃ = [X, 1]; returns [w…, b]. */
function leastSquares(X: number[][], y: number[]): number[] {
  const rows = X.map((row) => [...row, 1]);
  const size = rows[0].length;
  const A = Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => rows.reduce((s, row) => s + row[i] * row[j], 0)));
  const b = Array.from({ length: size }, (_, i) => rows.reduce((s, row, k) => s + row[i] * y[k], 0));
  return solve(A, b);
}

/** Three correlated features and a noisy linear target. */
function regressionData(n: number, seed: number) {
  const random = createRandom(seed);
  const raw = Array.from({ length: n }, () => {
    const a = random.normal();
    return [a, 0.6 * a + 0.8 * random.normal(), random.uniform(-2, 2)];
  });
  const { X } = standardize(raw);
  const y = X.map((row) => 1.5 * row[0] - 2 * row[1] + 0.5 * row[2] + 4 + 0.3 * random.normal());
  return { X, y };
}

describe("fitLinearRegression", () => {
  const { X, y } = regressionData(300, 1);
  const exact = leastSquares(X, y);

  test("with MSE the fit is the least-squares solution of the normal equations (to 1e-6)", () => {
    const model = fitLinearRegression(X, y, { loss: "mse", epochs: 5000, tolerance: 1e-12 });
    expect(model.converged).toBe(true);
    expect(model.diverged).toBe(false);
    const fitted = [...model.weights, model.bias];
    const maxDifference = Math.max(...fitted.map((v, i) => Math.abs(v - exact[i])));
    expect(maxDifference).toBeLessThan(1e-6);
    // The recorded loss falls monotonically for full-batch descent with a safe step.
    // (up to rounding once it has converged)
    for (let e = 1; e < model.history.length; e++) expect(model.history[e]).toBeLessThanOrEqual(model.history[e - 1] * (1 + 1e-14));
    const predictions = model.predict(X);
    const residualMeanSquare = predictions.reduce((s, p, i) => s + (p - y[i]) ** 2, 0) / y.length;
    expect(model.finalLoss).toBeCloseTo(residualMeanSquare, 12);
  });

  test("the defaults (η = 0.1, full batch) converge on standardised features without tuning", () => {
    const model = fitLinearRegression(X, y);
    expect(model.converged).toBe(true);
    expect(model.epochs).toBeLessThan(1000);
    [...model.weights, model.bias].forEach((v, i) => expect(Math.abs(v - exact[i])).toBeLessThan(1e-6));
  });

  test("momentum reaches the same solution in fewer epochs", () => {
    // Slowest plain rate here is 1 − η·λ_min ≈ 0.92 per epoch; heavy ball with μ = 0.5 contracts by ≈ 0.77.
    const plain = fitLinearRegression(X, y, { tolerance: 1e-10, epochs: 5000 });
    const heavyBall = fitLinearRegression(X, y, { tolerance: 1e-10, epochs: 5000, momentum: 0.5 });
    expect(heavyBall.converged).toBe(true);
    expect(heavyBall.epochs).toBeLessThan(plain.epochs / 2);
    [...heavyBall.weights, heavyBall.bias].forEach((v, i) => expect(v).toBeCloseTo(exact[i], 7));
  });

  test("mini-batch SGD lands near the solution, and is reproducible per seed", () => {
    const options = { batchSize: 16, epochs: 60, learningRate: 0.02, seed: 3 };
    const sgd = fitLinearRegression(X, y, options);
    expect(sgd.history).toHaveLength(60);
    [...sgd.weights, sgd.bias].forEach((v, i) => expect(Math.abs(v - exact[i])).toBeLessThan(0.05));
    const again = fitLinearRegression(X, y, options);
    expect(Array.from(again.weights)).toEqual(Array.from(sgd.weights));
    const otherSeed = fitLinearRegression(X, y, { ...options, seed: 4 });
    expect(Array.from(otherSeed.weights)).not.toEqual(Array.from(sgd.weights));
    expect(sgd.converged).toBe(false); // mini-batch runs do not stop early
  });

  test("Huber ignores outliers that drag the MSE line away from the true one", () => {
    const data = makeLinearData({ n: 200, slope: 2, intercept: 1, noise: 0.5, outlierFraction: 0.1, outlierScale: 20, xRange: [-3, 3], seed: 5 });
    const rows = data.x.map((v) => [v]);
    const squared = fitLinearRegression(rows, data.y, { loss: "mse" });
    const huber = fitLinearRegression(rows, data.y, { loss: "huber", lossOptions: { delta: 1 }, epochs: 3000 });
    const distance = (m: { weights: Float64Array; bias: number }) => Math.hypot(m.weights[0] - 2, m.bias - 1);
    expect(distance(huber)).toBeLessThan(0.15);
    expect(distance(squared)).toBeGreaterThan(1.5);
    expect(distance(huber)).toBeLessThan(distance(squared) / 10);
  });

  test("Anscombe III: Huber follows the ten collinear points, MSE is tilted by the one outlier", () => {
    const { x, y: yIII } = loadAnscombe("III");
    const scaled = standardize(x);
    const rows = scaled.X.map((v) => [v]);
    const toSlope = (w: number) => w / scaled.std; // back to the original x units
    const squared = fitLinearRegression(rows, yIII);
    const huber = fitLinearRegression(rows, yIII, { loss: "huber", lossOptions: { delta: 0.5 }, epochs: 5000, tolerance: 1e-10 });
    expect(toSlope(squared.weights[0])).toBeCloseTo(0.5, 2); // Anscombe's shared line y ≈ 3 + 0.5x
    // The ten points without (13, 12.74) lie on y ≈ 4.01 + 0.345x.
    const clean = leastSquares(x.filter((_, i) => yIII[i] !== 12.74).map((v) => [v]), yIII.filter((v) => v !== 12.74));
    const huberGap = Math.abs(toSlope(huber.weights[0]) - clean[0]);
    const squaredGap = Math.abs(toSlope(squared.weights[0]) - clean[0]);
    expect(huberGap).toBeLessThan(0.03); // the outlier still pulls, but only with force δ
    expect(huberGap).toBeLessThan(squaredGap / 5);
  });

  test("every regression loss of the registry can be fitted and does at least as well as the MSE line under its own loss", () => {
    const data = makeLinearData({ n: 150, noise: 0.5, xRange: [-2, 2], seed: 9 });
    const rows = data.x.map((v) => [v]);
    // Losses on real-valued targets and predictions (poissonNLL, on counts and log-rates, has its own test).
    const ids = losses.filter((info) => info.task === "regression" && info.targets === "real numbers").map((info) => info.id);
    expect(ids).toContain("mse");
    expect(ids).toContain("huber");
    const mseModel = fitLinearRegression(rows, data.y, { loss: "mse", epochs: 3000 });
    for (const id of ids) {
      const info = losses.find((entry) => entry.id === id)!;
      const model = fitLinearRegression(rows, data.y, { loss: id, epochs: 3000 });
      expect(model.loss).toBe(id);
      expect(model.diverged).toBe(false);
      expect(Math.abs(model.weights[0] - 2)).toBeLessThan(0.3);
      expect(model.finalLoss).toBeLessThanOrEqual(info.value(data.y, mseModel.predict(rows)) + 1e-3);
    }
  });

  test("poissonNLL gives Poisson regression: log-rate predictions, mean fitted rate = mean count", () => {
    const random = createRandom(12);
    /** Knuth's Poisson sampler: count uniforms until their product drops below e^−λ. */
    const poisson = (rate: number) => {
      const limit = Math.exp(-rate);
      let count = 0;
      for (let product = random.next(); product > limit; product *= random.next()) count++;
      return count;
    };
    const x = Array.from({ length: 400 }, () => random.uniform(-1.5, 1.5));
    const counts = x.map((v) => poisson(Math.exp(0.5 + 0.8 * v)));
    const model = fitLinearRegression(x.map((v) => [v]), counts, { loss: "poissonNLL", epochs: 5000, tolerance: 1e-10 });
    expect(model.converged).toBe(true);
    expect(Math.abs(model.weights[0] - 0.8)).toBeLessThan(0.15);
    expect(Math.abs(model.bias - 0.5)).toBeLessThan(0.15);
    // ∂L/∂b = mean(e^z − y) = 0 at the optimum.
    const rates = model.predict(x.map((v) => [v])).map(Math.exp);
    expect(rates.reduce((a, b) => a + b, 0) / rates.length).toBeCloseTo(counts.reduce((a, b) => a + b, 0) / counts.length, 8);
    expect(() => fitLinearRegression([[0], [1]], [1, -1], { loss: "poissonNLL" })).toThrow(/^y\[1\]/);
  });

  test("per-sample weights: weight 2 on a row equals that row twice", () => {
    const small = regressionData(40, 2);
    const weights = small.y.map((_, i) => (i % 5 === 0 ? 2 : 1));
    const weighted = fitLinearRegression(small.X, small.y, { lossOptions: { weights }, tolerance: 1e-12, epochs: 5000 });
    const repeatedX = small.X.flatMap((row, i) => (i % 5 === 0 ? [row, row] : [row]));
    const repeatedY = small.y.flatMap((v, i) => (i % 5 === 0 ? [v, v] : [v]));
    const repeated = fitLinearRegression(repeatedX, repeatedY, { tolerance: 1e-12, epochs: 5000 });
    Array.from(weighted.weights).forEach((w, j) => expect(w).toBeCloseTo(repeated.weights[j], 8));
    expect(weighted.bias).toBeCloseTo(repeated.bias, 8);
  });

  test("a learning rate that is too large diverges: flagged and stopped, not thrown", () => {
    const model = fitLinearRegression(X, y, { learningRate: 5 });
    expect(model.diverged).toBe(true);
    expect(model.converged).toBe(false);
    expect(model.epochs).toBeLessThan(1000);
    expect(model.history[model.history.length - 1]).toBeNaN();
    expect(model.history.slice(0, -1).every(Number.isFinite)).toBe(true);
  });

  test("bad input throws a LossbookError naming the argument", () => {
    expect(() => fitLinearRegression([[1, 2], [3]], [1, 2])).toThrow(/X\[1\]: row has length 1/);
    expect(() => fitLinearRegression([[1], [2]], [1])).toThrow(/y: has length 1 but X has 2 rows/);
    expect(() => fitLinearRegression([[1], [2]], [1, Number.NaN])).toThrow(/y\[1\]/);
    expect(() => fitLinearRegression([[1], [Number.POSITIVE_INFINITY]], [1, 2])).toThrow(/X\[1\]/);
    expect(() => fitLinearRegression([], [])).toThrow(/X: is empty/);
    expect(() => fitLinearRegression(X, y, { loss: "nope" })).toThrow(/options\.loss: unknown loss "nope"; regression losses: mse, .*huber/);
    expect(() => fitLinearRegression(X, y, { loss: "binaryCrossEntropyWithLogits" })).toThrow(/options\.loss: "binaryCrossEntropyWithLogits" is a classification loss/);
    expect(() => fitLinearRegression(X, y, { learningRate: 0 })).toThrow(/options\.learningRate/);
    expect(() => fitLinearRegression(X, y, { learningRate: -1 })).toThrow(LossbookError);
    expect(() => fitLinearRegression(X, y, { epochs: 0 })).toThrow(/options\.epochs/);
    expect(() => fitLinearRegression(X, y, { batchSize: 0 })).toThrow(/options\.batchSize/);
    expect(() => fitLinearRegression(X, y, { momentum: 1.5 })).toThrow(/options\.momentum/);
    expect(() => fitLinearRegression(X, y, { loss: "huber", lossOptions: { delta: -1 } })).toThrow(/options\.lossOptions\.delta/);
    expect(() => fitLinearRegression(X, y, { lossOptions: { reduction: "none" } })).toThrow(/options\.lossOptions\.reduction/);
    expect(() => fitLinearRegression(X, y, { lossOptions: { weights: [1, 2] } })).toThrow(/options\.lossOptions\.weights: has length 2/);
    const model = fitLinearRegression(X, y, { epochs: 5 });
    expect(() => model.predict([[1, 2]])).toThrow(/X: rows have 2 features but the model was trained on 3/);
  });
});
