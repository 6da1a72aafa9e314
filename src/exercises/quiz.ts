import { losses } from "../losses/registry";
import { currentLanguage, say, sayIn, type Language, type Localized } from "../language";
import { checkResult, describeValue, notWrittenYetMessage, type CheckResult } from "./framework";

/** A problem of the "which loss?" quiz: its id (the key of your answer) and the situation. */
export interface LossQuizProblem {
  readonly id: string;
  readonly problem: string;
}

interface QuizKey {
  readonly id: string;
  /** The situation, in every language. */
  problem: Localized;
  /** Loss ids that count as right; the first is the best answer. */
  accepted: readonly string[];
  /** Why, shown when the answer is wrong. */
  why: Localized;
}

const QUIZ: readonly QuizKey[] = [
  {
    id: "temperature",
    problem: { en: "Predict tomorrow's temperature. The measurement noise is roughly Gaussian, there are no outliers, and you want the expected value.", zh: "预测明天的气温。测量噪声近似服从高斯分布，没有离群点，你想要的是期望值。" },
    accepted: ["mse"],
    why: { en: "with Gaussian noise, minimising the squared error is maximum likelihood and its minimiser is the mean.", zh: "噪声服从高斯分布时，最小化平方误差就是最大似然，其最小值点是均值。" },
  },
  {
    id: "house-prices",
    problem: { en: "Predict house prices from a dataset in which a few listings carry wildly wrong prices that you cannot clean out.", zh: "根据一个数据集预测房价，其中有少数房源的价格错得离谱，而你无法把它们清理掉。" },
    accepted: ["huber", "smoothL1", "logCosh", "mae"],
    why: { en: "a loss that grows only linearly for large residuals (Huber, smooth L1, log-cosh or MAE) keeps a few bad labels from dragging the fit; MSE squares them.", zh: "对大残差只线性增长的损失（Huber 损失、平滑 L1 损失、log-cosh 损失或 MAE）能让少数错误标签拖不动拟合；MSE 则会把它们平方放大。" },
  },
  {
    id: "median-delivery",
    problem: { en: "Predict the typical (median) delivery time; a minority of deliveries take far longer than usual.", zh: "预测典型的（中位数）送达时间；少数订单的送达时间远长于平常。" },
    accepted: ["mae", "quantile"],
    why: { en: "the absolute error (or the pinball loss with τ = 0.5) is minimised by the median, which ignores how long the long deliveries are.", zh: "绝对误差（或 τ = 0.5 的 pinball 损失）的最小值点是中位数，它不受那些长送达时间究竟有多长的影响。" },
  },
  {
    id: "late-delivery-bound",
    problem: { en: "Promise a delivery time that is late only 10 % of the time (a 90 % upper bound).", zh: "承诺一个只有 10% 的时候会迟到的送达时间（90% 上界）。" },
    accepted: ["quantile"],
    why: { en: "the quantile (pinball) loss with τ = 0.9 is minimised by the 90th percentile.", zh: "τ = 0.9 的分位数（pinball）损失的最小值点是第 90 百分位数。" },
  },
  {
    id: "spam",
    problem: { en: "Estimate the probability that an email is spam; the model outputs one logit per email.", zh: "估计一封邮件是垃圾邮件的概率；模型对每封邮件输出一个对数几率（logit）。" },
    accepted: ["binaryCrossEntropyWithLogits", "binaryCrossEntropy"],
    why: { en: "binary cross-entropy is the negative log-likelihood of a Bernoulli label; the logits form is the numerically stable one.", zh: "二元交叉熵是伯努利标签的负对数似然；以对数几率（logits）为输入的形式是数值稳定的那一种。" },
  },
  {
    id: "digits",
    problem: { en: "Classify handwritten digits into 10 classes, one logit per class.", zh: "把手写数字分成 10 类，每类一个对数几率。" },
    accepted: ["softmaxCrossEntropy"],
    why: { en: "softmax cross-entropy is the negative log-likelihood of one class out of several.", zh: "多分类（softmax）交叉熵是多个类别中某一类的负对数似然。" },
  },
  {
    id: "fraud",
    problem: { en: "Detect fraudulent transactions: 1 in 1000 is fraud and most legitimate ones are easy to recognise.", zh: "检测欺诈交易：每 1000 笔中有 1 笔是欺诈，而大多数正常交易很容易识别。" },
    accepted: ["focal", "binaryCrossEntropyWithLogits"],
    why: { en: "the focal loss down-weights the many easy examples so the rare hard ones drive training (weighted binary cross-entropy also helps).", zh: "Focal 损失降低大量简单样本的权重，让少数困难样本主导训练（加权的二元交叉熵也有帮助）。" },
  },
  {
    id: "max-margin",
    problem: { en: "Train a linear classifier with labels ±1 that maximises the margin, like a support vector machine.", zh: "训练一个标签为 ±1、使间隔最大化的线性分类器，就像支持向量机那样。" },
    accepted: ["hinge", "squaredHinge"],
    why: { en: "the hinge loss max(0, 1 − y·score) is the SVM loss: zero once a point is beyond the margin.", zh: "合页损失 max(0, 1 − y·score) 就是 SVM 的损失：点一旦越过间隔，损失就为零。" },
  },
  {
    id: "calls-per-hour",
    problem: { en: "Predict the number of calls a help desk receives per hour (non-negative counts) from the log of the rate.", zh: "由速率的对数预测服务台每小时接到的电话数（非负计数）。" },
    accepted: ["poissonNLL"],
    why: { en: "counts are modelled by a Poisson distribution; its negative log-likelihood takes the log-rate.", zh: "计数用泊松分布建模；它的负对数似然以对数速率为输入。" },
  },
  {
    id: "distillation",
    problem: { en: "Train a small model to reproduce the full probability distribution that a large model outputs over the classes.", zh: "训练一个小模型，复现大模型在各类别上输出的完整概率分布。" },
    accepted: ["klDivergence", "softmaxCrossEntropy"],
    why: { en: "the KL divergence measures how far one distribution is from another (cross-entropy with probability targets differs from it by a constant).", zh: "KL 散度衡量一个分布离另一个分布有多远（以概率为目标的交叉熵与它只差一个常数）。" },
  },
];

