/**
 * `npm run grade -- DIR [--source notebooks/] [--timeout 60] [--jobs 2]`:
 * grades every submitted notebook `DIR/<student>/…/<chapter>.ipynb` (nbgrader's
 * `submitted/<student>/<assignment>/` layout fits) against the official
 * notebooks (the source versions, with solutions: notebooks/ by default).
 * Each submission runs in the tslab kernel in its own folder with its own copy
 * of the library (src/exercises/grading.ts: official check cells, answers from
 * the submission), with a time limit per cell. Writes `DIR/grades.csv`
 * (student, notebook, exercise, points, max_points, feedback) and
 * `DIR/<student>/feedback.html`. A file that cannot be graded scores 0 with
 * the reason; grading never stops on one submission.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { gradingNotebook, readSubmission, recogniseChapter, scoreExercises, zeroGrades, type ExerciseGrade } from "../src/exercises/grading";
import type { NotebookDocument } from "../src/exercises/notebook-exercises";
import { escapeHtml } from "../src/plot/show";
import { INSTALL_JUPYTER_HELP, ensureTslabKernel, findJupyter, listNotebooks, mapWithLimit, notebooksDir, repoRoot, run, type JupyterInstall } from "./notebook-runner";

const driver = join(repoRoot, "scripts", "grade-notebook.py");

/** One submitted file and what it was graded as. */
export interface GradedSubmission {
  student: string;
  /** The file, relative to the student's folder. */
  file: string;
  /** The chapter it was graded as (the source notebook's file name), if any. */
  notebook: string;
  grades: ExerciseGrade[];
  notes: string[];
  seconds: number;
}

/** Every `.ipynb` under a student's folder (checkpoints skipped). */
function notebooksUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== ".ipynb_checkpoints" && entry.name !== "node_modules") found.push(...notebooksUnder(path));
    else if (entry.isFile() && entry.name.endsWith(".ipynb")) found.push(path);
  }
  return found.sort();
}

/**
 * A folder for one submission's kernel: its node_modules links every package
 * of this project except lossbook, which is a private copy (package.json and
 * dist/), so a submission that writes to the library cannot reach another's.
 */
function isolatedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "lossbook-grade-"));
  const modules = join(dir, "node_modules");
  mkdirSync(modules);
  for (const entry of readdirSync(join(repoRoot, "node_modules"))) {
    if (entry === "lossbook" || entry === ".cache" || entry === ".bin") continue;
    symlinkSync(join(repoRoot, "node_modules", entry), join(modules, entry));
  }
  mkdirSync(join(modules, "lossbook"));
  cpSync(join(repoRoot, "package.json"), join(modules, "lossbook", "package.json"));
  cpSync(join(repoRoot, "dist"), join(modules, "lossbook", "dist"), { recursive: true });
  return dir;
}

