/**
 * One notebook → the HTML of its article: markdown cells through markdown-it
 * and KaTeX, code cells highlighted by shiki, outputs by outputs.ts. Cell
 * tags follow Jupyter conventions: `raises-exception` (an error output is
 * intended), `remove-cell` / `remove-input` / `remove-output` (Jupyter Book),
 * and the workbook's own `exercise` / `solution` / `check`.
 */
import type { nbformat, NotebookFile, ChapterTitle } from "./notebook";
import { cellTags, findTitleHeading, joinSource, parseChapterTitle } from "./notebook";
import { createMarkdownEnv, type Heading, type MarkdownRenderer } from "./markdown";
import type { Highlight } from "./highlight";
import { renderOutputs } from "./outputs";
import { escapeHtml } from "./html";
import { uiStrings, type SiteLanguage } from "./ui-strings";

export interface RenderedNotebook {
  notebook: NotebookFile;
  title: ChapterTitle;
  /** The title as written in the notebook ("3.1 Mean Squared Error (均方误差)"). */
  titleText: string;
  /** Document sections the chapter says it covers ("§3.1", …) from its first cell. */
  documentSections: string[];
  /** All headings of the page in order (the level-1 title first). */
  headings: Heading[];
  /** The ids of each markdown cell's headings, in order, by nbformat cell id. */
  headingIdsByCell: Map<string, string[]>;
  /** The article's HTML. */
  html: string;
  figures: number;
  /** Plotly trace types of the figures, sorted. */
  traceTypes: string[];
  images: number;
  warnings: string[];
}

export interface RenderNotebookOptions {
  markdown: MarkdownRenderer;
  highlight: Highlight;
  /** Slugs of all notebooks on the site, so links between them can be rewritten. */
  notebookSlugs: ReadonlySet<string>;
  writeAsset(relativePath: string, contents: Buffer | string): string;
  /** Wraps a code cell's rendered outputs, given its nbformat cell id (the explorables hook, explorables.ts). */
  decorateOutputs?(notebook: NotebookFile, cellId: string | undefined, outputsHtml: string): string;
  /** Markup appended to a shown code cell's input (the workbook's Run button and code: workbook.ts). */
  codeCellExtras?(cell: { number: number; tags: string[]; source: string; where: string }): string;
  /** The language of the page (default "en"): its interface text and how the title reads. */
  language?: SiteLanguage;
  /**
   * Heading ids to use by cell id (another edition's `headingIdsByCell`): a
   * translated page gets the English page's ids, section by section.
   */
  headingIdsByCell?: ReadonlyMap<string, readonly string[]>;
}

