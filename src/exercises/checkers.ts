import { getLoss } from "../losses/registry";
import { logSumExp, sigmoid, softmax, softplus } from "../losses/stable";
import { standardize } from "../data/preprocess";
import { gradientDescent, type ObjectiveValue } from "../train/gradientDescent";
import { allClose, close, runChecker, type CheckResult } from "./framework";
import { checkLossQuiz } from "./quiz";
import { networkCheckers } from "./network";

/** The value of the registry loss `id` for one residual-style pair, through the library. */
function lossAt(id: string, yTrue: number, yPred: number, options: Record<string, number> = {}): number {
  return getLoss(id).value([yTrue], [yPred], options) as number;
}

/** Its derivative with respect to yPred at that pair. */
function lossGradAt(id: string, yTrue: number, yPred: number, options: Record<string, number> = {}): number {
  return (getLoss(id).grad([yTrue], [yPred], options) as Float64Array)[0];
}

/** True when got equals factor·expected (element-wise for arrays) and expected is not all zero. */
function isMultiple(got: number | number[], expected: number | number[], factor: number): boolean {
  const g = typeof got === "number" ? [got] : got;
  const e = typeof expected === "number" ? [expected] : expected;
  if (e.every((v) => v === 0)) return false;
  return allClose(g, e.map((v) => v * factor), 1e-9, 1e-6);
}

const hasNonFinite = (got: number | number[]) => (typeof got === "number" ? [got] : got).some((v) => !Number.isFinite(v));
const hasNaN = (got: number | number[]) => (typeof got === "number" ? [got] : got).some((v) => Number.isNaN(v));

/** The arguments with every array of length n cut to its elements from..to (exclusive); other arguments unchanged. */
function sliceSamples<Args extends unknown[]>(args: Args, n: number, from: number, to: number): Args {
  return args.map((arg) => (Array.isArray(arg) && arg.length === n ? arg.slice(from, to) : arg)) as Args;
}

/** True when every number in the arguments is small enough that no exponential of it overflows or underflows to 0. */
const noExtremeInputs = (args: unknown[]) => args.flat(2).every((v) => typeof v !== "number" || Math.abs(v) < 700);

/**
 * The two loop mistakes every array exercise invites, recognised from the answer:
 * a loop that runs to `i <= n` reads element n, which is `undefined`, and
 * undefined in arithmetic is NaN; a loop that starts at 1 or stops at n − 1
 * leaves one sample out (then divides by n or by n − 1). `compute` is the
 * checker's own answer for given arguments, a mean over the samples: its
 * value on n − 1 samples, as it is (divided by n − 1) or times (n − 1)/n
 * (divided by n), is what such a loop returns. Checked before the other
 * diagnoses, so that a skipped sample is not misread as "divide by n".
 */
