import { getLoss } from "../losses/registry";
import { logSumExp, sigmoid, softmax, softplus } from "../losses/stable";
import { standardize } from "../data/preprocess";
import { gradientDescent, type ObjectiveValue } from "../train/gradientDescent";
import { say } from "../language";
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
    return say({ en: "your result is NaN. The usual cause is a loop that runs one step too far: with `i <= n` the last step reads element n, one past the end (the indices are 0 … n − 1), which is undefined, and undefined in arithmetic gives NaN. Loop with `i < n`.", zh: "你的结果是 NaN。常见原因是循环多走了一步：用 `i <= n` 时，最后一步读取的是第 n 个元素，已经越过了末尾（下标是 0 … n − 1），它是 undefined，而 undefined 参与运算得到 NaN。循环条件请用 `i < n`。" });
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
      return say({ en: `your loop leaves out the ${which} sample: it must visit every index from 0 to n − 1 (\`for (let i = 0; i < n; i++)\`).`, zh: `你的循环漏掉了${which === "first" ? "第一个" : "最后一个"}样本：它必须访问从 0 到 n − 1 的每个下标（\`for (let i = 0; i < n; i++)\`）。` });
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
      hint: say({ en: "the residual of sample i is aᵢ = ŷᵢ − yᵢ (prediction minus target), one number per sample, in the same order.", zh: "样本 i 的残差是 aᵢ = ŷᵢ − yᵢ（预测值减目标值），每个样本一个数，顺序与样本相同。" }),
      diagnose: (got, expected, args) =>
        isMultiple(got, expected, -1)
          ? say({ en: "your signs are flipped: in this workbook a residual is ŷᵢ − yᵢ (prediction minus target), not yᵢ − ŷᵢ.", zh: "你的符号反了：本书中的残差是 ŷᵢ − yᵢ（预测值减目标值），而不是 yᵢ − ŷᵢ。" })
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
      hint: say({ en: "MAE = (1/n) Σ |ŷᵢ − yᵢ|: the absolute value of each residual, averaged over the n samples.", zh: "MAE = (1/n) Σ |ŷᵢ − yᵢ|：先取每个残差的绝对值，再对 n 个样本求平均。" }),
      diagnose: (got, expected, [yTrue, yPred]) => {
        // The missing absolute value first, the point of the exercise: on the first case its mean of
        // signed residuals (0.25) is also what a loop that skips the last sample returns (3/4 of 1/3).
        const n = yTrue.length;
        const signedMean = yPred.reduce((s, p, i) => s + p - yTrue[i], 0) / n;
        if (close(got as number, signedMean) || close(got as number, -signedMean)) return say({ en: "take the absolute value |ŷᵢ − yᵢ| of each residual before averaging; otherwise errors of opposite sign cancel.", zh: "求平均之前先取每个残差的绝对值 |ŷᵢ − yᵢ|；否则符号相反的误差会相互抵消。" });
        const loop = loopMistake(got, [yTrue, yPred], ([t, p]) => getLoss("mae").value(t, p) as number);
        if (loop !== undefined) return loop;
        if (n > 1 && isMultiple(got, expected, n)) return say({ en: "you summed the absolute errors; divide by the number of samples n to get the mean.", zh: "你只把绝对误差加了起来；再除以样本数 n 才是平均值。" });
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
      hint: say({ en: "one update is θ := θ − η·∇L(θ): subtract the learning rate times the gradient from every parameter.", zh: "一次更新是 θ := θ − η·∇L(θ)：每个参数都减去学习率乘以梯度。" }),
      diagnose: (got, _expected, [theta, grad, learningRate]) => {
        const g = got as number[];
        if (allClose(g, theta.map((t, i) => t + learningRate * grad[i]))) return say({ en: "you moved along the gradient; gradient descent moves against it: θ − η·∇L, not θ + η·∇L.", zh: "你沿着梯度方向走了；梯度下降要逆着梯度走：θ − η·∇L，而不是 θ + η·∇L。" });
        if (allClose(g, theta.map((t, i) => t - grad[i]))) return say({ en: "multiply the gradient by the learning rate η before subtracting it.", zh: "减去梯度之前，先把它乘以学习率 η。" });
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
          about: args[2] === 0 ? say({ en: "zero steps: return the start", zh: "0 步：直接返回起点" }) : args[1] > 1 ? say({ en: "a learning rate that is too large: the iterates grow", zh: "学习率过大：迭代值越来越大" }) : undefined,
        })),
      hint: say({ en: "start at θ = start and repeat `steps` times: θ := θ − η·f′(θ) with f′(θ) = 2(θ − 3); return the last θ (not the minimum 3).", zh: "从 θ = start 出发，重复 `steps` 次：θ := θ − η·f′(θ)，其中 f′(θ) = 2(θ − 3)；返回最后的 θ（而不是最小值点 3）。" }),
      diagnose: (got, expected, [start, learningRate, steps]) => {
        const value = got as number;
        if (close(value, quadraticMinimizer(start, learningRate, steps + 1))) return say({ en: "you made one update too many: make exactly `steps` updates.", zh: "你多更新了一次：恰好更新 `steps` 次。" });
        if (steps > 0 && close(value, quadraticMinimizer(start, learningRate, steps - 1))) return say({ en: "you made one update too few: make exactly `steps` updates.", zh: "你少更新了一次：恰好更新 `steps` 次。" });
        if (close(value, quadraticMinimizer(start, learningRate / 2, steps))) return say({ en: "the derivative of (θ − 3)² is 2(θ − 3): you left out the factor 2.", zh: "(θ − 3)² 的导数是 2(θ − 3)：你漏掉了因子 2。" });
        if (close(value, 3) && !close(expected as number, 3)) return say({ en: "return θ after exactly `steps` updates, even when it has not reached the minimum 3 yet.", zh: "返回恰好更新 `steps` 次之后的 θ，即使它还没有到达最小值点 3。" });
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
      hint: say({ en: "MSE = (1/n) Σ (ŷᵢ − yᵢ)²: square each residual, add them up, divide by n (the document's §3.1 writes (yᵢ − ŷᵢ)², the same number).", zh: "MSE = (1/n) Σ (ŷᵢ − yᵢ)²：把每个残差平方、求和，再除以 n（原文 §3.1 写作 (yᵢ − ŷᵢ)²，数值相同）。" }),
      diagnose: (got, expected, [yTrue, yPred]) => {
        const loop = loopMistake(got, [yTrue, yPred], ([t, p]) => getLoss("mse").value(t, p) as number);
        if (loop !== undefined) return loop;
        const n = yTrue.length;
        const value = got as number;
        if (n > 1 && isMultiple(got, expected, n)) return say({ en: "you summed the squared errors; divide by the number of samples n to get the mean.", zh: "你只把平方误差加了起来；再除以样本数 n 才是平均值。" });
        if (isMultiple(got, expected, 0.5)) return say({ en: "the §3.1 MSE has no ½ in front: (1/n) Σ (ŷᵢ − yᵢ)².", zh: "§3.1 的 MSE 前面没有 ½：(1/n) Σ (ŷᵢ − yᵢ)²。" });
        if (close(value, Math.sqrt(expected as number))) return say({ en: "that is the root of the MSE (RMSE); leave out the square root.", zh: "这是 MSE 的平方根（RMSE）；去掉开方。" });
        if (close(value, getLoss("mae").value(yTrue, yPred) as number)) return say({ en: "square the residuals instead of taking their absolute value.", zh: "把残差平方，而不是取绝对值。" });
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
        ).map((args) => ({ args, expected: linearRegressionGradientOf(...args), about: args[3] === 2 && args[2] === 0 ? say({ en: "a perfect fit: the gradient is zero", zh: "完美拟合：梯度为零" }) : undefined })),
      hint: say({ en: "with ŷᵢ = θ₀ + θ₁xᵢ, the residual aᵢ = ŷᵢ − yᵢ and L = (1/n) Σ aᵢ², §4.1 gives ∂L/∂θ₀ = (2/n) Σ aᵢ and ∂L/∂θ₁ = (2/n) Σ aᵢ·xᵢ (the document writes −(2/n) Σ (yᵢ − ŷᵢ), the same); return [∂L/∂θ₀, ∂L/∂θ₁].", zh: "设 ŷᵢ = θ₀ + θ₁xᵢ，残差 aᵢ = ŷᵢ − yᵢ，L = (1/n) Σ aᵢ²，由 §4.1 得 ∂L/∂θ₀ = (2/n) Σ aᵢ，∂L/∂θ₁ = (2/n) Σ aᵢ·xᵢ（原文写作 −(2/n) Σ (yᵢ − ŷᵢ)，是同一个式子）；返回 [∂L/∂θ₀, ∂L/∂θ₁]。" }),
      diagnose: (got, expected, args) => {
        const [x] = args;
        const g = got as number[];
        const e = expected as number[];
        const loop = loopMistake(got, args, (a) => linearRegressionGradientOf(...a));
        if (loop !== undefined) return loop;
        if (isMultiple(g, e, -1)) return say({ en: "both signs are flipped: with aᵢ = ŷᵢ − yᵢ the gradient is +(2/n) Σ aᵢ and +(2/n) Σ aᵢxᵢ; if you write the error as yᵢ − ŷᵢ, keep the document's minus sign in front, −(2/n) Σ (yᵢ − ŷᵢ).", zh: "两个符号都反了：取 aᵢ = ŷᵢ − yᵢ 时，梯度是 +(2/n) Σ aᵢ 和 +(2/n) Σ aᵢxᵢ；如果你把误差写成 yᵢ − ŷᵢ，就要保留原文前面的负号：−(2/n) Σ (yᵢ − ŷᵢ)。" });
        if (isMultiple(g, e, 0.5)) return say({ en: "you left out the factor 2 that comes from differentiating the square.", zh: "你漏掉了对平方求导得到的因子 2。" });
        if (x.length > 1 && isMultiple(g, e, x.length)) return say({ en: "divide by n: the loss is a mean, so its gradient is too.", zh: "要除以 n：损失是平均值，它的梯度也是。" });
        if (allClose(g, [e[1], e[0]])) return say({ en: "the order is [∂L/∂θ₀, ∂L/∂θ₁]: first the intercept's derivative (no xᵢ), then the slope's (times xᵢ).", zh: "顺序是 [∂L/∂θ₀, ∂L/∂θ₁]：先是截距的导数（不含 xᵢ），再是斜率的导数（乘以 xᵢ）。" });
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
          about: Math.abs(z) === 1000 ? say({ en: "a large |z|: e^z or e^(−z) is e^1000, which overflows to Infinity", zh: "很大的 |z|：e^z 或 e^(−z) 等于 e^1000，溢出为 Infinity" }) : undefined,
          hint:
            Math.abs(z) === 1000
              ? say({ en: "e^1000 is Infinity, and Infinity/Infinity is NaN: use 1/(1 + e^(−z)) for z ≥ 0 and e^z/(1 + e^z) for z < 0, so that exp never gets a large positive argument.", zh: "e^1000 是 Infinity，而 Infinity/Infinity 是 NaN：z ≥ 0 时用 1/(1 + e^(−z))，z < 0 时用 e^z/(1 + e^z)，这样 exp 的参数永远不会是很大的正数。" })
              : undefined,
        })),
      hint: say({ en: "σ(z) = 1 / (1 + e^(−z)); it lies between 0 and 1 and σ(0) = 0.5.", zh: "σ(z) = 1 / (1 + e^(−z))；它的值在 0 和 1 之间，σ(0) = 0.5。" }),
      diagnose: (got, expected, [z]) => {
        if (hasNonFinite(got)) return say({ en: `your result is not a finite number at z = ${z}: an exponential overflowed. Use 1/(1 + e^(−z)) for z ≥ 0 and e^z/(1 + e^z) for z < 0.`, zh: `在 z = ${z} 处你的结果不是有限数：某个指数溢出了。z ≥ 0 时用 1/(1 + e^(−z))，z < 0 时用 e^z/(1 + e^z)。` });
        if (close(got as number, 1 - (expected as number))) return say({ en: "you computed σ(−z): the sigmoid is 1/(1 + e^(−z)), with the minus sign in the exponent.", zh: "你算的是 σ(−z)：sigmoid 是 1/(1 + e^(−z))，负号在指数里。" });
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
            about: extreme ? say({ en: "probabilities exactly 0 and 1", zh: "概率恰好为 0 和 1" }) : undefined,
            hint: extreme
              ? say({ en: "clamp each logarithm at −100, Math.max(Math.log(p), −100), as the library and PyTorch do: then a wrong certain answer costs 100 and a right one 0.", zh: "像本库和 PyTorch 那样把每个对数截断在 −100：Math.max(Math.log(p), −100)；这样一个确信但错误的答案代价是 100，确信且正确的代价是 0。" })
              : undefined,
          };
        }),
      hint: say({ en: "BCE = −(1/n) Σ [yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)] with the natural logarithm Math.log.", zh: "BCE = −(1/n) Σ [yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)]，对数用自然对数 Math.log。" }),
      diagnose: (got, expected, args) => {
        const [yTrue, p] = args;
        const n = yTrue.length;
        if (hasNonFinite(got) && p.some((v) => v === 0 || v === 1)) {
          const why = Number.isNaN(got as number)
            ? say({ en: "your result is NaN: at p = 0 or p = 1 one logarithm is log 0 = −Infinity, and 0·(−Infinity) is NaN", zh: "你的结果是 NaN：p = 0 或 p = 1 时，其中一个对数是 log 0 = −Infinity，而 0·(−Infinity) 是 NaN" })
            : say({ en: "your result is Infinity: a certain wrong answer (p = 0 for y = 1, or p = 1 for y = 0) costs −log 0 = Infinity", zh: "你的结果是 Infinity：一个确信但错误的答案（y = 1 时 p = 0，或 y = 0 时 p = 1）的代价是 −log 0 = Infinity" });
          return say({ en: `${why}. Clamp each logarithm at −100: Math.max(Math.log(p), −100) and Math.max(Math.log(1 − p), −100).`, zh: `${why}。请把每个对数截断在 −100：Math.max(Math.log(p), −100) 和 Math.max(Math.log(1 − p), −100)。` });
        }
        const loop = loopMistake(got, args, ([t, q]) => getLoss("binaryCrossEntropy").value(t, q) as number);
        if (loop !== undefined) return loop;
        if (isMultiple(got, expected, -1)) return say({ en: "the loss must be positive: put a minus sign in front, −[y·log p + (1 − y)·log(1 − p)].", zh: "损失必须是正的：在前面加负号，−[y·log p + (1 − y)·log(1 − p)]。" });
        if (n > 1 && isMultiple(got, expected, n)) return say({ en: "you summed over the samples; divide by n to get the mean.", zh: "你对样本求了和；再除以 n 才是平均值。" });
        if (isMultiple(got, expected, 1 / Math.LN10)) return say({ en: "use the natural logarithm Math.log, not Math.log10.", zh: "用自然对数 Math.log，而不是 Math.log10。" });
        if (isMultiple(got, expected, 1 / Math.LN2)) return say({ en: "use the natural logarithm Math.log, not Math.log2.", zh: "用自然对数 Math.log，而不是 Math.log2。" });
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
          about: Math.abs(logits[0]) === 1000 ? say({ en: "stability: exp(±1000) overflows or underflows", zh: "数值稳定：exp(±1000) 会上溢或下溢" }) : undefined,
        })),
      hint: say({ en: "softmax(z)ᵢ = e^(zᵢ) / Σⱼ e^(zⱼ); the outputs are positive and add up to 1.", zh: "softmax(z)ᵢ = e^(zᵢ) / Σⱼ e^(zⱼ)；输出都是正数，且总和为 1。" }),
      diagnose: (got, _expected, args) => {
        if (hasNaN(got) && noExtremeInputs(args)) return loopMistake(got, args, ([logits]) => Array.from(softmax(logits)));
        return hasNonFinite(got)
          ? say({ en: "some outputs are not finite numbers: e^1000 overflows. Subtract the largest logit from every logit first; softmax does not change when all logits shift by the same amount.", zh: "有些输出不是有限数：e^1000 溢出了。先从每个对数几率（logit）中减去最大的那个；所有对数几率平移同一个量时，softmax 不变。" })
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
          about: z <= -800 ? say({ en: "a very negative z: σ(z) rounds to 0, and log 0 = −Infinity", zh: "非常负的 z：σ(z) 舍入为 0，而 log 0 = −Infinity" }) : undefined,
        })),
      hint: say({ en: "log σ(z) = −log(1 + e^(−z)) = −softplus(−z); compute it as −(max(−z, 0) + log(1 + e^(−|z|))), whose exponential never overflows.", zh: "log σ(z) = −log(1 + e^(−z)) = −softplus(−z)；按 −(max(−z, 0) + log(1 + e^(−|z|))) 计算，其中的指数永远不会溢出。" }),
      diagnose: (got, expected, [z]) => {
        const value = got as number;
        if (close(value, -(expected as number)) && expected !== 0) return say({ en: "log σ(z) is negative (σ(z) < 1): you returned −log σ(z), the loss of a positive sample, instead of log σ(z).", zh: "log σ(z) 是负数（σ(z) < 1）：你返回的是 −log σ(z)，即正样本的损失，而不是 log σ(z)。" });
        if (hasNonFinite(got) && z < 0) {
          return say({ en: `your result at z = ${z} is ${Number.isNaN(value) ? "NaN" : value}: σ(${z}) is about e^(${z}), far below the smallest double, so it rounds to 0 and its log is −Infinity (and e^(${-z}) overflows). Do not form σ(z): for z < 0 use log σ(z) = z − log(1 + e^z), for z ≥ 0 use −log(1 + e^(−z)) (Math.log1p keeps the digits).`, zh: `在 z = ${z} 处你的结果是 ${Number.isNaN(value) ? "NaN" : value}：σ(${z}) 约为 e^(${z})，远小于最小的双精度数，所以舍入为 0，其对数是 −Infinity（而 e^(${-z}) 会溢出）。不要先算出 σ(z)：z < 0 时用 log σ(z) = z − log(1 + e^z)，z ≥ 0 时用 −log(1 + e^(−z))（Math.log1p 能保住有效数字）。` });
        }
        if (hasNonFinite(got)) return say({ en: `your result at z = ${z} is not finite: an exponential overflowed. Use −(max(−z, 0) + log(1 + e^(−|z|))).`, zh: `在 z = ${z} 处你的结果不是有限数：某个指数溢出了。请用 −(max(−z, 0) + log(1 + e^(−|z|)))。` });
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
          about: logits[0] === 1000 ? say({ en: "stability: e^1000 overflows", zh: "数值稳定：e^1000 会溢出" }) : logits.length === 1 ? say({ en: "a single class: the loss is 0 whatever the logit", zh: "只有一个类别：无论对数几率是多少，损失都是 0" }) : undefined,
        })),
      hint: say({ en: "l(z, c) = logSumExp(z) − z_c, so ∂l/∂z_k = softmax(z)_k − [k = c]: the softmax, with 1 subtracted at the true class.", zh: "l(z, c) = logSumExp(z) − z_c，所以 ∂l/∂z_k = softmax(z)_k − [k = c]：就是 softmax，在真实类别处减 1。" }),
      diagnose: (got, expected, [logits, trueClass]) => {
        const g = got as number[];
        const p = Array.from(softmax(logits));
        if (hasNaN(got) && noExtremeInputs([logits])) return loopMistake(got, [logits], ([z]) => Array.from(softmax(z)));
        if (hasNonFinite(got)) return say({ en: "some entries are not finite numbers: e^1000 overflows. Compute the softmax with the largest logit subtracted first (it cancels).", zh: "有些元素不是有限数：e^1000 溢出了。计算 softmax 之前先减去最大的对数几率（它会约掉）。" });
        if (isMultiple(g, expected, -1)) return say({ en: "the signs are flipped: that is onehot − softmax, the direction that *lowers* the loss. The gradient is softmax(z) − onehot, positive for the wrong classes.", zh: "符号反了：这是 onehot − softmax，即让损失*减小*的方向。梯度是 softmax(z) − onehot，在错误类别处为正。" });
        if (allClose(g, p)) return say({ en: "you returned softmax(z), the derivative of logSumExp(z) alone; the loss also has the term −z_c, whose derivative subtracts 1 at the true class.", zh: "你返回的是 softmax(z)，这只是 logSumExp(z) 的导数；损失中还有一项 −z_c，它的导数在真实类别处减 1。" });
        for (const other of [trueClass - 1, trueClass + 1]) {
          if (other >= 0 && other < logits.length && allClose(g, p.map((v, k) => v - (k === other ? 1 : 0)))) {
            return say({ en: `you subtracted 1 at index ${other}; the true class is index ${trueClass} (classes are numbered from 0).`, zh: `你在下标 ${other} 处减了 1；真实类别是下标 ${trueClass}（类别从 0 开始编号）。` });
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

/** The hint for a per-sample (stochastic) update where one full-batch step per epoch is asked for. */
const perSampleHint = () =>
  say({ en: "you updated θ after every sample (stochastic gradient descent). Here each epoch is one full-batch step: add up the gradient over all n samples with the θ the epoch started with, then update once.", zh: "你在每个样本之后都更新了 θ（随机梯度下降）。这里每一轮是一次全批量更新：用这一轮开始时的 θ 把全部 n 个样本的梯度加起来，然后只更新一次。" });

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
        ).map((args) => ({ args, expected: logisticRegressionByDescent(...args), about: args[3] === 1 ? say({ en: "one update from θ = 0", zh: "从 θ = 0 出发更新一次" }) : undefined })),
      hint: say({ en: "start from all weights and the bias at 0; each epoch compute ŷᵢ = σ(w·xᵢ + b) for every sample, the gradient (1/n) Σ (ŷᵢ − yᵢ)·xᵢ (and (1/n) Σ (ŷᵢ − yᵢ) for b), then w := w − η·gradient; return [w₁, …, w_d, b].", zh: "所有权重和偏置都从 0 开始；每一轮对每个样本计算 ŷᵢ = σ(w·xᵢ + b)，求梯度 (1/n) Σ (ŷᵢ − yᵢ)·xᵢ（b 的梯度是 (1/n) Σ (ŷᵢ − yᵢ)），然后 w := w − η·梯度；返回 [w₁, …, w_d, b]。" }),
      diagnose: (got, _expected, [X, y, learningRate, epochs]) => {
        const g = got as number[];
        const variant = (v: "ascent" | "sum" | "noSigmoid" | "noBias") => allClose(g, logisticRegressionByDescent(X, y, learningRate, epochs, v));
        if (hasNaN(got)) return say({ en: "NaN in your answer: check the loops (i < n over the samples, j < d over the features; X[i][d] does not exist) and that ŷᵢ uses σ from a stable formula.", zh: "你的答案里有 NaN：检查循环（样本用 i < n，特征用 j < d；X[i][d] 不存在），以及 ŷᵢ 用的 σ 是否来自数值稳定的公式。" });
        if (variant("ascent")) return say({ en: "your updates go the wrong way: the gradient of the loss is (1/n) Σ (ŷᵢ − yᵢ)xᵢ and the step subtracts it, w − η·gradient. (With yᵢ − ŷᵢ instead, the step must add.)", zh: "你的更新方向反了：损失的梯度是 (1/n) Σ (ŷᵢ − yᵢ)xᵢ，更新时要减去它：w − η·梯度。（如果写成 yᵢ − ŷᵢ，更新时就要加上。）" });
        if (variant("sum")) return say({ en: "divide the gradient by n: the loss is a mean over the samples, so its gradient is (1/n) Σ (ŷᵢ − yᵢ)xᵢ.", zh: "梯度要除以 n：损失是对样本的平均，所以梯度是 (1/n) Σ (ŷᵢ − yᵢ)xᵢ。" });
        if (variant("noSigmoid")) return say({ en: "the prediction is ŷᵢ = σ(w·xᵢ + b), a probability; you used the logit w·xᵢ + b itself.", zh: "预测值是 ŷᵢ = σ(w·xᵢ + b)，是一个概率；你直接用了对数几率 w·xᵢ + b。" });
        if (variant("noBias")) return say({ en: "update the bias too: its gradient is (1/n) Σ (ŷᵢ − yᵢ), the same formula with an input of 1.", zh: "偏置也要更新：它的梯度是 (1/n) Σ (ŷᵢ − yᵢ)，即输入为 1 时的同一个公式。" });
        if ([1 / X.length, 1].some((scale) => allClose(g, logisticRegressionPerSample(X, y, learningRate, epochs, scale)))) return perSampleHint();
        const right = logisticRegressionByDescent(X, y, learningRate, epochs);
        if (allClose(g, [right[right.length - 1], ...right.slice(0, -1)])) return say({ en: "the order is [w₁, …, w_d, b]: the weights first, the bias last.", zh: "顺序是 [w₁, …, w_d, b]：先是权重，最后是偏置。" });
        if (g.every((v) => v === 0)) return say({ en: "θ is still all 0: each epoch must update it, θ := θ − η·gradient, and the function must return the updated θ.", zh: "θ 仍然全是 0：每一轮都要更新它，θ := θ − η·梯度，函数要返回更新后的 θ。" });
        if (epochs > 1 && allClose(g, logisticRegressionByDescent(X, y, learningRate, epochs - 1))) return say({ en: "you made one update too few: make exactly `epochs` updates.", zh: "你少更新了一次：恰好更新 `epochs` 次。" });
        if (allClose(g, logisticRegressionByDescent(X, y, learningRate, epochs + 1))) return say({ en: "you made one update too many: make exactly `epochs` updates.", zh: "你多更新了一次：恰好更新 `epochs` 次。" });
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
          about: Math.abs(a) === delta ? say({ en: "the seam |a| = δ", zh: "接缝处 |a| = δ" }) : Math.abs(a) > delta ? say({ en: "|a| > δ: the linear part", zh: "|a| > δ：线性部分" }) : say({ en: "|a| ≤ δ: the quadratic part", zh: "|a| ≤ δ：二次部分" }),
        })),
      hint: say({ en: "Huber (§3.3): L_δ(a) = ½a² when |a| ≤ δ, and δ·(|a| − ½δ) when |a| > δ.", zh: "Huber 损失（§3.3）：|a| ≤ δ 时 L_δ(a) = ½a²，|a| > δ 时 L_δ(a) = δ·(|a| − ½δ)。" }),
      diagnose: (got, _expected, [a, delta]) => {
        const value = got as number;
        if (Math.abs(a) <= delta && close(value, a * a)) return say({ en: "inside |a| ≤ δ the loss is ½a², with the factor ½.", zh: "在 |a| ≤ δ 内损失是 ½a²，带因子 ½。" });
        if (Math.abs(a) > delta && close(value, delta * Math.abs(a))) return say({ en: "outside |a| > δ the loss is δ·(|a| − ½δ): subtract ½δ² so that the two pieces meet at |a| = δ.", zh: "在 |a| > δ 时损失是 δ·(|a| − ½δ)：减去 ½δ²，两段才能在 |a| = δ 处接上。" });
        if (Math.abs(a) > delta && close(value, delta * (a - 0.5 * delta))) return say({ en: "use |a|: the loss is symmetric, so a large negative residual costs as much as a large positive one.", zh: "要用 |a|：损失是对称的，很大的负残差和很大的正残差代价相同。" });
        if (Math.abs(a) > delta && close(value, 0.5 * a * a)) return say({ en: "when |a| > δ switch to the linear piece δ·(|a| − ½δ); that is what makes Huber robust to outliers.", zh: "|a| > δ 时要换成线性段 δ·(|a| − ½δ)；正是这一点让 Huber 损失对离群点稳健。" });
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
          about: Math.abs(a) === delta ? say({ en: "the seam |a| = δ", zh: "接缝处 |a| = δ" }) : Math.abs(a) > delta ? "|a| > δ" : "|a| ≤ δ",
        })),
      hint: say({ en: "∂L_δ/∂a = a when |a| ≤ δ, and δ·sign(a) when |a| > δ: the gradient is the residual, clipped to [−δ, δ].", zh: "|a| ≤ δ 时 ∂L_δ/∂a = a，|a| > δ 时为 δ·sign(a)：梯度就是截断到 [−δ, δ] 的残差。" }),
      diagnose: (got, _expected, [a, delta]) => {
        const value = got as number;
        if (Math.abs(a) > delta && a < 0 && close(value, delta)) return say({ en: "for a large negative residual the slope is −δ: use δ·sign(a).", zh: "对很大的负残差，斜率是 −δ：请用 δ·sign(a)。" });
        if (a !== 0 && close(value, -(_expected as number))) return say({ en: "the sign is flipped: the derivative of ½a² is +a, and beyond the seams the slope is +δ for a > 0 and −δ for a < 0, i.e. δ·sign(a).", zh: "符号反了：½a² 的导数是 +a；过了接缝后，a > 0 时斜率是 +δ，a < 0 时是 −δ，即 δ·sign(a)。" });
        if (Math.abs(a) > delta && close(value, a)) return say({ en: "when |a| > δ the loss is linear, so its slope is the constant δ·sign(a), not a.", zh: "|a| > δ 时损失是线性的，所以斜率是常数 δ·sign(a)，而不是 a。" });
        if (close(value, 2 * a)) return say({ en: "the quadratic piece is ½a², whose derivative is a (not 2a).", zh: "二次段是 ½a²，它的导数是 a（不是 2a）。" });
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
        ).map((args) => ({ args, expected: huberRegressionByDescent(...args), about: args[4] === 1 ? say({ en: "one update from θ = (0, 0)", zh: "从 θ = (0, 0) 出发更新一次" }) : undefined }));
      },
      hint: say({ en: "start at θ₀ = θ₁ = 0; each epoch compute the residuals aᵢ = θ₀ + θ₁xᵢ − yᵢ, clip them to [−δ, δ], take ∂L/∂θ₀ = (1/n) Σ clip(aᵢ) and ∂L/∂θ₁ = (1/n) Σ clip(aᵢ)·xᵢ, then θ := θ − η·gradient; return [θ₀, θ₁].", zh: "从 θ₀ = θ₁ = 0 出发；每一轮计算残差 aᵢ = θ₀ + θ₁xᵢ − yᵢ，把它们截断到 [−δ, δ]，取 ∂L/∂θ₀ = (1/n) Σ clip(aᵢ) 和 ∂L/∂θ₁ = (1/n) Σ clip(aᵢ)·xᵢ，然后 θ := θ − η·梯度；返回 [θ₀, θ₁]。" }),
      diagnose: (got, expected, [x, y, delta, learningRate, epochs]) => {
        const g = got as number[];
        const variant = (v: "ascent" | "sum" | "unclipped" | "clipAtOne" | "signOnly") => allClose(g, huberRegressionByDescent(x, y, delta, learningRate, epochs, v));
        if (hasNaN(got)) return say({ en: "NaN in your answer: a loop probably runs to i <= n and reads x[n], which is undefined. Loop with i < n.", zh: "你的答案里有 NaN：多半是某个循环跑到了 i <= n，读取了 undefined 的 x[n]。循环条件请用 i < n。" });
        if (variant("ascent")) return say({ en: "your updates go the wrong way: with aᵢ = ŷᵢ − yᵢ the gradient is +(1/n) Σ clip(aᵢ, −δ, δ)·(1, xᵢ) and the step subtracts it. (With yᵢ − ŷᵢ the signs flip twice.)", zh: "你的更新方向反了：取 aᵢ = ŷᵢ − yᵢ 时，梯度是 +(1/n) Σ clip(aᵢ, −δ, δ)·(1, xᵢ)，更新时要减去它。（用 yᵢ − ŷᵢ 时符号会翻转两次。）" });
        if (variant("unclipped")) return say({ en: "clip each residual to [−δ, δ] before averaging: unclipped, the gradient is that of ½·MSE, and the outlier pulls as hard as its residual.", zh: "求平均之前先把每个残差截断到 [−δ, δ]：不截断的话，梯度就是 ½·MSE 的梯度，离群点的拉力和它的残差一样大。" });
        if (delta !== 1 && variant("clipAtOne")) return say({ en: "clip at ±δ, not at ±1: the clipping limit is the delta argument.", zh: "截断在 ±δ，而不是 ±1：截断界限是参数 delta。" });
        if (variant("sum")) return say({ en: "divide the gradient by n: the loss is a mean over the samples.", zh: "梯度要除以 n：损失是对样本的平均。" });
        if (epochs > 1 && allClose(g, huberRegressionByDescent(x, y, delta, learningRate, epochs - 1))) return say({ en: "you made one update too few: make exactly `epochs` updates.", zh: "你少更新了一次：恰好更新 `epochs` 次。" });
        if (allClose(g, huberRegressionByDescent(x, y, delta, learningRate, epochs + 1))) return say({ en: "you made one update too many: make exactly `epochs` updates.", zh: "你多更新了一次：恰好更新 `epochs` 次。" });
        if (allClose(g, (expected as number[]).slice().reverse())) return say({ en: "the order is [θ₀, θ₁]: the intercept first, then the slope.", zh: "顺序是 [θ₀, θ₁]：先截距，后斜率。" });
        if ([1 / x.length, 1].some((scale) => allClose(g, huberRegressionPerSample(x, y, delta, learningRate, epochs, scale)))) return perSampleHint();
        if (variant("signOnly")) return say({ en: "you used δ·sign(aᵢ) for every residual, the gradient of δ·MAE; inside |aᵢ| ≤ δ the gradient is aᵢ itself. Clip: clip(aᵢ, −δ, δ) = max(−δ, min(δ, aᵢ)).", zh: "你对每个残差都用了 δ·sign(aᵢ)，这是 δ·MAE 的梯度；在 |aᵢ| ≤ δ 内梯度就是 aᵢ 本身。请截断：clip(aᵢ, −δ, δ) = max(−δ, min(δ, aᵢ))。" });
        if (g.every((v) => v === 0)) return say({ en: "θ is still (0, 0): each epoch must update it, θ := θ − η·gradient, and the function must return the updated θ.", zh: "θ 仍然是 (0, 0)：每一轮都要更新它，θ := θ − η·梯度，函数要返回更新后的 θ。" });
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
          about: say({ en: "a constant column, σ = 0", zh: "常数列，σ = 0" }),
          hint: say({ en: "when σ = 0 (all values equal) there is nothing to scale: return the centred values xᵢ − μ (all 0) instead of dividing by 0.", zh: "σ = 0（所有值都相等）时没有什么可缩放的：返回中心化后的值 xᵢ − μ（全为 0），不要除以 0。" }),
        })),
      ],
      hint: say({ en: "zᵢ = (xᵢ − μ)/σ with the mean μ = (1/n) Σ xᵢ and the population standard deviation σ = √((1/n) Σ (xᵢ − μ)²); a constant column (σ = 0) is only centred.", zh: "zᵢ = (xᵢ − μ)/σ，其中均值 μ = (1/n) Σ xᵢ，总体标准差 σ = √((1/n) Σ (xᵢ − μ)²)；常数列（σ = 0）只做中心化。" }),
      diagnose: (got, expected, [values]) => {
        const n = values.length;
        if (hasNaN(got) && !(expected as number[]).every((v) => v === 0)) return loopMistake(got, [values], ([v]) => Array.from(standardize(v).X));
        if ((expected as number[]).every((v) => v === 0) && hasNonFinite(got)) {
          return say({ en: "this column is constant, so σ = 0 and (xᵢ − μ)/σ is 0/0 = NaN: when σ = 0 return xᵢ − μ (all 0), as standardize does.", zh: "这一列是常数，所以 σ = 0，(xᵢ − μ)/σ 是 0/0 = NaN：σ = 0 时像 standardize 那样返回 xᵢ − μ（全为 0）。" });
        }
        if (isMultiple(got, expected, Math.sqrt((n - 1) / n))) return say({ en: "divide by the population standard deviation, √((1/n) Σ (xᵢ − μ)²), with n, not n − 1.", zh: "除以总体标准差 √((1/n) Σ (xᵢ − μ)²)，用 n，而不是 n − 1。" });
        const mean = values.reduce((s, v) => s + v, 0) / n;
        if (allClose(got as number[], values.map((v) => v - mean))) return say({ en: "after subtracting the mean, also divide by the standard deviation.", zh: "减去均值之后，还要除以标准差。" });
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
      hint: say({ en: "accuracy = (number of samples with yPredᵢ = yTrueᵢ) / n, a number between 0 and 1.", zh: "准确率 = （yPredᵢ = yTrueᵢ 的样本数）/ n，是 0 到 1 之间的数。" }),
      diagnose: (got, expected, [yTrue]) => {
        const matches = (expected as number) * yTrue.length;
        if (close(got as number, (matches + 1) / yTrue.length)) {
          return say({ en: "you counted one match too many: a loop to `i <= n` compares yTrue[n] with yPred[n], which are both undefined, and undefined === undefined is true. Loop with `i < n`.", zh: "你多数了一个匹配：循环到 `i <= n` 时会比较 yTrue[n] 和 yPred[n]，两者都是 undefined，而 undefined === undefined 为 true。循环条件请用 `i < n`。" });
        }
        if (yTrue.length > 1 && isMultiple(got, expected, yTrue.length)) return say({ en: "you counted the correct predictions; divide by n to get a fraction.", zh: "你数出了正确预测的个数；再除以 n 才是比例。" });
        if (close(got as number, 1 - (expected as number))) return say({ en: "that is the error rate; accuracy counts the predictions that are right.", zh: "这是错误率；准确率统计的是预测正确的样本。" });
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
      hint: say({ en: "smooth L1: 0.5·a²/β when |a| < β, and |a| − 0.5·β otherwise (PyTorch's smooth_l1_loss).", zh: "平滑 L1 损失：|a| < β 时为 0.5·a²/β，否则为 |a| − 0.5·β（即 PyTorch 的 smooth_l1_loss）。" }),
      diagnose: (got, _expected, [a, beta]) => {
        if (close(got as number, lossAt("huber", 0, a, { delta: beta }))) return say({ en: "that is the Huber loss with δ = β; smooth L1 is Huber divided by β, so its linear part has slope 1.", zh: "这是 δ = β 的 Huber 损失；平滑 L1 损失是 Huber 损失除以 β，所以它的线性部分斜率为 1。" });
        if (Math.abs(a) < beta && close(got as number, 0.5 * a * a)) return say({ en: "inside |a| < β divide by β: 0.5·a²/β.", zh: "在 |a| < β 内要除以 β：0.5·a²/β。" });
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
      hint: say({ en: "with the residual a = ŷ − y the pinball loss is max((1 − τ)·a, −τ·a): (1 − τ)·a when a ≥ 0 (over-prediction), τ·|a| when a < 0 (under-prediction).", zh: "设残差 a = ŷ − y，分位数（pinball）损失是 max((1 − τ)·a, −τ·a)：a ≥ 0（预测偏高）时为 (1 − τ)·a，a < 0（预测偏低）时为 τ·|a|。" }),
      diagnose: (got, _expected, [a, tau]) => {
        if (close(got as number, lossAt("quantile", 0, a, { tau: 1 - tau }))) return say({ en: "τ and 1 − τ are swapped: an under-prediction (a = ŷ − y < 0) costs τ per unit, an over-prediction (a > 0) 1 − τ. (With r = y − ŷ = −a, as scikit-learn writes it, the formula is max(τr, (τ − 1)r).)", zh: "τ 和 1 − τ 弄反了：预测偏低（a = ŷ − y < 0）每单位代价是 τ，预测偏高（a > 0）是 1 − τ。（按 scikit-learn 的写法取 r = y − ŷ = −a，公式是 max(τr, (τ − 1)r)。）" });
        if ((got as number) < 0) return say({ en: "the loss is never negative: for a < 0 it is −τ·a, which is positive.", zh: "损失永远不会是负的：a < 0 时它是 −τ·a，为正数。" });
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
      hint: say({ en: "hinge loss = max(0, 1 − y·score) with labels y = ±1: zero once the margin y·score reaches 1.", zh: "合页损失 = max(0, 1 − y·score)，标签 y = ±1：间隔 y·score 达到 1 后损失为零。" }),
      diagnose: (got, _expected, [y, score]) => {
        if (close(got as number, 1 - y * score)) return say({ en: "clip at zero: max(0, 1 − y·score). A confidently right score must not give a negative loss.", zh: "要在零处截断：max(0, 1 − y·score)。一个确信且正确的得分不能给出负损失。" });
        if (close(got as number, Math.max(0, 1 - score))) return say({ en: "multiply the score by the label y (±1): the margin is y·score.", zh: "把得分乘以标签 y（±1）：间隔是 y·score。" });
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
          about: values.some((v) => Math.abs(v) >= 800) ? say({ en: "stability: exp overflows or underflows", zh: "数值稳定：exp 会上溢或下溢" }) : undefined,
        })),
      hint: say({ en: "log Σ e^(xᵢ) = m + log Σ e^(xᵢ − m) with m = max xᵢ: the shifted exponentials are at most 1, so nothing overflows.", zh: "log Σ e^(xᵢ) = m + log Σ e^(xᵢ − m)，其中 m = max xᵢ：平移后的指数都不超过 1，所以不会溢出。" }),
      diagnose: (got, _expected, args) =>
        hasNaN(got) && noExtremeInputs(args)
          ? loopMistake(got, args, ([values]) => logSumExp(values))
          : hasNonFinite(got) ? say({ en: "your result is not finite: e^1000 overflows (and e^(−1000) underflows to 0, whose log is −Infinity). Subtract the largest value m first and add it back: m + log Σ e^(xᵢ − m).", zh: "你的结果不是有限数：e^1000 会溢出（e^(−1000) 会下溢为 0，其对数是 −Infinity）。先减去最大值 m，最后再加回来：m + log Σ e^(xᵢ − m)。" }) : undefined,
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
