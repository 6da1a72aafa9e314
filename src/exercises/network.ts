import { softmaxCrossEntropyGrad } from "../losses/softmaxCrossEntropy";
import { softmax } from "../losses/stable";
import { activate, activationBackward, linearBackward } from "../nn/layers";
import { momentumStep } from "../nn/train";
import { say } from "../language";
import { allClose, runChecker, type CheckResult } from "./framework";

/**
 * The checkers of the deep-learning chapter (notebook 08): the gradient at the
 * outputs, one step of backpropagation through the hidden layer, and the
 * momentum update. Each expected value comes from src/nn and src/losses.
 */

const nonFinite = (got: number | number[]) => (typeof got === "number" ? [got] : got).some((v) => !Number.isFinite(v));

/** The library's ∂L/∂z for one row of logits z and its class: softmax(z) − onehot(label). */
function expectedOutputGradient(logits: number[], label: number): number[] {
  return Array.from(softmaxCrossEntropyGrad([label], [logits])[0]);
}

function outputGradient(learnerFunction: (logits: number[], label: number) => number[]): CheckResult {
  return runChecker<[number[], number]>(
    {
      name: "outputGradient",
      parameters: ["logits", "label"],
      returns: "array",
      cases: () =>
        (
          [
            [[2, 1, 0.1], 0],
            [[0.5, -1, 3, 0], 2],
            [[0, 0], 1],
            [[-1.5, 2.5, 0.3], 0],
            [[1000, 0, -1000], 1],
          ] as [number[], number][]
        ).map(([logits, label]) => ({
          args: [logits, label] as [number[], number],
          expected: expectedOutputGradient(logits, label),
          about: logits.some((z) => Math.abs(z) >= 1000) ? say({ en: "large logits: e^1000 overflows", zh: "很大的对数几率：e^1000 会溢出" }) : undefined,
        })),
      hint: say({ en: "∂L/∂z_c = softmax(z)_c − [c = label]: the predicted probabilities minus the one-hot target (1 at the label, 0 elsewhere).", zh: "∂L/∂z_c = softmax(z)_c − [c = label]：预测概率减去 one-hot 目标（标签处为 1，其余为 0）。" }),
      diagnose: (got, _expected, [logits, label]) => {
        const g = got as number[];
        if (nonFinite(g)) return say({ en: "your result is not finite: e^z overflows for a large logit. Subtract the largest logit m first, softmax(z)_c = e^(z_c − m) / Σ_k e^(z_k − m); the probabilities do not change.", zh: "你的结果不是有限数：对数几率很大时 e^z 会溢出。先减去最大的对数几率 m，softmax(z)_c = e^(z_c − m) / Σ_k e^(z_k − m)；概率不会改变。" });
        const p = Array.from(softmax(logits));
        if (allClose(g, p)) return say({ en: "these are the probabilities softmax(z): subtract the one-hot target, i.e. 1 at the label, to get the gradient.", zh: "这是概率 softmax(z)：再减去 one-hot 目标（即在标签处减 1）才是梯度。" });
        if (allClose(g, p.map((v, c) => (c === label ? 1 : 0) - v))) return say({ en: "the sign is flipped: the gradient is softmax(z) − onehot(label), so the label's entry is negative (raising that logit lowers the loss).", zh: "符号反了：梯度是 softmax(z) − onehot(label)，所以标签处的元素是负的（增大这个对数几率会降低损失）。" });
        if (allClose(g, Array.from(logits, (z, c) => z - (c === label ? 1 : 0)))) return say({ en: "apply the softmax to the logits before subtracting the one-hot target: the gradient is softmax(z) − onehot(label), not z − onehot(label).", zh: "减去 one-hot 目标之前，先对对数几率做 softmax：梯度是 softmax(z) − onehot(label)，而不是 z − onehot(label)。" });
        for (const other of [label - 1, label + 1]) {
          if (other >= 0 && other < logits.length && allClose(g, p.map((v, c) => v - (c === other ? 1 : 0)))) {
            return say({ en: `you subtracted 1 at index ${other}; the label is index ${label} (classes are numbered from 0).`, zh: `你在下标 ${other} 处减了 1；标签是下标 ${label}（类别从 0 开始编号）。` });
          }
        }
        return undefined;
      },
    },
    learnerFunction,
  );
}

