/**
 * `npm run bench:grade [-- --students 30 --chapter 05-huber.ipynb --jobs 2]`:
 * times `npm run grade` on a class of synthetic submissions of one chapter
 * (a third right, a third wrong, a third blank, from the student version),
 * against the baseline of executing that chapter once in the kernel, timed in
 * the same run. Prints the load average, since the machine may be shared.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { cellSource, notebookExercises, studentNotebook, type NotebookDocument } from "../src/exercises/notebook-exercises";
import { ensureTslabKernel, executeCopy, findJupyter, notebooksDir, repoRoot } from "./notebook-runner";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const students = Number(option("--students", "30"));
  const chapter = option("--chapter", "05-huber.ipynb");
  const jobs = option("--jobs", "2");
  const install = findJupyter(["nbconvert"]);
  if (install === undefined) throw new Error("Jupyter is needed (see README).");
  await ensureTslabKernel(install);
  const source = JSON.parse(readFileSync(join(notebooksDir, chapter), "utf8")) as NotebookDocument;
  const student = studentNotebook(source, chapter);
  const { exercises } = notebookExercises(source);
  const dir = mkdtempSync(join(tmpdir(), "lossbook-bench-grade-"));
  try {
    for (let i = 0; i < students; i++) {
      const copy = structuredClone(student);
      const kind = i % 3;
      for (const exercise of exercises) {
        if (kind === 0) copy.cells[exercise.answerCell].source = cellSource(source.cells[exercise.answerCell]);
        if (kind === 1) copy.cells[exercise.answerCell].source = cellSource(source.cells[exercise.answerCell]).replace(/return /, "return 1 + ");
      }
      mkdirSync(join(dir, `student-${String(i + 1).padStart(2, "0")}`, "assignment"), { recursive: true });
      writeFileSync(join(dir, `student-${String(i + 1).padStart(2, "0")}`, "assignment", chapter), JSON.stringify(copy, null, 1));
    }
    const baselineStart = performance.now();
    await executeCopy(install, join(notebooksDir, chapter));
    const baseline = (performance.now() - baselineStart) / 1000;
    const started = performance.now();
    await new Promise<void>((resolve, reject) =>
      execFile(join(repoRoot, "node_modules", ".bin", "tsx"), [join(repoRoot, "scripts", "grade.ts"), dir, "--jobs", jobs], { maxBuffer: 16 << 20 }, (error, stdout) => (error ? reject(error) : (console.log(stdout), resolve()))),
    );
    const total = (performance.now() - started) / 1000;
    const rows = readFileSync(join(dir, "grades.csv"), "utf8").trim().split("\n").length - 1;
    console.log(`load average before/after: ${loadavg().map((l) => l.toFixed(1)).join(", ")}`);
    console.log(`baseline: one plain execution of ${chapter}: ${baseline.toFixed(1)} s`);
    console.log(`grading ${students} students × ${chapter} (${rows} rows), ${jobs} at a time: ${total.toFixed(1)} s = ${(total / 60).toFixed(1)} min, ${(total / students).toFixed(1)} s per student = ${(total / students / baseline).toFixed(2)}× the baseline`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
