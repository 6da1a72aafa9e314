/**
 * Translations of the notebooks' prose, kept beside the English in one source.
 *
 * Code cells and outputs are shared by every language; only markdown cells are
 * translated. `notebooks/<language>/<notebook>.json` holds, for each markdown
 * cell (by its nbformat cell id), the English text the translation was made
 * from and the translation itself:
 *
 *     { "language": "zh-Hans", "notebook": "05-huber.ipynb",
 *       "cells": { "cell-1": { "english": "…", "translation": "…" } } }
 *
 * `translationProblems` says what is wrong with one translation file: a
 * markdown cell with no translation ("missing"), a translation made from an
 * English text that has changed since ("stale", with both texts for the
 * translator), an entry for a cell that no longer exists, and a translation
 * whose formulas, inline code, link targets or numbers differ from the English
 * cell's; for Chinese also the spacing and punctuation rules of common Chinese
 * copywriting guidelines (a space between Chinese and Latin letters, digits or
 * inline math; full-width punctuation after Chinese).
 *
 * `tsx scripts/translations.ts [language]` prints the state of every notebook's
 * translation; `… --skeleton NN` adds the missing and stale entries of a
 * notebook (with the current English and an empty or the old translation) for
 * a translator to fill in.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { listNotebooks, notebooksDir } from "./notebook-runner";
import { withLanguageCell } from "../src/exercises/notebook-exercises";
import { checkOutputIn } from "../src/exercises/stored-output";
import { normalizeLanguage, type Language } from "../src/language";

/** The languages the workbook is translated into, by their folder under notebooks/. */
export const TRANSLATION_LANGUAGES = { zh: "zh-Hans" } as const;
export type TranslationFolder = keyof typeof TRANSLATION_LANGUAGES;

/** One translated markdown cell. */
export interface TranslatedCell {
  /** The English markdown the translation was made from. */
  english: string;
  /** The translated markdown ("" while not yet translated). */
  translation: string;
}

/** A translation file: one notebook's markdown cells in one language. */
export interface TranslationFile {
  language: string;
  notebook: string;
  cells: Record<string, TranslatedCell>;
}

interface NotebookCell {
  cell_type: string;
  id?: string;
  source: string | string[];
  outputs?: unknown[];
}

const joined = (source: string | string[]) => (Array.isArray(source) ? source.join("") : source);

/** The markdown cells of a notebook that have prose, as [cell id, English text]. */
export function markdownCells(notebook: { cells: NotebookCell[] }): [string, string][] {
  return notebook.cells
    .filter((cell) => cell.cell_type === "markdown" && joined(cell.source).trim() !== "")
    .map((cell, index) => [cell.id ?? `(markdown cell ${index} has no id)`, joined(cell.source)]);
}

/** Where a notebook's translation into `folder` lives. */
export function translationPath(notebookPath: string, folder: TranslationFolder): string {
  return join(notebooksDir, folder, basename(notebookPath).replace(/\.ipynb$/, ".json"));
}

/** Reads a translation file (undefined when there is none). */
export function readTranslation(path: string): TranslationFile | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as TranslationFile;
}

/** Writes a translation file with a stable layout (cells in notebook order, two-space JSON). */
export function writeTranslation(path: string, file: TranslationFile): void {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}

/**
 * Inline math `$…$`: like markdown-it's tex plugin (the site) and Jupyter, it
 * may run over a line break inside a paragraph, but not over a blank line.
 */
const INLINE_MATH = /\$(?:[^$\n]|\n(?![ \t]*\n))+?\$/;

/** The parts of a markdown text that must be the same in every language. */
export interface InvariantParts {
  formulas: string[];
  code: string[];
  links: string[];
  numbers: string[];
}

/**
 * Formulas ($…$, $$…$$, with the words inside \text{…} left out, since they
 * may be translated), inline code and fenced code, link targets and the
 * numbers of the prose outside them; each list sorted, to be compared as a
 * multiset.
 */
