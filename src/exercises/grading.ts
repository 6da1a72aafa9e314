/**
 * Grading of submitted notebooks, in the spirit of nbgrader: pure functions
 * that build the notebook to execute from the official (source) notebook and
 * a submission, and score the executed result. scripts/grade.ts runs them.
 *
 * - Only the answer cells come from the submission (found by their nbgrader
 *   grade id, else by cell id); every other cell, the check cells above all,
 *   is the official one, so editing a check earns nothing.
 * - An exercise scores its points when its official check prints ✓, else 0
 *   with the reason: the checker's hint, "not written yet", the error of the
 *   answer cell, a time limit, or the answer cell missing from the submission.
 */
import { LANGUAGE_CELL_ID, NOT_WRITTEN_YET, NOT_WRITTEN_YET_ZH, cellSource, nbgraderMetadata, notebookExercises, stripSolution, type NotebookCell, type NotebookDocument, type NotebookExercise } from "./notebook-exercises";

export type GradeStatus = "passed" | "failed" | "not written" | "error" | "timed out" | "missing" | "unreadable" | "wrong chapter";

/** The grade of one exercise of one submission: a row of grades.csv. */
export interface ExerciseGrade {
  exercise: string;
  points: number;
  maxPoints: number;
  status: GradeStatus;
  feedback: string;
}

/** What {@link gradingNotebook} built: the notebook to execute, its exercises, and notes for the feedback. */
export interface GradingPlan {
  notebook: NotebookDocument;
  exercises: NotebookExercise[];
  /** Grade ids whose answer cell is not in the submission. */
  missing: Set<string>;
  /** Things the student should know (an edited check cell that was replaced, added cells that were not run). */
  notes: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * The submission as a notebook, or why it is not one: JSON with a `cells`
 * list of cells that each have a cell_type and a source.
 */
export function readSubmission(text: string): { notebook: NotebookDocument } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `the file is not a readable notebook: it is not valid JSON (${(error as Error).message})` };
  }
  if (!isObject(value) || !Array.isArray(value.cells)) return { problem: "the file is not a readable notebook: it has no list of cells" };
  const bad = value.cells.findIndex((cell) => !isObject(cell) || typeof cell.cell_type !== "string" || !(typeof cell.source === "string" || Array.isArray(cell.source)));
  if (bad >= 0) return { problem: `the file is not a readable notebook: cell ${bad} has no cell_type or source` };
  return { notebook: { metadata: {}, nbformat: 4, nbformat_minor: 5, ...value } as unknown as NotebookDocument };
}

/** The share of the source's cell ids that a submission contains (how a chapter is recognised). */
export function sharedCellIds(source: NotebookDocument, submission: NotebookDocument): number {
  const ids = source.cells.map((cell) => cell.id).filter((id): id is string => typeof id === "string");
  if (ids.length === 0) return 0;
  const present = new Set(submission.cells.map((cell) => cell.id));
  return ids.filter((id) => present.has(id)).length / ids.length;
}

/**
 * Which chapter a submission holds, by its cell ids: the name of the source
 * notebook sharing the most ids with it (at least half), or undefined.
 */
export function recogniseChapter(submission: NotebookDocument, sources: Record<string, NotebookDocument>): string | undefined {
  let best: { name: string; share: number } | undefined;
  for (const [name, source] of Object.entries(sources)) {
    const share = sharedCellIds(source, submission);
    if (share >= 0.5 && (best === undefined || share > best.share)) best = { name, share };
  }
  return best?.name;
}

/** The submission's answer cell for an exercise: by nbgrader grade id, else by the source cell's id. */
function findAnswer(submission: NotebookDocument, exercise: NotebookExercise, sourceCell: NotebookCell): NotebookCell | undefined {
  const gradeId = nbgraderMetadata(exercise).answer.grade_id;
  const byGradeId = submission.cells.find((cell) => isObject(cell.metadata?.nbgrader) && (cell.metadata?.nbgrader as { grade_id?: unknown }).grade_id === gradeId);
  if (byGradeId !== undefined) return byGradeId;
  return sourceCell.id === undefined ? undefined : submission.cells.find((cell) => cell.id === sourceCell.id && cell.cell_type === "code");
}

/**
 * The notebook to execute for grading: the official notebook, its outputs
 * cleared, with each answer cell's source taken from the submission (a
 * missing answer gets the student stub, and scores 0 as missing).
 */
