/**
 * The site's pages: one per notebook, the index (the table of contents,
 * mapped to the source document's sections), and the 404 page.
 */
import { escapeHtml } from "./html";
import { SITE_NAME, SITE_NAME_ZH, type NavEntry, type PageOptions } from "./layout";
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
export function downloadBar(fileName: string): string {
  return `<p class="page-tools"><a class="download-link" href="${notebookDownloadUrl(fileName)}" download>Download <span class="file-name">${escapeHtml(fileName)}</span></a> <span class="page-tools-hint">Open it in Jupyter with <code>npm run jupyter</code> (<a href="#run-it-yourself">how</a>)</span></p>`;
}

/** How to run a notebook: the section at the end of a page. */
export function runItYourself(fileName: string): string {
  return `<section class="run-box" aria-labelledby="run-it-yourself">
<h2 id="run-it-yourself">Run it yourself</h2>
<ol>
<li><a href="${notebookDownloadUrl(fileName)}" download>Download <span class="file-name">${escapeHtml(fileName)}</span></a>, or take the whole workbook: clone the project and run <code>npm install</code> in its folder (Node.js 20 or newer).</li>
<li>Run <code>npm run jupyter</code> in the project folder. It registers the TypeScript kernel (tslab) and opens Jupyter Notebook on the <code>notebooks/</code> folder.</li>
<li>Open <span class="file-name">${escapeHtml(fileName)}</span> and choose <em>Run All</em>. Edit the exercise cells and run their checks.</li>
</ol>
</section>`;
}

export function renderChapterPage(chapter: RenderedNotebook, previous: RenderedNotebook | undefined, next: RenderedNotebook | undefined): PageOptions {
  const pager = [
    previous ? `<a class="pager-previous" rel="prev" href="${notebookPageName(previous)}"><span class="pager-direction">Previous</span> ${chapterTitleHtml(previous.title)}</a>` : '<a class="pager-previous" rel="prev" href="index.html"><span class="pager-direction">Previous</span> Contents</a>',
    next ? `<a class="pager-next" rel="next" href="${notebookPageName(next)}"><span class="pager-direction">Next</span> ${chapterTitleHtml(next.title)}</a>` : '<a class="pager-next" rel="next" href="gallery.html"><span class="pager-direction">Next</span> Loss gallery</a>',
  ].join("\n");
  const mainHtml = `${downloadBar(chapter.notebook.fileName)}
<article class="notebook">
${chapter.html}
</article>
${runItYourself(chapter.notebook.fileName)}
<nav class="pager" aria-label="Previous and next chapter">
${pager}
</nav>`;
  const runHeading = { level: 2, id: "run-it-yourself", html: "Run it yourself", text: "Run it yourself" };
  return {
    fileName: notebookPageName(chapter),
    title: chapter.titleText,
    description: `${chapter.titleText}: a chapter of the loss-functions workbook, with runnable TypeScript code.`,
    mainHtml,
    outline: [...chapter.headings, runHeading],
    hasMath: mainHtml.includes('class="katex'),
    hasFigures: chapter.figures > 0,
    bodyClass: "page-chapter",
  };
}

export function chapterNavEntry(chapter: RenderedNotebook): NavEntry {
  return { href: notebookPageName(chapter), labelHtml: chapterTitleHtml(chapter.title) };
}

export function renderIndexPage(chapters: RenderedNotebook[], gallery: { lossCount: number } | undefined): PageOptions {
  const entries = chapters.map((chapter) => {
    const sections = chapter.headings.filter((heading) => heading.level === 2);
    const subsections = sections.length
      ? `<ol class="toc-sections">${sections.map((heading) => `<li><a href="${notebookPageName(chapter)}#${escapeHtml(heading.id)}">${heading.html}</a></li>`).join("")}</ol>`
      : "";
    const covers = chapter.documentSections.length ? `<span class="toc-covers">Document ${chapter.documentSections.join(", ")}</span>` : "";
    const badges = [
      covers,
      chapter.figures ? `<span class="toc-meta">${chapter.figures} plot${chapter.figures === 1 ? "" : "s"}</span>` : "",
      `<a class="toc-download" href="${notebookDownloadUrl(chapter.notebook.fileName)}" download aria-label="Download ${escapeHtml(chapter.notebook.fileName)}">.ipynb</a>`,
    ].filter(Boolean);
    return `<li class="toc-chapter">
<p class="toc-title"><a href="${notebookPageName(chapter)}">${chapterTitleHtml(chapter.title)}</a></p>
<p class="toc-details">${badges.join(" ")}</p>
${subsections}
</li>`;
  });
  const first = chapters[0];
  const galleryEntry = gallery
    ? `<li class="toc-chapter toc-gallery"><p class="toc-title"><a href="gallery.html">Loss gallery <span class="title-zh" lang="zh-Hans">损失函数图鉴</span></a></p><p class="toc-details"><span class="toc-meta">${gallery.lossCount} losses: formula, gradient and plot of each</span></p></li>`
    : "";
  const mainHtml = `<div class="hero">
<h1><span class="title-en">${escapeHtml(SITE_NAME)}</span> <span class="title-zh" lang="zh-Hans">${escapeHtml(SITE_NAME_ZH)}</span></h1>
<p class="lead">Loss functions from first principles to working code: mean squared error, cross-entropy, Huber and the losses around them. Every formula is derived, checked numerically and run in TypeScript; every plot is drawn from the same tested library.</p>
${first ? `<p><a class="button" href="${notebookPageName(first)}">Start reading: ${chapterTitleHtml(first.title)}</a></p>` : ""}
</div>
<h2 id="contents">Contents <span class="title-zh" lang="zh-Hans">目录</span></h2>
<p>Each chapter is a Jupyter notebook; the section numbers and Chinese titles are those of the source document, <cite lang="zh-Hans">Loss Functions 原理与代码实战案例讲解</cite>.</p>
<ol class="toc">
${entries.join("\n")}
${galleryEntry}
</ol>
<h2 id="run-it-yourself">Run it yourself</h2>
<p>The chapters are notebooks on the TypeScript kernel <a href="https://github.com/yunabe/tslab">tslab</a>. With Node.js 20 or newer, in the project folder:</p>
<pre class="code-plain" tabindex="0"><code>npm install       # the library, the kernel and the site tools
npm run jupyter   # opens Jupyter Notebook on notebooks/
npm start         # builds this site and serves it</code></pre>
<p>Or download a single chapter with its <strong>.ipynb</strong> link above.</p>`;
  return {
    fileName: "index.html",
    title: SITE_NAME,
    description: "A workbook on machine-learning loss functions: derivations, TypeScript code and plots, chapter by chapter.",
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
export function render404Page(): PageOptions {
  return {
    fileName: "404.html",
    title: "Page not found",
    description: "There is no page at this address.",
    mainHtml: `<h1>Page not found <span class="title-zh" lang="zh-Hans">页面不存在</span></h1>
<p>There is no page at this address. It may have been renamed when the chapters were rebuilt. Search for what you were looking for above, or <a href="index.html" id="contents-link">go to the table of contents</a>.</p>`,
    outline: [],
    hasMath: false,
    hasFigures: false,
    bodyClass: "page-404",
  };
}
