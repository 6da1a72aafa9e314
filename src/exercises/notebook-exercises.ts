/**
 * The exercise conventions of the notebooks, in one place, and the student
 * version derived from them. Pure functions on notebook JSON (no file system),
 * so that the grader, the tests and an in-browser workbook share them.
 *
 * An exercise is two adjacent code cells:
 * - the **answer cell**, tagged `exercise` and `solution`, which defines the
 *   learner's function (or value) and holds the worked solution between
 *   `// BEGIN SOLUTION` and `// END SOLUTION` lines;
 * - the **check cell** right after it, tagged `check`, whose source is the
 *   official check: `import { check } from "lossbook";` and one call
 *   `check.<checker>(<name the answer cell defines>);`.
 * Its grade id is the checker's name (or `metadata.lossbook.grade_id` of the
 * check cell) and it is worth 1 point (or `metadata.lossbook.points`). The
 * student version writes the matching nbgrader metadata (`metadata.nbgrader`:
 * the answer cell an autograded answer, the check cell a locked autograder
 * test with its points), so nbgrader-aware tools recognise the cells.
 */
import type { Language } from "../language";

/** The parts of a Jupyter notebook (nbformat 4) that the conventions read. */
export interface NotebookCell {
  cell_type: string;
  id?: string;
  source: string | string[];
  metadata?: { tags?: string[]; [key: string]: unknown };
  outputs?: { output_type: string; name?: string; text?: string | string[]; [key: string]: unknown }[];
  execution_count?: number | null;
  [key: string]: unknown;
}
export interface NotebookDocument {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

export const EXERCISE_TAG = "exercise";
export const SOLUTION_TAG = "solution";
export const CHECK_TAG = "check";
export const BEGIN_SOLUTION = "// BEGIN SOLUTION";
export const END_SOLUTION = "// END SOLUTION";
export const YOUR_CODE_HERE = "// YOUR CODE HERE";
/** How every English "not written yet" message starts: the stub's error and the checkers' report. */
export const NOT_WRITTEN_YET = "Not written yet";
/** How the same messages start in Chinese. */
export const NOT_WRITTEN_YET_ZH = "还没有写";

/**
 * The message of the stub's error in a notebook's language: it starts with
 * {@link NOT_WRITTEN_YET} or, in Chinese, {@link NOT_WRITTEN_YET_ZH}, which
 * is how the checkers recognise it ({@link isNotWrittenYetMessage}).
 */
function notWrittenYetError(name: string, language: Language): string {
  return language === "zh-Hans"
    ? `${NOT_WRITTEN_YET_ZH}：${name} 仍是占位代码；请在 YOUR CODE HERE 处写好它，再运行该单元格。`
    : `${NOT_WRITTEN_YET}: ${name} still has its placeholder; write it where it says YOUR CODE HERE and run that cell again.`;
}

/** True when a message is the stub's error in either language (starts with "Not written yet" or 还没有写). */
export function isNotWrittenYetMessage(message: string): boolean {
  return message.startsWith(NOT_WRITTEN_YET) || message.startsWith(NOT_WRITTEN_YET_ZH);
}

/** One exercise of a notebook, as the conventions define it. */
export interface NotebookExercise {
  /** Unique in the notebook: the checker's name unless the check cell says otherwise. */
  gradeId: string;
  points: number;
  /** Index of the answer cell and of the check cell. */
  answerCell: number;
  checkCell: number;
  /** `check.<checker>` that the check cell calls. */
  checker: string;
  /** The name the answer cell defines and the check passes to the checker. */
  answerName: string;
}

export const cellSource = (cell: NotebookCell): string => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);
const tagsOf = (cell: NotebookCell): string[] => cell.metadata?.tags ?? [];
const isAnswerCell = (cell: NotebookCell) => cell.cell_type === "code" && tagsOf(cell).includes(SOLUTION_TAG);

/** The official check: an import of `check` and one `check.<checker>(<name>);` call, nothing else. */
const CHECK_SOURCE = /^import \{ check \} from "lossbook";\s*\n(?:\s*\n)*check\.([A-Za-z_$][\w$]*)\(([A-Za-z_$][\w$]*)\);\s*$/;

