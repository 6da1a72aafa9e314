import { describe, expect, test } from "vitest";
import { fitLinearRegression, fitLogisticRegression, fitSoftmaxRegression } from "../../src/train";
import { makeGaussianClasses, makeLinearData, trainTestSplit } from "../../src/data";
import { binaryCrossEntropyWithLogits, mae, mse, softmaxCrossEntropy } from "../../src/losses";

const line = makeLinearData({ n: 60, slope: 2, intercept: 1, noise: 0.8, xRange: [-2, 2], seed: 11 });
const lineRows = line.x.map((v) => [v]);
const split = trainTestSplit(lineRows, line.y, { testFraction: 0.25, seed: 2 });
const twoClasses = makeGaussianClasses({ n: 80, classes: 2, separation: 2, seed: 3 });
const threeClasses = makeGaussianClasses({ n: 90, classes: 3, separation: 2.5, seed: 4 });

describe("options.validation: the held-out loss per epoch, by the rule of history", () => {
  test("full batch: history[k] and validationHistory[k] are the losses at the parameters after k updates", () => {
    const options = { epochs: 30, learningRate: 0.05, tolerance: 0, validation: { X: split.XTest, y: split.yTest } };
    const run = fitLinearRegression(split.XTrain, split.yTrain, options);
    expect(run.history).toHaveLength(30);
    expect(run.validationHistory).toHaveLength(30);
    // k = 0: the initial parameters w = 0, b = 0 predict 0 everywhere.
    expect(run.history[0]).toBeCloseTo(mse(split.yTrain, new Array(split.yTrain.length).fill(0)), 12);
    expect(run.validationHistory[0]).toBeCloseTo(mse(split.yTest, new Array(split.yTest.length).fill(0)), 12);
    // k ≥ 1: a run stopped after k epochs ends at the parameters epoch k + 1 starts from.
    for (const k of [1, 2, 7, 29]) {
      const stopped = fitLinearRegression(split.XTrain, split.yTrain, { ...options, epochs: k });
      expect(run.history[k]).toBeCloseTo(stopped.finalLoss, 12);
      expect(run.validationHistory[k]).toBeCloseTo(mse(split.yTest, stopped.predict(split.XTest)), 12);
    }
    // Held-out rows cost more than training rows at the end, and both fell.
    expect(run.validationHistory[29]).toBeLessThan(run.validationHistory[0] / 5);
  });

  test("scoring the training rows themselves reproduces history exactly (with the same L2 penalty and loss options)", () => {
    const same = fitLinearRegression(lineRows, line.y, { loss: "huber", lossOptions: { delta: 0.5 }, l2: 0.1, epochs: 40, validation: { X: lineRows, y: line.y } });
    expect(same.validationHistory).toEqual(same.history);
    const logistic = fitLogisticRegression(twoClasses.X, twoClasses.y, { epochs: 25, lossOptions: { posWeight: 3 }, validation: twoClasses });
    expect(logistic.validationHistory).toEqual(logistic.history);
    const softmax = fitSoftmaxRegression(threeClasses.X, threeClasses.y, { epochs: 25, labelSmoothing: 0.1, validation: threeClasses });
    expect(softmax.validationHistory).toEqual(softmax.history);
  });

  test("mini-batches: each batch's parameters are scored, weighted by the batch's rows (a partial last batch too)", () => {
    // With identical rows every batch's mean loss is the loss on all rows at the
    // same parameters, so history and validationHistory must agree; scoring the
    // parameters at the start or the end of each epoch instead would not.
    const X = new Array(10).fill([1.5]);
    const y = new Array(10).fill(2);
    const run = fitLinearRegression(X, y, { batchSize: 3, epochs: 6, learningRate: 0.05, momentum: 0.5, validation: { X: [[1.5]], y: [2] } });
    expect(run.validationHistory).toHaveLength(6);
    run.validationHistory.forEach((value, k) => expect(value).toBeCloseTo(run.history[k], 12));
    // The loss changes within an epoch, so the rule matters: the first epoch starts
    // at loss (2 − 0)² = 4 and ends near 0.08, and its mean lies well between.
    const endOfFirstEpoch = fitLinearRegression(X, y, { batchSize: 3, epochs: 1, learningRate: 0.05, momentum: 0.5 }).finalLoss;
    expect(run.validationHistory[0]).toBeLessThan(4 - 1);
    expect(run.validationHistory[0]).toBeGreaterThan(endOfFirstEpoch + 1);
  });

  test("per-sample weights weight the training loss only; the validation rows count equally", () => {
    const weights = line.y.map((_, i) => (i < 10 ? 5 : 1));
    const run = fitLinearRegression(lineRows, line.y, { epochs: 3, lossOptions: { weights }, validation: { X: lineRows, y: line.y } });
    expect(run.validationHistory[0]).toBeCloseTo(mse(line.y, new Array(line.y.length).fill(0)), 12);
    expect(run.history[0]).toBeCloseTo(mse(line.y, new Array(line.y.length).fill(0), { weights }), 12);
    expect(run.history[0]).not.toBeCloseTo(run.validationHistory[0], 3);
  });

  test("classifiers score held-out labels with their own loss", () => {
    const held = trainTestSplit(twoClasses.X, twoClasses.y, { testFraction: 0.3, seed: 5 });
    const logistic = fitLogisticRegression(held.XTrain, held.yTrain, { epochs: 1, validation: { X: held.XTest, y: held.yTest } });
    expect(logistic.validationHistory[0]).toBeCloseTo(Math.log(2), 14); // all logits 0
    const long = fitLogisticRegression(held.XTrain, held.yTrain, { epochs: 50, tolerance: 0, validation: { X: held.XTest, y: held.yTest } });
    const after49 = fitLogisticRegression(held.XTrain, held.yTrain, { epochs: 49, tolerance: 0 });
    expect(long.validationHistory[49]).toBeCloseTo(binaryCrossEntropyWithLogits(held.yTest, after49.decisionFunction(held.XTest)), 12);
    const three = trainTestSplit(threeClasses.X, threeClasses.y, { testFraction: 0.3, seed: 6 });
    const softmax = fitSoftmaxRegression(three.XTrain, three.yTrain, { epochs: 20, tolerance: 0, validation: { X: three.XTest, y: three.yTest } });
    const after19 = fitSoftmaxRegression(three.XTrain, three.yTrain, { epochs: 19, tolerance: 0 });
    expect(softmax.validationHistory[19]).toBeCloseTo(softmaxCrossEntropy(three.yTest, after19.decisionFunction(three.XTest)), 12);
  });

  test("one entry per history entry when training stops early or diverges; none without validation data", () => {
    const converged = fitLinearRegression(lineRows, line.y, { epochs: 5000, validation: { X: lineRows, y: line.y } });
    expect(converged.converged).toBe(true);
    expect(converged.validationHistory).toHaveLength(converged.history.length);
    const diverged = fitLinearRegression(lineRows, line.y, { learningRate: 5, validation: { X: split.XTest, y: split.yTest } });
    expect(diverged.diverged).toBe(true);
    expect(diverged.validationHistory).toHaveLength(diverged.history.length);
    expect(diverged.validationHistory[diverged.validationHistory.length - 1]).toBeNaN();
    expect(fitLinearRegression(lineRows, line.y, { epochs: 3 }).validationHistory).toEqual([]);
  });

  test("bad validation data throws a LossbookError naming it", () => {
    expect(() => fitLinearRegression(lineRows, line.y, { validation: [[1], [2]] as never })).toThrow(/^options\.validation: must be an object \{X, y\}/);
    expect(() => fitLinearRegression(lineRows, line.y, { validation: { X: [[1, 2]], y: [1] } })).toThrow(/^options\.validation\.X: rows have 2 features but X has 1/);
    expect(() => fitLinearRegression(lineRows, line.y, { validation: { X: [[1], [2]], y: [1] } })).toThrow(/^options\.validation\.y: has length 1 but options\.validation\.X has 2 rows/);
    expect(() => fitLinearRegression(lineRows, line.y, { validation: { X: [[1], [2]], y: [1, Number.NaN] } })).toThrow(/^options\.validation\.y\[1\]/);
    expect(() => fitLinearRegression(lineRows, line.y, { validation: { y: [1] } as never })).toThrow(/^options\.validation\.X/);
    expect(() => fitLinearRegression([[0], [1]], [1, 2], { loss: "poissonNLL", validation: { X: [[0], [1]], y: [1, -1] } })).toThrow(/^options\.validation\.y\[1\]/);
    expect(() => fitLogisticRegression(twoClasses.X, twoClasses.y, { validation: { X: [[0, 0], [1, 1]], y: [1, 2] } })).toThrow(/^options\.validation\.y\[1\]: must be a label 0 or 1/);
    expect(() => fitSoftmaxRegression(threeClasses.X, threeClasses.y, { validation: { X: [[0, 0]], y: [3] } })).toThrow(/^options\.validation\.y\[0\]: must be a class index below options\.classes = 3/);
    expect(() => fitSoftmaxRegression(threeClasses.X, threeClasses.y, { validation: { X: [[0, 0]], y: [0.5] } })).toThrow(/^options\.validation\.y\[0\]: must be a class index/);
  });
});

