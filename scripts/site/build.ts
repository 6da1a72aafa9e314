/**
 * The whole site build: notebooks → pages, gallery from the registry, index,
 * 404, assets, downloadable notebooks, precompressed copies. Fails on the
 * first problem with a SiteBuildError naming notebook and cell.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { PLOTLY_ASSET, writeAssets } from "./assets";
import { precompress, type CompressionSummary } from "./compress";
import { SiteBuildError } from "./errors";
import { createSiteFonts } from "./fonts";
import { renderGallery, type GalleryLoss, type GroupLossesByAxis, type LossFunctionPlot, type PeerTable } from "./gallery";
import { createHighlight } from "./highlight";
import { renderPage, type NavEntry, type PageOptions } from "./layout";
import { createMarkdownEnv, createMarkdownRenderer } from "./markdown";
import { readNotebook } from "./notebook";
import { listNotebooks } from "../notebook-runner";
import { buildPlotlyBundle } from "./plotly-bundle";
import { chapterNavEntry, galleryNavEntry, NOTEBOOK_FOLDER, render404Page, renderChapterPage, renderIndexPage } from "./pages";
import { pagePath } from "./editions";
import { SITE_LANGUAGES, UI_STRINGS_BY_LANGUAGE, uiStrings, type SiteLanguage } from "./ui-strings";
import { explorableStringsText } from "./explorable-strings";
import { notebookText } from "../student-notebooks";
import { notebookInLanguage, readTranslation, translateNotebook, translationPath } from "../translations";
import { currentLanguage, setLanguage } from "../../src/language";
import type { NotebookFile } from "./notebook";
import { renderNotebook, type RenderedNotebook } from "./render-notebook";
import { prepareExplorables } from "./explorables";
import { buildSearchIndex } from "./search-index";
import { addSectionHeights, type SectionHeightsSummary } from "./section-heights";

/** Where the site keeps its search index (the search box fetches it relative to the page). */
export const SEARCH_INDEX_FILE = "search-index.json";
import { CSP_FILE, inlineScriptHashes, pageContentSecurityPolicy, withMetaPolicy, withWorkbook, workbookCellExtras, workbookHead, writeWorkbookAssets, type WorkbookAssets } from "./workbook";

export const REPO_ROOT = resolve(__dirname, "../..");
export const DEFAULT_NOTEBOOK_DIR = join(REPO_ROOT, "notebooks");
export const DEFAULT_OUT_DIR = join(REPO_ROOT, "site");
/** A file the build leaves in its folder, so it only ever empties a folder it made. */
const MARKER = ".lossbook-site";

/** What the gallery needs from the library (CONTRACTS: `losses`, `lossFunctionPlot`; `groupLossesByAxis`, `peerTable`). */
export interface GalleryLibrary {
  groupLossesByAxis: GroupLossesByAxis;
  peerTable: PeerTable;
  losses: readonly GalleryLoss[];
  lossFunctionPlot: LossFunctionPlot;
}

export interface BuildOptions {
  /** Notebook files, in reading order (default: notebooks/*.ipynb sorted by name). */
  notebooks?: string[];
  outDir?: string;
  /** The library for the gallery (default: loaded from src/). */
  library?: GalleryLibrary;
  /** Write .gz/.br copies (default true). */
  compress?: boolean;
  /** Where bundled plotly.js files are cached (default node_modules/.cache/lossbook-site). */
  cacheDir?: string;
  log?: (line: string) => void;
}

export interface BuiltPage {
  /** Path inside the site folder ("05-huber.html", "zh/05-huber.html"). */
  file: string;
  language: SiteLanguage;
  kind: "index" | "chapter" | "gallery" | "404";
  title: string;
  figures: number;
  /** Plotly trace types of the page's figures, sorted. */
  traceTypes: string[];
}

export interface BuildResult {
  outDir: string;
  /** The English pages (at the site's root). */
  pages: BuiltPage[];
  /** The Chinese edition: the same pages under zh/ (editions.ts). */
  zhPages: BuiltPage[];
  warnings: string[];
  compression?: CompressionSummary;
  /** The search index: sections indexed and its size (search-index.json; zh/search-index.json for the Chinese pages). */
  search: { sections: number; bytes: number; zh: { sections: number; bytes: number } };
  /** The site's partial plotly.js (absent when no page has a figure). */
  plotly?: { file: string; traceTypes: string[]; version: string; bytes: number; cached: boolean; bundleMs: number };
  /** The workbook's browser code (workbook.ts). */
  workbook: WorkbookAssets;
  /** The sections' heights (section-heights.ts): measured in Chromium for changed pages, else from the cache. */
  sectionHeights: SectionHeightsSummary;
  /** The text fonts (fonts.ts): files written, their bytes, time spent subsetting (0: all from the cache). */
  fonts: { files: number; bytes: number; subsetMs: number };
  durationMs: number;
}

