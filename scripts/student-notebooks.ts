/**
 * `npx tsx scripts/student-notebooks.ts [outDir]` (default `student-notebooks/`):
 * writes the student version of every notebook: in each cell tagged
 * "solution", the lines from `// BEGIN SOLUTION` to `// END SOLUTION` become a
 * `// YOUR CODE HERE` line and a throw, and the outputs of the exercise and
 * check cells are cleared; everything else (prose, plots) stays.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { listNotebooks, repoRoot, type Notebook } from "./notebook-runner";

const PLACEHOLDER = 'throw new Error("Not written yet: replace this line with your code.");';

/** The source with each BEGIN/END SOLUTION block replaced by a placeholder at the block's indentation. */
export function stripSolution(source: string, where = "cell"): string {
  const lines = source.split("\n");
  const out: string[] = [];
  let inside = false;
  let blocks = 0;
  for (const line of lines) {
    const marker = line.trim();
    if (marker === "// BEGIN SOLUTION") {
      if (inside) throw new Error(`${where}: BEGIN SOLUTION inside another solution block`);
      inside = true;
      blocks++;
      const indent = line.slice(0, line.length - line.trimStart().length);
      out.push(`${indent}// YOUR CODE HERE`, `${indent}${PLACEHOLDER}`);
    } else if (marker === "// END SOLUTION") {
      if (!inside) throw new Error(`${where}: END SOLUTION without BEGIN SOLUTION`);
      inside = false;
    } else if (!inside) {
      out.push(line);
    }
  }
  if (inside) throw new Error(`${where}: BEGIN SOLUTION is never closed by END SOLUTION`);
  if (blocks === 0) throw new Error(`${where}: tagged "solution" but has no // BEGIN SOLUTION … // END SOLUTION block`);
  return out.join("\n");
}

/** The student version of a notebook (a new object; the input is not changed). */
export function studentNotebook(notebook: Notebook, name = "notebook"): Notebook {
  const copy = structuredClone(notebook);
  copy.cells.forEach((cell, index) => {
    const tags = cell.metadata?.tags ?? [];
    if (cell.cell_type !== "code") return;
    if (tags.includes("solution")) {
      const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
      const stripped = stripSolution(source, `${name} cell ${index}`);
      cell.source = stripped.split(/(?<=\n)/);
    }
    if (tags.includes("solution") || tags.includes("exercise") || tags.includes("check")) {
      cell.outputs = [];
      cell.execution_count = null;
    }
  });
  return copy;
}

function main(): void {
  const outDir = resolve(process.argv[2] ?? join(repoRoot, "student-notebooks"));
  mkdirSync(outDir, { recursive: true });
  for (const path of listNotebooks()) {
    const notebook = JSON.parse(readFileSync(path, "utf8")) as Notebook;
    const student = studentNotebook(notebook, basename(path));
    writeFileSync(join(outDir, basename(path)), `${JSON.stringify(student, null, 1)}\n`);
    console.log(`${basename(path)} → ${join(outDir, basename(path))}`);
  }
}

if (require.main === module) main();