/** The library's ∂L/∂a = (W₂ᵀ g) ⊙ (1 − tanh²(a)) for one sample. */
function expectedHiddenGradient(hiddenInput: number[], outputWeights: number[][], gradient: number[]): number[] {
  const hidden = activate([hiddenInput], "tanh");
  const back = linearBackward(outputWeights, hidden, [gradient]).input;
  return Array.from(activationBackward([hiddenInput], hidden, back, "tanh")[0]);
}

/** Σ_k W_kj g_k (the right product) or, for a square W, Σ_k W_jk g_k (the transposed mistake). */
function multiply(W: number[][], g: number[], transposed: boolean): number[] {
  const hidden = W[0].length;
  if (!transposed) return Array.from({ length: hidden }, (_, j) => W.reduce((s, row, k) => s + row[j] * g[k], 0));
  return W.map((row) => row.reduce((s, w, j) => s + w * g[j], 0));
}

function hiddenGradient(learnerFunction: (hiddenInput: number[], outputWeights: number[][], outputGradient: number[]) => number[]): CheckResult {
  return runChecker<[number[], number[][], number[]]>(
    {
      name: "hiddenGradient",
      parameters: ["hiddenInput", "outputWeights", "outputGradient"],
      returns: "array",
      cases: () =>
        (
          [
            // Square W₂ (2 outputs, 2 hidden units) first, so that using W₂ instead of W₂ᵀ gives a wrong number, not only a wrong length.
            [[0.5, -1.0], [[1.0, 2.0], [-0.5, 0.3]], [0.2, -0.2]],
            [[0.1, 0.8, -0.3], [[0.4, -1.2, 0.7], [1.5, 0.2, -0.6]], [-0.3, 0.3]],
            [[2.0, 0.0, -2.5, 1.0], [[0.3, 0.3, -0.8, 1.1], [-1.0, 0.5, 0.5, 0.2], [0.6, -0.4, 0.9, -0.7]], [0.1, 0.4, -0.5]],
            [[0, 0], [[1, 0], [0, 1]], [0.25, -0.75]],
          ] as [number[], number[][], number[]][]
        ).map(([a, W, g]) => ({ args: [a, W, g] as [number[], number[][], number[]], expected: expectedHiddenGradient(a, W, g) })),
      hint: say({ en: "two steps of the chain rule: back through the output layer, ∂L/∂h_j = Σ_k W₂[k][j]·g_k (that is W₂ᵀg), then through tanh, ∂L/∂a_j = ∂L/∂h_j · (1 − tanh²(a_j)).", zh: "链式法则分两步：先反向穿过输出层，∂L/∂h_j = Σ_k W₂[k][j]·g_k（即 W₂ᵀg），再穿过 tanh，∂L/∂a_j = ∂L/∂h_j · (1 − tanh²(a_j))。" }),
      diagnose: (got, _expected, [a, W, g]) => {
        const answer = got as number[];
        const back = multiply(W, g, false);
        const derivative = a.map((v) => 1 - Math.tanh(v) ** 2);
        if (allClose(answer, back)) return say({ en: "you stopped after the output layer: multiply each ∂L/∂h_j by the activation's derivative 1 − tanh²(a_j) (the chain rule goes through h = tanh(a) too).", zh: "你停在了输出层之后：还要把每个 ∂L/∂h_j 乘以激活函数的导数 1 − tanh²(a_j)（链式法则也要穿过 h = tanh(a)）。" });
        if (allClose(answer, back.map((v, j) => v * (1 - a[j] * a[j])))) return say({ en: "the derivative of tanh is 1 − tanh²(a), not 1 − a²: square h = tanh(a), the activation, not the pre-activation a.", zh: "tanh 的导数是 1 − tanh²(a)，而不是 1 − a²：要平方的是激活值 h = tanh(a)，而不是激活前的 a。" });
        if (allClose(answer, back.map((v, j) => v * Math.tanh(a[j])))) return say({ en: "multiply by the derivative of tanh, 1 − tanh²(a_j), not by tanh(a_j) itself.", zh: "要乘以 tanh 的导数 1 − tanh²(a_j)，而不是 tanh(a_j) 本身。" });
        if (allClose(answer, back.map((v, j) => v * Math.tanh(a[j]) * (1 - Math.tanh(a[j]))))) return say({ en: "h(1 − h) is the derivative of the sigmoid, σ′ = σ(1 − σ); the derivative of tanh is 1 − tanh²(a_j) = 1 − h_j².", zh: "h(1 − h) 是 sigmoid 的导数 σ′ = σ(1 − σ)；tanh 的导数是 1 − tanh²(a_j) = 1 − h_j²。" });
        if (W.length === W[0].length && allClose(answer, multiply(W, g, true).map((v, j) => v * derivative[j]))) {
          return say({ en: "the weights are transposed: going backwards, hidden unit j collects Σ_k W₂[k][j]·g_k (column j of W₂, i.e. W₂ᵀg), not row j.", zh: "权重转置错了：反向传播时，隐藏单元 j 收集的是 Σ_k W₂[k][j]·g_k（W₂ 的第 j 列，即 W₂ᵀg），而不是第 j 行。" });
        }
        return undefined;
      },
    },
    learnerFunction,
  );
}

