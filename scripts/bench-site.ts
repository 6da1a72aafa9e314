/**
 * `npm run bench:site`: builds the site (timed), serves it with gzip, loads
 * every page in headless Chromium with a cold cache and prints a markdown
 * table: bytes transferred (gzip) until every plot is drawn (the budget), the
 * bytes of a reader scrolling through the whole page, and the time until all math
 * and plots of the first screen are drawn, and until every plot of the page
 * is drawn (those below the first screen are drawn in idle time); medians of
 * --runs loads (default 3).
 * Then Lighthouse (mobile defaults, simulated throttling) on every page:
 * performance score, Total Blocking Time and Time to Interactive (median of
 * --lighthouse-runs, default 1; --no-lighthouse skips it), and the search:
 * index size (raw and gzip) and query time in Node for a set of English and
 * Chinese queries (median of 200 rounds) against a baseline timed in the
 * same run: a plain substring scan of every section's text.
 * The Lighthouse table also gives the main-thread work Lighthouse observed
 * (style and layout, script; scaled by its 4× CPU slowdown), which varies less
 * with the machine's load than the simulated TBT.
 * Budget: page without plots ≤ 150 KB gzip, with plots ≤ 700 KB, every page
 * fully drawn (first screen) < 1 s, build < 10 s, Lighthouse TBT ≤ 200 ms and
 * performance ≥ 95. --strict exits non-zero when over budget;
 * --pages 05-huber,gallery measures only those pages; --lighthouse-only runs
 * Lighthouse and nothing else (with --runs N, the median of N runs a page).
 * Quote the load average (printed): Lighthouse's simulation scales the CPU
 * time it observes.
 * Then the explorables (site/bench-explorables.ts): compute and redraw time per
 * move and long tasks while dragging; --no-explorables skips them,
 * --explorables-only measures nothing else; --explorables-baseline measures
 * each explorable also with every frame drawn in full (the redraw before
 * the quick frames), just before it, for a before/after in the same minutes.
 * Then the workbook's budgets (site/bench-workbook.ts): runtime payload, first
 * output, later cells, Run all against the kernel, and the transpilers side by side.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildSite, SEARCH_INDEX_FILE } from "./site/build";
import { startLighthouse, type LighthouseScores } from "./site/lighthouse";
import { chromiumAvailable, CHROMIUM_PATH, INSTALL_CHROMIUM_HINT, launchChromium, WAIT_FOR_DRAWN, WAIT_FOR_VIEW_DRAWN } from "./site/browser";
import { startSiteServer } from "./site/server";
import { benchExplorables, EXPLORABLE_BUDGET, explorableBenchTable, slowComputeFrames, withinExplorableBudget, type ExplorableBenchResult } from "./site/bench-explorables";
import { benchWorkbook } from "./site/bench-workbook";
import type { Page } from "playwright-core";

const BUDGET = { withoutPlots: 150 * 1024, withPlots: 700 * 1024, drawnMs: 1000, buildMs: 10_000, totalBlockingTimeMs: 200, performance: 95 };

/** Queries for the search benchmark: English words and prefixes, a phrase, Chinese. */
const SEARCH_QUERIES = ["anscombe", "huber", "cross entropy", "gradient descent", "learning rate", "quantile", "soft", "损失函数", "交叉熵", "梯度"];

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const kilobytes = (bytes: number) => (bytes / 1024).toFixed(1);

interface Measurement {
  bytes: number;
  requests: number;
  viewDrawnMs: number;
  drawnMs: number;
}

