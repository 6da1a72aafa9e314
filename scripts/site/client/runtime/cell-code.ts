/**
 * One notebook cell of TypeScript → JavaScript that runs with tslab's cell
 * semantics in the browser:
 * - types are removed by sucrase (the transpiler measured smallest and
 *   fastest for this job: see scripts/site/workbook.ts and the README);
 * - every top-level name the cell declares (const/let/var, function, class,
 *   and the names it imports) lives in one scope shared by all cells, so a
 *   later cell sees it and re-running a cell that declares `const x` works,
 *   as in tslab (which re-exports a cell's declarations to the next cell);
 * - `import { … } from "lossbook"` reads the library bundled into the worker;
 * - the value of a last expression statement is returned, so the runtime can
 *   print it as tslab does (console.log of the value unless it is null or undefined).
 * Pure: a string in, a string and names out (tested in Node).
 */
import { transform } from "sucrase";
import { parse, type Node } from "acorn";

/** The JavaScript body of an async function run inside `with (scope)`, and what the cell declares. */
export interface PreparedCell {
  /** Statement list for `async function () { … }`; reads and writes shared names through the scope. */
  body: string;
  /** Top-level names the cell declares (its own and imported ones), in source order. */
  declared: string[];
  /** True when the cell ends with an expression whose value the body returns. */
  returnsValue: boolean;
}

/** A syntax error in a cell, with 1-based line and column in the cell's TypeScript. */
export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    /** True when the parser rejected the code (not one of the workbook's own rules, such as no export). */
    readonly fromParser = false,
  ) {
    super(message);
    this.name = "SyntaxError";
  }
}

/**
 * The syntax error's message for a reader of `language`: in Chinese, a
 * parser's error starts with a sentence in Chinese made from its own line
 * and column, before the parser's English words.
 */
export function syntaxErrorMessage(error: CellSyntaxError, language: string): string {
  if (language !== "zh-Hans" || !error.fromParser) return error.message;
  const what = /^Unexpected token/.test(error.message) ? "有意外的符号" : "无法解析";
  return `语法错误：第 ${error.line} 行第 ${error.column} 列附近${what}。${error.message}`;
}

/** Modules a cell may import, and the name the runtime gives them. */
export const IMPORTABLE_MODULES = ["lossbook"] as const;

interface Ranged {
  type: string;
  start: number;
  end: number;
}
type AnyNode = Node & Record<string, unknown>;

