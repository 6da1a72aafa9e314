/**
 * Reading notebooks: the nbformat v4 JSON typed with @jupyterlab/nbformat,
 * plus the few facts the site needs from each (title, tags, file names).
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type * as nbformat from "@jupyterlab/nbformat";
import { SiteBuildError } from "./errors";

export type { nbformat };

/** A notebook file as the site sees it. */
export interface NotebookFile {
  /** Path relative to the repository root, for messages ("notebooks/05-huber.ipynb"). */
  displayPath: string;
  /** File name ("05-huber.ipynb"). */
  fileName: string;
  /** Page name without extension ("05-huber"); the page is `${slug}.html`. */
  slug: string;
  content: nbformat.INotebookContent;
}

/** Joins nbformat's multiline strings (a string or a list of lines). */
export function joinSource(source: nbformat.MultilineString | undefined): string {
  if (source === undefined) return "";
  return Array.isArray(source) ? source.join("") : source;
}

/** Reads and minimally validates a notebook (nbformat 4, a cell list). */
export function readNotebook(path: string, displayPath = path): NotebookFile {
  let content: nbformat.INotebookContent;
  try {
    content = JSON.parse(readFileSync(path, "utf8")) as nbformat.INotebookContent;
  } catch (error) {
    throw new SiteBuildError(displayPath, undefined, `is not valid notebook JSON (${(error as Error).message})`);
  }
  if (content.nbformat !== 4 || !Array.isArray(content.cells)) {
    throw new SiteBuildError(displayPath, undefined, "is not an nbformat 4 notebook (expected nbformat: 4 and a cells list)");
  }
  const fileName = basename(path);
  return { displayPath, fileName, slug: fileName.replace(/\.ipynb$/, ""), content };
}

/** The tags of a cell (`metadata.tags`), empty when there are none. */
export function cellTags(cell: nbformat.ICell): string[] {
  const tags = cell.metadata?.tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === "string") : [];
}

/** A chapter title split as the notebooks write it: `# 3.1 Mean Squared Error (均方误差)`, or in Chinese `# 3.3 Huber 损失（Huber Loss）`. */
export interface ChapterTitle {
  /** Section number of the source document ("3.1"), or "" when the title has none. */
  section: string;
  /** English title ("Mean Squared Error"). */
  english: string;
  /** Chinese title ("均方误差"), or "" when the title has none. */
  chinese: string;
}

/**
 * Splits a heading text "3.1 Mean Squared Error (均方误差)" into its number,
 * English and Chinese parts. Full-width parentheses are accepted too.
 */
export function parseChapterTitle(text: string): ChapterTitle {
  let rest = text.trim();
  let section = "";
  const number = /^(?:§\s*)?(\d+(?:\.\d+)*(?:\s*[–-]\s*\d+(?:\.\d+)*)?)\.?\s+/.exec(rest);
  if (number) {
    section = number[1].replace(/\s+/g, "");
    rest = rest.slice(number[0].length);
  }
  let chinese = "";
  const parenthesised = /\s*[(（]([^()（）]*\p{Script=Han}[^()（）]*)[)）]\s*$/u.exec(rest);
  if (parenthesised) {
    chinese = parenthesised[1].trim();
    rest = rest.slice(0, parenthesised.index);
  } else if (/\p{Script=Han}/u.test(rest)) {
    // The Chinese edition's form: `# 3.3 Huber 损失（Huber Loss）`, Chinese first, the English in parentheses.
    const english = /\s*[(（]([^()（）]*)[)）]\s*$/u.exec(rest);
    return { section, english: english ? english[1].trim() : "", chinese: (english ? rest.slice(0, english.index) : rest).trim() };
  }
  return { section, english: rest.trim(), chinese };
}

/** The first level-1 heading of the notebook's first markdown cell, as plain text. */
export function findTitleHeading(notebook: NotebookFile): string {
  for (const cell of notebook.content.cells) {
    if (cell.cell_type !== "markdown") continue;
    const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(joinSource(cell.source));
    if (heading) return heading[1];
  }
  throw new SiteBuildError(notebook.displayPath, undefined, "has no level-1 heading (`# 3.1 English title (中文标题)`) to use as its title");
}
