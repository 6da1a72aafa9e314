/**
 * `npm run bench:site`: builds the site (timed), serves it with gzip, loads
 * every page in headless Chromium with a cold cache and prints a markdown
 * table: bytes transferred (gzip), first paint, and the time until all math
 * and plots of the first screen are drawn, and until every plot of the page
 * is drawn (those below the first screen are drawn in idle time); medians of
 * --runs loads (default 3).
 * Budget: page without plots ≤ 150 KB gzip, with plots ≤ 700 KB, every page
 * fully drawn (first screen) < 1 s, build < 10 s. --strict exits non-zero when over budget;
 * --pages a.html,b.html measures only those pages. Then the workbook's budgets
 * (site/bench-workbook.ts): runtime payload, first output, later cells, Run all
 * against the kernel, and the transpilers side by side.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildSite } from "./site/build";
import { chromiumAvailable, CHROMIUM_PATH, INSTALL_CHROMIUM_HINT, launchChromium, WAIT_FOR_DRAWN, WAIT_FOR_VIEW_DRAWN } from "./site/browser";
import { startSiteServer } from "./site/server";
import { benchWorkbook } from "./site/bench-workbook";

const BUDGET = { withoutPlots: 150 * 1024, withPlots: 700 * 1024, drawnMs: 1000, buildMs: 10_000 };

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
  const only = process.argv.includes("--pages") ? process.argv[process.argv.indexOf("--pages") + 1].split(",") : undefined;

  const server = await startSiteServer({ dir: build.outDir, compression: "gzip" });
  const browser = await launchChromium();
  const rows: string[] = [];
  let withinBudget = buildMs < BUDGET.buildMs;
  let workbookLines: string[] = [];
  try {
    // --workbook measures only the workbook (its pages' loads are measured without it).
    const pages = build.pages.filter((page) => page.kind !== "404" && (!only || only.includes(page.file)) && !process.argv.includes("--workbook"));
    for (const builtPage of pages) {
      const measurements: Measurement[] = [];
      for (let run = 0; run < runs; run++) {
        // A fresh context per load: a first visit, nothing cached. Bytes count
        // everything fetched until the last plot is drawn (plotly.js included).
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const sizes: Array<Promise<number>> = [];
        page.on("requestfinished", (request) => {
          sizes.push(
            request
              .sizes()
              .then((size) => size.responseBodySize + size.responseHeadersSize)
              .catch(() => 0),
          );
        });
        const errors: string[] = [];
        page.on("console", (message) => {
          if (message.type() === "error") errors.push(message.text());
        });
        await page.goto(server.url + builtPage.file, { waitUntil: "load" });
        const viewDrawnMs = (await page.evaluate(WAIT_FOR_VIEW_DRAWN)) as number;
        const drawnMs = (await page.evaluate(WAIT_FOR_DRAWN)) as number;
        const bytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
        if (errors.length) console.warn(`${builtPage.file}: console errors: ${errors.join("; ")}`);
        measurements.push({ bytes, requests: sizes.length, viewDrawnMs, drawnMs });
        await context.close();
      }
      const bytes = Math.max(...measurements.map((m) => m.bytes));
      const drawnMs = median(measurements.map((m) => m.drawnMs));
      const viewDrawnMs = median(measurements.map((m) => m.viewDrawnMs));
      const byteBudget = builtPage.figures > 0 ? BUDGET.withPlots : BUDGET.withoutPlots;
      // "Fully drawn" is what the reader sees: the first screen with its math
      // and plots. Figures further down are drawn in idle time (last column).
      const ok = bytes <= byteBudget && viewDrawnMs < BUDGET.drawnMs;
      withinBudget &&= ok;
      rows.push(
        `| ${builtPage.file} | ${builtPage.figures} | ${measurements[0].requests} | ${kilobytes(bytes)} | ${kilobytes(byteBudget)} | ${viewDrawnMs.toFixed(0)} | ${drawnMs.toFixed(0)} | ${ok ? "yes" : "**no**"} |`,
      );
    }
    if (!only) {
      const workbook = await benchWorkbook(browser, server.url, build);
      workbookLines = workbook.lines;
      withinBudget &&= workbook.withinBudget;
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const plotly = build.plotly;
  const plotlyGzip = plotly ? gzipSync(readFileSync(join(outDir, plotly.file)), { level: 9 }).length : 0;
  rmSync(outDir, { recursive: true, force: true });

  console.log(`\nSite build: ${(buildMs / 1000).toFixed(2)} s (budget ${BUDGET.buildMs / 1000} s), ${build.pages.length} pages.`);
  if (plotly) {
    const how = plotly.cached ? "from the cache" : `bundled in ${(plotly.bundleMs / 1000).toFixed(2)} s`;
    console.log(`plotly.js ${plotly.version}, partial bundle of ${plotly.traceTypes.join(", ")}: ${kilobytes(plotly.bytes)} KB, ${kilobytes(plotlyGzip)} KB gzip (${how}).`);
  }
  console.log(`Each page loaded ${runs}× in headless Chromium, cold cache, 1280×900, served with gzip from 127.0.0.1; times are medians from navigation start.\n`);
  console.log("| page | plots | requests | KB transferred (gzip) | budget KB | first screen drawn ms | all plots drawn ms | within budget |");
  console.log("|---|---:|---:|---:|---:|---:|---:|:---:|");
  for (const row of rows) console.log(row);
  console.log(`\n${withinBudget ? "All pages within budget" : "Over budget"} (pages without plots ≤ 150 KB, with plots ≤ 700 KB, first screen drawn < 1 s, build < 10 s; bytes include plotly.js even where it loads after the first screen).`);
  for (const line of workbookLines) console.log(line);
  console.log(`\nLoad average while measuring: ${loadavg().map((value) => value.toFixed(2)).join(", ")}.`);
  if (strict && !withinBudget) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
