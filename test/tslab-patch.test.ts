/**
 * tslab 1.0.22 compiles a reference to an earlier cell's variable `x` into
 * `exports.x`, but left object shorthand `{ x }` alone, which then failed at
 * run time with "ReferenceError: x is not defined". scripts/patches/ fixes
 * its converter (applied by patch-package on npm install); this runs the real
 * converter on two cells, as the kernel does, and evaluates the result.
 */
import { describe, expect, it } from "vitest";

interface Converted {
  output?: string;
  declOutput?: string;
  diagnostics: unknown[];
}
interface Converter {
  convert(previousDeclarations: string, source: string): Converted;
  close(): void;
}

function runCells(cells: string[]): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createConverter } = require("tslab/dist/converter") as { createConverter: () => Converter };
  const converter = createConverter();
  const exportsObject: Record<string, unknown> = {};
  try {
    let declarations = "";
    for (const cell of cells) {
      const converted = converter.convert(declarations, cell);
      expect(converted.diagnostics).toEqual([]);
      new Function("exports", "require", converted.output ?? "")(exportsObject, require);
      declarations = converted.declOutput ?? declarations;
    }
  } finally {
    converter.close();
  }
  return exportsObject;
}

describe("tslab object shorthand across cells (patched converter)", () => {
  it("reads a variable of an earlier cell through { x }", () => {
    const result = runCells(["const x = 1; const y = 2;", "const point = { x, y };"]);
    expect(result.point).toEqual({ x: 1, y: 2 });
  });

  it("still leaves shorthand for a variable of the same cell alone", () => {
    const result = runCells(["const x = 1;", "const z = 3; const both = { x, z };"]);
    expect(result.both).toEqual({ x: 1, z: 3 });
  });
});
