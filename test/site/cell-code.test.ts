/** tslab's cell semantics for the browser (cell-code.ts), on the real sucrase and acorn. */
import { describe, expect, it } from "vitest";
import { CellSyntaxError, prepareCell, syntaxErrorMessage } from "../../scripts/site/client/runtime/cell-code";
import { cellDeclaring } from "../../scripts/site/client/runtime/cell-names";
import { createCellScope } from "../../scripts/site/client/runtime/scope";

/** Runs cells one after another in one shared scope, as the worker does. */
function kernel(modules: Record<string, unknown> = { lossbook: { answer: 42 } }) {
  const scope = createCellScope(modules);
  return (source: string) => scope.run(prepareCell(source));
}

describe("cell code", () => {
  it("shares top-level names between cells and lets a cell that declares const run again", async () => {
    const run = kernel();
    await run("const x: number = 2;\nlet { a, b: [c] } = { a: 1, b: [3] };");
    expect(await run("x * 10 + a + c")).toBe(24);
    await run("const x = 5;");
    expect(await run("x")).toBe(5);
    await run("function twice(v: number): number { return 2 * v; }\nclass Box { constructor(readonly v: number) {} }");
    expect(await run("twice(new Box(4).v)")).toBe(8);
    await run("let count = 0;");
    await run("count += 1; count += 1;");
    expect(await run("count")).toBe(2);
  });

  it("reads imports from the bundled library and keeps imported names for later cells", async () => {
    const run = kernel();
    await run('import { answer, answer as alias } from "lossbook";');
    expect(await run("answer + alias")).toBe(84);
    expect(() => prepareCell('import fs from "node:fs";')).toThrow(/only "lossbook" is available/);
  });

  it("returns the last expression only, awaits top-level await", async () => {
    const run = kernel();
    expect(await run("const y = 1;")).toBeUndefined();
    expect(await run("await Promise.resolve(7)")).toBe(7);
    expect(prepareCell("1;\nconst z = 2;").returnsValue).toBe(false);
  });

  it("throws a ReferenceError naming a name no cell defined", async () => {
    const run = kernel();
    await expect(run("notYet + 1")).rejects.toThrow("notYet is not defined");
    await expect(run("Math.max(1, 2)")).resolves.toBe(2);
  });

  it("reports syntax errors with line and column of the TypeScript", () => {
    const error = (() => {
      try {
        prepareCell("const a = 1;\n  let b = = 2;");
      } catch (caught) {
        return caught as CellSyntaxError;
      }
    })();
    expect(error).toBeInstanceOf(CellSyntaxError);
    expect([error?.line, error?.column]).toEqual([2, 11]);
    // In Chinese the parser's message is introduced by a sentence from the same line and column; in English it is as the parser wrote it.
    expect(syntaxErrorMessage(error!, "en")).toBe(error!.message);
    expect(error!.message).toMatch(/^Unexpected token.*\(line 2, column 11\)$/);
    expect(syntaxErrorMessage(error!, "zh-Hans")).toBe(`语法错误：第 2 行第 11 列附近有意外的符号。${error!.message}`);
  });

  it("gives a workbook rule's error (no export) without the parser's Chinese sentence", () => {
    let caught: unknown;
    try {
      prepareCell("export const a = 1;");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CellSyntaxError);
    expect(syntaxErrorMessage(caught as CellSyntaxError, "zh-Hans")).toBe((caught as CellSyntaxError).message);
  });

  it("finds the cell that declares a name", () => {
    const cells = [
      { number: 3, source: "const targets = [1];\nconst { delta } = options;" },
      { number: 7, source: "function fitLine() {}" },
      { number: 9, source: 'import { huber } from "lossbook";' },
    ];
    expect(cellDeclaring("targets", cells)).toBe(3);
    expect(cellDeclaring("delta", cells)).toBe(3);
    expect(cellDeclaring("fitLine", cells)).toBe(7);
    expect(cellDeclaring("huber", cells)).toBe(9);
    expect(cellDeclaring("missing", cells)).toBeUndefined();
  });
});