export function invariantParts(markdown: string): InvariantParts {
  const code: string[] = [];
  const formulas: string[] = [];
  const links: string[] = [];
  let rest = markdown.replace(/```[\s\S]*?```|`[^`\n]+`/g, (match) => {
    code.push(match.replace(/^`+|`+$/g, "").trim());
    return " ";
  });
  rest = rest.replace(new RegExp(`\\$\\$[\\s\\S]+?\\$\\$|${INLINE_MATH.source}`, "g"), (match) => {
    formulas.push(
      match
        .replace(/^\$+|\$+$/g, "")
        .replace(/\\text\{[^{}]*\}/g, "\\text{}")
        .replace(/\s+/g, ""),
    );
    return " ";
  });
  rest = rest.replace(/\]\(([^)\s]+)[^)]*\)/g, (_match, target: string) => {
    links.push(target);
    return "] ";
  });
  // HTML comments and tags carry no prose numbers.
  rest = rest.replace(/<!--[\s\S]*?-->|<[^>]+>/g, " ");
  const numbers = Array.from(rest.replace(/\u2212/g, "-").matchAll(/\d+(?:[.,]\d+)*/g), (m) => m[0].replace(/,(?=\d{3}\b)/g, ""));
  const sorted = (list: string[]) => [...list].sort();
  return { formulas: sorted(formulas), code: sorted(code), links: sorted(links), numbers: sorted(numbers) };
}

/** The items of `a` not matched by an item of `b` (multisets). */
function unmatched(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const item of b) left.set(item, (left.get(item) ?? 0) + 1);
  const extra: string[] = [];
  for (const item of a) {
    const count = left.get(item) ?? 0;
    if (count > 0) left.set(item, count - 1);
    else extra.push(item);
  }
  return extra;
}

/** How the language-neutral parts of a translation differ from its English cell (empty when they agree). */
export function invariantDifferences(english: string, translation: string): string[] {
  const en = invariantParts(english);
  const tr = invariantParts(translation);
  const problems: string[] = [];
  for (const kind of ["formulas", "code", "links", "numbers"] as const) {
    const missing = unmatched(en[kind], tr[kind]);
    const added = unmatched(tr[kind], en[kind]);
    if (missing.length > 0 || added.length > 0) {
      const show = (list: string[]) => list.slice(0, 4).map((item) => JSON.stringify(item.length > 60 ? `${item.slice(0, 60)}…` : item)).join(", ");
      problems.push(`its ${kind} differ from the English: ${missing.length > 0 ? `missing ${show(missing)}` : ""}${missing.length > 0 && added.length > 0 ? "; " : ""}${added.length > 0 ? `not in the English ${show(added)}` : ""}`);
    }
  }
  return problems;
}

const CJK = "\\p{Script=Han}";

/**
 * Breaches of the Chinese spacing and punctuation rules in prose (outside
 * code, formulas and link targets): Chinese directly against a Latin letter,
 * a digit or inline math; a half-width , . ; : ? ! or ( ) right after Chinese.
 */
export function chineseStyleProblems(markdown: string): string[] {
  const prose = markdown
    .replace(/```[\s\S]*?```/g, "\n")
    .replace(/`[^`\n]+`/g, "`code`")
    .replace(/\$\$[\s\S]+?\$\$/g, "\n")
    .replace(new RegExp(INLINE_MATH.source, "g"), "$math$")
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/<[^>]+>/g, " ");
  const problems: string[] = [];
  const rules: [RegExp, string][] = [
    [new RegExp(`${CJK}(?=[A-Za-z0-9\`$])|[A-Za-z0-9\`$](?=${CJK})`, "gu"), "needs a space between Chinese and Latin letters, digits, code or math"],
    [new RegExp(`${CJK}(?=[,.;:?!()])|[()](?=${CJK})`, "gu"), "uses half-width punctuation beside Chinese (use ，。；：？！（）)"],
  ];
  for (const [pattern, rule] of rules) {
    // Zero-width look-aheads, so that neighbouring pairs ("是0" after "E是") are all found; each hit shows the pair.
    const hits = Array.from(prose.matchAll(pattern), (m) => Array.from(prose.slice(m.index)).slice(0, 2).join(""));
    if (hits.length > 0) problems.push(`${rule}: ${hits.slice(0, 5).map((hit) => JSON.stringify(hit)).join(", ")}${hits.length > 5 ? ` (+${hits.length - 5} more)` : ""}`);
  }
  return problems;
}

/** What is wrong with a notebook's translation; empty when it is complete, fresh and consistent. */
export function translationProblems(notebook: { cells: NotebookCell[] }, file: TranslationFile, folder: TranslationFolder): string[] {
  const problems: string[] = [];
  const cells = markdownCells(notebook);
  const ids = new Set(cells.map(([id]) => id));
  if (file.language !== TRANSLATION_LANGUAGES[folder]) problems.push(`its language is ${JSON.stringify(file.language)}, expected ${JSON.stringify(TRANSLATION_LANGUAGES[folder])}`);
  for (const [id, english] of cells) {
    const entry = file.cells[id];
    if (entry === undefined || entry.translation.trim() === "") {
      problems.push(`cell ${id} is not translated`);
      continue;
    }
    if (entry.english !== english) {
      problems.push(`cell ${id} is stale: its English has changed since it was translated (run \`tsx scripts/translations.ts --skeleton ${basename(file.notebook).slice(0, 2)}\` and update the translation)`);
      continue;
    }
    for (const problem of invariantDifferences(english, entry.translation)) problems.push(`cell ${id}: ${problem}`);
    if (folder === "zh") for (const problem of chineseStyleProblems(entry.translation)) problems.push(`cell ${id}: ${problem}`);
  }
  for (const id of Object.keys(file.cells)) if (!ids.has(id)) problems.push(`cell ${id} has a translation but no longer exists in the notebook`);
  return problems;
}