async function main(): Promise<void> {
  const runs = option("--runs", 3);
  const strict = process.argv.includes("--strict");
  if (!chromiumAvailable()) {
    console.error(`bench:site needs Chromium at ${CHROMIUM_PATH}: ${INSTALL_CHROMIUM_HINT}`);
    process.exitCode = 1;
    return;
  }

  // Its own folder, so a build or server running from site/ meanwhile is left alone.
  const outDir = mkdtempSync(join(tmpdir(), "lossbook-bench-site-"));
  const buildStarted = performance.now();
  const build = await buildSite({ outDir });
  const buildMs = performance.now() - buildStarted;
  // --pages 05-huber,gallery (".html" may be left out) measures only those pages.
  const only = process.argv.includes("--pages") ? process.argv[process.argv.indexOf("--pages") + 1].split(",").map((name) => (name.endsWith(".html") ? name : `${name}.html`)) : undefined;
  // --lighthouse-only: Lighthouse on the pages and nothing else (no page loads, explorables, workbook or search).
  const lighthouseOnly = process.argv.includes("--lighthouse-only");

  const server = await startSiteServer({ dir: build.outDir, compression: "gzip" });
  const browser = await launchChromium();
  const rows: string[] = [];
  const lighthouseRows: string[] = [];
  let withinBudget = buildMs < BUDGET.buildMs;
  const explorablesOnly = process.argv.includes("--explorables-only");
  let explorables: ExplorableBenchResult[] = [];
  let workbookLines: string[] = [];
  try {
    // --workbook measures only the workbook, --explorables-only only the explorables.
    const pages = build.pages.filter((page) => page.kind !== "404" && !explorablesOnly && (!only || only.includes(page.file)) && !process.argv.includes("--workbook"));
    for (const builtPage of lighthouseOnly ? [] : pages) {
      const measurements: Measurement[] = [];
      for (let run = 0; run < runs; run++) {
        // A fresh context per load: a first visit, nothing cached. Bytes count
        // everything fetched until the last plot is drawn (plotly.js included).
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const transferred = countTransferredBytes(page);
        const errors: string[] = [];
        page.on("console", (message) => {
          if (message.type() === "error") errors.push(message.text());
        });
        await page.goto(server.url + builtPage.file, { waitUntil: "load" });
        const viewDrawnMs = (await page.evaluate(WAIT_FOR_VIEW_DRAWN)) as number;
        // Plots are drawn as they come into view: ask for all of them, as a reader scrolling through would.
        const drawnMs = (await page.evaluate(WAIT_FOR_DRAWN)) as number;
        const { bytes, requests } = await transferred();
        if (errors.length) console.warn(`${builtPage.file}: console errors: ${errors.join("; ")}`);
        measurements.push({ bytes, requests, viewDrawnMs, drawnMs });
        await context.close();
      }
      const scrolledBytes = await bytesScrollingThrough(browser, server.url + builtPage.file);
      const bytes = Math.max(...measurements.map((m) => m.bytes));
      const drawnMs = median(measurements.map((m) => m.drawnMs));
      const viewDrawnMs = median(measurements.map((m) => m.viewDrawnMs));
      const byteBudget = builtPage.figures > 0 ? BUDGET.withPlots : BUDGET.withoutPlots;
      // "Fully drawn" is what the reader sees: the first screen with its math
      // and plots. Figures further down are drawn in idle time (last column).
      const ok = bytes <= byteBudget && viewDrawnMs < BUDGET.drawnMs;
      withinBudget &&= ok;
      rows.push(
        `| ${builtPage.file} | ${builtPage.figures} | ${measurements[0].requests} | ${kilobytes(bytes)} | ${kilobytes(scrolledBytes)} | ${kilobytes(byteBudget)} | ${viewDrawnMs.toFixed(0)} | ${drawnMs.toFixed(0)} | ${ok ? "yes" : "**no**"} |`,
      );
    }
    if (!process.argv.includes("--no-explorables") && !lighthouseOnly) explorables = await benchExplorables(browser, server.url, 50, { baseline: process.argv.includes("--explorables-baseline") });
    if (!process.argv.includes("--no-lighthouse")) {
      const lighthouseRuns = option("--lighthouse-runs", lighthouseOnly ? runs : 1);
      const lighthouse = await startLighthouse();
      try {
        for (const builtPage of pages) {
          const scores: LighthouseScores[] = [];
          for (let run = 0; run < lighthouseRuns; run++) scores.push(await lighthouse.audit(server.url + builtPage.file));
          const performance = median(scores.map((score) => score.performance));
          const tbt = median(scores.map((score) => score.totalBlockingTimeMs));
          const ok = tbt <= BUDGET.totalBlockingTimeMs && performance >= BUDGET.performance;
          withinBudget &&= ok;
          lighthouseRows.push(
            `| ${builtPage.file} | ${performance} | ${tbt.toFixed(0)} | ${median(scores.map((score) => score.timeToInteractiveMs)).toFixed(0)} | ${median(scores.map((score) => score.firstContentfulPaintMs)).toFixed(0)} | ${median(scores.map((score) => score.largestContentfulPaintMs)).toFixed(0)} | ${median(scores.map((score) => score.cumulativeLayoutShift)).toFixed(3)} | ${median(scores.map((score) => score.styleLayoutMs)).toFixed(0)} | ${median(scores.map((score) => score.scriptMs)).toFixed(0)} | ${median(scores.map((score) => score.mainThreadMs)).toFixed(0)} | ${ok ? "yes" : "**no**"} |`,
          );
        }
      } finally {
        await lighthouse.close();
      }
    }
    if (!only && !lighthouseOnly && !explorablesOnly) {
      const workbook = await benchWorkbook(browser, server.url, build);
      workbookLines = workbook.lines;
      withinBudget &&= workbook.withinBudget;
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const searchReport = lighthouseOnly ? "" : await benchSearch(join(outDir, SEARCH_INDEX_FILE));
  const plotly = build.plotly;
  const plotlyGzip = plotly ? gzipSync(readFileSync(join(outDir, plotly.file)), { level: 9 }).length : 0;
  rmSync(outDir, { recursive: true, force: true });

  console.log(`\nSite build: ${(buildMs / 1000).toFixed(2)} s (budget ${BUDGET.buildMs / 1000} s), ${build.pages.length} pages.`);
  if (plotly) {
    const how = plotly.cached ? "from the cache" : `bundled in ${(plotly.bundleMs / 1000).toFixed(2)} s`;
    console.log(`plotly.js ${plotly.version}, partial bundle of ${plotly.traceTypes.join(", ")}: ${kilobytes(plotly.bytes)} KB, ${kilobytes(plotlyGzip)} KB gzip (${how}).`);
  }
  console.log(`Each page loaded ${runs}× in headless Chromium, cold cache, 1280×900, served with gzip from 127.0.0.1; times are medians from navigation start.\n`);
  if (rows.length) {
    console.log("| page | plots | requests | KB transferred (gzip) | KB scrolling through | budget KB | first screen drawn ms | all plots drawn ms | within budget |");
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|:---:|");
    for (const row of rows) console.log(row);
  }
  if (explorables.length > 0) {
    console.log(
      `\nExplorables: 50 keyboard moves each (each awaited until drawn in full), then a 50-move mouse drag at 60 Hz. compute = the library; redraw while moving = plotly's redraw of the moved traces plus the browser's style, layout and paint, to the end of the frame; full redraw = Plotly.react of the whole figure once the control is let go; medians / worst over the keyboard moves and the drag frames. Budget: compute ≤ ${EXPLORABLE_BUDGET.computeMs} ms (median and worst), no main-thread task ≥ ${EXPLORABLE_BUDGET.longTaskMs} ms from mouse down to mouse up.\n`,
    );
    for (const row of explorableBenchTable(explorables)) console.log(row);
    const slow = explorables.map(slowComputeFrames).filter((line) => line !== undefined);
    if (slow.length) console.log(`\n${slow.join("\n")}`);
    explorables = explorables.filter((result) => !result.name.endsWith("(baseline)"));
    const passed = explorables.filter(withinExplorableBudget).length;
    console.log(`\nExplorables within budget: ${passed} of ${explorables.length}${passed === explorables.length ? " (pass)" : ` (**fail**: ${explorables.filter((result) => !withinExplorableBudget(result)).map((result) => result.name).join(", ")})`}.`);
    withinBudget &&= passed === explorables.length;
  }
  if (lighthouseRows.length) {
    console.log("\nLighthouse (mobile, simulated slow 4G and 4× CPU slowdown), medians:\n");
    console.log(`| page | performance | TBT ms | TTI ms | FCP ms | LCP ms | CLS | style & layout ms | script ms | main thread ms | within budget |`);
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|");
    for (const row of lighthouseRows) console.log(row);
  }
  for (const line of workbookLines) console.log(line);
  if (searchReport) console.log(`\n${searchReport}`);
  console.log(`\nLoad average (1, 5, 15 min) at the end: ${loadavg().map((value) => value.toFixed(2)).join(", ")} on ${require("node:os").cpus().length} cores.`);
  console.log(`\n${withinBudget ? "All pages within budget" : "Over budget"} (pages without plots ≤ 150 KB, with plots ≤ 700 KB, first screen drawn < 1 s, build < 10 s, Lighthouse TBT ≤ 200 ms and performance ≥ 95, explorables' compute ≤ 16 ms with no long task; bytes include plotly.js, which loads when the first plot comes near the view).`);
  if (strict && !withinBudget) process.exitCode = 1;
}

/** Counts what a page fetches from now on (body and headers of every finished request); call the result for the totals. */
function countTransferredBytes(page: Page): () => Promise<{ bytes: number; requests: number }> {
  const sizes: Array<Promise<number>> = [];
  page.on("requestfinished", (request) => {
    sizes.push(
      request
        .sizes()
        .then((size) => size.responseBodySize + size.responseHeadersSize)
        .catch(() => 0),
    );
  });
  return async () => ({ bytes: (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0), requests: sizes.length });
}

/**
 * Bytes (gzip, with headers) a reader fetches who opens the page cold and
 * scrolls through all of it, a screen at a time: what the budget's "KB
 * transferred" leaves out (placeholder images, KaTeX fonts and explorables'
 * code of sections further down, fetched only as they come near the view).
 */
async function bytesScrollingThrough(browser: Awaited<ReturnType<typeof launchChromium>>, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const transferred = countTransferredBytes(page);
    await page.goto(url, { waitUntil: "load" });
    await page.evaluate(WAIT_FOR_VIEW_DRAWN);
    for (let y = 0; y < (await page.evaluate(() => document.documentElement.scrollHeight)); y += 900) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(200);
    }
    await page.evaluate(WAIT_FOR_DRAWN);
    await page.waitForLoadState("networkidle");
    return (await transferred()).bytes;
  } finally {
    await context.close();
  }
}

