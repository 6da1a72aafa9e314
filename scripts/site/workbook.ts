/**
 * The build side of the workbook (every code cell runnable in the browser):
 * - bundles the browser code with esbuild: the loader (the one small script a
 *   page loads up front), the page runtime with the CodeMirror editor and the
 *   site's output renderer, the Web Worker with the library bundled from src/
 *   (library-bundle.ts) and sucrase, and the markdown chunk;
 * - the markup of each code cell's Run button, its code as JSON, and for an
 *   exercise the student version (the transformation of
 *   `npm run notebooks:student`) and a "Show solution" button;
 * - the chapter's toolbar (Run all, Stop, Reset, Download my notebook);
 * - the Content-Security-Policy of the pages (a <meta> in each page, and the
 *   same policy in a file the server sends as a header), and the worker's
 *   own, stricter one: no network at all.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { build, version as esbuildVersion, type Plugin } from "esbuild";
import { escapeHtml, jsonForScript } from "./html";
import { BROWSER_PATH_MODULE, BROWSER_REQUIRE_BANNER, BROWSER_REQUIRE_DEFINES, browserLibraryPlugin } from "./library-bundle";
import type { PageOptions } from "./layout";
import { stripSolution } from "../../src/exercises/notebook-exercises";
import { DEFAULT_CACHE_DIR } from "./plotly-bundle";
import { uiStrings, type SiteLanguage } from "./ui-strings";

const CLIENT_DIR = join(__dirname, "client");
export const WORKBOOK_ASSET_DIR = "assets/workbook";
/** The file (in the site folder) holding the pages' policy, for the server's header. */
export const CSP_FILE = ".lossbook-csp";

/** The policy of the worker script: it may run the cells' code (eval) and nothing else; no requests. */
export const WORKER_CSP = "default-src 'none'; script-src 'self' 'unsafe-eval'";

export interface WorkbookAssets {
  loader: string;
  module: string;
  worker: string;
  markdown: string;
  css: string;
  /** Bytes of each file, for the benchmark. */
  sizes: Record<string, number>;
  /** True when every bundle came from the cache. */
  cached: boolean;
}

const hashOf = (contents: string | Uint8Array) => createHash("sha256").update(contents).digest("hex").slice(0, 10);

/**
 * For the page bundle: Node built-ins that site modules import for the build
 * only become empty modules, and outputs.ts's "./markdown" becomes the
 * lazily loaded markdown chunk (markdown-browser.ts).
 */
function pageBundlePlugin(): Plugin {
  return {
    name: "lossbook-page-bundle",
    setup(pluginBuild) {
      // Node built-ins, and esbuild itself (plotly-bundle.ts, for BUNDLEABLE_TRACE_TYPES), are build-time only.
      // node:path is called at module level (plotly-bundle.ts's cache folder), so it gets the POSIX stand-in.
      pluginBuild.onResolve({ filter: /^(node:.*|esbuild)$/ }, (args) => ({ path: args.path, namespace: "node-stub" }));
      pluginBuild.onLoad({ filter: /.*/, namespace: "node-stub" }, (args) =>
        args.path === "node:path" ? { contents: BROWSER_PATH_MODULE, loader: "js" } : { contents: "module.exports = {};", loader: "js" },
      );
      pluginBuild.onResolve({ filter: /^\.\/markdown$/ }, (args) =>
        args.importer.endsWith(`${join("site", "outputs.ts")}`) ? { path: join(CLIENT_DIR, "runtime", "markdown-browser.ts") } : undefined,
      );
    },
  };
}

/**
 * For the markdown chunk: markdown.ts imports its TeX plugin through a
 * variable (for Node's type resolution), which a bundler cannot follow; the
 * chunk names the package literally.
 */
function literalTexImportPlugin(): Plugin {
  return {
    name: "lossbook-literal-tex-import",
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /[\\/]site[\\/]markdown\.ts$/ }, (args) => ({
        contents: readFileSync(args.path, "utf8").replace(/await import\(TEX_PLUGIN\)/, 'await import("@mdit/plugin-tex")'),
        loader: "ts",
      }));
      pluginBuild.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: "node-stub" }));
      pluginBuild.onLoad({ filter: /.*/, namespace: "node-stub" }, () => ({ contents: "module.exports = {};", loader: "js" }));
    },
  };
}

interface BundleOptions {
  format: "esm" | "iife";
  plugins?: Plugin[];
  banner?: string;
  define?: Record<string, string>;
  minify: boolean;
}

/** A bundle made before, with the content hash of every file esbuild read for it. */
interface CachedBundle {
  inputs: Record<string, string>;
  code: string;
}