/** The names a piece of code declares at its top level of braces (function, const, let, var, class). */
function declaredNames(code: string): string[] {
  const names: string[] = [];
  const pattern = /(?:^|\n)[ \t]*(?:export\s+)?(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/g;
  for (const match of code.matchAll(pattern)) names.push(match[1]);
  return names;
}

/** The lossbook metadata of a cell (`metadata.lossbook`), where an exercise may set its grade id and points. */
function lossbookMetadata(cell: NotebookCell): { grade_id?: unknown; points?: unknown } {
  const value = cell.metadata?.lossbook;
  return value !== null && typeof value === "object" ? (value as { grade_id?: unknown; points?: unknown }) : {};
}

/**
 * The exercises of a notebook and every way it breaks the conventions
 * (readable, naming the cell). `knownCheckers` (the names in `check`) lets it
 * flag a check of a checker that does not exist.
 */
export function notebookExercises(notebook: NotebookDocument, knownCheckers?: readonly string[]): { exercises: NotebookExercise[]; problems: string[] } {
  const exercises: NotebookExercise[] = [];
  const problems: string[] = [];
  notebook.cells.forEach((cell, index) => {
    const tags = tagsOf(cell);
    const where = `cell ${index}${cell.id === undefined ? "" : ` (id ${cell.id})`}`;
    if (cell.cell_type !== "code") {
      if (tags.some((tag) => [EXERCISE_TAG, SOLUTION_TAG, CHECK_TAG].includes(tag))) problems.push(`${where} is a ${cell.cell_type} cell tagged ${tags.join(", ")}: exercise tags belong on code cells`);
      return;
    }
    if (tags.includes(CHECK_TAG)) {
      if (!isAnswerCell(notebook.cells[index - 1] ?? { cell_type: "", source: "" })) problems.push(`${where} is tagged "check" but does not follow an answer cell (tagged "exercise" and "solution")`);
      return;
    }
    if (tags.includes(EXERCISE_TAG) !== tags.includes(SOLUTION_TAG)) {
      problems.push(`${where} is tagged ${tags.includes(EXERCISE_TAG) ? '"exercise" without "solution"' : '"solution" without "exercise"'}: an answer cell has both`);
    }
    if (!isAnswerCell(cell)) return;
    const source = cellSource(cell);
    try {
      solutionBlocks(source, where);
    } catch (error) {
      problems.push((error as Error).message);
    }
    const next = notebook.cells[index + 1];
    if (next === undefined || next.cell_type !== "code" || !tagsOf(next).includes(CHECK_TAG)) {
      problems.push(`${where} is an answer cell, but the cell after it is not a code cell tagged "check"`);
      return;
    }
    const match = CHECK_SOURCE.exec(cellSource(next));
    if (match === null) {
      problems.push(`cell ${index + 1}: a check cell must be exactly \`import { check } from "lossbook";\` and one \`check.<checker>(<answer>);\`, got ${JSON.stringify(cellSource(next))}`);
      return;
    }
    const [, checker, answerName] = match;
    if (knownCheckers !== undefined && !knownCheckers.includes(checker)) problems.push(`cell ${index + 1} calls check.${checker}, which does not exist`);
    if (!declaredNames(source).includes(answerName)) problems.push(`cell ${index + 1} checks ${answerName}, which the answer cell ${index} does not define`);
    const meta = lossbookMetadata(next);
    const gradeId = typeof meta.grade_id === "string" ? meta.grade_id : checker;
    const points = meta.points === undefined ? 1 : meta.points;
    if (typeof points !== "number" || !(points > 0)) {
      problems.push(`cell ${index + 1}: metadata.lossbook.points must be a positive number, got ${JSON.stringify(points)}`);
      return;
    }
    if (exercises.some((e) => e.gradeId === gradeId)) problems.push(`cell ${index + 1}: grade id "${gradeId}" is used twice; set metadata.lossbook.grade_id on one check cell`);
    exercises.push({ gradeId, points, answerCell: index, checkCell: index + 1, checker, answerName });
  });
  return { exercises, problems };
}

// ------------------------------------------------------------------ student version

/** One BEGIN/END SOLUTION block: line numbers (0-based) of its markers. */
interface SolutionBlock {
  begin: number;
  end: number;
}

/** The solution blocks of a cell's source; throws (naming `where`) when the markers are unbalanced or missing. */
export function solutionBlocks(source: string, where = "cell"): SolutionBlock[] {
  const blocks: SolutionBlock[] = [];
  let begin: number | undefined;
  source.split("\n").forEach((line, number) => {
    const marker = line.trim();
    if (marker === BEGIN_SOLUTION) {
      if (begin !== undefined) throw new Error(`${where}: BEGIN SOLUTION inside another solution block`);
      begin = number;
    } else if (marker === END_SOLUTION) {
      if (begin === undefined) throw new Error(`${where}: END SOLUTION without BEGIN SOLUTION`);
      blocks.push({ begin, end: number });
      begin = undefined;
    }
  });
  if (begin !== undefined) throw new Error(`${where}: BEGIN SOLUTION is never closed by END SOLUTION`);
  if (blocks.length === 0) throw new Error(`${where}: tagged "solution" but has no ${BEGIN_SOLUTION} … ${END_SOLUTION} block`);
  return blocks;
}

/**
 * The depth of curly braces at the start of each line, and after the last
 * (strings, template literals and comments skipped): 0 at the top level of
 * the cell, 1 inside a function body, and so on.
 */
function braceDepthPerLine(source: string): number[] {
  const depths = [0];
  let depth = 0;
  let state: "code" | "line-comment" | "block-comment" | "'" | '"' | "`" = "code";
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const next = source[i + 1];
    if (c === "\n") {
      if (state === "line-comment") state = "code";
      depths.push(depth);
      continue;
    }
    if (state === "code") {
      if (c === "/" && next === "/") state = "line-comment";
      else if (c === "/" && next === "*") state = "block-comment";
      else if (c === "'" || c === '"' || c === "`") state = c;
      else if (c === "{") depth++;
      else if (c === "}") depth = Math.max(0, depth - 1);
    } else if (state === "block-comment") {
      if (c === "*" && next === "/") {
        state = "code";
        i++;
      }
    } else if (state !== "line-comment") {
      if (c === "\\") i++;
      else if (c === state) state = "code";
    }
  }
  depths.push(depth); // after the last line
  return depths;
}

