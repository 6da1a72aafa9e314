/**
 * The scope every cell of a chapter shares, as tslab's kernel shares a
 * cell's declarations with the cells after it. A cell's body (cell-code.ts)
 * runs as an async function inside `with (scope)`: a name some cell declared
 * is read and written here; a global (Math, console, …) is left to the
 * global object; any other name is not defined, so reading or assigning it
 * throws a ReferenceError naming it (as strict code would).
 */
import type { PreparedCell } from "./cell-code";

/** The ReferenceError of a name no cell has defined, with the name for the page's hint. */
export class NameNotDefined extends ReferenceError {
  constructor(readonly missingName: string) {
    super(`${missingName} is not defined`);
    this.name = "ReferenceError";
  }
}

/** The names the cell bodies use for the scope and the importable modules themselves. */
const RESERVED = new Set(["__scope", "__modules"]);

export interface CellScope {
  /** Runs a prepared cell; resolves with the value of its last expression (or undefined). */
  run(cell: PreparedCell): Promise<unknown>;
}

export function createCellScope(modules: Record<string, unknown>): CellScope {
  const values = new Map<string, unknown>();
  const scope = new Proxy(Object.create(null) as Record<string, unknown>, {
    has: (_target, key) => typeof key === "string" && !RESERVED.has(key) && (values.has(key) || !(key in globalThis)),
    get: (_target, key) => {
      if (typeof key !== "string") return undefined; // Symbol.unscopables and the like
      if (values.has(key)) return values.get(key);
      throw new NameNotDefined(key);
    },
    set: (_target, key, value) => {
      if (typeof key !== "string" || !values.has(key)) throw new NameNotDefined(String(key));
      values.set(key, value);
      return true;
    },
  });
  return {
    run(cell) {
      for (const name of cell.declared) if (!values.has(name)) values.set(name, undefined);
      // Sloppy-mode Function: `with` is what shares the scope.
      const body = new Function("__scope", "__modules", `with (__scope) { return (async function () {\n${cell.body}\n}).call(undefined); }`) as (scope: unknown, modules: unknown) => Promise<unknown>;
      return body(scope, modules);
    },
  };
}