const fileHash = (path: string) => (existsSync(path) ? hashOf(readFileSync(path)) : "missing");

/**
 * One entry bundled by esbuild, or taken from the cache when none of the
 * files it was made from has changed (the cache key is the entry, the options
 * and esbuild's version; the check is every input file's content hash).
 */
async function bundle(entry: string, options: BundleOptions, cacheDir: string): Promise<{ code: string; cached: boolean }> {
  const key = hashOf(JSON.stringify({ entry, esbuildVersion, format: options.format, banner: options.banner, define: options.define, minify: options.minify, plugins: options.plugins?.map((plugin) => plugin.name) }));
  const cacheFile = join(cacheDir, `workbook-${entry.replace(/\W+/g, "-")}-${key}.json`);
  if (existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, "utf8")) as CachedBundle;
    if (Object.entries(cached.inputs).every(([path, hash]) => fileHash(path) === hash)) return { code: cached.code, cached: true };
  }
  const result = await build({
    entryPoints: [join(CLIENT_DIR, entry)],
    bundle: true,
    write: false,
    metafile: true,
    absWorkingDir: process.cwd(),
    format: options.format,
    platform: "browser",
    target: ["es2022"],
    minify: options.minify,
    legalComments: "none",
    plugins: options.plugins,
    banner: options.banner ? { js: options.banner } : undefined,
    define: { __dirname: '"/"', ...options.define },
    logLevel: "silent",
  });
  const code = result.outputFiles[0].text;
  // Inputs in esbuild's metafile are relative to the working folder; virtual modules (namespace:path) are
  // made from files the plugins read, the vega-datasets data, which a new package version would change.
  const inputs: Record<string, string> = {};
  for (const path of Object.keys(result.metafile.inputs)) {
    if (/^[\w-]+:/.test(path) && !isAbsolute(path)) continue;
    const absolute = resolve(process.cwd(), path);
    inputs[absolute] = fileHash(absolute);
  }
  const datasets = join(dirname(require.resolve("vega-datasets")), "..", "package.json");
  inputs[datasets] = fileHash(datasets);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(`${cacheFile}.tmp`, JSON.stringify({ inputs, code } satisfies CachedBundle));
  renameSync(`${cacheFile}.tmp`, cacheFile);
  return { code, cached: false };
}

/** Bundles the workbook's browser code and writes it into `outDir/assets/workbook/`. */
export async function writeWorkbookAssets(outDir: string, options: { minify?: boolean; cacheDir?: string } = {}): Promise<WorkbookAssets> {
  const minify = options.minify ?? true;
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const bundles = await Promise.all([
    bundle("runtime/loader.ts", { format: "iife", minify }, cacheDir),
    bundle("runtime/workbook.ts", { format: "esm", plugins: [pageBundlePlugin()], minify }, cacheDir),
    bundle("runtime/worker.ts", { format: "iife", plugins: [browserLibraryPlugin()], banner: BROWSER_REQUIRE_BANNER, define: BROWSER_REQUIRE_DEFINES, minify }, cacheDir),
    bundle("runtime/markdown-chunk.ts", { format: "esm", plugins: [literalTexImportPlugin()], minify }, cacheDir),
  ]);
  const [loader, module, worker, markdown] = bundles.map((made) => made.code);
  const css = readFileSync(join(CLIENT_DIR, "editor", "workbook.css"), "utf8");
  const files: Record<string, string> = { "loader.js": loader, "workbook.js": module, "worker.js": worker, "markdown.js": markdown, "workbook.css": css };
  const urls: Record<string, string> = {};
  const sizes: Record<string, number> = {};
  for (const [name, contents] of Object.entries(files)) {
    const target = join(outDir, WORKBOOK_ASSET_DIR, name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, contents);
    urls[name] = `${WORKBOOK_ASSET_DIR}/${name}?v=${hashOf(contents)}`;
    sizes[name] = Buffer.byteLength(contents);
  }
  return { loader: urls["loader.js"], module: urls["workbook.js"], worker: urls["worker.js"], markdown: urls["markdown.js"], css: urls["workbook.css"], sizes, cached: bundles.every((made) => made.cached) };
}

