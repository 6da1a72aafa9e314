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
import { renderGallery, type GalleryLoss, type GroupLossesByAxis, type LossFunctionPlot } from "./gallery";
import { createHighlight } from "./highlight";
import { renderPage, type NavEntry, type PageOptions } from "./layout";
import { createMarkdownEnv, createMarkdownRenderer } from "./markdown";
import { readNotebook } from "./notebook";
import { listNotebooks } from "../notebook-runner";
import { buildPlotlyBundle } from "./plotly-bundle";
import { chapterNavEntry, NOTEBOOK_FOLDER, render404Page, renderChapterPage, renderIndexPage } from "./pages";
import { renderNotebook, type RenderedNotebook } from "./render-notebook";
import { prepareExplorables } from "./explorables";
import { buildSearchIndex } from "./search-index";
import { UI_STRINGS } from "./ui-strings";

/** Where the site keeps its search index (the search box fetches it relative to the page). */
export const SEARCH_INDEX_FILE = "search-index.json";
import { CSP_FILE, inlineScriptHashes, pageContentSecurityPolicy, withMetaPolicy, withWorkbook, workbookCellExtras, workbookHead, writeWorkbookAssets, type WorkbookAssets } from "./workbook";

export const REPO_ROOT = resolve(__dirname, "../..");
export const DEFAULT_NOTEBOOK_DIR = join(REPO_ROOT, "notebooks");
export const DEFAULT_OUT_DIR = join(REPO_ROOT, "site");
/** A file the build leaves in its folder, so it only ever empties a folder it made. */
const MARKER = ".lossbook-site";

/** What the gallery needs from the library (CONTRACTS: `losses`, `lossFunctionPlot`; `groupLossesByAxis`). */
export interface GalleryLibrary {
  groupLossesByAxis: GroupLossesByAxis;
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
  /** File name inside the site folder. */
  file: string;
  kind: "index" | "chapter" | "gallery" | "404";
  title: string;
  figures: number;
  /** Plotly trace types of the page's figures, sorted. */
  traceTypes: string[];
}

export interface BuildResult {
  outDir: string;
  pages: BuiltPage[];
  warnings: string[];
  compression?: CompressionSummary;
  /** The search index: sections indexed and its size (search-index.json). */
  search: { sections: number; bytes: number };
  /** The site's partial plotly.js (absent when no page has a figure). */
  plotly?: { file: string; traceTypes: string[]; version: string; bytes: number; cached: boolean; bundleMs: number };
  /** The workbook's browser code (workbook.ts). */
  workbook: WorkbookAssets;
  /** The text fonts (fonts.ts): files written, their bytes, time spent subsetting (0: all from the cache). */
  fonts: { files: number; bytes: number; subsetMs: number };
  durationMs: number;
}

// notebooks/*.ipynb sorted by name: the runner's list, so the site and the runner read the folder alike.
export { listNotebooks };