/** A word in code (not inside a longer identifier). */
const mentions = (code: string, name: string) => new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`).test(code);

/**
 * The student version of an answer cell's source. Each solution block becomes
 * `// YOUR CODE HERE` and, inside a function, a line that throws
 * "Not written yet: …" (in Chinese 还没有写：…) when the function is called (so the cell still
 * compiles and runs, and the check reports the exercise as not written yet).
 * At the top level of the cell the block just becomes the comment (a throw
 * there would stop Run All). Lines after the block that use a name only the
 * solution declared (e.g. `return result;`) are dropped up to the end of the
 * enclosing block, so the stub compiles and a learner may `return` directly.
 */
export function stripSolution(source: string, where = "cell", answerName?: string, language: Language = "en"): string {
  const blocks = solutionBlocks(source, where);
  const lines = source.split("\n");
  const depths = braceDepthPerLine(source);
  const drop = new Set<number>();
  const replacement = new Map<number, string[]>();
  for (const { begin, end } of blocks) {
    const indent = lines[begin].slice(0, lines[begin].length - lines[begin].trimStart().length);
    const depth = depths[begin];
    const name = answerName ?? declaredNames(source)[0] ?? "your answer";
    replacement.set(begin, depth > 0 ? [`${indent}${YOUR_CODE_HERE}`, `${indent}throw new Error("${notWrittenYetError(name, language)}");`] : [`${indent}${YOUR_CODE_HERE}`]);
    for (let line = begin + 1; line <= end; line++) drop.add(line);
    const solutionNames = declaredNames(lines.slice(begin + 1, end).join("\n"));
    // The rest of the enclosing block: up to the line that closes it (kept), or to the end of the cell.
    let stop = lines.length;
    if (depth > 0) {
      for (let line = end + 1; line < lines.length; line++) {
        if (depths[line + 1] < depth) {
          stop = line;
          break;
        }
      }
    }
    const rest = lines.slice(end + 1, stop);
    if (solutionNames.some((n) => rest.some((line) => mentions(line, n)))) {
      for (let line = end + 1; line < stop; line++) drop.add(line);
    }
  }
  const out: string[] = [];
  lines.forEach((line, number) => {
    if (replacement.has(number)) out.push(...(replacement.get(number) as string[]));
    else if (!drop.has(number)) out.push(line);
  });
  return out.join("\n");
}