describe("X as a plain list of numbers: one feature, each value a row", () => {
  test("fits and predicts exactly as with one-column rows, for all three fitters", () => {
    const asList = fitLinearRegression(line.x, line.y, { epochs: 50, validation: { X: split.XTest.map((row) => row[0]), y: split.yTest } });
    const asRows = fitLinearRegression(lineRows, line.y, { epochs: 50, validation: { X: split.XTest, y: split.yTest } });
    expect(Array.from(asList.weights)).toEqual(Array.from(asRows.weights));
    expect(asList.bias).toBe(asRows.bias);
    expect(asList.history).toEqual(asRows.history);
    expect(asList.validationHistory).toEqual(asRows.validationHistory);
    expect(Array.from(asList.predict([0, 1, 2]))).toEqual(Array.from(asRows.predict([[0], [1], [2]])));
    expect(Array.from(asList.predict(Float64Array.from([0.5])))).toEqual([asRows.bias + 0.5 * asRows.weights[0]]);

    const x = twoClasses.X.map((row) => row[0]);
    const logistic = fitLogisticRegression(x, twoClasses.y, { epochs: 30 });
    const logisticRows = fitLogisticRegression(x.map((v) => [v]), twoClasses.y, { epochs: 30 });
    expect(Array.from(logistic.predictProbability([-1, 0, 1]))).toEqual(Array.from(logisticRows.predictProbability([[-1], [0], [1]])));
    expect(Array.from(logistic.predict([-3, 3]))).toEqual(Array.from(logisticRows.predict([[-3], [3]])));

    const x3 = threeClasses.X.map((row) => row[1]);
    const softmax = fitSoftmaxRegression(x3, threeClasses.y, { epochs: 30 });
    const softmaxRows = fitSoftmaxRegression(x3.map((v) => [v]), threeClasses.y, { epochs: 30 });
    expect(softmax.predictProbabilities([0.3]).map((row) => Array.from(row))).toEqual(softmaxRows.predictProbabilities([[0.3]]).map((row) => Array.from(row)));
  });

  test("a bad value is named as the row it stands for; a model on two features refuses a list", () => {
    expect(() => fitLinearRegression([1, Number.NaN, 3], [1, 2, 3])).toThrow(/^X\[1\]/);
    expect(() => fitLinearRegression([1, 2, 3], [1, 2])).toThrow(/^y: has length 2 but X has 3 rows/);
    const twoFeatures = fitLinearRegression([[1, 2], [2, 1], [3, 3]], [1, 2, 3], { epochs: 2 });
    expect(() => twoFeatures.predict([1, 2])).toThrow(/^X: rows have 1 features but the model was trained on 2/);
  });
});