/**
 * The translation file updated to the notebook's current markdown cells:
 * entries in notebook order, new cells with an empty translation, changed
 * cells with their new English and the old translation kept for reference
 * under `previous` until a translator replaces it (the entry stays stale:
 * its translation is emptied), removed cells dropped.
 */
export function skeleton(notebook: { cells: NotebookCell[] }, notebookName: string, folder: TranslationFolder, old?: TranslationFile): TranslationFile {
  const cells: Record<string, TranslatedCell & { previous?: string }> = {};
  for (const [id, english] of markdownCells(notebook)) {
    const entry = old?.cells[id];
    if (entry !== undefined && entry.english === english) cells[id] = entry;
    else if (entry !== undefined && entry.translation !== "") cells[id] = { english, translation: "", previous: entry.translation };
    else cells[id] = { english, translation: "" };
  }
  return { language: TRANSLATION_LANGUAGES[folder], notebook: notebookName, cells };
}

function main(args: string[]): void {
  const folder: TranslationFolder = "zh";
  const at = args.indexOf("--skeleton");
  const selected = at >= 0 ? args.slice(at + 1) : [];
  for (const path of listNotebooks()) {
    const name = basename(path);
    const notebook = JSON.parse(readFileSync(path, "utf8")) as { cells: NotebookCell[] };
    const target = translationPath(path, folder);
    const file = readTranslation(target);
    if (at >= 0 && selected.some((prefix) => name.startsWith(prefix))) {
      writeTranslation(target, skeleton(notebook, name, folder, file));
      console.log(`${name}: wrote ${target}`);
      continue;
    }
    if (file === undefined) {
      console.log(`${name}: no ${folder} translation yet`);
      continue;
    }
    const problems = translationProblems(notebook, file, folder);
    console.log(`${name}: ${problems.length === 0 ? "complete and fresh" : `${problems.length} problem(s)`}`);
    for (const problem of problems.slice(0, 20)) console.log(`  - ${problem}`);
  }
}

if (require.main === module) main(process.argv.slice(2));

/** Stored outputs with the checks' reports in `language` (checkOutputIn); other outputs untouched. */
function streamOutputsIn(outputs: unknown[], language: Language): unknown[] {
  return outputs.map((output) => {
    const stream = output as { output_type?: string; text?: string | string[] };
    if (stream.output_type !== "stream" || stream.text === undefined) return output;
    const text = Array.isArray(stream.text) ? stream.text.map((line) => checkOutputIn(line, language)) : checkOutputIn(stream.text, language);
    return { ...stream, text };
  });
}

/**
 * The notebook in another language: the same cells and code, with
 * each markdown cell's prose replaced by its translation, the checks'
 * stored reports in that language (what the same checks print there), and
 * `metadata.lossbook.language` set to the translation's language (a cell
 * without a fresh translation keeps its English, so a partly translated
 * notebook still reads). Throws when the file belongs to another notebook.
 */
export function translateNotebook<N extends { cells: NotebookCell[]; metadata?: Record<string, unknown> }>(notebook: N, file: TranslationFile, notebookName: string): N {
  if (file.notebook !== notebookName) throw new Error(`the translation file is for ${file.notebook}, not ${notebookName}`);
  const language = normalizeLanguage(file.language);
  const cells = notebook.cells.map((cell) => {
    if (cell.cell_type === "code" && cell.outputs !== undefined && language !== undefined) return { ...cell, outputs: streamOutputsIn(cell.outputs, language) };
    if (cell.cell_type !== "markdown" || cell.id === undefined) return cell;
    const entry = file.cells[cell.id];
    if (entry === undefined || entry.translation === "" || entry.english !== joined(cell.source)) return cell;
    return { ...cell, source: entry.translation };
  });
  const lossbook = { ...((notebook.metadata?.lossbook as Record<string, unknown> | undefined) ?? {}), language: file.language };
  return { ...notebook, cells, metadata: { ...notebook.metadata, lossbook } };
}

/**
 * The notebook as a reader of that language downloads it: the translated
 * markdown (translateNotebook), the same code cells and outputs, and before
 * the first code cell the cell that sets the kernel's language
 * (withLanguageCell, as `npm run notebooks:student -- --language zh` adds it),
 * so its checks and plots answer in that language.
 */
export function notebookInLanguage<N extends { cells: NotebookCell[]; metadata?: Record<string, unknown> }>(notebook: N, file: TranslationFile, notebookName: string): N {
  const language = file.language;
  if (language !== "zh-Hans") throw new Error(`${notebookName}: no language cell for ${language}`);
  return withLanguageCell(translateNotebook(notebook, file, notebookName) as never, language) as N;
}
