/**
 * Static assets of the site, all self-hosted: the site's CSS and its browser
 * code (client/, bundled by esbuild into ES modules: site.js and the chunks
 * it loads on demand), KaTeX's stylesheet with only its woff2 fonts (the text
 * fonts are subset per site and page: fonts.ts), the site's partial plotly.js bundle
 * (plotly-bundle.ts), a favicon. URLs carry a short content hash so browsers
 * may cache them for long and never see a stale file.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { buildSync } from "esbuild";
import type { AssetUrls } from "./layout";

const CLIENT_DIR = join(__dirname, "client");

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

function hashOf(contents: Buffer | string): string {
  return createHash("sha256").update(contents).digest("hex").slice(0, 10);
}

function write(outDir: string, relativePath: string, contents: Buffer | string): void {
  const target = join(outDir, relativePath);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, contents);
}

/**
 * KaTeX's stylesheet lists woff2, woff and ttf for each font; every browser
 * that runs the site reads woff2, so keep only that (a third of the files).
 */
export function woff2OnlyKatexCss(css: string): string {
  const rewritten = css.replace(/,url\([^)]*\.woff\) format\("woff"\)/g, "").replace(/,url\([^)]*\.ttf\) format\("truetype"\)/g, "");
  const others = [...rewritten.matchAll(/url\(([^)]*)\)/g)].map((match) => match[1]).filter((url) => !url.endsWith(".woff2"));
  if (others.length > 0) throw new Error(`KaTeX CSS still refers to non-woff2 files: ${others.join(", ")}`);
  return rewritten;
}

/**
 * The browser code: client/main.js and what it imports, bundled into ES
 * modules (site.js plus chunks it imports on demand, such as the search).
 */
export function bundleClient(): Array<{ path: string; contents: Uint8Array }> {
  const result = buildSync({
    entryPoints: { site: join(CLIENT_DIR, "main.js") },
    bundle: true,
    splitting: true,
    format: "esm",
    target: "es2020",
    minify: true,
    outdir: "/assets",
    chunkNames: "chunks/[name]-[hash]",
    write: false,
    legalComments: "none",
    logLevel: "silent",
  });
  return result.outputFiles.map((file) => ({ path: file.path.replace(/^.*?\/assets\//, "assets/"), contents: file.contents }));
}

/** Path of the plotly.js bundle inside the site. */
export const PLOTLY_ASSET = "assets/plotly.min.js";

/**
 * Writes the assets into `outDir/assets` and returns their page-relative URLs;
 * `plotly` is the bundle to host (none when no page has a figure).
 */
export function writeAssets(outDir: string, options: { plotly?: Buffer }): AssetUrls {
  const katexDir = join(packageDir("katex"), "dist");
  const katexCss = woff2OnlyKatexCss(readFileSync(join(katexDir, "katex.min.css"), "utf8"));
  const fonts = readdirSync(join(katexDir, "fonts")).filter((name) => name.endsWith(".woff2"));
  for (const font of fonts) {
    const referenced = katexCss.includes(`fonts/${font}`);
    if (referenced) copyFileSync(join(katexDir, "fonts", font), ensureDir(join(outDir, "assets/katex/fonts", font)));
  }
  write(outDir, "assets/katex/katex.min.css", katexCss);

  const css = readFileSync(join(CLIENT_DIR, "site.css"), "utf8");
  const favicon = readFileSync(join(CLIENT_DIR, "favicon.svg"));
  write(outDir, "assets/site.css", css);
  let js: Uint8Array = new Uint8Array();
  for (const file of bundleClient()) {
    write(outDir, file.path, Buffer.from(file.contents));
    if (file.path === "assets/site.js") js = file.contents;
  }
  write(outDir, "assets/favicon.svg", favicon);

  let plotlyUrl = "";
  if (options.plotly) {
    write(outDir, PLOTLY_ASSET, options.plotly);
    plotlyUrl = `${PLOTLY_ASSET}?v=${hashOf(options.plotly)}`;
  }
  return {
    css: `assets/site.css?v=${hashOf(css)}`,
    js: `assets/site.js?v=${hashOf(Buffer.from(js))}`,
    katexCss: `assets/katex/katex.min.css?v=${hashOf(katexCss)}`,
    plotly: plotlyUrl,
    favicon: `assets/favicon.svg?v=${hashOf(favicon)}`,
  };
}

function ensureDir(file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  return file;
}

