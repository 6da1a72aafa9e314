/**
 * `npm run notebooks:student [-- outDir] [-- --language zh]`: writes the student
 * version of every notebook (src/exercises/notebook-exercises.ts: solutions
 * replaced by stubs that compile and report "not written yet", exercise
 * outputs cleared, nbgrader metadata added); prose and plots stay.
 * Default outDir: `student-notebooks/` (English) or `student-notebooks/zh/`.
 *
 * With `--language zh` the notebooks are the Chinese edition: the markdown
 * from notebooks/zh/*.json (translateNotebook of scripts/translations.ts;
 * a cell without a fresh translation keeps its English), the stubs' error in
 * Chinese, and, before the first code cell, a cell that calls
 * setLanguage("zh-Hans"), so that the checks answer in Chinese.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { studentNotebook, withLanguageCell, type NotebookDocument } from "../src/exercises/notebook-exercises";
import { listNotebooks, repoRoot } from "./notebook-runner";
import { TRANSLATION_LANGUAGES, readTranslation, translateNotebook, translationPath, type TranslationFolder } from "./translations";

/** A notebook's text as nbformat writes it (one-space indent, a final newline). */
export function notebookText(notebook: NotebookDocument): string {
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/** The student version of one notebook, in English or (with a translation folder such as "zh") in that language. */
export function studentNotebookIn(path: string, language?: TranslationFolder): NotebookDocument {
  const name = basename(path);
  let notebook = JSON.parse(readFileSync(path, "utf8")) as NotebookDocument;
  if (language === undefined) return studentNotebook(notebook, name);
  const translation = readTranslation(translationPath(path, language));
  if (translation === undefined) throw new Error(`${name} has no ${language} translation (${translationPath(path, language)})`);
  notebook = translateNotebook(notebook, translation, name);
  return withLanguageCell(studentNotebook(notebook, name, TRANSLATION_LANGUAGES[language]), TRANSLATION_LANGUAGES[language]);
}

/** Writes the student version of each notebook into `outDir`; returns the paths written. */
export function writeStudentNotebooks(outDir: string, notebooks = listNotebooks(), language?: TranslationFolder): string[] {
  mkdirSync(outDir, { recursive: true });
  return notebooks.map((path) => {
    const target = join(outDir, basename(path));
    writeFileSync(target, notebookText(studentNotebookIn(path, language)));
    return target;
  });
}

/** `[outDir] [--language zh]` from the command line. */
export function parseArguments(args: string[]): { outDir?: string; language?: TranslationFolder } {
  let outDir: string | undefined;
  let language: TranslationFolder | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--language" || arg.startsWith("--language=")) {
      const value = arg === "--language" ? args[++i] : arg.slice("--language=".length);
      if (value === "en") continue;
      if (value === undefined || !(value in TRANSLATION_LANGUAGES)) {
        throw new Error(`--language must be en or one of ${Object.keys(TRANSLATION_LANGUAGES).join(", ")}, got ${value ?? "nothing"}`);
      }
      language = value as TranslationFolder;
    } else if (arg.startsWith("--")) {
      throw new Error(`unknown option ${arg} (the options are [outDir] and --language zh)`);
    } else {
      outDir = arg;
    }
  }
  return { outDir, language };
}

function main(): void {
  const { outDir, language } = parseArguments(process.argv.slice(2));
  const target = resolve(outDir ?? join(repoRoot, "student-notebooks", ...(language === undefined ? [] : [language])));
  for (const written of writeStudentNotebooks(target, listNotebooks(), language)) console.log(`→ ${written}`);
}

if (require.main === module) main();
