/**
 * Real heights for the page's sections, so that the browser can skip laying
 * out the ones off screen (`content-visibility: auto`) without the page
 * growing or shrinking as the reader scrolls: every notebook cell and gallery
 * card is measured in Chromium after the build, at the viewport widths in
 * SECTION_WIDTHS (phones, a tablet, desktops; each stands for a range of
 * widths, site.css), with the page's fonts and scripts, and gets its heights
 * as custom properties (`style="--h-375:812.5px;…"`) and the class
 * `has-height`, which site.css turns into
 * `contain-intrinsic-block-size: auto <the height at the nearest width>`.
 * Once a section has been drawn the browser remembers its real height (the
 * `auto`), so a width between two measured ones is corrected as it is read.
 * The build also records which boxes of each section scroll sideways at each
 * width (`data-scrolling="375=0.2"`: the first and third), so scroll-regions.js
 * can make them keyboard-reachable before their section is drawn.
 * Measurements are cached under a hash of the page's <head> and <main>
 * (the head names every stylesheet and font by its content hash), so only
 * changed pages are measured again. Without Chromium nothing is measured and
 * no section skips layout (the page is as before, only slower to lay out).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Browser } from "playwright-core";
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from "./browser";
import { DEFAULT_CACHE_DIR } from "./plotly-bundle";
import { startSiteServer } from "./server";
import { SCROLL_BOX_SELECTOR } from "./client/scroll-boxes";

/**
 * Viewport widths (CSS px) at which sections are measured: two phones, a
 * tablet, a laptop and a desktop wide enough that every column has its
 * largest width. site.css picks the nearest one for the reader's width
 * (keep its media queries in step). Each width costs a full layout of every
 * page in Chromium (about 0.3 s a page here), hence so few.
 */
export const SECTION_WIDTHS = [375, 412, 800, 1280, 1440] as const;

/**
 * The opening tags of the measured sections: notebook cells and gallery
 * cards (the build writes each with `class` as its first attribute).
 */
const SECTION_TAG = /<(div|section) class="((?:cell|loss-card)(?: [^"]*)?)"/g;
/** The same sections, in the browser, in document order. */
const SECTION_SELECTOR = 'div[class="cell"], div[class^="cell "], section[class="loss-card"], section[class^="loss-card "]';
/** Bumped when what is measured or how changes, so cached measurements are not reused. */
const MEASURE_VERSION = 2;

/**
 * What was measured of a page's sections, per width in SECTION_WIDTHS:
 * heights (content box, CSS px) in document order, and for each section the
 * positions, among its boxes that may scroll sideways (SCROLL_BOX_SELECTOR),
 * of those that do.
 */
export type SectionHeights = Record<number, number[]> & { scrolling?: Record<number, number[][]> };

export interface SectionHeightsSummary {
  pages: number;
  sections: number;
  /** Pages not in the cache when the build began: measured by this build, or by a parallel one it waited for. */
  measured: number;
  /** Pages whose heights came from the cache. */
  cached: number;
  durationMs: number;
  skipped?: string;
}

/** The page's HTML with each section's heights on it (class `has-height`, one custom property per width). */
export function withSectionHeights(html: string, heights: SectionHeights): string {
  let index = 0;
  return html.replace(SECTION_TAG, (tag, name: string, classes: string) => {
    const values = SECTION_WIDTHS.map((width) => heights[width]?.[index]);
    index += 1;
    if (values.some((value) => value === undefined || !Number.isFinite(value))) return tag;
    const style = SECTION_WIDTHS.map((width, i) => `--h-${width}:${values[i]}px`).join(";");
    const scrolling = SECTION_WIDTHS.filter((width) => (heights.scrolling?.[width]?.[index - 1] ?? []).length > 0)
      .map((width) => `${width}=${heights.scrolling![width][index - 1].join(".")}`)
      .join(";");
    return `<${name} class="${classes} has-height" style="${style}"${scrolling ? ` data-scrolling="${scrolling}"` : ""}`;
  });
}

