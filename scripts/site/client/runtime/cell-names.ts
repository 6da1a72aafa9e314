/**
 * Which cell of the page declares a name: for the message a reader gets when
 * a cell uses a name that is not defined yet. Kept apart from cell-code.ts so
 * the page does not load the transpiler (that lives in the worker).
 */

/**
 * Which cell declares `name` at its top level (its number), among `cells`
 * in page order, or undefined. A text search over the TypeScript sources,
 * used only to word the message for a name that is not defined yet.
 */
export function cellDeclaring(name: string, cells: ReadonlyArray<{ number: number; source: string }>): number | undefined {
  const escaped = name.replace(/[$]/g, "\\$");
  const declaration = new RegExp(
    `^(?:export\\s+)?(?:(?:const|let|var)\\s+(?:${escaped}\\b|[{[][^=]*\\b${escaped}\\b)|(?:async\\s+)?function\\*?\\s+${escaped}\\b|class\\s+${escaped}\\b|import\\s*\\{[^}]*\\b${escaped}\\b[^}]*\\}\\s*from)`,
    "m",
  );
  return cells.find((cell) => declaration.test(cell.source))?.number;
}