/** What a code cell gets beside its highlighted code: its source, a Run button, and for exercises the student version. */
export function workbookCellExtras(cell: { number: number; tags: string[]; source: string; where: string }, highlight: (code: string, language: string) => string, siteLanguage: SiteLanguage = "en"): string {
  const strings = uiStrings(siteLanguage);
  const isExercise = cell.tags.includes("solution");
  const parts = [`<script type="application/json" class="cell-source">${jsonForScript(cell.source)}</script>`];
  if (isExercise) {
    // The placeholder's error in the page's language (the checkers recognise both).
    const student = stripSolution(cell.source, cell.where, undefined, siteLanguage === "zh" ? "zh-Hans" : "en");
    parts.push(
      `<script type="application/json" class="cell-student-source">${jsonForScript(student)}</script>`,
      highlight(student, "typescript").replace(/^<pre class="/, '<pre class="workbook-student-code '),
    );
  }
  const solution = isExercise ? ` <button type="button" class="workbook-show-solution" aria-expanded="false">${escapeHtml(strings.showSolution)}</button>` : "";
  parts.push(
    `<div class="cell-toolbar"><button type="button" class="cell-run" aria-label="${escapeHtml(strings.runCellLabel(cell.number))}">${escapeHtml(strings.run)}</button>${solution}<span class="cell-run-status" role="status"></span></div>`,
  );
  return parts.join("");
}

/** The chapter's workbook toolbar, placed above the article. */
export function workbookBar(checkCount: number, language: SiteLanguage = "en"): string {
  const strings = uiStrings(language);
  return `<div class="workbook-bar" role="region" aria-label="${escapeHtml(strings.workbookLabel)}">
<button type="button" class="workbook-run-all">${escapeHtml(strings.runAll)}</button>
<button type="button" class="workbook-stop" hidden>${escapeHtml(strings.stop)}</button>
<button type="button" class="workbook-reset">${escapeHtml(strings.reset)}</button>
<button type="button" class="workbook-download">${escapeHtml(strings.downloadMyNotebook)}</button>
${checkCount > 0 ? `<span class="workbook-progress">${escapeHtml(strings.checksInChapter(checkCount))}</span>` : ""}
<p class="workbook-status" role="status">${escapeHtml(strings.workbookIntro)}</p>
</div>`;
}

/** The head of a page: the workbook's stylesheet and loader, with what the loader needs to know. */
export function workbookHead(assets: WorkbookAssets, page: { kind: "chapter"; slug: string; notebookFile: string; notebookUrl: string; title: string } | { kind: "index"; language?: SiteLanguage }): string {
  const common = `<link rel="stylesheet" href="${assets.css}">`;
  if (page.kind === "index") {
    // The progress badges' words, in the page's language, for the loader ("{passed}" and "{total}" filled in there).
    const strings = uiStrings(page.language ?? "en");
    return `${common}\n<script defer src="${assets.loader}" data-page="index" data-progress="${escapeHtml(strings.indexProgress(-1, -2).replace("-1", "{passed}").replace("-2", "{total}"))}" data-worked-in="${escapeHtml(strings.workedIn)}"></script>`;
  }
  const data = {
    page: "chapter",
    slug: page.slug,
    "notebook-file": page.notebookFile,
    "notebook-url": page.notebookUrl,
    "page-title": page.title,
    module: assets.module,
    worker: assets.worker,
    markdown: assets.markdown,
  };
  const attributes = Object.entries(data)
    .map(([key, value]) => ` data-${key}="${escapeHtml(value)}"`)
    .join("");
  return `${common}\n<script defer src="${assets.loader}"${attributes}></script>`;
}

/** A chapter page with the workbook: the toolbar above the article, the loader in the head. */
export function withWorkbook(page: PageOptions, assets: WorkbookAssets, chapter: { slug: string; notebookFile: string; notebookUrl: string; checkCount: number }): PageOptions {
  return {
    ...page,
    mainHtml: page.mainHtml.replace('<article class="notebook">', `${workbookBar(chapter.checkCount, page.language)}\n<article class="notebook">`),
    headHtml: workbookHead(assets, { kind: "chapter", slug: chapter.slug, notebookFile: chapter.notebookFile, notebookUrl: chapter.notebookUrl, title: page.title }),
  };
}

/** The sha256 sources of the inline scripts of the pages, for the policy. */
export function inlineScriptHashes(pages: string[]): string[] {
  const hashes = new Set<string>();
  for (const html of pages) {
    for (const match of html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>([\s\S]*?)<\/script>/g)) {
      hashes.add(`'sha256-${createHash("sha256").update(match[1]).digest("base64")}'`);
    }
  }
  return [...hashes].sort();
}

/**
 * The pages' policy: everything from the site's own origin; inline scripts
 * only by hash; styles inline too (plotly.js sets them); workers from the
 * site; no plugins, no framing, no form posts.
 */
export function pageContentSecurityPolicy(scriptHashes: string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.join(" ")}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

/** Puts the policy into a page's head as a <meta> (frame-ancestors only works as a header). */
export function withMetaPolicy(html: string, policy: string): string {
  return html.replace(/<meta charset="utf-8">/, (meta) => `${meta}\n<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">`);
}