/**
 * The quiz of `check.chooseLoss`: for each problem, answer with the id of a loss
 * in the registry. `problem` is read in the current language (see setLanguage).
 */
export const lossQuiz: readonly LossQuizProblem[] = Object.freeze(
  QUIZ.map(({ id, problem }) => Object.freeze(Object.defineProperty({ id } as LossQuizProblem, "problem", { get: () => say(problem), enumerable: true }))),
);

/** The answer key, for the tests and the notebook's own solution. */
export function lossQuizAnswers(): Record<string, readonly string[]> {
  return Object.fromEntries(QUIZ.map((q) => [q.id, q.accepted]));
}

/** The first line of `check.chooseLoss` when all `problemCount` problems are right. */
export function quizPassedMessage(problemCount: number, language: Language = currentLanguage()): string {
  return sayIn({ en: `✓ check.chooseLoss: all ${problemCount} problems right.`, zh: `✓ check.chooseLoss：全部 ${problemCount} 道题都对了。` }, language);
}

/** The English {@link quizPassedMessage} as a line of output: the number of problems. */
export const QUIZ_PASSED_MESSAGE_EN = /^✓ check\.chooseLoss: all (\d+) problems right\.$/;

/**
 * `check.chooseLoss(answers)`: answers map each `lossQuiz` problem id to a loss
 * id from the registry. Prints a line per problem (✓, or ✗ with the reason)
 * and returns {passed, message}; passes when every problem is answered right.
 */
export function checkLossQuiz(answers: Record<string, string>): CheckResult {
  const finish = (passed: boolean, message: string): CheckResult => {
    console.log(message);
    return checkResult(passed, message);
  };
  if (answers === null || typeof answers !== "object" || Array.isArray(answers)) {
    const example = `{ "${QUIZ[0].id}": "mse", … }`;
    return finish(
      false,
      say({
        en: `✗ check.chooseLoss: give an object mapping problem ids to loss ids, e.g. ${example}; it got ${describeValue(answers)}.`,
        zh: `✗ check.chooseLoss：请给一个把题目 id 对应到损失 id 的对象，例如 ${example}；它收到的是 ${describeValue(answers)}。`,
      }),
    );
  }
  if (Object.keys(answers).length === 0) return finish(false, notWrittenYetMessage("check.chooseLoss"));
  const known = losses.map((info) => info.id);
  const lines: string[] = [];
  let right = 0;
  for (const question of QUIZ) {
    const answer = (answers as Record<string, unknown>)[question.id];
    if (answer === undefined) {
      lines.push(say({ en: `  ✗ ${question.id}: no answer yet.`, zh: `  ✗ ${question.id}：还没有作答。` }));
    } else if (typeof answer !== "string" || !known.includes(answer)) {
      lines.push(
        say({
          en: `  ✗ ${question.id}: ${describeValue(answer)} is not a loss id; use one of ${known.join(", ")}.`,
          zh: `  ✗ ${question.id}：${describeValue(answer)} 不是损失 id；请从这些中选一个：${known.join(", ")}。`,
        }),
      );
    } else if (question.accepted.includes(answer)) {
      right += 1;
      lines.push(`  ✓ ${question.id}: ${answer}`);
    } else {
      lines.push(say({ en: `  ✗ ${question.id}: not ${answer}. Think again: ${question.why.en}`, zh: `  ✗ ${question.id}：不是 ${answer}。再想想：${question.why.zh}` }));
    }
  }
  const extra = Object.keys(answers).filter((key) => !QUIZ.some((q) => q.id === key));
  if (extra.length > 0) {
    lines.push(
      say({
        en: `  (unknown problem ids ignored: ${extra.join(", ")}; the ids are those of lossQuiz)`,
        zh: `  （已忽略未知的题目 id：${extra.join(", ")}；题目 id 见 lossQuiz）`,
      }),
    );
  }
  const passed = right === QUIZ.length;
  const head = passed
    ? quizPassedMessage(QUIZ.length)
    : say({ en: `✗ check.chooseLoss: ${right} of ${QUIZ.length} problems right.`, zh: `✗ check.chooseLoss：${QUIZ.length} 道题中答对 ${right} 道。` });
  return finish(passed, [head, ...lines].join("\n"));
}
