/**
 * The site's pages: one per notebook, the index (the table of contents,
 * mapped to the source document's sections), and the 404 page.
 */
import { escapeHtml } from "./html";
import { SITE_NAME, SITE_NAME_ZH, siteName, type NavEntry, type PageOptions } from "./layout";
import { uiStrings, type SiteLanguage } from "./ui-strings";
import { chapterTitleHtml, type RenderedNotebook } from "./render-notebook";

/** Where the site keeps the downloadable notebooks. */
export const NOTEBOOK_FOLDER = "notebooks";

export function notebookPageName(chapter: RenderedNotebook): string {
  return `${chapter.notebook.slug}.html`;
}

export function notebookDownloadUrl(fileName: string): string {
  return `${NOTEBOOK_FOLDER}/${encodeURIComponent(fileName)}`;
}

/** "Download the notebook · open it in Jupyter" — shown at the top of a page. */
export function downloadBar(fileName: string, language: SiteLanguage = "en"): string {
  const strings = uiStrings(language);
  return `<p class="page-tools"><a class="download-link" href="${notebookDownloadUrl(fileName)}" download>${escapeHtml(strings.download)} <span class="file-name">${escapeHtml(fileName)}</span></a> <span class="page-tools-hint">${strings.openInJupyterHint}</span></p>`;
}

/** How to run a notebook: the section at the end of a page. */
export function runItYourself(fileName: string, language: SiteLanguage = "en"): string {
  const strings = uiStrings(language);
  const name = `<span class="file-name">${escapeHtml(fileName)}</span>`;
  const steps = strings.runItYourselfSteps(`<a href="${notebookDownloadUrl(fileName)}" download>${escapeHtml(strings.download)} ${name}</a>`, name);
  return `<section class="run-box" aria-labelledby="run-it-yourself">
<h2 id="run-it-yourself">${escapeHtml(strings.runItYourself)}</h2>
<ol>
${steps.map((step) => `<li>${step}</li>`).join("\n")}
</ol>
</section>`;
}

export function renderChapterPage(chapter: RenderedNotebook, previous: RenderedNotebook | undefined, next: RenderedNotebook | undefined, language: SiteLanguage = "en"): PageOptions {
  const strings = uiStrings(language);
  const direction = (text: string) => `<span class="pager-direction">${escapeHtml(text)}</span>`;
  const pager = [
    previous ? `<a class="pager-previous" rel="prev" href="${notebookPageName(previous)}">${direction(strings.previous)} ${chapterTitleHtml(previous.title, language)}</a>` : `<a class="pager-previous" rel="prev" href="index.html">${direction(strings.previous)} ${escapeHtml(strings.contents)}</a>`,
    next ? `<a class="pager-next" rel="next" href="${notebookPageName(next)}">${direction(strings.next)} ${chapterTitleHtml(next.title, language)}</a>` : `<a class="pager-next" rel="next" href="gallery.html">${direction(strings.next)} ${escapeHtml(strings.galleryTitle)}</a>`,
  ].join("\n");
  const mainHtml = `${downloadBar(chapter.notebook.fileName, language)}
<article class="notebook">
${chapter.html}
</article>
${runItYourself(chapter.notebook.fileName, language)}
<nav class="pager" aria-label="${escapeHtml(strings.pagerLabel)}">
${pager}
</nav>`;
  const runHeading = { level: 2, id: "run-it-yourself", html: escapeHtml(strings.runItYourself), text: strings.runItYourself };
  return {
    fileName: notebookPageName(chapter),
    title: chapter.titleText,
    description: strings.chapterDescription(chapter.titleText),
    language,
    mainHtml,
    outline: [...chapter.headings, runHeading],
    hasMath: mainHtml.includes('class="katex'),
    hasFigures: chapter.figures > 0,
    bodyClass: "page-chapter",
  };
}

export function chapterNavEntry(chapter: RenderedNotebook, language: SiteLanguage = "en"): NavEntry {
  return { href: notebookPageName(chapter), labelHtml: chapterTitleHtml(chapter.title, language) };
}

/** The gallery's entry in the chapter navigation. */
export function galleryNavEntry(language: SiteLanguage = "en"): NavEntry {
  return { href: "gallery.html", labelHtml: language === "zh" ? '损失函数图鉴 <span class="title-zh" lang="en">Loss gallery</span>' : 'Loss gallery <span class="title-zh" lang="zh-Hans">损失函数图鉴</span>' };
}

/**
 * The table of contents. On the Chinese index the chapters are those of the
 * Chinese edition (its titles and section headings), and the document
 * sections each covers are the English chapter's (`documentSections`).
 */
