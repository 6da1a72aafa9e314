/**
 * Exercise checkers for the notebooks: `check.<name>(yourFunction)` compares
 * the learner's function with lossbook on several inputs and prints ✓ or a
 * hint; `lossQuiz` is the "which loss for which problem" quiz of check.chooseLoss.
 */
export { check } from "./checkers";
export type { CheckResult } from "./framework";
export { lossQuiz, type LossQuizProblem } from "./quiz";
