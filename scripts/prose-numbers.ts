/**
 * Numbers quoted in a notebook's prose, checked against its outputs: every
 * decimal number with at least three significant digits in a markdown cell
 * (e.g. "0.4189", "84.7 %", "$H(p) = 0.8018$") must be the rounding of a
 * number printed by a code cell before it or by the code cells it introduces
 * (those up to the next markdown cell). Numbers that prose derives itself
 * (say −log 0.3 = 1.20) are listed per notebook as exceptions by the caller.
 * Used by test/notebooks-prose-numbers.test.ts; `tsx scripts/prose-numbers.ts`
 * lists the unmatched numbers of every notebook.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { listNotebooks } from "./notebook-runner";

interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: { output_type: string; text?: string | string[]; data?: Record<string, unknown> }[];
}
export interface NotebookJson {
  cells: Cell[];
}

/** A number quoted in prose: its text, value, decimals, and whether it was a percentage. */
export interface QuotedNumber {
  text: string;
  value: number;
  decimals: number;
  percent: boolean;
  cell: number;
}

const joined = (text: string | string[] | undefined) => (Array.isArray(text) ? text.join("") : (text ?? ""));

/** The text a reader sees of a code cell's outputs: streams, text/plain and text/markdown (not plot JSON or HTML). */
export function outputText(cell: Cell): string {
  if (cell.cell_type !== "code") return "";
  return (cell.outputs ?? [])
    .map((output) => {
      if (output.output_type === "stream") return joined(output.text);
      const data = output.data ?? {};
      return [data["text/plain"], data["text/markdown"]].map((part) => joined(part as string | string[] | undefined)).join("\n");
    })
    .join("\n");
}

/** Every number printed in a text: integers, decimals, exponents (a Unicode minus counts as a minus). */
export function printedNumbers(text: string): number[] {
  return Array.from(text.replace(/\u2212/g, "-").matchAll(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi), (m) => Number(m[0])).filter(Number.isFinite);
}

/** Significant digits of a decimal numeral such as "0.0049" (2) or "84.7" (3). */
function significantDigits(numeral: string): number {
  return numeral.replace(/[^\d]/g, "").replace(/^0+/, "").length;
}

/**
 * The decimal numbers of a markdown cell with at least three significant
 * digits, leaving out what is not a quoted result: inline code, link targets,
 * headings, section and exercise numbers (§4.2, Exercise 4.1, 3.2.1) and
 * numbers inside words (x₁, 0.5x).
 */
export function quotedNumbers(markdown: string, cell = 0): QuotedNumber[] {
  const prose = markdown
    .split("\n")
    .filter((line) => !/^\s*#/.test(line))
    .join("\n")
    .replace(/`[^`]*`/g, " ")
    .replace(/\]\([^)]*\)/g, "] ")
    .replace(/(§|Exercise |Chapter |chapter |notebook |Notebook |section )\s*\d+(\.\d+)*/g, " ")
    .replace(/\b\d+\.\d+\.\d+\b/g, " ");
  const found: QuotedNumber[] = [];
  for (const match of prose.matchAll(/(?<![\w.\\^{_])([−-]?)(\d+\.\d+)(?![\w.]*\d*\.\d)(\s?%)?/g)) {
    const numeral = match[2];
    const decimals = numeral.split(".")[1].length;
    if (significantDigits(numeral) < 3 && !(significantDigits(numeral) === 2 && decimals >= 2)) continue;
    const value = Number(numeral) * (match[1] === "" ? 1 : -1);
    found.push({ text: match[0].trim(), value, decimals, percent: match[3] !== undefined, cell });
  }
  return found;
}

/** True when some printed number rounds to the quoted one (its size, either sign; ×100 for a percentage). */
export function matchesOutput(quoted: QuotedNumber, printed: number[]): boolean {
  const target = Math.abs(quoted.value);
  const tolerance = 0.5 * 10 ** -quoted.decimals * (1 + 1e-9);
  return printed.some((p) => {
    const candidates = quoted.percent ? [Math.abs(p) * 100, Math.abs(p)] : [Math.abs(p), Math.abs(p) * 100];
    return candidates.some((c) => Math.abs(c - target) <= tolerance);
  });
}

export interface ProseNumberReport {
  checked: QuotedNumber[];
  unmatched: QuotedNumber[];
}

/**
 * Checks every quoted number of a notebook against the outputs of the code
 * cells before its markdown cell and of the code cells right after it.
 */
export function checkProseNumbers(notebook: NotebookJson): ProseNumberReport {
  const cells = notebook.cells;
  const checked: QuotedNumber[] = [];
  const unmatched: QuotedNumber[] = [];
  for (let index = 0; index < cells.length; index++) {
    if (cells[index].cell_type !== "markdown") continue;
    const quoted = quotedNumbers(joined(cells[index].source), index);
    if (quoted.length === 0) continue;
    let end = index + 1;
    while (end < cells.length && cells[end].cell_type === "code") end++;
    const printed = printedNumbers(cells.slice(0, end).map(outputText).join("\n"));
    for (const q of quoted) (matchesOutput(q, printed) ? checked : unmatched).push(q);
  }
  return { checked, unmatched };
}

export function readNotebook(path: string): NotebookJson {
  return JSON.parse(readFileSync(path, "utf8")) as NotebookJson;
}

if (process.argv[1] !== undefined && basename(process.argv[1]).startsWith("prose-numbers")) {
  for (const path of listNotebooks()) {
    const report = checkProseNumbers(readNotebook(path));
    console.log(`${basename(path)}: ${report.checked.length} checked, ${report.unmatched.length} unmatched`);
    for (const q of report.unmatched) console.log(`  cell ${q.cell}: ${q.text}`);
  }
}