function loopMistake<Args extends unknown[]>(
  got: number | number[],
  args: Args,
  compute: (args: Args) => number | number[],
): string | undefined {
  const n = args.find((arg): arg is unknown[] => Array.isArray(arg))?.length ?? 0;
  if (n === 0) return undefined;
  if (hasNaN(got)) {
    return "your result is NaN. The usual cause is a loop that runs one step too far: with `i <= n` the last step reads element n, one past the end (the indices are 0 … n − 1), which is undefined, and undefined in arithmetic gives NaN. Loop with `i < n`.";
  }
  if (n < 2) return undefined;
  const scale = (value: number | number[], factor: number) => (typeof value === "number" ? value * factor : value.map((v) => v * factor));
  const matches = (value: number | number[]) =>
    typeof got === "number" ? typeof value === "number" && close(got, value) : Array.isArray(value) && allClose(got, value);
  for (const [from, to, which] of [[1, n, "first"], [0, n - 1, "last"]] as const) {
    let partial: number | number[];
    try {
      partial = compute(sliceSamples(args, n, from, to));
    } catch {
      continue;
    }
    if (matches(partial) || matches(scale(partial, (n - 1) / n))) {
      return `your loop leaves out the ${which} sample: it must visit every index from 0 to n − 1 (\`for (let i = 0; i < n; i++)\`).`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- NB01

function residuals(learnerFunction: (yTrue: number[], yPred: number[]) => number[]): CheckResult {
  return runChecker<[number[], number[]]>(
    {
      name: "residuals",
      parameters: ["yTrue", "yPred"],
      returns: "array",
      // The residual is the a of the document (a = ŷ − y); there is no library
      // function for a subtraction, so the expected value is computed here.
      cases: () =>
        [
          [[3, -0.5, 2, 7], [2.5, 0, 2, 8]],
          [[1, 2, 3], [1, 2, 3]],
          [[10], [4]],
          [[-2, 0, 5.5], [1, -1, 5]],
        ].map(([yTrue, yPred]) => ({ args: [yTrue, yPred] as [number[], number[]], expected: yPred.map((p, i) => p - yTrue[i]) })),
      hint: "the residual of sample i is aᵢ = ŷᵢ − yᵢ (prediction minus target), one number per sample, in the same order.",
      diagnose: (got, expected, args) =>
        isMultiple(got, expected, -1)
          ? "your signs are flipped: in this workbook a residual is ŷᵢ − yᵢ (prediction minus target), not yᵢ − ŷᵢ."
          : hasNaN(got)
            ? loopMistake(got, args, ([t, p]) => p.map((v, i) => v - t[i]))
            : undefined,
    },
    learnerFunction,
  );
}

function meanAbsoluteError(learnerFunction: (yTrue: number[], yPred: number[]) => number): CheckResult {
  return runChecker<[number[], number[]]>(
    {
      name: "meanAbsoluteError",
      parameters: ["yTrue", "yPred"],
      returns: "number",
      cases: () =>
        [
          [[3, -0.5, 2, 7], [2.5, 0, 2, 8]],
          [[1, 2, 3], [3, 2, 1]],
          [[5], [5]],
          [[0, 0, 0, 0], [-1, -2, 3, 4]],
        ].map(([yTrue, yPred]) => ({ args: [yTrue, yPred] as [number[], number[]], expected: getLoss("mae").value(yTrue, yPred) as number })),
      hint: "MAE = (1/n) Σ |ŷᵢ − yᵢ|: the absolute value of each residual, averaged over the n samples.",
      diagnose: (got, expected, [yTrue, yPred]) => {
        const loop = loopMistake(got, [yTrue, yPred], ([t, p]) => getLoss("mae").value(t, p) as number);
        if (loop !== undefined) return loop;
        const n = yTrue.length;
        const signedMean = yPred.reduce((s, p, i) => s + p - yTrue[i], 0) / n;
        if (close(got as number, signedMean) || close(got as number, -signedMean)) return "take the absolute value |ŷᵢ − yᵢ| of each residual before averaging; otherwise errors of opposite sign cancel.";
        if (n > 1 && isMultiple(got, expected, n)) return "you summed the absolute errors; divide by the number of samples n to get the mean.";
        return undefined;
      },
    },
    learnerFunction,
  );
}

// ---------------------------------------------------------------- NB02

function gradientDescentStep(learnerFunction: (theta: number[], grad: number[], learningRate: number) => number[]): CheckResult {
  return runChecker<[number[], number[], number]>(
    {
      name: "gradientDescentStep",
      parameters: ["theta", "grad", "learningRate"],
      returns: "array",
      cases: () =>
        (
          [
            [[1, 2], [0.5, -1], 0.1],
            [[0], [4], 0.25],
            [[3, -1, 2], [0, 0, 0], 0.5],
            [[-2, 5], [10, -20], 0.01],
          ] as [number[], number[], number][]
        ).map((args) => {
          const [theta, grad, learningRate] = args;
          // One update of the library's gradient descent with this gradient.
          const step = gradientDescent(() => ({ value: 0, grad }), theta, { learningRate, iterations: 1, tolerance: 0 });
          return { args, expected: Array.from(step.theta) };
        }),
      hint: "one update is θ := θ − η·∇L(θ): subtract the learning rate times the gradient from every parameter.",
      diagnose: (got, _expected, [theta, grad, learningRate]) => {
        const g = got as number[];
        if (allClose(g, theta.map((t, i) => t + learningRate * grad[i]))) return "you moved along the gradient; gradient descent moves against it: θ − η·∇L, not θ + η·∇L.";
        if (allClose(g, theta.map((t, i) => t - grad[i]))) return "multiply the gradient by the learning rate η before subtracting it.";
        return undefined;
      },
    },
    learnerFunction,
  );
}

/** θ after `steps` updates of gradient descent on f(θ) = (θ − 3)², by the library. */
function quadraticMinimizer(start: number, learningRate: number, steps: number): number {
  const run = gradientDescent((theta) => ({ value: (theta[0] - 3) ** 2, grad: [2 * (theta[0] - 3)] }), start, {
    learningRate,
    iterations: steps,
    tolerance: 0,
  });
  return run.theta[0];
}

function minimizeQuadratic(learnerFunction: (start: number, learningRate: number, steps: number) => number): CheckResult {
  return runChecker<[number, number, number]>(
    {
      name: "minimizeQuadratic",
      parameters: ["start", "learningRate", "steps"],
      returns: "number",
      cases: () =>
        (
          [
            [0, 0.1, 1],
            [0, 0.1, 50],
            [10, 0.25, 3],
            [-4, 0.9, 5],
            [7, 0.3, 0],
            [1, 1.1, 8],
          ] as [number, number, number][]
        ).map((args) => ({
          args,
          expected: quadraticMinimizer(...args),
          about: args[2] === 0 ? "zero steps: return the start" : args[1] > 1 ? "a learning rate that is too large: the iterates grow" : undefined,
        })),
      hint: "start at θ = start and repeat `steps` times: θ := θ − η·f′(θ) with f′(θ) = 2(θ − 3); return the last θ (not the minimum 3).",
      diagnose: (got, expected, [start, learningRate, steps]) => {
        const value = got as number;
        if (close(value, quadraticMinimizer(start, learningRate, steps + 1))) return "you made one update too many: make exactly `steps` updates.";
        if (steps > 0 && close(value, quadraticMinimizer(start, learningRate, steps - 1))) return "you made one update too few: make exactly `steps` updates.";
        if (close(value, quadraticMinimizer(start, learningRate / 2, steps))) return "the derivative of (θ − 3)² is 2(θ − 3): you left out the factor 2.";
        if (close(value, 3) && !close(expected as number, 3)) return "return θ after exactly `steps` updates, even when it has not reached the minimum 3 yet.";
        return undefined;
      },
    },
    learnerFunction,
  );
}

// ---------------------------------------------------------------- NB03

function mse(learnerFunction: (yTrue: number[], yPred: number[]) => number): CheckResult {
  return runChecker<[number[], number[]]>(
    {
      name: "mse",
      parameters: ["yTrue", "yPred"],
      returns: "number",
      cases: () =>
        [
          [[3, -0.5, 2, 7], [2.5, 0, 2, 8]],
          [[1, 2, 3, 4, 5], [1.5, 2.5, 2, 4, 7]],
          [[2], [2]],
          [[0, 0], [-3, 3]],
        ].map(([yTrue, yPred]) => ({ args: [yTrue, yPred] as [number[], number[]], expected: getLoss("mse").value(yTrue, yPred) as number })),
      hint: "MSE = (1/n) Σ (ŷᵢ − yᵢ)²: square each residual, add them up, divide by n (the document's §3.1 writes (yᵢ − ŷᵢ)², the same number).",
      diagnose: (got, expected, [yTrue, yPred]) => {
        const loop = loopMistake(got, [yTrue, yPred], ([t, p]) => getLoss("mse").value(t, p) as number);
        if (loop !== undefined) return loop;
        const n = yTrue.length;
        const value = got as number;
        if (n > 1 && isMultiple(got, expected, n)) return "you summed the squared errors; divide by the number of samples n to get the mean.";
        if (isMultiple(got, expected, 0.5)) return "the §3.1 MSE has no ½ in front: (1/n) Σ (ŷᵢ − yᵢ)².";
        if (close(value, Math.sqrt(expected as number))) return "that is the root of the MSE (RMSE); leave out the square root.";
        if (close(value, getLoss("mae").value(yTrue, yPred) as number)) return "square the residuals instead of taking their absolute value.";
        return undefined;
      },
    },
    learnerFunction,
  );
}

/** ∂L/∂θ₀ and ∂L/∂θ₁ of L = MSE(y, θ₀ + θ₁x), by the chain rule through the library's mseGrad. */
function linearRegressionGradientOf(x: number[], y: number[], theta0: number, theta1: number): number[] {
  const predictions = x.map((xi) => theta0 + theta1 * xi);
  const perPrediction = getLoss("mse").grad(y, predictions) as Float64Array;
  let d0 = 0;
  let d1 = 0;
  perPrediction.forEach((g, i) => {
    d0 += g;
    d1 += g * x[i];
  });
  return [d0, d1];
}

function linearRegressionGradient(learnerFunction: (x: number[], y: number[], theta0: number, theta1: number) => [number, number] | number[]): CheckResult {
  return runChecker<[number[], number[], number, number]>(
    {
      name: "linearRegressionGradient",
      parameters: ["x", "y", "theta0", "theta1"],
      returns: "array",
      cases: () =>
        (
          [
            [[1, 2, 3], [2, 4, 6], 0, 0],
            [[1, 2, 3], [2, 4, 6], 0, 2],
            [[0, 1, 2, 3], [1, 3, 2, 5], 0.5, 1],
            [[-1, 0.5, 4], [3, -2, 0], -1, 0.25],
          ] as [number[], number[], number, number][]
        ).map((args) => ({ args, expected: linearRegressionGradientOf(...args), about: args[3] === 2 && args[2] === 0 ? "a perfect fit: the gradient is zero" : undefined })),
      hint: "with ŷᵢ = θ₀ + θ₁xᵢ, the residual rᵢ = ŷᵢ − yᵢ and L = (1/n) Σ rᵢ², §4.1 gives ∂L/∂θ₀ = (2/n) Σ rᵢ and ∂L/∂θ₁ = (2/n) Σ rᵢ·xᵢ (the document writes −(2/n) Σ (yᵢ − ŷᵢ), the same); return [∂L/∂θ₀, ∂L/∂θ₁].",
      diagnose: (got, expected, args) => {
        const [x] = args;
        const g = got as number[];
        const e = expected as number[];
        const loop = loopMistake(got, args, (a) => linearRegressionGradientOf(...a));
        if (loop !== undefined) return loop;
        if (isMultiple(g, e, -1)) return "both signs are flipped: with rᵢ = ŷᵢ − yᵢ the gradient is +(2/n) Σ rᵢ and +(2/n) Σ rᵢxᵢ; if you write the error as yᵢ − ŷᵢ, keep the document's minus sign in front, −(2/n) Σ (yᵢ − ŷᵢ).";
        if (isMultiple(g, e, 0.5)) return "you left out the factor 2 that comes from differentiating the square.";
        if (x.length > 1 && isMultiple(g, e, x.length)) return "divide by n: the loss is a mean, so its gradient is too.";
        if (allClose(g, [e[1], e[0]])) return "the order is [∂L/∂θ₀, ∂L/∂θ₁]: first the intercept's derivative (no xᵢ), then the slope's (times xᵢ).";
        return undefined;
      },
    },
    learnerFunction,
  );
}

// ---------------------------------------------------------------- NB04

function sigmoidChecker(learnerFunction: (z: number) => number): CheckResult {
  return runChecker<[number]>(
    {
      name: "sigmoid",
      parameters: ["z"],
      returns: "number",
      cases: () =>
        [0, 2, -2, 10, -10, 40, -40, 1000, -1000].map((z) => ({
          args: [z] as [number],
          expected: sigmoid(z),
          about: Math.abs(z) === 1000 ? "a large |z|: e^z or e^(−z) is e^1000, which overflows to Infinity" : undefined,
          hint:
            Math.abs(z) === 1000
              ? "e^1000 is Infinity, and Infinity/Infinity is NaN: use 1/(1 + e^(−z)) for z ≥ 0 and e^z/(1 + e^z) for z < 0, so that exp never gets a large positive argument."
              : undefined,
        })),
      hint: "σ(z) = 1 / (1 + e^(−z)); it lies between 0 and 1 and σ(0) = 0.5.",
      diagnose: (got, expected, [z]) => {
        if (hasNonFinite(got)) return `your result is not a finite number at z = ${z}: an exponential overflowed. Use 1/(1 + e^(−z)) for z ≥ 0 and e^z/(1 + e^z) for z < 0.`;
        if (close(got as number, 1 - (expected as number))) return "you computed σ(−z): the sigmoid is 1/(1 + e^(−z)), with the minus sign in the exponent.";
        return undefined;
      },
    },
    learnerFunction,
  );
}

function binaryCrossEntropy(learnerFunction: (yTrue: number[], p: number[]) => number): CheckResult {
  return runChecker<[number[], number[]]>(
    {
      name: "binaryCrossEntropy",
      parameters: ["yTrue", "p"],
      returns: "number",
      cases: () =>
        [
          [[1, 0, 1], [0.9, 0.2, 0.6]],
          [[1], [0.5]],
          [[0, 0, 1, 1], [0.01, 0.99, 0.01, 0.99]],
          [[1, 0], [0.999999, 0.000001]],
          [[1, 0, 0, 1], [0, 0, 1, 1]],
        ].map(([yTrue, p]) => {
          const extreme = p.some((v) => v === 0 || v === 1);
          return {
            args: [yTrue, p] as [number[], number[]],
            expected: getLoss("binaryCrossEntropy").value(yTrue, p) as number,
            about: extreme ? "probabilities exactly 0 and 1" : undefined,
            hint: extreme
              ? "clamp each logarithm at −100, Math.max(Math.log(p), −100), as the library and PyTorch do: then a wrong certain answer costs 100 and a right one 0."
              : undefined,
          };
        }),
      hint: "BCE = −(1/n) Σ [yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)] with the natural logarithm Math.log.",
      diagnose: (got, expected, args) => {
        const [yTrue, p] = args;
        const n = yTrue.length;
        if (hasNonFinite(got) && p.some((v) => v === 0 || v === 1)) {
          const why = Number.isNaN(got as number)
            ? "your result is NaN: at p = 0 or p = 1 one logarithm is log 0 = −Infinity, and 0·(−Infinity) is NaN"
            : "your result is Infinity: a certain wrong answer (p = 0 for y = 1, or p = 1 for y = 0) costs −log 0 = Infinity";
          return `${why}. Clamp each logarithm at −100: Math.max(Math.log(p), −100) and Math.max(Math.log(1 − p), −100).`;
        }
        const loop = loopMistake(got, args, ([t, q]) => getLoss("binaryCrossEntropy").value(t, q) as number);
        if (loop !== undefined) return loop;
        if (isMultiple(got, expected, -1)) return "the loss must be positive: put a minus sign in front, −[y·log p + (1 − y)·log(1 − p)].";
        if (n > 1 && isMultiple(got, expected, n)) return "you summed over the samples; divide by n to get the mean.";
        if (isMultiple(got, expected, 1 / Math.LN10)) return "use the natural logarithm Math.log, not Math.log10.";
        if (isMultiple(got, expected, 1 / Math.LN2)) return "use the natural logarithm Math.log, not Math.log2.";
        return undefined;
      },
    },
    learnerFunction,
  );
}

function softmaxChecker(learnerFunction: (logits: number[]) => number[]): CheckResult {
  return runChecker<[number[]]>(
    {
      name: "softmax",
      parameters: ["logits"],
      returns: "array",
      cases: () =>
        [[1, 2, 3], [0, 0], [-1, 0.5, 2, 0], [5], [1000, 1001, 1002], [-1000, -1000, -999]].map((logits) => ({
          args: [logits] as [number[]],
          expected: Array.from(softmax(logits)),
          about: Math.abs(logits[0]) === 1000 ? "stability: exp(±1000) overflows or underflows" : undefined,
        })),
      hint: "softmax(z)ᵢ = e^(zᵢ) / Σⱼ e^(zⱼ); the outputs are positive and add up to 1.",
      diagnose: (got, _expected, args) => {
        if (hasNaN(got) && noExtremeInputs(args)) return loopMistake(got, args, ([logits]) => Array.from(softmax(logits)));
        return hasNonFinite(got)
          ? "some outputs are not finite numbers: e^1000 overflows. Subtract the largest logit from every logit first; softmax does not change when all logits shift by the same amount."
          : undefined;
      },
    },
    learnerFunction,
  );
}

function logSigmoid(learnerFunction: (z: number) => number): CheckResult {
  return runChecker<[number]>(
    {
      name: "logSigmoid",
      parameters: ["z"],
      returns: "number",
      // log σ(z) = −softplus(−z), the library's overflow-free softplus.
      cases: () =>
        [0, 2, -2, 10, -10, 40, -40, -800, 800, -1000].map((z) => ({
          args: [z] as [number],
          expected: -softplus(-z),
          about: z <= -800 ? "a very negative z: σ(z) rounds to 0, and log 0 = −Infinity" : undefined,
        })),
      hint: "log σ(z) = −log(1 + e^(−z)) = −softplus(−z); compute it as −(max(−z, 0) + log(1 + e^(−|z|))), whose exponential never overflows.",
      diagnose: (got, expected, [z]) => {
        const value = got as number;
        if (close(value, -(expected as number)) && expected !== 0) return "log σ(z) is negative (σ(z) < 1): you returned −log σ(z), the loss of a positive sample, instead of log σ(z).";
        if (hasNonFinite(got) && z < 0) {
          return `your result at z = ${z} is ${Number.isNaN(value) ? "NaN" : value}: σ(${z}) is about e^(${z}), far below the smallest double, so it rounds to 0 and its log is −Infinity (and e^(${-z}) overflows). Do not form σ(z): for z < 0 use log σ(z) = z − log(1 + e^z), for z ≥ 0 use −log(1 + e^(−z)) (Math.log1p keeps the digits).`;
        }
        if (hasNonFinite(got)) return `your result at z = ${z} is not finite: an exponential overflowed. Use −(max(−z, 0) + log(1 + e^(−|z|))).`;
        return undefined;
      },
    },
    learnerFunction,
  );
}

function softmaxCrossEntropyGrad(learnerFunction: (logits: number[], trueClass: number) => number[]): CheckResult {
  return runChecker<[number[], number]>(
    {
      name: "softmaxCrossEntropyGrad",
      parameters: ["logits", "trueClass"],
      returns: "array",
      cases: () =>
        (
          [
            [[2, 0.5, -1], 0],
            [[1, 2, 3], 2],
            [[0, 0], 1],
            [[-1, 0.5, 2, 0], 1],
            [[5], 0],
            [[1000, 1001, 1002], 0],
          ] as [number[], number][]
        ).map(([logits, trueClass]) => ({
          args: [logits, trueClass] as [number[], number],
          // The gradient of one sample's loss: the library's batch gradient of a batch of one.
          expected: Array.from((getLoss("softmaxCrossEntropy").grad([trueClass], [logits]) as Float64Array[])[0]),
          about: logits[0] === 1000 ? "stability: e^1000 overflows" : logits.length === 1 ? "a single class: the loss is 0 whatever the logit" : undefined,
        })),
      hint: "l(z, c) = logSumExp(z) − z_c, so ∂l/∂z_k = softmax(z)_k − [k = c]: the softmax, with 1 subtracted at the true class.",
      diagnose: (got, expected, [logits, trueClass]) => {
        const g = got as number[];
        const p = Array.from(softmax(logits));
        if (hasNaN(got) && noExtremeInputs([logits])) return loopMistake(got, [logits], ([z]) => Array.from(softmax(z)));
        if (hasNonFinite(got)) return "some entries are not finite numbers: e^1000 overflows. Compute the softmax with the largest logit subtracted first (it cancels).";
        if (isMultiple(g, expected, -1)) return "the signs are flipped: that is onehot − softmax, the direction that *lowers* the loss. The gradient is softmax(z) − onehot, positive for the wrong classes.";
        if (allClose(g, p)) return "you returned softmax(z), the derivative of logSumExp(z) alone; the loss also has the term −z_c, whose derivative subtracts 1 at the true class.";
        for (const other of [trueClass - 1, trueClass + 1]) {
          if (other >= 0 && other < logits.length && allClose(g, p.map((v, k) => v - (k === other ? 1 : 0)))) {
            return `you subtracted 1 at index ${other}; the true class is index ${trueClass} (classes are numbered from 0).`;
          }
        }
        return undefined;
      },
    },
    learnerFunction,
  );
}

/**
 * θ = (w₁, …, w_d, b) after `epochs` full-batch gradient-descent updates from
 * θ = 0 on the mean binary cross-entropy of σ(w·x + b), through the library's
 * binaryCrossEntropyWithLogitsGrad (∂L/∂zᵢ = (σ(zᵢ) − yᵢ)/n) and gradientDescent.
 * `variant` bends the gradient the way a typical mistake does, for diagnoses.
 */
function logisticRegressionByDescent(
  X: number[][],
  y: number[],
  learningRate: number,
  epochs: number,
  variant: "right" | "ascent" | "sum" | "noSigmoid" | "noBias" = "right",
): number[] {
  const d = X[0].length;
  const n = X.length;
  const objective = (theta: Float64Array): ObjectiveValue => {
    const logits = X.map((x) => x.reduce((s, xj, j) => s + xj * theta[j], theta[d]));
    const perLogit =
      variant === "noSigmoid"
        ? logits.map((z, i) => (z - y[i]) / n) // the MSE-style (z − y) without the sigmoid
        : Array.from(getLoss("binaryCrossEntropyWithLogits").grad(y, logits) as Float64Array);
    const grad = new Array<number>(d + 1).fill(0);
    perLogit.forEach((g, i) => {
      for (let j = 0; j < d; j++) grad[j] += g * X[i][j];
      grad[d] += g;
    });
    const factor = variant === "ascent" ? -1 : variant === "sum" ? n : 1;
    if (variant === "noBias") grad[d] = 0;
    return { value: 0, grad: grad.map((g) => g * factor) };
  };
  return Array.from(gradientDescent(objective, new Array<number>(d + 1).fill(0), { learningRate, iterations: epochs, tolerance: 0, divergenceFactor: Number.MAX_VALUE }).theta);
}

/**
 * The per-sample mistake: θ updated after every sample (stochastic gradient
 * descent in the data's order) with the term (ŷᵢ − yᵢ)(xᵢ, 1), times `scale`.
 */
function logisticRegressionPerSample(X: number[][], y: number[], learningRate: number, epochs: number, scale: number): number[] {
  const d = X[0].length;
  const theta = new Array<number>(d + 1).fill(0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    X.forEach((x, i) => {
      const error = sigmoid(x.reduce((s, xj, j) => s + xj * theta[j], theta[d])) - y[i];
      for (let j = 0; j < d; j++) theta[j] -= learningRate * scale * error * x[j];
      theta[d] -= learningRate * scale * error;
    });
  }
  return theta;
}

const PER_SAMPLE_HINT =
  "you updated θ after every sample (stochastic gradient descent). Here each epoch is one full-batch step: add up the gradient over all n samples with the θ the epoch started with, then update once.";

function logisticRegression(learnerFunction: (X: number[][], y: number[], learningRate: number, epochs: number) => number[]): CheckResult {
  return runChecker<[number[][], number[], number, number]>(
    {
      name: "logisticRegression",
      parameters: ["X", "y", "learningRate", "epochs"],
      returns: "array",
      cases: () =>
        (
          [
            [[[0.5], [-1], [2], [-0.3]], [1, 0, 1, 0], 0.5, 1],
            [[[0.5], [-1], [2], [-0.3]], [1, 0, 1, 0], 0.5, 30],
            [[[1, 2], [2, 0.5], [-1, -1], [0, 1], [-2, 0.5], [1.5, -1]], [1, 1, 0, 0, 0, 1], 0.3, 50],
            [[[0.2, -1], [1, 1], [-0.5, 0.3], [2, -0.4], [-1.2, -0.8]], [0, 1, 1, 1, 0], 1, 100],
          ] as [number[][], number[], number, number][]
        ).map((args) => ({ args, expected: logisticRegressionByDescent(...args), about: args[3] === 1 ? "one update from θ = 0" : undefined })),
      hint: "start from all weights and the bias at 0; each epoch compute ŷᵢ = σ(w·xᵢ + b) for every sample, the gradient (1/n) Σ (ŷᵢ − yᵢ)·xᵢ (and (1/n) Σ (ŷᵢ − yᵢ) for b), then w := w − η·gradient; return [w₁, …, w_d, b].",
      diagnose: (got, _expected, [X, y, learningRate, epochs]) => {
        const g = got as number[];
        const variant = (v: "ascent" | "sum" | "noSigmoid" | "noBias") => allClose(g, logisticRegressionByDescent(X, y, learningRate, epochs, v));
        if (hasNaN(got)) return "NaN in your answer: check the loops (i < n over the samples, j < d over the features; X[i][d] does not exist) and that ŷᵢ uses σ from a stable formula.";
        if (variant("ascent")) return "your updates go the wrong way: the gradient of the loss is (1/n) Σ (ŷᵢ − yᵢ)xᵢ and the step subtracts it, w − η·gradient. (With yᵢ − ŷᵢ instead, the step must add.)";
        if (variant("sum")) return "divide the gradient by n: the loss is a mean over the samples, so its gradient is (1/n) Σ (ŷᵢ − yᵢ)xᵢ.";
        if (variant("noSigmoid")) return "the prediction is ŷᵢ = σ(w·xᵢ + b), a probability; you used the logit w·xᵢ + b itself.";
        if (variant("noBias")) return "update the bias too: its gradient is (1/n) Σ (ŷᵢ − yᵢ), the same formula with an input of 1.";
        if ([1 / X.length, 1].some((scale) => allClose(g, logisticRegressionPerSample(X, y, learningRate, epochs, scale)))) return PER_SAMPLE_HINT;
        const right = logisticRegressionByDescent(X, y, learningRate, epochs);
        if (allClose(g, [right[right.length - 1], ...right.slice(0, -1)])) return "the order is [w₁, …, w_d, b]: the weights first, the bias last.";
        if (g.every((v) => v === 0)) return "θ is still all 0: each epoch must update it, θ := θ − η·gradient, and the function must return the updated θ.";
        if (epochs > 1 && allClose(g, logisticRegressionByDescent(X, y, learningRate, epochs - 1))) return "you made one update too few: make exactly `epochs` updates.";
        if (allClose(g, logisticRegressionByDescent(X, y, learningRate, epochs + 1))) return "you made one update too many: make exactly `epochs` updates.";
        return undefined;
      },
    },
    learnerFunction,
  );
}

// ---------------------------------------------------------------- NB05

const huberCases: [number, number][] = [
  [0.5, 1],
  [-0.5, 1],
  [2, 1],
  [-3, 1],
  [1, 1],
  [2, 0.5],
  [0.3, 0.5],
  [-10, 2],
  [0, 1],
];

function huber(learnerFunction: (a: number, delta: number) => number): CheckResult {
  return runChecker<[number, number]>(
    {
      name: "huber",
      parameters: ["a", "delta"],
      returns: "number",
      cases: () =>
        huberCases.map(([a, delta]) => ({
          args: [a, delta] as [number, number],
          expected: lossAt("huber", 0, a, { delta }),
          about: Math.abs(a) === delta ? "the seam |a| = δ" : Math.abs(a) > delta ? "|a| > δ: the linear part" : "|a| ≤ δ: the quadratic part",
        })),
      hint: "Huber (§3.3): L_δ(a) = ½a² when |a| ≤ δ, and δ·(|a| − ½δ) when |a| > δ.",
      diagnose: (got, _expected, [a, delta]) => {
        const value = got as number;
        if (Math.abs(a) <= delta && close(value, a * a)) return "inside |a| ≤ δ the loss is ½a², with the factor ½.";
        if (Math.abs(a) > delta && close(value, delta * Math.abs(a))) return "outside |a| > δ the loss is δ·(|a| − ½δ): subtract ½δ² so that the two pieces meet at |a| = δ.";
        if (Math.abs(a) > delta && close(value, delta * (a - 0.5 * delta))) return "use |a|: the loss is symmetric, so a large negative residual costs as much as a large positive one.";
        if (Math.abs(a) > delta && close(value, 0.5 * a * a)) return "when |a| > δ switch to the linear piece δ·(|a| − ½δ); that is what makes Huber robust to outliers.";
        return undefined;
      },
    },
    learnerFunction,
  );
}

function huberGrad(learnerFunction: (a: number, delta: number) => number): CheckResult {
  return runChecker<[number, number]>(
    {
      name: "huberGrad",
      parameters: ["a", "delta"],
      returns: "number",
      cases: () =>
        huberCases.map(([a, delta]) => ({
          args: [a, delta] as [number, number],
          expected: lossGradAt("huber", 0, a, { delta }),
          about: Math.abs(a) === delta ? "the seam |a| = δ" : Math.abs(a) > delta ? "|a| > δ" : "|a| ≤ δ",
        })),
      hint: "∂L_δ/∂a = a when |a| ≤ δ, and δ·sign(a) when |a| > δ: the gradient is the residual, clipped to [−δ, δ].",
      diagnose: (got, _expected, [a, delta]) => {
        const value = got as number;
        if (Math.abs(a) > delta && a < 0 && close(value, delta)) return "for a large negative residual the slope is −δ: use δ·sign(a).";
        if (a !== 0 && close(value, -(_expected as number))) return "the sign is flipped: the derivative of ½a² is +a, and beyond the seams the slope is +δ for a > 0 and −δ for a < 0, i.e. δ·sign(a).";
        if (Math.abs(a) > delta && close(value, a)) return "when |a| > δ the loss is linear, so its slope is the constant δ·sign(a), not a.";
        if (close(value, 2 * a)) return "the quadratic piece is ½a², whose derivative is a (not 2a).";
        return undefined;
      },
    },
    learnerFunction,
  );
}

/**
 * [θ₀, θ₁] after `epochs` full-batch gradient-descent updates from (0, 0) on
 * the mean Huber loss of ŷ = θ₀ + θ₁x, by the chain rule through the
 * library's huberGrad (∂L/∂ŷᵢ = clip(ŷᵢ − yᵢ, −δ, δ)/n) and gradientDescent.
 * `variant` bends the gradient the way a typical mistake does, for diagnoses.
 */
function huberRegressionByDescent(
  x: number[],
  y: number[],
  delta: number,
  learningRate: number,
  epochs: number,
  variant: "right" | "ascent" | "sum" | "unclipped" | "clipAtOne" | "signOnly" = "right",
): number[] {
  const n = x.length;
  const objective = (theta: Float64Array): ObjectiveValue => {
    const predictions = x.map((xi) => theta[0] + theta[1] * xi);
    const perPrediction =
      variant === "unclipped"
        ? predictions.map((p, i) => (p - y[i]) / n) // the residual itself, as for ½·MSE
        : variant === "signOnly"
        ? predictions.map((p, i) => (delta * Math.sign(p - y[i])) / n) // δ·sign(a) everywhere, δ·MAE's gradient
        : Array.from(getLoss("huber").grad(y, predictions, { delta: variant === "clipAtOne" ? 1 : delta }) as Float64Array);
    let d0 = 0;
    let d1 = 0;
    perPrediction.forEach((g, i) => {
      d0 += g;
      d1 += g * x[i];
    });
    const factor = variant === "ascent" ? -1 : variant === "sum" ? n : 1;
    return { value: 0, grad: [d0 * factor, d1 * factor] };
  };
  return Array.from(gradientDescent(objective, [0, 0], { learningRate, iterations: epochs, tolerance: 0, divergenceFactor: Number.MAX_VALUE }).theta);
}

/** The per-sample mistake for Huber regression: θ updated after every sample with clip(aᵢ, −δ, δ)·(1, xᵢ), times `scale`. */
function huberRegressionPerSample(x: number[], y: number[], delta: number, learningRate: number, epochs: number, scale: number): number[] {
  let theta0 = 0;
  let theta1 = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    x.forEach((xi, i) => {
      const clipped = Math.max(-delta, Math.min(delta, theta0 + theta1 * xi - y[i]));
      theta0 -= learningRate * scale * clipped;
      theta1 -= learningRate * scale * clipped * xi;
    });
  }
  return [theta0, theta1];
}

function huberRegression(
  learnerFunction: (x: number[], y: number[], delta: number, learningRate: number, epochs: number) => [number, number] | number[],
): CheckResult {
  return runChecker<[number[], number[], number, number, number]>(
    {
      name: "huberRegression",
      parameters: ["x", "y", "delta", "learningRate", "epochs"],
      returns: "array",
      // A line y = 1 + 0.5x with one gross outlier (at x = 3), so that clipping matters.
      cases: () => {
        const x = [0, 1, 2, 3, 4, 5];
        const y = [1.1, 1.4, 2.1, 9, 2.9, 3.6];
        return (
          [
            [x, y, 1, 0.1, 1],
            [x, y, 1, 0.05, 200],
            [x, y, 0.5, 0.05, 100],
            [[-2, -1, 0, 1, 2], [-3, -2.2, 0.3, 1.8, -6], 2, 0.2, 60],
          ] as [number[], number[], number, number, number][]
        ).map((args) => ({ args, expected: huberRegressionByDescent(...args), about: args[4] === 1 ? "one update from θ = (0, 0)" : undefined }));
      },
      hint: "start at θ₀ = θ₁ = 0; each epoch compute the residuals aᵢ = θ₀ + θ₁xᵢ − yᵢ, clip them to [−δ, δ], take ∂L/∂θ₀ = (1/n) Σ clip(aᵢ) and ∂L/∂θ₁ = (1/n) Σ clip(aᵢ)·xᵢ, then θ := θ − η·gradient; return [θ₀, θ₁].",
      diagnose: (got, expected, [x, y, delta, learningRate, epochs]) => {
        const g = got as number[];
        const variant = (v: "ascent" | "sum" | "unclipped" | "clipAtOne" | "signOnly") => allClose(g, huberRegressionByDescent(x, y, delta, learningRate, epochs, v));
        if (hasNaN(got)) return "NaN in your answer: a loop probably runs to i <= n and reads x[n], which is undefined. Loop with i < n.";
        if (variant("ascent")) return "your updates go the wrong way: with aᵢ = ŷᵢ − yᵢ the gradient is +(1/n) Σ clip(aᵢ, −δ, δ)·(1, xᵢ) and the step subtracts it. (With yᵢ − ŷᵢ the signs flip twice.)";
        if (variant("unclipped")) return "clip each residual to [−δ, δ] before averaging: unclipped, the gradient is that of ½·MSE, and the outlier pulls as hard as its residual.";
        if (delta !== 1 && variant("clipAtOne")) return "clip at ±δ, not at ±1: the clipping limit is the delta argument.";
        if (variant("sum")) return "divide the gradient by n: the loss is a mean over the samples.";
        if (epochs > 1 && allClose(g, huberRegressionByDescent(x, y, delta, learningRate, epochs - 1))) return "you made one update too few: make exactly `epochs` updates.";
        if (allClose(g, huberRegressionByDescent(x, y, delta, learningRate, epochs + 1))) return "you made one update too many: make exactly `epochs` updates.";
        if (allClose(g, (expected as number[]).slice().reverse())) return "the order is [θ₀, θ₁]: the intercept first, then the slope.";
        if ([1 / x.length, 1].some((scale) => allClose(g, huberRegressionPerSample(x, y, delta, learningRate, epochs, scale)))) return PER_SAMPLE_HINT;
        if (variant("signOnly")) return "you used δ·sign(aᵢ) for every residual, the gradient of δ·MAE; inside |aᵢ| ≤ δ the gradient is aᵢ itself. Clip: clip(aᵢ, −δ, δ) = max(−δ, min(δ, aᵢ)).";
        if (g.every((v) => v === 0)) return "θ is still (0, 0): each epoch must update it, θ := θ − η·gradient, and the function must return the updated θ.";
        return undefined;
      },
    },
    learnerFunction,
  );
}

// ---------------------------------------------------------------- NB06

function standardizeChecker(learnerFunction: (values: number[]) => number[]): CheckResult {
  return runChecker<[number[]]>(
    {
      name: "standardize",
      parameters: ["values"],
      returns: "array",
      cases: () => [
        ...[[1, 2, 3, 4], [2, 4, 4, 4, 5, 5, 7, 9], [10, 10, 10, 20], [-5, 0, 5], [1e6, 1e6 + 1]].map((values) => ({
          args: [values] as [number[]],
          expected: standardize(values).X,
        })),
        // standardize only centres a constant column (σ = 0): all zeros, not 0/0 = NaN.
        // The values are exact in binary, so a plain mean gives σ = 0 exactly.
        ...[[4, 4, 4], [-2.5, -2.5]].map((values) => ({
          args: [values] as [number[]],
          expected: standardize(values).X,
          about: "a constant column, σ = 0",
          hint: "when σ = 0 (all values equal) there is nothing to scale: return the centred values xᵢ − μ (all 0) instead of dividing by 0.",
        })),
      ],
      hint: "zᵢ = (xᵢ − μ)/σ with the mean μ = (1/n) Σ xᵢ and the population standard deviation σ = √((1/n) Σ (xᵢ − μ)²); a constant column (σ = 0) is only centred.",
      diagnose: (got, expected, [values]) => {
        const n = values.length;
        if (hasNaN(got) && !(expected as number[]).every((v) => v === 0)) return loopMistake(got, [values], ([v]) => Array.from(standardize(v).X));
        if ((expected as number[]).every((v) => v === 0) && hasNonFinite(got)) {
          return "this column is constant, so σ = 0 and (xᵢ − μ)/σ is 0/0 = NaN: when σ = 0 return xᵢ − μ (all 0), as standardize does.";
        }
        if (isMultiple(got, expected, Math.sqrt((n - 1) / n))) return "divide by the population standard deviation, √((1/n) Σ (xᵢ − μ)²), with n, not n − 1.";
        const mean = values.reduce((s, v) => s + v, 0) / n;
        if (allClose(got as number[], values.map((v) => v - mean))) return "after subtracting the mean, also divide by the standard deviation.";
        return undefined;
      },
    },
    learnerFunction,
  );
}

function accuracy(learnerFunction: (yTrue: number[], yPred: number[]) => number): CheckResult {
  return runChecker<[number[], number[]]>(
    {
      name: "accuracy",
      parameters: ["yTrue", "yPred"],
      returns: "number",
      // Accuracy is a count, not a loss; the expected value is the definition itself.
      cases: () =>
        [
          [[0, 1, 1, 0], [0, 1, 0, 0]],
          [[2, 1, 0], [2, 1, 0]],
          [[1], [0]],
          [[0, 1, 2, 2, 1], [0, 2, 2, 1, 1]],
        ].map(([yTrue, yPred]) => ({
          args: [yTrue, yPred] as [number[], number[]],
          expected: yTrue.filter((y, i) => y === yPred[i]).length / yTrue.length,
        })),
      hint: "accuracy = (number of samples with yPredᵢ = yTrueᵢ) / n, a number between 0 and 1.",
      diagnose: (got, expected, [yTrue]) => {
        const matches = (expected as number) * yTrue.length;
        if (close(got as number, (matches + 1) / yTrue.length)) {
          return "you counted one match too many: a loop to `i <= n` compares yTrue[n] with yPred[n], which are both undefined, and undefined === undefined is true. Loop with `i < n`.";
        }
        if (yTrue.length > 1 && isMultiple(got, expected, yTrue.length)) return "you counted the correct predictions; divide by n to get a fraction.";
        if (close(got as number, 1 - (expected as number))) return "that is the error rate; accuracy counts the predictions that are right.";
        return undefined;
      },
    },
    learnerFunction,
  );
}

// ---------------------------------------------------------------- NB07

function smoothL1(learnerFunction: (a: number, beta: number) => number): CheckResult {
  return runChecker<[number, number]>(
    {
      name: "smoothL1",
      parameters: ["a", "beta"],
      returns: "number",
      cases: () =>
        (
          [
            [0.5, 1],
            [-0.5, 1],
            [2, 1],
            [-3, 1],
            [0.2, 0.5],
            [3, 0.5],
            [1, 2],
            [0, 1],
          ] as [number, number][]
        ).map(([a, beta]) => ({ args: [a, beta] as [number, number], expected: lossAt("smoothL1", 0, a, { beta }) })),
      hint: "smooth L1: 0.5·a²/β when |a| < β, and |a| − 0.5·β otherwise (PyTorch's smooth_l1_loss).",
      diagnose: (got, _expected, [a, beta]) => {
        if (close(got as number, lossAt("huber", 0, a, { delta: beta }))) return "that is the Huber loss with δ = β; smooth L1 is Huber divided by β, so its linear part has slope 1.";
        if (Math.abs(a) < beta && close(got as number, 0.5 * a * a)) return "inside |a| < β divide by β: 0.5·a²/β.";
        return undefined;
      },
    },
    learnerFunction,
  );
}

function quantile(learnerFunction: (a: number, tau: number) => number): CheckResult {
  return runChecker<[number, number]>(
    {
      name: "quantile",
      parameters: ["a", "tau"],
      returns: "number",
      cases: () =>
        (
          [
            [2, 0.9],
            [-2, 0.9],
            [2, 0.1],
            [-2, 0.1],
            [0, 0.5],
            [-1, 0.5],
            [3.5, 0.75],
          ] as [number, number][]
        ).map(([a, tau]) => ({ args: [a, tau] as [number, number], expected: lossAt("quantile", 0, a, { tau }) })),
      hint: "with the residual a = ŷ − y the pinball loss is max((1 − τ)·a, −τ·a): (1 − τ)·a when a ≥ 0 (over-prediction), τ·|a| when a < 0 (under-prediction).",
      diagnose: (got, _expected, [a, tau]) => {
        if (close(got as number, lossAt("quantile", 0, a, { tau: 1 - tau }))) return "τ and 1 − τ are swapped: an under-prediction (a = ŷ − y < 0) costs τ per unit, an over-prediction (a > 0) 1 − τ. (With r = y − ŷ = −a, as scikit-learn writes it, the formula is max(τr, (τ − 1)r).)";
        if ((got as number) < 0) return "the loss is never negative: for a < 0 it is −τ·a, which is positive.";
        return undefined;
      },
    },
    learnerFunction,
  );
}

function hinge(learnerFunction: (y: number, score: number) => number): CheckResult {
  return runChecker<[number, number]>(
    {
      name: "hinge",
      parameters: ["y", "score"],
      returns: "number",
      cases: () =>
        (
          [
            [1, 2],
            [1, 0.5],
            [-1, 0.5],
            [1, -1],
            [-1, -3],
            [1, 1],
            [-1, 0],
          ] as [number, number][]
        ).map(([y, score]) => ({ args: [y, score] as [number, number], expected: lossAt("hinge", y, score) })),
      hint: "hinge loss = max(0, 1 − y·score) with labels y = ±1: zero once the margin y·score reaches 1.",
      diagnose: (got, _expected, [y, score]) => {
        if (close(got as number, 1 - y * score)) return "clip at zero: max(0, 1 − y·score). A confidently right score must not give a negative loss.";
        if (close(got as number, Math.max(0, 1 - score))) return "multiply the score by the label y (±1): the margin is y·score.";
        return undefined;
      },
    },
    learnerFunction,
  );
}

// ---------------------------------------------------------------- NB09

function logSumExpChecker(learnerFunction: (values: number[]) => number): CheckResult {
  return runChecker<[number[]]>(
    {
      name: "logSumExp",
      parameters: ["values"],
      returns: "number",
      cases: () =>
        [[1, 2, 3], [0], [-1, 0.5, 2], [1000, 1000], [-1000, -1000], [800, -800, 0]].map((values) => ({
          args: [values] as [number[]],
          expected: logSumExp(values),
          about: values.some((v) => Math.abs(v) >= 800) ? "stability: exp overflows or underflows" : undefined,
        })),
      hint: "log Σ e^(xᵢ) = m + log Σ e^(xᵢ − m) with m = max xᵢ: the shifted exponentials are at most 1, so nothing overflows.",
      diagnose: (got, _expected, args) =>
        hasNaN(got) && noExtremeInputs(args)
          ? loopMistake(got, args, ([values]) => logSumExp(values))
          : hasNonFinite(got) ? "your result is not finite: e^1000 overflows (and e^(−1000) underflows to 0, whose log is −Infinity). Subtract the largest value m first and add it back: m + log Σ e^(xᵢ − m)." : undefined,
    },
    learnerFunction,
  );
}

/**
 * The exercise checkers: `check.<name>(yourFunction)` runs your function on
 * several inputs (edge cases included), compares with lossbook's own result,
 * prints ✓ or ✗ with a hint naming the input, the expected and the obtained
 * value, and returns `{passed, message}`. A wrong answer never throws.
 */
export const check = Object.freeze({
  residuals,
  meanAbsoluteError,
  gradientDescentStep,
  minimizeQuadratic,
  mse,
  linearRegressionGradient,
  sigmoid: sigmoidChecker,
  binaryCrossEntropy,
  softmax: softmaxChecker,
  logSigmoid,
  softmaxCrossEntropyGrad,
  logisticRegression,
  huber,
  huberGrad,
  huberRegression,
  standardize: standardizeChecker,
  accuracy,
  smoothL1,
  quantile,
  hinge,
  logSumExp: logSumExpChecker,
  ...networkCheckers,
  chooseLoss: checkLossQuiz,
});