/** How many sections a page has (the ones withSectionHeights annotates). */
export function countSections(html: string): number {
  return [...html.matchAll(SECTION_TAG)].length;
}

/**
 * Runs `work` unless another build is doing the same measurement right now
 * (tests build the site in parallel): then waits for its result in the cache.
 */
async function onceAcrossProcesses<T>(lockFile: string, resultFile: string, read: () => T, work: () => Promise<T>): Promise<T> {
  for (;;) {
    if (existsSync(resultFile)) return read();
    try {
      writeFileSync(lockFile, String(process.pid), { flag: "wx" });
    } catch {
      // Someone else measures: wait, unless their lock is stale (a crashed build).
      const lock = statSync(lockFile, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 300_000) rmSync(lockFile, { force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      return await work();
    } finally {
      rmSync(lockFile, { force: true });
    }
  }
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/**
 * In the page: every section laid out (not skipped) but contained as it is
 * when content-visibility applies (its children's margins stay inside), after
 * the fonts arrived; returns the content-box heights in document order.
 */
const MEASURE_IN_PAGE = `(async (selector, boxSelector) => {
  const sections = Array.from(document.querySelectorAll(selector));
  await document.fonts.ready;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await document.fonts.ready;
  const heights = sections.map((section) => {
    const style = getComputedStyle(section);
    const box = section.getBoundingClientRect().height;
    const edges = ["paddingTop", "paddingBottom", "borderTopWidth", "borderBottomWidth"].reduce((sum, name) => sum + parseFloat(style[name] || "0"), 0);
    return Math.round((box - edges) * 100) / 100;
  });
  const scrolling = sections.map((section) =>
    Array.from(section.querySelectorAll(boxSelector))
      .filter((box) => !box.closest(".plotly-figure"))
      .flatMap((box, index) => (box.scrollWidth > box.clientWidth + 1 ? [index] : [])),
  );
  return { heights, scrolling };
})`;

/** Measures the sections of `files` (paths inside `dir`) at every width. */
async function measurePages(browser: Browser, dir: string, files: string[]): Promise<Map<string, SectionHeights>> {
  const server = await startSiteServer({ dir, compression: "none" });
  const results = new Map<string, SectionHeights>();
  try {
    for (const phone of [true, false]) {
      const widths = SECTION_WIDTHS.filter((width) => (width <= 640) === phone);
      // A phone has touch and no hover (site.css has rules for both), as in the site's own tests.
      const context = await browser.newContext({ viewport: { width: widths[0], height: 900 }, isMobile: phone, hasTouch: phone });
      // The sections' sizes do not depend on plotly.js or the explorables' code: leave them out.
      await context.route(/plotly[^/]*\.js|\/explorables\//, (route) => route.abort());
      try {
        for (const file of files) {
          const pageStarted = performance.now();
          const page = await context.newPage();
          page.on("console", () => {});
          await page.setViewportSize({ width: widths[0], height: 900 });
          await page.goto(server.url + file.split("/").map(encodeURIComponent).join("/"), { waitUntil: "load" });
          await page.addStyleTag({ content: `${SECTION_SELECTOR} { content-visibility: visible !important; contain: layout style paint !important; }` });
          const heights = results.get(file) ?? {};
          for (const width of widths) {
            await page.setViewportSize({ width, height: 900 });
            const measured = (await page.evaluate(`${MEASURE_IN_PAGE}(${JSON.stringify(SECTION_SELECTOR)}, ${JSON.stringify(SCROLL_BOX_SELECTOR)})`)) as { heights: number[]; scrolling: number[][] };
            heights[width] = measured.heights;
            heights.scrolling = { ...heights.scrolling, [width]: measured.scrolling };
          }
          results.set(file, heights);
          if (process.env.DEBUG_HEIGHTS) console.log(file, phone, performance.now() - pageStarted);
          await page.close();
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    await server.close();
  }
  return results;
}

/**
 * Measures (or takes from the cache) the sections of every page in `dir` and
 * rewrites the pages with their heights. Run after the pages are written and
 * before they are compressed.
 */
export async function addSectionHeights(dir: string, options: { cacheDir?: string; browser?: Browser } = {}): Promise<SectionHeightsSummary> {
  const started = performance.now();
  const pages = htmlFiles(dir)
    .map((file) => ({ file, html: readFileSync(join(dir, file), "utf8") }))
    .map((page) => ({ ...page, sections: countSections(page.html) }))
    .filter((page) => page.sections > 0);
  const summary: SectionHeightsSummary = { pages: pages.length, sections: pages.reduce((sum, page) => sum + page.sections, 0), measured: 0, cached: 0, durationMs: 0 };
  if (!options.browser && !chromiumAvailable()) {
    summary.skipped = `no Chromium at ${CHROMIUM_PATH}: sections are laid out in full at load`;
    return summary;
  }
  const cacheDir = join(options.cacheDir ?? DEFAULT_CACHE_DIR, "section-heights");
  mkdirSync(cacheDir, { recursive: true });
  // The key: what can change a section's height: the page's <head> (its
  // stylesheets and fonts, by content hash) and <main>, without the names and
  // version hashes of scripts (a script change does not move sections, except
  // the copy buttons added to code cells: copy.js is part of the key) or code
  // colours. The navigation around <main> is left out, so a build with one
  // more notebook (the tests' fixture) measures only the pages that changed.
  const copyScript = readFileSync(join(__dirname, "client", "copy.js"), "utf8");
  const keyOf = (html: string) =>
    createHash("sha256")
      .update(`${MEASURE_VERSION}\n${SECTION_WIDTHS.join(",")}\n${CHROMIUM_PATH}\n${copyScript}\n`)
      .update(
        (html.slice(0, html.indexOf("</head>")) + html.slice(html.indexOf("<main"), html.indexOf("</main>")))
          .replace(/[\w./-]+\.js(\?v=[0-9a-f]+)?/g, "script.js")
          .replace(/--shiki-(light|dark):#[0-9A-Fa-f]+/g, "")
          .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ""),
      )
      .digest("hex")
      .slice(0, 24);
  const heights = new Map<string, SectionHeights>();
  const toMeasure: Array<(typeof pages)[number] & { cacheFile: string }> = [];
  for (const page of pages) {
    const cacheFile = join(cacheDir, `${keyOf(page.html)}.json`);
    if (existsSync(cacheFile)) {
      heights.set(page.file, JSON.parse(readFileSync(cacheFile, "utf8")) as SectionHeights);
      summary.cached += 1;
    } else toMeasure.push({ ...page, cacheFile });
  }
  if (toMeasure.length > 0) {
    // One lock for this set of pages: a second build of the same pages waits and reads the cache.
    const setKey = createHash("sha256").update(toMeasure.map((page) => page.cacheFile).join("\n")).digest("hex").slice(0, 24);
    const setFile = join(cacheDir, `set-${setKey}.done`);
    await onceAcrossProcesses(join(cacheDir, `set-${setKey}.lock`), setFile, () => undefined, async () => {
      const browser = options.browser ?? (await launchChromium());
      try {
        for (const [file, measured] of await measurePages(browser, dir, toMeasure.map((page) => page.file))) {
          const page = toMeasure.find((entry) => entry.file === file)!;
          for (const width of SECTION_WIDTHS) {
            if (measured[width]?.length !== page.sections) {
              throw new Error(`${file}: found ${measured[width]?.length ?? 0} sections in Chromium at ${width} px but ${page.sections} in the HTML (section-heights.ts)`);
            }
          }
          writeFileSync(page.cacheFile, JSON.stringify(measured));
        }
        writeFileSync(setFile, "");
      } finally {
        if (!options.browser) await browser.close();
      }
    });
    for (const page of toMeasure) heights.set(page.file, JSON.parse(readFileSync(page.cacheFile, "utf8")) as SectionHeights);
    summary.measured = toMeasure.length;
  }
  for (const page of pages) writeFileSync(join(dir, page.file), withSectionHeights(page.html, heights.get(page.file)!));
  summary.durationMs = performance.now() - started;
  return summary;
}