export function renderNotebook(notebook: NotebookFile, options: RenderNotebookOptions): RenderedNotebook {
  const titleText = findTitleHeading(notebook);
  const title = parseChapterTitle(titleText);
  const env = createMarkdownEnv({ file: notebook.displayPath }, options.notebookSlugs);
  env.language = options.language;
  const language = String(notebook.content.metadata?.language_info?.name ?? notebook.content.metadata?.kernelspec?.language ?? "typescript");
  const siteLanguage = options.language ?? "en";
  const strings = uiStrings(siteLanguage);
  let figureNumber = 0;
  let figures = 0;
  const traceTypes = new Set<string>();
  let images = 0;
  const parts: string[] = [];
  const headingIdsByCell = new Map<string, string[]>();

  notebook.content.cells.forEach((cell, index) => {
    const cellNumber = index + 1;
    const tags = cellTags(cell);
    if (tags.includes("remove-cell")) return;
    env.location = { file: notebook.displayPath, cell: cellNumber };

    if (cell.cell_type === "markdown") {
      env.attachments = (cell as nbformat.IMarkdownCell).attachments;
      const cellId = typeof cell.id === "string" ? cell.id : undefined;
      env.headingIds = cellId === undefined ? undefined : options.headingIdsByCell?.get(cellId);
      const first = env.headings.length;
      parts.push(`<div class="cell markdown-cell">${options.markdown.render(joinSource(cell.source), env)}</div>`);
      if (cellId !== undefined) headingIdsByCell.set(cellId, env.headings.slice(first).map((heading) => heading.id));
      env.attachments = undefined;
      env.headingIds = undefined;
      return;
    }
    if (cell.cell_type !== "code") return; // raw cells are for other converters

    const code = joinSource(cell.source);
    const rendered = renderOutputs(tags.includes("remove-output") ? [] : (cell as nbformat.ICodeCell).outputs ?? [], {
      location: { file: notebook.displayPath, cell: cellNumber },
      errorExpected: tags.includes("raises-exception"),
      slug: notebook.slug,
      pageTitle: titleText,
      markdown: options.markdown,
      env,
      writeAsset: options.writeAsset,
      nextFigureNumber: () => ++figureNumber,
      language: siteLanguage,
    });
    if (options.decorateOutputs) rendered.html = options.decorateOutputs(notebook, typeof cell.id === "string" ? cell.id : undefined, rendered.html);
    figures += rendered.figures;
    for (const type of rendered.traceTypes) traceTypes.add(type);
    images += rendered.images;
    const showInput = code.trim() !== "" && !tags.includes("remove-input");
    if (!showInput && rendered.html === "") return;

    const classes = ["cell", "code-cell", ...["exercise", "check", "raises-exception"].filter((tag) => tags.includes(tag)).map((tag) => `cell-${tag}`)];
    if (rendered.figures > 0) classes.push("has-figure");
    let input = "";
    if (showInput) {
      const highlighted = options.highlight(code, language);
      if (tags.includes("exercise") || tags.includes("solution")) {
        input =
          `<details class="solution"><summary>${escapeHtml(strings.workedSolution)}</summary>${highlighted}</details>` +
          `<p class="cell-note">${strings.solutionNote}</p>`;
      } else {
        input = highlighted;
      }
    }
    const label = tags.includes("check") ? `<span class="cell-label">${escapeHtml(strings.checkLabel)}</span>` : "";
    const outputs = rendered.html ? `<div class="cell-outputs">${rendered.html}</div>` : "";
    const extras = showInput && options.codeCellExtras ? options.codeCellExtras({ number: cellNumber, tags, source: code, where: `${notebook.displayPath} cell ${cellNumber}` }) : "";
    const runnable = extras ? ` data-workbook-cell="${cellNumber}"` : "";
    parts.push(`<div class="${classes.join(" ")}" id="cell-${cellNumber}"${runnable}>${label}${input ? `<div class="cell-input">${input}</div>` : ""}${extras}${outputs}</div>`);
  });

  const firstMarkdown = notebook.content.cells.find((cell) => cell.cell_type === "markdown");
  const documentSections = coveredSections(joinSource(firstMarkdown?.source));

  // The chapter title reads like the index: number, English, Chinese (muted).
  const titleHeading = env.headings.find((heading) => heading.level === 1);
  if (titleHeading) {
    const index = parts.findIndex((part) => part.includes(`<h1 id="${titleHeading.id}"`));
    if (index !== -1) {
      parts[index] = parts[index].replace(
        /<h1 id="([^"]*)">[\s\S]*?(<a class="heading-anchor"[\s\S]*?<\/a>)?<\/h1>/,
        (_match, id: string, permalink: string | undefined) => `<h1 id="${id}">${chapterTitleHtml(title, siteLanguage)}${permalink ? ` ${permalink}` : ""}</h1>`,
      );
    }
  }

  return {
    notebook,
    title,
    titleText,
    documentSections,
    headings: env.headings,
    headingIdsByCell,
    html: parts.join("\n"),
    figures,
    traceTypes: [...traceTypes].sort(),
    images,
    warnings: env.warnings,
  };
}

/**
 * "3.1 Mean Squared Error" with the Chinese title marked as Chinese for font
 * choice and screen readers; on a Chinese page the Chinese title leads and the
 * English follows, muted and marked as English.
 */
export function chapterTitleHtml(title: ChapterTitle, language: SiteLanguage = "en"): string {
  const number = title.section ? `<span class="section-number">${escapeHtml(title.section)}</span> ` : "";
  if (language === "zh" && title.chinese) {
    return `${number}<span class="title-en">${escapeHtml(title.chinese)}</span>${title.english ? ` <span class="title-zh" lang="en">${escapeHtml(title.english)}</span>` : ""}`;
  }
  const chinese = title.chinese ? ` <span class="title-zh" lang="zh-Hans">${escapeHtml(title.chinese)}</span>` : "";
  return `${number}<span class="title-en">${escapeHtml(title.english)}</span>${chinese}`;
}

/**
 * The document sections a chapter covers: the "§x.y" in its "Source: … of
 * <document>" sentence (other "§" in the opening cell are mere mentions);
 * every "§" of the cell when it has no such sentence.
 */
export function coveredSections(firstCell: string): string[] {
  const source = /^\W*Source\W*:\s*(.*?)\sof\s/m.exec(firstCell);
  const text = source ? source[1] : firstCell;
  return [...new Set([...text.matchAll(/§\s*(\d+(?:\.\d+)*)/g)].map((match) => `§${match[1]}`))];
}