export function renderIndexPage(chapters: RenderedNotebook[], gallery: { lossCount: number } | undefined, language: SiteLanguage = "en", documentSections?: string[][]): PageOptions {
  const strings = uiStrings(language);
  const entries = chapters.map((chapter, chapterIndex) => {
    const sections = chapter.headings.filter((heading) => heading.level === 2);
    const subsections = sections.length
      ? `<ol class="toc-sections">${sections.map((heading) => `<li><a href="${notebookPageName(chapter)}#${escapeHtml(heading.id)}">${heading.html}</a></li>`).join("")}</ol>`
      : "";
    const sectionsCovered = documentSections?.[chapterIndex] ?? chapter.documentSections;
    const covers = sectionsCovered.length ? `<span class="toc-covers">${escapeHtml(strings.documentSections(sectionsCovered.join(", ")))}</span>` : "";
    const badges = [
      covers,
      chapter.figures ? `<span class="toc-meta">${escapeHtml(strings.plotCount(chapter.figures))}</span>` : "",
      `<a class="toc-download" href="${notebookDownloadUrl(chapter.notebook.fileName)}" download aria-label="${escapeHtml(strings.downloadFileLabel(chapter.notebook.fileName))}">.ipynb</a>`,
    ].filter(Boolean);
    return `<li class="toc-chapter">
<p class="toc-title"><a href="${notebookPageName(chapter)}">${chapterTitleHtml(chapter.title, language)}</a></p>
<p class="toc-details">${badges.join(" ")}</p>
${subsections}
</li>`;
  });
  const first = chapters[0];
  const zh = language === "zh";
  const galleryEntry = gallery
    ? `<li class="toc-chapter toc-gallery"><p class="toc-title"><a href="gallery.html">${galleryNavEntry(language).labelHtml}</a></p><p class="toc-details"><span class="toc-meta">${escapeHtml(strings.galleryIndexDetails(gallery.lossCount))}</span></p></li>`
    : "";
  const title = zh
    ? `<span class="title-en">${escapeHtml(SITE_NAME_ZH)}</span> <span class="title-zh" lang="en">${escapeHtml(SITE_NAME)}</span>`
    : `<span class="title-en">${escapeHtml(SITE_NAME)}</span> <span class="title-zh" lang="zh-Hans">${escapeHtml(SITE_NAME_ZH)}</span>`;
  const contentsHeading = zh ? `${escapeHtml(strings.contents)} <span class="title-zh" lang="en">Contents</span>` : `Contents <span class="title-zh" lang="zh-Hans">目录</span>`;
  const mainHtml = `<div class="hero">
<h1>${title}</h1>
<p class="lead">${escapeHtml(strings.indexLead)}</p>
${first ? `<p><a class="button" href="${notebookPageName(first)}">${escapeHtml(strings.startReading)} ${chapterTitleHtml(first.title, language)}</a></p>` : ""}
</div>
<h2 id="contents">${contentsHeading}</h2>
<p>${strings.indexContentsNote}</p>
<ol class="toc">
${entries.join("\n")}
${galleryEntry}
</ol>
<h2 id="run-it-yourself">${escapeHtml(strings.runItYourself)}</h2>
<p>${strings.indexRunIntro}</p>
<pre class="code-plain" tabindex="0"><code>${escapeHtml(strings.indexRunCommands)}</code></pre>
<p>${strings.indexRunSingle}</p>`;
  return {
    fileName: "index.html",
    title: siteName(language),
    description: strings.indexDescription,
    language,
    mainHtml,
    outline: [],
    hasMath: mainHtml.includes('class="katex'),
    hasFigures: false,
    bodyClass: "page-index",
  };
}

/**
 * The 404 page, in the site's shell (header with search, no chapter list).
 * It is served for missing paths at any depth, where relative links would not
 * resolve: the server puts a <base> at the site's root into it (server.ts).
 */
export function render404Page(language: SiteLanguage = "en"): PageOptions {
  const strings = uiStrings(language);
  const heading = language === "zh" ? `${escapeHtml(strings.notFoundTitle)} <span class="title-zh" lang="en">Page not found</span>` : `Page not found <span class="title-zh" lang="zh-Hans">页面不存在</span>`;
  return {
    fileName: "404.html",
    title: strings.notFoundTitle,
    description: strings.notFoundDescription,
    language,
    mainHtml: `<h1>${heading}</h1>
<p>${strings.notFoundText}</p>`,
    outline: [],
    hasMath: false,
    hasFigures: false,
    bodyClass: "page-404",
  };
}
