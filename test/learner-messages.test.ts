/**
 * What a learner sees when a cell fails: a LossbookError as its message and
 * the learner's own line (no frames of lossbook or Node), and "Cannot find
 * name" with the advice to run the cell that defines the name (the tslab
 * patch in scripts/patches), in the real kernel.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LossbookError, learnerView } from "../src/errors";
import { huber } from "../src";
import { ensureTslabKernel, executeNotebook, findJupyter, repoRoot, type Notebook } from "../scripts/notebook-runner";

describe("LossbookError as Node prints it", () => {
  it("shows the message and the caller's line, not lossbook's frames; the stack keeps them", () => {
    let error: unknown;
    try {
      huber([1, 2], [1]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LossbookError);
    const shown = inspect(error);
    const lines = shown.split("\n");
    expect(lines[0]).toBe("LossbookError: yPred: has length 1 but yTrue has length 2; they must match");
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(shown).not.toMatch(/[\\/](src|dist)[\\/]losses/);
    expect((error as Error).stack).toMatch(/[\\/]src[\\/]losses[\\/]/);
    expect(learnerView(new LossbookError("x", "is wrong"))).toMatch(/^LossbookError: x: is wrong(\n|$)/);
  });
});

const install = findJupyter(["nbconvert"]);
// Skipped only where Jupyter is absent and not required (a local run); with REQUIRE_JUPYTER=1 (CI) it runs and fails without Jupyter.
describe.runIf(install !== undefined || process.env.REQUIRE_JUPYTER === "1")("learner messages in the tslab kernel", () => {
  const dir = mkdtempSync(join(tmpdir(), "lossbook-messages-"));
  let outputs: string[] = [];
  beforeAll(async () => {
    symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
    const code = (source: string, tags: string[] = []) => ({ cell_type: "code", execution_count: null, metadata: { tags }, outputs: [], source });
    const path = join(dir, "messages.ipynb");
    writeFileSync(
      path,
      JSON.stringify({
        cells: [
          code('import { huber } from "lossbook";\nhuber([1, 2], [1]);', ["raises-exception"]),
          code("console.log(myHelper(2));", ["raises-exception"]),
          code("console.log(notDefinedAnywhere);", ["raises-exception"]),
          code("function myHelper(x: number): number {\n  return x * 2;\n}"),
        ],
        metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
        nbformat: 4,
        nbformat_minor: 5,
      }),
    );
    if (!install) throw new Error("REQUIRE_JUPYTER=1 but Jupyter's nbconvert is not installed: apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel");
    await ensureTslabKernel(install);
    // Jupyter servers name the notebook of a kernel in JPY_SESSION_NAME; nbconvert does not, so the test does.
    process.env.JPY_SESSION_NAME = path;
    try {
      await executeNotebook(install, path);
    } finally {
      delete process.env.JPY_SESSION_NAME;
    }
    const executed = JSON.parse(readFileSync(path, "utf8")) as Notebook;
    outputs = executed.cells.map((cell) => (cell.outputs ?? []).map((o) => [o.text ?? ""].flat().join("")).join(""));
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a LossbookError shows its message and the cell's line only", () => {
    const lines = outputs[0].trim().split("\n");
    expect(lines[0]).toBe("LossbookError: yPred: has length 1 but yTrue has length 2; they must match");
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(outputs[0]).not.toMatch(/node_modules|[\\/]dist[\\/]|node:internal/);
  });

  it("'Cannot find name' for a name another cell defines says to run that cell", () => {
    expect(outputs[1]).toContain("Cannot find name 'myHelper'");
    expect(outputs[1]).toContain("myHelper is defined in another cell of this notebook (function myHelper(x: number): number {): run that cell first, then this one.");
    expect(outputs[2]).toContain("Cannot find name 'notDefinedAnywhere'");
    expect(outputs[2]).toContain("If an earlier cell defines notDefinedAnywhere, run that cell first");
  });
});