describe("options.learningRateDecay: η_t = η / (1 + decay·t)", () => {
  test("epoch t steps with η/(1 + decay·t), checked by hand on two MSE steps", () => {
    const x = [1, 2, 4];
    const y = [1, 3, 2];
    const eta = 0.05;
    const decay = 3;
    // Gradient of mean (w·x + b − y)² at (w, b).
    const gradient = (w: number, b: number) => {
      const r = x.map((v, i) => w * v + b - y[i]);
      return [(2 / 3) * r.reduce((s, ri, i) => s + ri * x[i], 0), (2 / 3) * r.reduce((s, ri) => s + ri, 0)];
    };
    const [gw0, gb0] = gradient(0, 0);
    const w1 = -eta * gw0;
    const b1 = -eta * gb0;
    const [gw1, gb1] = gradient(w1, b1);
    const w2 = w1 - (eta / (1 + decay)) * gw1;
    const b2 = b1 - (eta / (1 + decay)) * gb1;
    const model = fitLinearRegression(x, y, { learningRate: eta, learningRateDecay: decay, epochs: 2 });
    expect(model.weights[0]).toBeCloseTo(w2, 14);
    expect(model.bias).toBeCloseTo(b2, 14);
    const constant = fitLinearRegression(x, y, { learningRate: eta, epochs: 2 });
    expect(constant.weights[0]).not.toBeCloseTo(w2, 6);
  });

  test("0 is the default: the same run bit for bit", () => {
    const options = { batchSize: 7, epochs: 20, momentum: 0.3, seed: 4 };
    const implicit = fitLinearRegression(lineRows, line.y, options);
    const explicit = fitLinearRegression(lineRows, line.y, { ...options, learningRateDecay: 0 });
    expect(Array.from(explicit.weights)).toEqual(Array.from(implicit.weights));
    expect(explicit.history).toEqual(implicit.history);
  });

  test("with decay, MAE settles on the exact least-absolute-deviations line; with a constant step it keeps hopping around it", () => {
    const data = makeLinearData({ n: 41, slope: 2, intercept: 1, noise: 1, outlierFraction: 0.1, outlierScale: 10, xRange: [-2, 2], seed: 7 });
    // The LAD optimum is a vertex of a linear programme: a line through two of the points.
    let best = { value: Infinity, w: 0, b: 0 };
    for (let i = 0; i < data.x.length; i++) {
      for (let j = i + 1; j < data.x.length; j++) {
        const w = (data.y[j] - data.y[i]) / (data.x[j] - data.x[i]);
        const b = data.y[i] - w * data.x[i];
        const value = mae(data.y, data.x.map((v) => w * v + b));
        if (value < best.value) best = { value, w, b };
      }
    }
    const options = { loss: "mae", learningRate: 0.5, epochs: 3000 };
    const constant = fitLinearRegression(data.x, data.y, options);
    const decayed = fitLinearRegression(data.x, data.y, { ...options, learningRateDecay: 0.1 });
    const distance = (m: { weights: Float64Array; bias: number }) => Math.hypot(m.weights[0] - best.w, m.bias - best.b);
    expect(distance(decayed)).toBeLessThan(1e-3);
    expect(distance(decayed)).toBeLessThan(distance(constant) / 100);
    expect(decayed.finalLoss - best.value).toBeLessThan(1e-5);
    expect(decayed.finalLoss - best.value).toBeGreaterThanOrEqual(0);
    // Over the last 100 epochs the constant step still moves the loss by far more.
    const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
    expect(spread(decayed.history.slice(-100))).toBeLessThan(spread(constant.history.slice(-100)) / 100);
  });

  test("a negative or non-finite decay throws a LossbookError naming it", () => {
    expect(() => fitLinearRegression(line.x, line.y, { learningRateDecay: -0.1 })).toThrow(/^options\.learningRateDecay/);
    expect(() => fitLogisticRegression(twoClasses.X, twoClasses.y, { learningRateDecay: Number.NaN })).toThrow(/^options\.learningRateDecay/);
  });
});

