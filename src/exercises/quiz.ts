import { losses } from "../losses/registry";
import { checkResult, describeValue, notWrittenYetMessage, type CheckResult } from "./framework";

/** A problem of the "which loss?" quiz: its id (the key of your answer) and the situation. */
export interface LossQuizProblem {
  readonly id: string;
  readonly problem: string;
}

interface QuizKey extends LossQuizProblem {
  /** Loss ids that count as right; the first is the best answer. */
  accepted: readonly string[];
  /** Why, shown when the answer is wrong. */
  why: string;
}

const QUIZ: readonly QuizKey[] = [
  {
    id: "temperature",
    problem: "Predict tomorrow's temperature. The measurement noise is roughly Gaussian, there are no outliers, and you want the expected value.",
    accepted: ["mse"],
    why: "with Gaussian noise, minimising the squared error is maximum likelihood and its minimiser is the mean.",
  },
  {
    id: "house-prices",
    problem: "Predict house prices from a dataset in which a few listings carry wildly wrong prices that you cannot clean out.",
    accepted: ["huber", "smoothL1", "logCosh", "mae"],
    why: "a loss that grows only linearly for large residuals (Huber, smooth L1, log-cosh or MAE) keeps a few bad labels from dragging the fit; MSE squares them.",
  },
  {
    id: "median-delivery",
    problem: "Predict the typical (median) delivery time; a minority of deliveries take far longer than usual.",
    accepted: ["mae", "quantile"],
    why: "the absolute error (or the pinball loss with τ = 0.5) is minimised by the median, which ignores how long the long deliveries are.",
  },
  {
    id: "late-delivery-bound",
    problem: "Promise a delivery time that is late only 10 % of the time (a 90 % upper bound).",
    accepted: ["quantile"],
    why: "the quantile (pinball) loss with τ = 0.9 is minimised by the 90th percentile.",
  },
  {
    id: "spam",
    problem: "Estimate the probability that an email is spam; the model outputs one logit per email.",
    accepted: ["binaryCrossEntropyWithLogits", "binaryCrossEntropy"],
    why: "binary cross-entropy is the negative log-likelihood of a Bernoulli label; the logits form is the numerically stable one.",
  },
  {
    id: "digits",
    problem: "Classify handwritten digits into 10 classes, one logit per class.",
    accepted: ["softmaxCrossEntropy"],
    why: "softmax cross-entropy is the negative log-likelihood of one class out of several.",
  },
  {
    id: "fraud",
    problem: "Detect fraudulent transactions: 1 in 1000 is fraud and most legitimate ones are easy to recognise.",
    accepted: ["focal", "binaryCrossEntropyWithLogits"],
    why: "the focal loss down-weights the many easy examples so the rare hard ones drive training (weighted binary cross-entropy also helps).",
  },
  {
    id: "max-margin",
    problem: "Train a linear classifier with labels ±1 that maximises the margin, like a support vector machine.",
    accepted: ["hinge", "squaredHinge"],
    why: "the hinge loss max(0, 1 − y·score) is the SVM loss: zero once a point is beyond the margin.",
  },
  {
    id: "calls-per-hour",
    problem: "Predict the number of calls a help desk receives per hour (non-negative counts) from the log of the rate.",
    accepted: ["poissonNLL"],
    why: "counts are modelled by a Poisson distribution; its negative log-likelihood takes the log-rate.",
  },
  {
    id: "distillation",
    problem: "Train a small model to reproduce the full probability distribution that a large model outputs over the classes.",
    accepted: ["klDivergence", "softmaxCrossEntropy"],
    why: "the KL divergence measures how far one distribution is from another (cross-entropy with probability targets differs from it by a constant).",
  },
];

/** The quiz of `check.chooseLoss`: for each problem, answer with the id of a loss in the registry. */
export const lossQuiz: readonly LossQuizProblem[] = Object.freeze(QUIZ.map(({ id, problem }) => Object.freeze({ id, problem })));

/** The answer key, for the tests and the notebook's own solution. */
export function lossQuizAnswers(): Record<string, readonly string[]> {
  return Object.fromEntries(QUIZ.map((q) => [q.id, q.accepted]));
}

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
    return finish(false, `✗ check.chooseLoss: give an object mapping problem ids to loss ids, e.g. { "${QUIZ[0].id}": "mse", … }; it got ${describeValue(answers)}.`);
  }
  if (Object.keys(answers).length === 0) return finish(false, notWrittenYetMessage("check.chooseLoss"));
  const known = losses.map((info) => info.id);
  const lines: string[] = [];
  let right = 0;
  for (const question of QUIZ) {
    const answer = (answers as Record<string, unknown>)[question.id];
    if (answer === undefined) {
      lines.push(`  ✗ ${question.id}: no answer yet.`);
    } else if (typeof answer !== "string" || !known.includes(answer)) {
      lines.push(`  ✗ ${question.id}: ${describeValue(answer)} is not a loss id; use one of ${known.join(", ")}.`);
    } else if (question.accepted.includes(answer)) {
      right += 1;
      lines.push(`  ✓ ${question.id}: ${answer}`);
    } else {
      lines.push(`  ✗ ${question.id}: not ${answer}. Think again: ${question.why}`);
    }
  }
  const extra = Object.keys(answers).filter((key) => !QUIZ.some((q) => q.id === key));
  if (extra.length > 0) lines.push(`  (unknown problem ids ignored: ${extra.join(", ")}; the ids are those of lossQuiz)`);
  const passed = right === QUIZ.length;
  const head = passed ? `✓ check.chooseLoss: all ${QUIZ.length} problems right.` : `✗ check.chooseLoss: ${right} of ${QUIZ.length} problems right.`;
  return finish(passed, [head, ...lines].join("\n"));
}