// notebooks/*.ipynb sorted by name: the runner's list, so the site and the runner read the folder alike.
export { listNotebooks };

/** The registry, `lossFunctionPlot`, `groupLossesByAxis` and `peerTable` from the library source. */
export async function loadGalleryLibrary(): Promise<GalleryLibrary> {
  const { losses, lossFunctionPlot, groupLossesByAxis, peerTable } = await import("../../src/index");
  return { losses, lossFunctionPlot, groupLossesByAxis, peerTable };
}

function prepareOutDir(outDir: string): void {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    if (!existsSync(join(outDir, MARKER))) {
      throw new SiteBuildError(outDir, undefined, `is not empty and was not made by the site build (no ${MARKER} file); refusing to delete it`);
    }
    rmSync(outDir, { recursive: true, force: true });
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, MARKER), "Made by scripts/build-site.ts; emptied on every build.\n");
}

export async function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const outDir = resolve(options.outDir ?? DEFAULT_OUT_DIR);
  const notebookPaths = options.notebooks ?? listNotebooks();
  if (notebookPaths.length === 0) throw new SiteBuildError("notebooks/", undefined, "no .ipynb files to build the site from");
  const log = options.log ?? (() => {});

  const [shiki, library] = await Promise.all([createHighlight(), options.library ? Promise.resolve(options.library) : loadGalleryLibrary()]);
  // Both editions show the same code cells: each is highlighted once.
  const highlighted = new Map<string, string>();
  const highlight: typeof shiki = (code, language) => {
    const key = `${language}\u0000${code}`;
    let html = highlighted.get(key);
    if (html === undefined) highlighted.set(key, (html = shiki(code, language)));
    return html;
  };
  const markdown = await createMarkdownRenderer(highlight);
  prepareOutDir(outDir);

  // esbuild bundles the workbook's browser code in its own process while the notebooks render here.
  const workbookAssets = writeWorkbookAssets(outDir, { cacheDir: options.cacheDir });
  const notebooks = notebookPaths.map((path) => readNotebook(path, relative(REPO_ROOT, path) || basename(path)));
  const slugs = new Set(notebooks.map((notebook) => notebook.slug));
  if (slugs.size !== notebooks.length) throw new SiteBuildError("notebooks/", undefined, "two notebooks have the same file name");
  const writeAsset = (relativePath: string, contents: Buffer | string) => {
    const target = join(outDir, relativePath);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, contents);
    return relativePath;
  };

  // Explorable figures (explorables.ts): checked against the notebooks, bundled, hooked into the pages.
  const explorables = await prepareExplorables(notebooks, writeAsset, { cacheDir: options.cacheDir });
  log(`explorables: ${(explorables.bundle.bytes / 1024).toFixed(0)} KiB in ${explorables.bundle.files.length} files`);
  const renderChapters = (language: SiteLanguage, sources: NotebookFile[], english?: RenderedNotebook[]) =>
    sources.map((notebook, index) =>
      renderNotebook(notebook, {
        markdown,
        highlight,
        notebookSlugs: slugs,
        writeAsset,
        decorateOutputs: explorables.decorateOutputs,
        codeCellExtras: (cell) => workbookCellExtras(cell, highlight, language),
        language,
        // A Chinese heading gets the id of its English heading (same cell, same place), so #anchors survive the language switch.
        headingIdsByCell: english?.[index].headingIdsByCell,
      }),
    );
  const chapters: RenderedNotebook[] = renderChapters("en", notebooks);
  // The Chinese edition: each notebook with its markdown from notebooks/zh/ (a cell without a fresh translation keeps its English).
  const translations = notebookPaths.map((path) => readTranslation(translationPath(path, "zh")));
  const zhNotebooks = notebooks.map((notebook, index) => {
    const translation = translations[index];
    if (!translation) log(`no Chinese translation of ${notebook.displayPath}: its Chinese page shows the English prose`);
    return translation ? { ...notebook, content: translateNotebook(notebook.content, translation, notebook.fileName) } : notebook;
  });
  const zhChapters = renderChapters("zh", zhNotebooks, chapters);
  const warnings = [...chapters, ...zhChapters].flatMap((chapter) => chapter.warnings);

  const workbook = await workbookAssets;
  log(`workbook runtime ${workbook.cached ? "from the cache" : "bundled"}: ${Object.entries(workbook.sizes).map(([file, bytes]) => `${file} ${(bytes / 1024).toFixed(0)} KiB`).join(", ")}`);
  const galleryChapterIndex = chapters.findIndex((chapter) => /more-losses/.test(chapter.notebook.slug));
  const renderGalleryIn = (language: SiteLanguage) => {
    const galleryEnv = createMarkdownEnv({ file: "gallery" }, slugs);
    // The figures' default titles and legend names follow the library's language (the registry's Chinese names).
    const before = currentLanguage();
    setLanguage(language === "zh" ? "zh-Hans" : "en");
    try {
      const rendered = renderGallery({ losses: library.losses, plot: library.lossFunctionPlot, groupByAxis: library.groupLossesByAxis, peerTable: library.peerTable, markdown, env: galleryEnv, chapter: (language === "zh" ? zhChapters : chapters)[galleryChapterIndex], decorateFigure: explorables.decorateGalleryFigure, language });
      warnings.push(...galleryEnv.warnings);
      return rendered;
    } finally {
      setLanguage(before);
    }
  };

  type Entry = { page: PageOptions; kind: BuiltPage["kind"]; figures: number; traceTypes: string[] };
  /** Every page of one language: index, chapters, gallery (the 404 page is added below). */
  const editionPages = (language: SiteLanguage, rendered: RenderedNotebook[]): { entries: Entry[]; lossCount: number } => {
    const gallery = renderGalleryIn(language);
    const index = renderIndexPage(rendered, { lossCount: gallery.lossCount }, language, chapters.map((chapter) => chapter.documentSections));
    return {
      lossCount: gallery.lossCount,
      entries: [
        { page: { ...index, headHtml: workbookHead(workbook, { kind: "index", language }) }, kind: "index", figures: 0, traceTypes: [] },
        ...rendered.map((chapter, position) => ({
          page: withWorkbook(renderChapterPage(chapter, rendered[position - 1], rendered[position + 1], language), workbook, {
            slug: chapter.notebook.slug,
            notebookFile: chapter.notebook.fileName,
            notebookUrl: `${NOTEBOOK_FOLDER}/${encodeURIComponent(chapter.notebook.fileName)}`,
            checkCount: chapter.notebook.content.cells.filter((cell) => (cell.metadata?.tags as string[] | undefined)?.includes("check")).length,
          }),
          kind: "chapter" as const,
          figures: chapter.figures,
          traceTypes: chapter.traceTypes,
        })),
        { page: gallery.page, kind: "gallery", figures: gallery.figures, traceTypes: gallery.traceTypes },
      ],
    };
  };
  const english = editionPages("en", chapters);
  const chinese = editionPages("zh", zhChapters);
  const pages = english.entries;
  const navigationIn = (language: SiteLanguage, rendered: RenderedNotebook[]): NavEntry[] => [
    { href: "index.html", labelHtml: uiStrings(language).contents },
    ...rendered.map((chapter) => chapterNavEntry(chapter, language)),
    galleryNavEntry(language),
  ];
  const navigation = { en: navigationIn("en", chapters), zh: navigationIn("zh", zhChapters) };
  // One plotly.js for the whole site, with every trace type any page draws: a
  // reader who moves between chapters downloads it once.
  const usedTraceTypes = [...pages, ...chinese.entries].flatMap((entry) => entry.traceTypes);
  const plotly = usedTraceTypes.length > 0 ? await buildPlotlyBundle(usedTraceTypes, { cacheDir: options.cacheDir }) : undefined;
  if (plotly) log(`plotly.js ${plotly.version} partial bundle (${plotly.traceTypes.join(", ")}): ${(plotly.code.length / 1024).toFixed(0)} KiB, ${plotly.cached ? "from the cache" : `bundled in ${(plotly.bundleMs / 1000).toFixed(2)} s`}`);
  const assets = writeAssets(outDir, { plotly: plotly?.code });
  // Each page carries the site's Content-Security-Policy as a <meta>; the server sends it as a header too.
  const allPages = (["en", "zh"] as const).flatMap((language) =>
    [...(language === "en" ? english : chinese).entries, { page: render404Page(language), kind: "404" as const, figures: 0, traceTypes: [] }].map((entry) => ({ ...entry, language })),
  );
  // Fonts from each page's full text, both editions in one call so the site-wide faces cover both (fonts.ts); then the pages again with their font rules.
  const withoutFonts = allPages.map(({ page, language }) => renderPage(page, { assets, navigation: navigation[language] }));
  const interfaceTextOf = (language: SiteLanguage) => Object.values(UI_STRINGS_BY_LANGUAGE[language]).map((value) => interfaceStringText(value)).join(" ");
  const interfaceText = SITE_LANGUAGES.map(interfaceTextOf).join(" ");
  const fontsStarted = performance.now();
  const fonts = await createSiteFonts(withoutFonts, { cacheDir: options.cacheDir, extraText: interfaceText });
  // A Chinese page's subsets also cover the words its scripts show: the interface strings, and the explorables' where it has one.
  const scriptTextOf = (pageHtml: string) => `${interfaceTextOf("zh")}${pageHtml.includes('data-explorable="') ? ` ${explorableStringsText("zh")}` : ""}`;
  const pageFonts = await Promise.all(withoutFonts.map((pageHtml, index) => fonts.forPage(pageHtml, { language: allPages[index].language, root: allPages[index].language === "zh" ? "../" : "", extraText: allPages[index].language === "zh" ? scriptTextOf(pageHtml) : undefined })));
  const html = allPages.map(({ page, language }, index) => renderPage({ ...page, fontsHtml: pageFonts[index].headHtml }, { assets, navigation: navigation[language] }));
  for (const file of fonts.files) writeAsset(file.path, file.contents);
  log(`fonts: ${fonts.files.length} subsets, ${(fonts.files.reduce((sum, file) => sum + file.contents.length, 0) / 1024).toFixed(0)} KiB${fonts.subsetMs() > 0 ? `, subset in ${(fonts.subsetMs() / 1000).toFixed(2)} s` : ", from the cache"}, ${((performance.now() - fontsStarted) / 1000).toFixed(2)} s in all`);
  const policy = pageContentSecurityPolicy(inlineScriptHashes(html));
  allPages.forEach(({ page, language }, index) => writeAsset(pagePath(language, page.fileName), withMetaPolicy(html[index], policy)));
  writeAsset(CSP_FILE, `${policy}\n`);
  const searchIn = (language: SiteLanguage) => {
    const index = buildSearchIndex(allPages.filter((entry) => entry.language === language && entry.kind !== "index" && entry.kind !== "404").map(({ page }) => ({ file: page.fileName, title: page.title, html: page.mainHtml })));
    const json = JSON.stringify(index.file);
    writeAsset(pagePath(language, SEARCH_INDEX_FILE), json);
    log(`search index (${language}): ${index.sections} sections, ${(json.length / 1024).toFixed(0)} KiB`);
    return { sections: index.sections, bytes: Buffer.byteLength(json) };
  };
  const search = { ...searchIn("en"), zh: searchIn("zh") };
  mkdirSync(join(outDir, NOTEBOOK_FOLDER), { recursive: true });
  for (const path of notebookPaths) copyFileSync(path, join(outDir, NOTEBOOK_FOLDER, basename(path)));
  // The Chinese pages offer the Chinese notebooks: same code cells and outputs, Chinese markdown, the language cell.
  notebooks.forEach((notebook, index) => {
    const translation = translations[index];
    const content = translation ? notebookInLanguage(notebook.content as never, translation, notebook.fileName) : notebook.content;
    writeAsset(pagePath("zh", `${NOTEBOOK_FOLDER}/${notebook.fileName}`), notebookText(content as never));
  });

  // Every section's real height, so the browser can skip laying out those off screen (section-heights.ts).
  const heights = await addSectionHeights(outDir, { cacheDir: options.cacheDir });
  log(heights.skipped ? `section heights: ${heights.skipped}` : `section heights: ${heights.sections} sections of ${heights.pages} pages, ${heights.measured} pages measured in Chromium (or by a parallel build), ${heights.cached} from the cache (${(heights.durationMs / 1000).toFixed(2)} s)`);
  const compression = options.compress === false ? undefined : await precompress(outDir);
  const builtPages = (language: SiteLanguage): BuiltPage[] =>
    allPages.filter((entry) => entry.language === language).map(({ page, kind, figures, traceTypes }) => ({ file: pagePath(language, page.fileName), language, kind, title: page.title, figures, traceTypes }));
  const built = builtPages("en");
  const zhPages = builtPages("zh");
  const durationMs = performance.now() - started;
  log(`built ${built.length} + ${zhPages.length} (Chinese) pages into ${relative(process.cwd(), outDir) || "."} in ${(durationMs / 1000).toFixed(2)} s`);
  const plotlySummary = plotly && {
    file: PLOTLY_ASSET,
    traceTypes: plotly.traceTypes,
    version: plotly.version,
    bytes: plotly.code.length,
    cached: plotly.cached,
    bundleMs: plotly.bundleMs,
  };
  return { outDir, pages: built, zhPages, warnings, compression, search, plotly: plotlySummary, workbook, sectionHeights: heights, fonts: { files: fonts.files.length, bytes: fonts.files.reduce((sum, file) => sum + file.contents.length, 0), subsetMs: fonts.subsetMs() }, durationMs };
}

/** The characters an interface string can show (a template is called with a sample number; nested tables flattened), for the font subsets. */
function interfaceStringText(value: unknown): string {
  if (typeof value === "function") {
    try {
      return String((value as (...args: unknown[]) => unknown)(2, 2));
    } catch {
      return String((value as (...args: unknown[]) => unknown)("2", "2"));
    }
  }
  if (value !== null && typeof value === "object") return Object.values(value).map(interfaceStringText).join(" ");
  return String(value);
}