/** The registry, `lossFunctionPlot` and `groupLossesByAxis` from the library source. */
export async function loadGalleryLibrary(): Promise<GalleryLibrary> {
  const { losses, lossFunctionPlot, groupLossesByAxis } = await import("../../src/index");
  return { losses, lossFunctionPlot, groupLossesByAxis };
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

  const [highlight, library] = await Promise.all([createHighlight(), options.library ? Promise.resolve(options.library) : loadGalleryLibrary()]);
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
  const codeCellExtras = (cell: Parameters<typeof workbookCellExtras>[0]) => workbookCellExtras(cell, highlight);
  const chapters: RenderedNotebook[] = notebooks.map((notebook) =>
    renderNotebook(notebook, { markdown, highlight, notebookSlugs: slugs, writeAsset, decorateOutputs: explorables.decorateOutputs, codeCellExtras }),
  );
  const warnings = chapters.flatMap((chapter) => chapter.warnings);

  const workbook = await workbookAssets;
  log(`workbook runtime ${workbook.cached ? "from the cache" : "bundled"}: ${Object.entries(workbook.sizes).map(([file, bytes]) => `${file} ${(bytes / 1024).toFixed(0)} KiB`).join(", ")}`);
  const galleryEnv = createMarkdownEnv({ file: "gallery" }, slugs);
  const galleryChapter = chapters.find((chapter) => /more-losses/.test(chapter.notebook.slug));
  const gallery = renderGallery({ losses: library.losses, plot: library.lossFunctionPlot, groupByAxis: library.groupLossesByAxis, markdown, env: galleryEnv, chapter: galleryChapter, decorateFigure: explorables.decorateGalleryFigure });
  warnings.push(...galleryEnv.warnings);

  const pages: Array<{ page: PageOptions; kind: BuiltPage["kind"]; figures: number; traceTypes: string[] }> = [
    { page: { ...renderIndexPage(chapters, { lossCount: gallery.lossCount }), headHtml: workbookHead(workbook, { kind: "index" }) }, kind: "index", figures: 0, traceTypes: [] },
    ...chapters.map((chapter, index) => ({
      page: withWorkbook(renderChapterPage(chapter, chapters[index - 1], chapters[index + 1]), workbook, {
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
  ];
  const navigation: NavEntry[] = [
    { href: "index.html", labelHtml: "Contents" },
    ...chapters.map(chapterNavEntry),
    { href: "gallery.html", labelHtml: 'Loss gallery <span class="title-zh" lang="zh-Hans">损失函数图鉴</span>' },
  ];
  // One plotly.js for the whole site, with every trace type any page draws: a
  // reader who moves between chapters downloads it once.
  const usedTraceTypes = pages.flatMap((entry) => entry.traceTypes);
  const plotly = usedTraceTypes.length > 0 ? await buildPlotlyBundle(usedTraceTypes, { cacheDir: options.cacheDir }) : undefined;
  if (plotly) log(`plotly.js ${plotly.version} partial bundle (${plotly.traceTypes.join(", ")}): ${(plotly.code.length / 1024).toFixed(0)} KiB, ${plotly.cached ? "from the cache" : `bundled in ${(plotly.bundleMs / 1000).toFixed(2)} s`}`);
  const assets = writeAssets(outDir, { plotly: plotly?.code });
  // Each page carries the site's Content-Security-Policy as a <meta>; the server sends it as a header too.
  // Fonts from each page's full text (fonts.ts), then the pages again with their font rules.
  const allPages = [...pages.map(({ page }) => page), render404Page()];
  const withoutFonts = allPages.map((page) => renderPage(page, { assets, navigation }));
  const interfaceText = Object.values(UI_STRINGS).map((value) => (typeof value === "function" ? value(2) : value)).join(" ");
  const fontsStarted = performance.now();
  const fonts = await createSiteFonts(withoutFonts, { cacheDir: options.cacheDir, extraText: interfaceText });
  const pageFonts = await Promise.all(withoutFonts.map((pageHtml) => fonts.forPage(pageHtml)));
  const html = allPages.map((page, index) => renderPage({ ...page, fontsHtml: pageFonts[index].headHtml }, { assets, navigation }));
  for (const file of fonts.files) writeAsset(file.path, file.contents);
  log(`fonts: ${fonts.files.length} subsets, ${(fonts.files.reduce((sum, file) => sum + file.contents.length, 0) / 1024).toFixed(0)} KiB${fonts.subsetMs() > 0 ? `, subset in ${(fonts.subsetMs() / 1000).toFixed(2)} s` : ", from the cache"}, ${((performance.now() - fontsStarted) / 1000).toFixed(2)} s in all`);
  const policy = pageContentSecurityPolicy(inlineScriptHashes(html));
  pages.forEach(({ page }, index) => writeAsset(page.fileName, withMetaPolicy(html[index], policy)));
  writeAsset("404.html", withMetaPolicy(html[html.length - 1], policy));
  writeAsset(CSP_FILE, `${policy}\n`);
  const searchIndex = buildSearchIndex(pages.filter(({ kind }) => kind !== "index").map(({ page }) => ({ file: page.fileName, title: page.title, html: page.mainHtml })));
  const searchJson = JSON.stringify(searchIndex.file);
  writeAsset(SEARCH_INDEX_FILE, searchJson);
  log(`search index: ${searchIndex.sections} sections, ${(searchJson.length / 1024).toFixed(0)} KiB`);
  mkdirSync(join(outDir, NOTEBOOK_FOLDER), { recursive: true });
  for (const path of notebookPaths) copyFileSync(path, join(outDir, NOTEBOOK_FOLDER, basename(path)));

  const compression = options.compress === false ? undefined : await precompress(outDir);
  const built: BuiltPage[] = [
    ...pages.map(({ page, kind, figures, traceTypes }) => ({ file: page.fileName, kind, title: page.title, figures, traceTypes })),
    { file: "404.html", kind: "404" as const, title: "Page not found", figures: 0, traceTypes: [] },
  ];
  const durationMs = performance.now() - started;
  log(`built ${built.length} pages into ${relative(process.cwd(), outDir) || "."} in ${(durationMs / 1000).toFixed(2)} s`);
  const plotlySummary = plotly && {
    file: PLOTLY_ASSET,
    traceTypes: plotly.traceTypes,
    version: plotly.version,
    bytes: plotly.code.length,
    cached: plotly.cached,
    bundleMs: plotly.bundleMs,
  };
  return { outDir, pages: built, warnings, compression, search: { sections: searchIndex.sections, bytes: Buffer.byteLength(searchJson) }, plotly: plotlySummary, workbook, fonts: { files: fonts.files.length, bytes: fonts.files.reduce((sum, file) => sum + file.contents.length, 0), subsetMs: fonts.subsetMs() }, durationMs };
}