/** Size of the search index and the median time of a query, against a plain substring scan of the same texts. */
async function benchSearch(indexPath: string): Promise<string> {
  const json = readFileSync(indexPath);
  const file = JSON.parse(json.toString("utf8")) as { texts: string[] };
  // The browser's own search code (plain JS, no declarations), run in Node.
  const enginePath: string = "./site/client/search-engine.js";
  const { createSearch } = (await import(enginePath)) as { createSearch(file: unknown): (query: string) => unknown[] };
  const loadStarted = performance.now();
  const search = createSearch(file);
  const loadMs = performance.now() - loadStarted;
  const scan = (query: string) => file.texts.filter((text) => text.toLowerCase().includes(query));
  const time = (run: (query: string) => unknown) => {
    const rounds: number[] = [];
    for (let round = 0; round < 200; round++) {
      const started = performance.now();
      for (const query of SEARCH_QUERIES) run(query);
      rounds.push((performance.now() - started) / SEARCH_QUERIES.length);
    }
    return median(rounds);
  };
  time(search);
  time(scan);
  const searchMs = time(search);
  const scanMs = time(scan);
  const hits = SEARCH_QUERIES.map((query) => `${query} ${search(query).length}`).join(", ");
  return [
    `Search index: ${file.texts.length} sections, ${kilobytes(json.length)} KB, ${kilobytes(gzipSync(json, { level: 9 }).length)} KB gzip (loaded on first use of the search box); loading it into MiniSearch ${loadMs.toFixed(0)} ms.`,
    `Query time (median over 200 rounds of ${SEARCH_QUERIES.length} queries, Node): ${(searchMs * 1000).toFixed(0)} µs per query; a plain substring scan of all texts ${(scanMs * 1000).toFixed(0)} µs (${(searchMs / scanMs).toFixed(2)}× the scan, which finds no prefix, typo or ranking).`,
    `Results (≤ 10 shown): ${hits}.`,
  ].join("\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