/** The library's new velocity v′ = μv − ηg. */
function expectedVelocity(velocity: number[], gradient: number[], learningRate: number, momentum: number): number[] {
  return Array.from(momentumStep(new Float64Array(velocity.length), velocity, gradient, learningRate, momentum).velocity);
}

function momentumVelocity(learnerFunction: (velocity: number[], gradient: number[], learningRate: number, momentum: number) => number[]): CheckResult {
  return runChecker<[number[], number[], number, number]>(
    {
      name: "momentumVelocity",
      parameters: ["velocity", "gradient", "learningRate", "momentum"],
      returns: "array",
      cases: () =>
        (
          [
            [[0, 0, 0], [1, -2, 0.5], 0.1, 0.9],
            [[0.3, -0.1], [0.2, 0.4], 0.05, 0.9],
            [[1, 1], [1, -1], 0.5, 0],
            [[-0.2, 0.4, 0.1], [0, 0, 0], 0.1, 0.5],
          ] as [number[], number[], number, number][]
        ).map(([v, g, eta, mu]) => ({ args: [v, g, eta, mu] as [number[], number[], number, number], expected: expectedVelocity(v, g, eta, mu) })),
      hint: say({ en: "the velocity keeps a fraction μ of itself and takes a step against the gradient: v′ = μ·v − η·g, entry by entry.", zh: "速度保留自身的 μ 倍，再逆着梯度走一步：v′ = μ·v − η·g，逐元素计算。" }),
      diagnose: (got, _expected, [v, g, eta, mu]) => {
        const answer = got as number[];
        if (allClose(answer, v.map((vi, k) => mu * vi + eta * g[k]))) return say({ en: "the step must go against the gradient: v′ = μv − ηg (minus), otherwise every update climbs the loss.", zh: "这一步必须逆着梯度：v′ = μv − ηg（减号），否则每次更新都会让损失上升。" });
        if (allClose(answer, v.map((vi, k) => vi - eta * g[k]))) return say({ en: "multiply the old velocity by the momentum μ: v′ = μv − ηg. Without the factor μ < 1 old gradients are never forgotten.", zh: "把旧速度乘以动量 μ：v′ = μv − ηg。没有因子 μ < 1，旧的梯度永远不会被遗忘。" });
        if (allClose(answer, v.map((vi, k) => mu * vi - g[k]))) return say({ en: "scale the gradient by the learning rate η: v′ = μv − η·g.", zh: "把梯度乘以学习率 η：v′ = μv − η·g。" });
        if (allClose(answer, g.map((gk) => -eta * gk))) return say({ en: "this is plain gradient descent's step −ηg: add the remembered velocity, μ·v.", zh: "这是普通梯度下降的一步 −ηg：还要加上记住的速度 μ·v。" });
        if (allClose(answer, v.map((vi, k) => mu * vi + g[k]))) return say({ en: "μv + g is PyTorch's momentum buffer b, which torch.optim.SGD then multiplies by −η; the velocity here is the step itself, so it includes −η: v′ = μv − ηg.", zh: "μv + g 是 PyTorch 的动量缓冲 b，torch.optim.SGD 随后再把它乘以 −η；这里的速度就是这一步本身，所以包含 −η：v′ = μv − ηg。" });
        if (mu > 0 && allClose(answer, v.map((vi, k) => mu * vi - (1 - mu) * eta * g[k]))) return say({ en: "that is a moving average of the gradients (the factor 1 − μ, as in Adam's first moment); heavy-ball momentum takes the full step: v′ = μv − ηg.", zh: "这是梯度的滑动平均（带因子 1 − μ，如 Adam 的一阶矩）；重球动量走的是完整的一步：v′ = μv − ηg。" });
        return undefined;
      },
    },
    learnerFunction,
  );
}

/** The checkers of the deep-learning chapter, merged into `check`. */
export const networkCheckers = {
  outputGradient,
  hiddenGradient,
  momentumVelocity,
};
