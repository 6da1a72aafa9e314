/**
 * `npm run notebooks:student [-- outDir]` (default `student-notebooks/`):
 * writes the student version of every notebook (src/exercises/notebook-exercises.ts:
 * solutions replaced by stubs that compile and report "not written yet",
 * exercise outputs cleared, nbgrader metadata added); prose and plots stay.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { studentNotebook, type NotebookDocument } from "../src/exercises/notebook-exercises";
import { listNotebooks, repoRoot } from "./notebook-runner";

/** A notebook's text as nbformat writes it (one-space indent, a final newline). */
export function notebookText(notebook: NotebookDocument): string {
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/** Writes the student version of each notebook into `outDir`; returns the paths written. */
export function writeStudentNotebooks(outDir: string, notebooks = listNotebooks()): string[] {
  mkdirSync(outDir, { recursive: true });
  return notebooks.map((path) => {
    const student = studentNotebook(JSON.parse(readFileSync(path, "utf8")) as NotebookDocument, basename(path));
    const target = join(outDir, basename(path));
    writeFileSync(target, notebookText(student));
    return target;
  });
}

function main(): void {
  const outDir = resolve(process.argv[2] ?? join(repoRoot, "student-notebooks"));
  for (const target of writeStudentNotebooks(outDir)) console.log(`→ ${target}`);
}

if (require.main === module) main();
