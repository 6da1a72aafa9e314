/**
 * Exercise checkers for the notebooks: `check.<name>(yourFunction)` compares
 * the learner's function with lossbook on several inputs and prints ✓ or a
 * hint; `lossQuiz` is the "which loss for which problem" quiz of check.chooseLoss.
 * notebook-exercises.ts holds the exercise conventions of the notebooks and
 * the student version derived from them.
 */
export { check } from "./checkers";
export type { CheckResult } from "./framework";
export { lossQuiz, type LossQuizProblem } from "./quiz";
export {
  NOT_WRITTEN_YET,
  cellSource,
  nbgraderMetadata,
  notebookExercises,
  solutionBlocks,
  stripSolution,
  studentNotebook,
  type NotebookCell,
  type NotebookDocument,
  type NotebookExercise,
} from "./notebook-exercises";