export function gradingNotebook(source: NotebookDocument, submission: NotebookDocument): GradingPlan {
  const { exercises, problems } = notebookExercises(source);
  if (problems.length > 0) throw new Error(`the official notebook breaks the exercise conventions:\n  ${problems.join("\n  ")}`);
  const notebook = structuredClone(source);
  const missing = new Set<string>();
  const notes: string[] = [];
  for (const cell of notebook.cells) {
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  for (const exercise of exercises) {
    const official = source.cells[exercise.answerCell];
    const answer = findAnswer(submission, exercise, official);
    const target = notebook.cells[exercise.answerCell];
    if (answer === undefined) {
      missing.add(exercise.gradeId);
      target.source = stripSolution(cellSource(official), "official answer cell", exercise.answerName);
    } else {
      target.source = cellSource(answer);
    }
    const officialCheck = cellSource(source.cells[exercise.checkCell]);
    const theirs = submission.cells.find((cell) => cell.id !== undefined && cell.id === source.cells[exercise.checkCell].id);
    if (theirs !== undefined && cellSource(theirs).trim() !== officialCheck.trim()) {
      notes.push(`Your copy of the check cell of ${exercise.gradeId} was edited; grading ran the official check instead.`);
    }
  }
  const sourceIds = new Set(source.cells.map((cell) => cell.id));
  // The language cell of a translated student notebook (withLanguageCell) is not an answer of the learner's.
  const added = submission.cells.filter((cell) => cell.cell_type === "code" && cell.id !== undefined && cell.id !== LANGUAGE_CELL_ID && !sourceIds.has(cell.id) && cellSource(cell).trim() !== "").length;
  if (added > 0) notes.push(`${added} code cell(s) you added were not run in grading: write each answer in its exercise cell.`);
  return { notebook, exercises, missing, notes };
}

const outputText = (cell: NotebookCell, streams: string[]) =>
  (cell.outputs ?? [])
    .map((output) => {
      if (output.output_type === "stream" && streams.includes(output.name ?? "")) return [output.text ?? ""].flat().join("");
      if (output.output_type === "error" && streams.includes("stderr")) return `${String(output.ename)}: ${String(output.evalue)}`;
      return "";
    })
    .join("");

/** The first lines of an error, without the kernel's stack trace. */
function firstLines(text: string, count = 3): string {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "" && !/^\s+at /.test(line))
    .slice(0, count)
    .join(" ")
    .trim();
}

/**
 * Scores the executed grading notebook: one grade per exercise.
 * `timedOut` lists the cells that ran out of time; `seconds` is the limit.
 */
export function scoreExercises(executed: NotebookDocument, plan: GradingPlan, timedOut: number[], seconds: number): ExerciseGrade[] {
  return plan.exercises.map((exercise): ExerciseGrade => {
    const grade = (status: GradeStatus, feedback: string, points = 0): ExerciseGrade => ({ exercise: exercise.gradeId, points, maxPoints: exercise.points, status, feedback });
    if (plan.missing.has(exercise.gradeId)) return grade("missing", "the exercise cell is not in your notebook (deleted, or its metadata removed); restore it from the student version and write your answer there");
    if (timedOut.includes(exercise.answerCell)) return grade("timed out", `your exercise cell ran longer than the limit of ${seconds} s (an endless loop?)`);
    if (timedOut.includes(exercise.checkCell)) return grade("timed out", `your function ran longer than the limit of ${seconds} s on the check's inputs (an endless loop?)`);
    const answerCell = executed.cells[exercise.answerCell];
    const checkCell = executed.cells[exercise.checkCell];
    const answerError = outputText(answerCell, ["stderr"]);
    const stdout = outputText(checkCell, ["stdout"]);
    // The checker prints its verdict last; anything the learner's function printed comes before it.
    const verdicts = stdout.split("\n").filter((line) => line.startsWith(`✓ check.${exercise.checker}:`) || line.startsWith(`✗ check.${exercise.checker}:`));
    const verdict = verdicts.at(-1);
    if (answerError.trim() !== "" && verdict === undefined) return grade("error", `your exercise cell has an error: ${firstLines(answerError)}`);
    if (verdict === undefined) {
      const checkError = outputText(checkCell, ["stderr"]);
      return grade("error", checkError.trim() !== "" ? `the check could not run your answer: ${firstLines(checkError)}` : "the check printed no verdict");
    }
    if (verdict.startsWith("✓")) return grade("passed", verdict, exercise.points);
    const message = stdout.slice(stdout.lastIndexOf(verdict)).trim();
    if ([NOT_WRITTEN_YET, NOT_WRITTEN_YET_ZH].some((start) => message.toLowerCase().includes(start.toLowerCase()))) return grade("not written", "not written yet: the exercise cell still has its placeholder");
    return grade("failed", message);
  });
}

/** Zero for every exercise of a chapter, with one reason (an unreadable file, a wrong chapter). */
export function zeroGrades(source: NotebookDocument, status: GradeStatus, reason: string): ExerciseGrade[] {
  return notebookExercises(source).exercises.map((exercise) => ({ exercise: exercise.gradeId, points: 0, maxPoints: exercise.points, status, feedback: reason }));
}