describe("gradient buffers", () => {
  test("the trainers own them: a gradOut in lossOptions is refused", () => {
    expect(() => fitLinearRegression(line.x, line.y, { lossOptions: { gradOut: new Float64Array(60) } })).toThrow(/^options\.lossOptions\.gradOut/);
  });
});

describe("warm start: initialWeights and initialBias of fitLinearRegression", () => {
  test("k epochs from a fit's result continue that run exactly (constant step, no momentum)", () => {
    const settings = { loss: "huber", lossOptions: { delta: 0.5 }, learningRate: 0.3, tolerance: 0 };
    const whole = fitLinearRegression(lineRows, line.y, { ...settings, epochs: 50 });
    const first = fitLinearRegression(lineRows, line.y, { ...settings, epochs: 20 });
    const rest = fitLinearRegression(lineRows, line.y, { ...settings, epochs: 30, initialWeights: first.weights, initialBias: first.bias });
    expect(Array.from(rest.weights)).toEqual(Array.from(whole.weights));
    expect(rest.bias).toBe(whole.bias);
    expect(rest.history).toEqual(whole.history.slice(20));
  });

  test("started at the optimum it stops at once; started near it, it needs far fewer epochs than from zero", () => {
    const cold = fitLinearRegression(lineRows, line.y, { tolerance: 1e-9, epochs: 5000 });
    expect(cold.converged).toBe(true);
    const again = fitLinearRegression(lineRows, line.y, { tolerance: 1e-9, epochs: 5000, initialWeights: cold.weights, initialBias: cold.bias });
    expect(again.epochs).toBe(0);
    expect(again.bias).toBe(cold.bias);
    const moved = line.y.map((v, i) => (i === 0 ? v + 0.5 : v));
    const fromZero = fitLinearRegression(lineRows, moved, { tolerance: 1e-9, epochs: 5000 });
    const warm = fitLinearRegression(lineRows, moved, { tolerance: 1e-9, epochs: 5000, initialWeights: cold.weights, initialBias: cold.bias });
    expect(warm.converged).toBe(true);
    expect(warm.epochs).toBeLessThan(fromZero.epochs);
    expect(warm.weights[0]).toBeCloseTo(fromZero.weights[0], 7);
  });

  test("a wrong warm start is refused, naming the option", () => {
    expect(() => fitLinearRegression(lineRows, line.y, { initialWeights: [1, 2] })).toThrow(/options\.initialWeights: has 2 entries but X has 1 feature/);
    expect(() => fitLinearRegression(lineRows, line.y, { initialWeights: [Number.NaN] })).toThrow(/options\.initialWeights/);
    expect(() => fitLinearRegression(lineRows, line.y, { initialBias: Number.POSITIVE_INFINITY })).toThrow(/options\.initialBias: must be a finite number/);
  });
});