/** nbgrader's cell metadata (schema 3) for an answer cell and a check cell. */
export function nbgraderMetadata(exercise: NotebookExercise): { answer: Record<string, unknown>; check: Record<string, unknown> } {
  return {
    answer: { grade: false, grade_id: `${exercise.gradeId}-answer`, locked: false, schema_version: 3, solution: true, task: false },
    check: { grade: true, grade_id: exercise.gradeId, locked: true, points: exercise.points, schema_version: 3, solution: false, task: false },
  };
}

/**
 * The student version of a notebook (a new object; the input is unchanged):
 * every answer cell stripped by {@link stripSolution}, the outputs of answer
 * and check cells cleared, nbgrader metadata on both. Throws when the
 * notebook breaks the conventions, naming what is wrong.
 */
export function studentNotebook(notebook: NotebookDocument, name = "notebook", language: Language = "en"): NotebookDocument {
  const { exercises, problems } = notebookExercises(notebook);
  if (problems.length > 0) throw new Error(`${name} does not follow the exercise conventions:\n  ${problems.join("\n  ")}`);
  const copy = structuredClone(notebook);
  for (const exercise of exercises) {
    const answer = copy.cells[exercise.answerCell];
    const checkCell = copy.cells[exercise.checkCell];
    answer.source = stripSolution(cellSource(answer), `${name} cell ${exercise.answerCell}`, exercise.answerName, language).split(/(?<=\n)/);
    const metadata = nbgraderMetadata(exercise);
    answer.metadata = { ...answer.metadata, nbgrader: metadata.answer };
    checkCell.metadata = { ...checkCell.metadata, nbgrader: metadata.check, editable: false, deletable: false };
    for (const cell of [answer, checkCell]) {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  return copy;
}

/** The id of the cell that sets a translated notebook's language (see {@link languageCell}). */
export const LANGUAGE_CELL_ID = "lossbook-language";

/**
 * The code cell that sets the language of the checks and the plots' default
 * labels (setLanguage of src/language), for a notebook in another language
 * than English; placed before the notebook's first code cell. Its comment is
 * in that language.
 */
export function languageCell(language: "zh-Hans"): NotebookCell {
  const comment = { "zh-Hans": "// 本笔记本用中文：练习检查（check.*）的提示和图表的默认标题、坐标轴标签都是中文。" }[language];
  return {
    cell_type: "code",
    id: LANGUAGE_CELL_ID,
    metadata: { tags: ["language"] },
    execution_count: null,
    outputs: [],
    source: [`${comment}\n`, 'import { setLanguage } from "lossbook";\n', `setLanguage(${JSON.stringify(language)});`],
  };
}

/** The notebook with {@link languageCell} inserted before its first code cell (a new object). */
export function withLanguageCell<N extends NotebookDocument>(notebook: N, language: "zh-Hans"): N {
  const cells = notebook.cells.filter((cell) => cell.id !== LANGUAGE_CELL_ID);
  const first = cells.findIndex((cell) => cell.cell_type === "code");
  const at = first === -1 ? cells.length : first;
  return { ...notebook, cells: [...cells.slice(0, at), languageCell(language), ...cells.slice(at)] };
}