/** Removes the TypeScript types of one cell (sucrase; imports and ES syntax are left as they are). */
export function stripTypes(source: string): string {
  try {
    return transform(source, { transforms: ["typescript"], disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (error) {
    // sucrase ends its messages with "(line:column)", both counted from 1.
    const message = (error as Error).message;
    const [, line = "1", column = "1"] = /\((\d+):(\d+)\)\s*$/.exec(message) ?? [];
    throw new CellSyntaxError(`${message.replace(/\s*\(\d+:\d+\)\s*$/, "")} (line ${line}, column ${column})`, Number(line), Number(column), true);
  }
}

/** The names bound by a declaration pattern (`x`, `{ a, b: [c] }`, `...rest`, defaults). */
export function patternNames(pattern: AnyNode, names: string[] = []): string[] {
  switch (pattern.type) {
    case "Identifier":
      names.push(pattern.name as string);
      break;
    case "ObjectPattern":
      for (const property of pattern.properties as AnyNode[]) patternNames((property.type === "RestElement" ? property.argument : property.value) as AnyNode, names);
      break;
    case "ArrayPattern":
      for (const element of pattern.elements as (AnyNode | null)[]) if (element) patternNames(element, names);
      break;
    case "RestElement":
      patternNames(pattern.argument as AnyNode, names);
      break;
    case "AssignmentPattern":
      patternNames(pattern.left as AnyNode, names);
      break;
  }
  return names;
}

/**
 * Rewrites the JavaScript of a cell (types already stripped) so its top-level
 * declarations assign to the shared scope: `const a = 1, { b } = o;` becomes
 * `(a = 1, { b } = o);`, `class A {}` becomes `A = class A {};`, a function
 * declaration stays (it is hoisted) and is copied to the scope first, imports
 * from "lossbook" become reads of the library.
 */
export function rewriteTopLevel(javascript: string): PreparedCell {
  let program: AnyNode;
  try {
    program = parse(javascript, { ecmaVersion: "latest", sourceType: "module", allowAwaitOutsideFunction: true, allowReturnOutsideFunction: false }) as unknown as AnyNode;
  } catch (error) {
    const { message, loc } = error as Error & { loc?: { line: number; column: number } };
    const at = loc ?? { line: 1, column: 0 };
    throw new CellSyntaxError(`${message.replace(/\s*\(\d+:\d+\)\s*$/, "")} (line ${at.line}, column ${at.column + 1})`, at.line, at.column + 1, true);
  }
  const text = (node: Ranged) => javascript.slice(node.start, node.end);
  const declared: string[] = [];
  const declare = (name: string) => {
    if (!declared.includes(name)) declared.push(name);
  };
  const hoisted: string[] = [];
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const statements = program.body as AnyNode[];
  let returnsValue = false;

  statements.forEach((statement, index) => {
    switch (statement.type) {
      case "ImportDeclaration": {
        const module = (statement.source as AnyNode).value as string;
        if (!(IMPORTABLE_MODULES as readonly string[]).includes(module)) {
          throw new CellSyntaxError(`Cannot import "${module}" in the browser: only "lossbook" is available here (run the notebook in Jupyter for other modules).`, 1, 1);
        }
        const library = `__modules[${JSON.stringify(module)}]`;
        const parts = (statement.specifiers as AnyNode[]).map((specifier) => {
          const local = (specifier.local as AnyNode).name as string;
          declare(local);
          if (specifier.type === "ImportSpecifier") {
            const imported = specifier.imported as AnyNode;
            const name = imported.type === "Identifier" ? (imported.name as string) : (imported.value as string);
            return `${local} = ${library}[${JSON.stringify(name)}]`;
          }
          return `${local} = ${library}`; // import * as x / import x (the library has no default export: the module itself)
        });
        edits.push({ start: statement.start, end: statement.end, text: parts.length ? `${parts.join("; ")};` : "" });
        break;
      }
      case "VariableDeclaration": {
        const declarators = statement.declarations as AnyNode[];
        const assignments = declarators.map((declarator) => {
          patternNames(declarator.id as AnyNode).forEach(declare);
          return `${text(declarator.id as AnyNode)} = ${declarator.init ? text(declarator.init as AnyNode) : "undefined"}`;
        });
        edits.push({ start: statement.start, end: statement.end, text: `(${assignments.join(", ")});` });
        break;
      }
      case "FunctionDeclaration": {
        const name = (statement.id as AnyNode).name as string;
        declare(name);
        hoisted.push(`__scope[${JSON.stringify(name)}] = ${name};`);
        break;
      }
      case "ClassDeclaration": {
        const name = (statement.id as AnyNode).name as string;
        declare(name);
        edits.push({ start: statement.start, end: statement.end, text: `${name} = ${text(statement)};` });
        break;
      }
      case "ExportNamedDeclaration":
      case "ExportDefaultDeclaration":
      case "ExportAllDeclaration":
        throw new CellSyntaxError("A notebook cell cannot export: declare the name (const, function, …) and later cells see it.", 1, 1);
      case "ExpressionStatement":
        if (index === statements.length - 1) {
          returnsValue = true;
          const expression = statement.expression as AnyNode;
          edits.push({ start: statement.start, end: statement.end, text: `return (${text(expression)});` });
        }
        break;
    }
  });

  let body = javascript;
  for (const edit of edits.sort((a, b) => b.start - a.start)) body = body.slice(0, edit.start) + edit.text + body.slice(edit.end);
  return { body: hoisted.join(" ") + (hoisted.length ? "\n" : "") + body, declared, returnsValue };
}

/** The whole preparation of a cell: strip types, then rewrite its top level. */
export function prepareCell(source: string): PreparedCell {
  return rewriteTopLevel(stripTypes(source));
}