/** Grades one submitted file; never throws (a failure becomes 0 points with its reason). */
export async function gradeSubmission(install: JupyterInstall, sources: Record<string, NotebookDocument>, student: string, path: string, studentDir: string, seconds: number): Promise<GradedSubmission> {
  const started = performance.now();
  const file = relative(studentDir, path);
  const finish = (notebook: string, grades: ExerciseGrade[], notes: string[] = []): GradedSubmission => ({ student, file, notebook, grades, notes, seconds: (performance.now() - started) / 1000 });
  const named = basename(path);
  const read = readSubmission(readFileSync(path, "utf8"));
  if ("problem" in read) {
    if (sources[named] === undefined) return finish(named, [{ exercise: "", points: 0, maxPoints: 0, status: "unreadable", feedback: read.problem }]);
    return finish(named, zeroGrades(sources[named], "unreadable", read.problem));
  }
  const submission = read.notebook;
  const recognised = recogniseChapter(submission, sources);
  let chapter = named;
  const notes: string[] = [];
  if (sources[named] === undefined) {
    if (recognised === undefined) return finish(named, [{ exercise: "", points: 0, maxPoints: 0, status: "wrong chapter", feedback: `${named} is not a notebook of this course (its chapters: ${Object.keys(sources).join(", ")})` }]);
    chapter = recognised;
    notes.push(`${named} holds chapter ${recognised}; it was graded as that chapter.`);
  } else if (recognised !== undefined && recognised !== named) {
    return finish(named, zeroGrades(sources[named], "wrong chapter", `this file holds chapter ${recognised}, not ${named}: submit your ${named}`));
  }
  const source = sources[chapter];
  let plan;
  try {
    plan = gradingNotebook(source, submission);
  } catch (error) {
    return finish(chapter, zeroGrades(source, "unreadable", `could not be graded: ${(error as Error).message}`));
  }
  const dir = isolatedFolder();
  try {
    const input = join(dir, "submission.ipynb");
    writeFileSync(input, `${JSON.stringify(plan.notebook, null, 1)}\n`);
    const output = join(dir, "graded.ipynb");
    const status = join(dir, "status.json");
    await run(install.python, [driver, input, output, status, String(seconds)], { cwd: dir, timeoutMs: 60 * 60_000 });
    const executed = JSON.parse(readFileSync(output, "utf8")) as NotebookDocument;
    const { timed_out: timedOut } = JSON.parse(readFileSync(status, "utf8")) as { timed_out: number[] };
    return finish(chapter, scoreExercises(executed, plan, timedOut, seconds), [...notes, ...plan.notes]);
  } catch (error) {
    return finish(chapter, zeroGrades(source, "error", `grading could not run this notebook: ${(error as Error).message.split("\n").slice(0, 4).join(" ")}`), [...notes, ...plan.notes]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** grades.csv: one row per exercise of each submission. */
export function gradesCsv(results: GradedSubmission[]): string {
  const rows = [["student", "notebook", "exercise", "points", "max_points", "feedback"]];
  for (const result of results) {
    for (const grade of result.grades) rows.push([result.student, result.notebook, grade.exercise, String(grade.points), String(grade.maxPoints), grade.feedback.replace(/\s*\n\s*/g, " ")]);
  }
  return `${rows.map((row) => row.map(csvField).join(",")).join("\n")}\n`;
}

/** The feedback page of one student: a table per notebook, with each exercise's points and feedback. */
export function feedbackHtml(student: string, results: GradedSubmission[]): string {
  const total = results.flatMap((r) => r.grades).reduce((s, g) => s + g.points, 0);
  const max = results.flatMap((r) => r.grades).reduce((s, g) => s + g.maxPoints, 0);
  const sections = results.map((result) => {
    const points = result.grades.reduce((s, g) => s + g.points, 0);
    const maxPoints = result.grades.reduce((s, g) => s + g.maxPoints, 0);
    const rows = result.grades
      .map((g) => `<tr class="${g.points === g.maxPoints && g.maxPoints > 0 ? "passed" : "failed"}"><td>${escapeHtml(g.exercise || "—")}</td><td>${g.points} / ${g.maxPoints}</td><td>${escapeHtml(g.status)}</td><td><pre>${escapeHtml(g.feedback)}</pre></td></tr>`)
      .join("\n");
    const notes = result.notes.length === 0 ? "" : `<ul class="notes">${result.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>`;
    return `<section><h2>${escapeHtml(result.notebook)} <small>(${escapeHtml(result.file)})</small>: ${points} / ${maxPoints}</h2>${notes}
<table><thead><tr><th>Exercise</th><th>Points</th><th>Result</th><th>Feedback</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Feedback for ${escapeHtml(student)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2328;background:#fff}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d7de;padding:.4rem;text-align:left;vertical-align:top}
pre{white-space:pre-wrap;margin:0;font-size:.9em}tr.passed td:nth-child(2){color:#1a7f37}tr.failed td:nth-child(2){color:#cf222e}
@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}th,td{border-color:#30363d}tr.passed td:nth-child(2){color:#3fb950}tr.failed td:nth-child(2){color:#f85149}}
</style></head><body>
<h1>Feedback for ${escapeHtml(student)}: ${total} / ${max} points</h1>
${sections.join("\n")}
</body></html>
`;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let dir: string | undefined;
  let sourceDir = notebooksDir;
  let seconds = 60;
  let jobs = 2;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--source") sourceDir = resolve(args[++i]);
    else if (args[i] === "--timeout") seconds = Math.max(1, Number(args[++i]) || 60);
    else if (args[i] === "--jobs") jobs = Math.max(1, Number(args[++i]) || 1);
    else dir = resolve(args[i]);
  }
  if (dir === undefined || !existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error("Usage: npm run grade -- DIR [--source notebooks/] [--timeout seconds per cell] [--jobs N]\n  DIR holds one folder per student: DIR/<student>/…/<chapter>.ipynb");
    return 1;
  }
  const install = findJupyter(["nbconvert"]);
  if (install === undefined) {
    console.error(INSTALL_JUPYTER_HELP);
    return 1;
  }
  await ensureTslabKernel(install);
  const sources = Object.fromEntries(listNotebooks(sourceDir).map((path) => [basename(path), JSON.parse(readFileSync(path, "utf8")) as NotebookDocument]));
  const students = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort();
  const work = students.flatMap((student) => notebooksUnder(join(dir!, student)).map((path) => ({ student, path })));
  console.log(`Grading ${work.length} notebook(s) of ${students.length} student(s), ${jobs} at a time, ${seconds} s per cell at most.`);
  const started = performance.now();
  const results = await mapWithLimit(work, jobs, async ({ student, path }) => {
    const result = await gradeSubmission(install, sources, student, path, join(dir!, student), seconds);
    const points = result.grades.reduce((s, g) => s + g.points, 0);
    const max = result.grades.reduce((s, g) => s + g.maxPoints, 0);
    console.log(`${student}/${result.file}: ${points} / ${max}  (${result.seconds.toFixed(1)} s)`);
    return result;
  });
  writeFileSync(join(dir, "grades.csv"), gradesCsv(results));
  for (const student of students) {
    writeFileSync(join(dir, student, "feedback.html"), feedbackHtml(student, results.filter((r) => r.student === student)));
  }
  console.log(`Wrote ${join(dir, "grades.csv")} and a feedback.html per student in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
