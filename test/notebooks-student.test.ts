import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { check } from "../src/exercises";
import { listNotebooks, type Notebook } from "../scripts/notebook-runner";
import { stripSolution, studentNotebook } from "../scripts/student-notebooks";

describe("stripSolution", () => {
  it("replaces the solution block with a placeholder at its indentation", () => {
    const source = ["function mySigmoid(z: number): number {", "  // BEGIN SOLUTION", "  return 1 / (1 + Math.exp(-z));", "  // END SOLUTION", "}"].join("\n");
    expect(stripSolution(source)).toBe(
      ["function mySigmoid(z: number): number {", "  // YOUR CODE HERE", '  throw new Error("Not written yet: replace this line with your code.");', "}"].join("\n"),
    );
  });

  it("rejects unbalanced or missing markers, naming the cell", () => {
    expect(() => stripSolution("// BEGIN SOLUTION\nx", "nb cell 3")).toThrow("nb cell 3: BEGIN SOLUTION is never closed");
    expect(() => stripSolution("x\n// END SOLUTION")).toThrow(/END SOLUTION without BEGIN/);
    expect(() => stripSolution("x")).toThrow(/no \/\/ BEGIN SOLUTION/);
  });

  it("gives a function that the checker reports as not written yet, without throwing", () => {
    const stub = stripSolution("(z: number): number => {\n  // BEGIN SOLUTION\n  return z;\n  // END SOLUTION\n}").replace("(z: number): number =>", "(z) =>");
    const learner = new Function(`return ${stub}`)() as (z: number) => number;
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const result = check.sigmoid(learner);
    vi.restoreAllMocks();
    expect(result.passed).toBe(false);
    expect(result.message).toContain("Not written yet");
  });
});

describe("student versions of the committed notebooks", () => {
  for (const path of listNotebooks()) {
    it(`${path.split("/").pop()}: every solution cell has a marked solution, and none survives`, () => {
      const notebook = JSON.parse(readFileSync(path, "utf8")) as Notebook;
      const student = studentNotebook(notebook, path);
      const text = JSON.stringify(student);
      expect(text).not.toContain("BEGIN SOLUTION");
      expect(student.cells).toHaveLength(notebook.cells.length);
      const solutions = student.cells.filter((cell) => cell.metadata?.tags?.includes("solution"));
      for (const cell of solutions) expect([cell.source].flat().join("")).toContain("// YOUR CODE HERE");
    });
  }
});
