/**
 * The workbook's part of `npm run bench:site` (budgets of the workbook):
 * - the runtime payload (editor, transpiler, library bundle, worker) in KB
 *   gzip beyond plotly.js: ≤ 300 KB;
 * - the transpilers it could use, side by side on every code cell of the
 *   notebooks: bundle size (gzip) and time to strip types, as ratios to sucrase;
 * - the first cell output after the first click on a cold page (fresh
 *   browser context; median of 5): ≤ 1 s;
 * - later cells: click to output minus the cell's own compute: ≤ 100 ms;
 * - Run all of each chapter in the browser, and of the heaviest one in the
 *   Jupyter kernel as `npm run notebooks` runs it, measured side by side.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { build } from "esbuild";
import { transform } from "sucrase";
import type { BuildResult } from "./build";
import { WORKBOOK_ASSET_DIR } from "./workbook";
import { executeCopy, findJupyter, ensureTslabKernel, listNotebooks } from "../notebook-runner";

export const WORKBOOK_BUDGET = { payloadBytes: 300 * 1024, firstOutputMs: 1000, laterCellOverheadMs: 100 };

const gzip = (contents: string | Buffer) => gzipSync(contents, { level: 9 }).length;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Every code cell of the notebooks, as the transpiler would get it. */
function notebookCells(): string[] {
  return listNotebooks().flatMap((path) =>
    (JSON.parse(readFileSync(path, "utf8")) as { cells: Array<{ cell_type: string; source: string | string[] }> }).cells
      .filter((cell) => cell.cell_type === "code")
      .map((cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source)),
  );
}

async function bundledGzip(contents: string): Promise<number> {
  const result = await build({ stdin: { contents, resolveDir: process.cwd(), loader: "ts" }, bundle: true, minify: true, write: false, format: "iife", platform: "browser", logLevel: "silent" });
  return gzip(Buffer.from(result.outputFiles[0].contents));
}

/** sucrase, ts-blank-space (with the TypeScript parser it needs) and esbuild-wasm on the notebooks' cells. */
export async function compareTranspilers(): Promise<string[]> {
  const cells = notebookCells();
  const time = (strip: (code: string) => string) => {
    const runs: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      for (const cell of cells) strip(cell);
      runs.push(performance.now() - started);
    }
    return median(runs);
  };
  const sucraseMs = time((code) => transform(code, { transforms: ["typescript"], disableESTransforms: true, keepUnusedImports: true }).code);
  const { default: blankSpace } = await import("ts-blank-space");
  const blankMs = time((code) => blankSpace(code));
  const esbuildWasm = await import("esbuild-wasm");
  await esbuildWasm.initialize({});
  const wasmRuns: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    for (const cell of cells) await esbuildWasm.transform(cell, { loader: "ts" });
    wasmRuns.push(performance.now() - started);
  }
  const wasmMs = median(wasmRuns);
  await esbuildWasm.stop();
  const wasmFile = join(require.resolve("esbuild-wasm/package.json"), "..", "esbuild.wasm");
  const sizes = {
    sucrase: await bundledGzip('import { transform } from "sucrase"; (globalThis as any).t = transform;'),
    blank: await bundledGzip('import blank from "ts-blank-space"; (globalThis as any).t = blank;'),
    wasm: (await bundledGzip('import * as e from "esbuild-wasm"; (globalThis as any).t = e;')) + gzip(readFileSync(wasmFile)),
  };
  const row = (name: string, bytes: number, ms: number) => `| ${name} | ${kb(bytes)} | ${(bytes / sizes.sucrase).toFixed(1)}× | ${ms.toFixed(1)} | ${(ms / sucraseMs).toFixed(2)}× |`;
  return [
    `Transpilers on all ${cells.length} code cells of the notebooks (Node ${process.versions.node}, median of 5):`,
    "",
    "| transpiler | KB gzip in the page | size / sucrase | ms for all cells | time / sucrase |",
    "|---|---:|---:|---:|---:|",
    row("sucrase (chosen)", sizes.sucrase, sucraseMs),
    row("ts-blank-space + typescript", sizes.blank, blankMs),
    row("esbuild-wasm (JS + .wasm)", sizes.wasm, wasmMs),
  ];
}

/** In the page: clicks a cell's Run button and resolves with the ms until its output shows, and the cell's own compute. */
const CLICK_AND_WAIT = `(number) => new Promise((resolve) => {
  const cell = document.getElementById("cell-" + number);
  const outputs = () => cell.querySelector(".cell-outputs");
  const started = performance.now();
  // The output the run renders is the kernel's, to the byte: the cell's status says when it is the new one.
  const check = () => {
    const element = outputs();
    const status = cell.querySelector(".cell-run-status").textContent;
    if (element && element.textContent.trim() !== "" && /^Ran in/.test(status)) {
      resolve({ ms: performance.now() - started, compute: Number(/(\\d+) ms/.exec(status)[1]) });
    } else requestAnimationFrame(check);
  };
  cell.querySelector(".cell-run").click();
  requestAnimationFrame(check);
})`;

/** In the page (runtime loaded, worked solutions in the exercises, as the kernel runs them): Run all, timed. */
const RUN_ALL = `() => new Promise((resolve) => {
  const bar = document.querySelector(".workbook-bar");
  const workbook = window.lossbookWorkbook;
  workbook.useSolutions();
  const started = performance.now();
  bar.querySelector(".workbook-run-all").click();
  const check = () => {
    if (!bar.classList.contains("is-running")) resolve({ ms: performance.now() - started, ran: workbook.cells.filter((cell) => cell.outputs).length, cells: workbook.cells.length });
    else setTimeout(check, 20);
  };
  setTimeout(check, 20);
})`;

export async function benchWorkbook(browser: Browser, siteUrl: string, build: BuildResult): Promise<{ lines: string[]; withinBudget: boolean }> {
  const assets = build.workbook.sizes;
  const gzipOf = (file: string) => gzip(readFileSync(join(build.outDir, WORKBOOK_ASSET_DIR, file)));
  const payloadFiles = ["loader.js", "workbook.js", "worker.js", "workbook.css"];
  const payload = payloadFiles.reduce((sum, file) => sum + gzipOf(file), 0);
  const lines = [
    "",
    "### Workbook",
    "",
    `Runtime payload beyond plotly.js: ${payloadFiles.map((file) => `${file} ${kb(gzipOf(file))}`).join(" + ")} = **${kb(payload)} KB gzip** (budget ${kb(WORKBOOK_BUDGET.payloadBytes)}; ${kb(assets["workbook.js"] + assets["worker.js"])} KB minified). The markdown chunk (markdown-it + KaTeX), fetched only when a cell shows Markdown or LaTeX: ${kb(gzipOf("markdown.js"))} KB gzip.`,
  ];

  // First output after the first click, cold: a fresh context, the page loaded, nothing of the runtime fetched yet.
  const firsts: number[] = [];
  const laterOverheads: number[] = [];
  for (let run = 0; run < 5; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${siteUrl}05-huber.html`, { waitUntil: "load" });
    const first = (await page.evaluate(`(${CLICK_AND_WAIT})(3)`)) as { ms: number };
    firsts.push(first.ms);
    for (const number of [5, 7, 9, 11, 14]) {
      const later = (await page.evaluate(`(${CLICK_AND_WAIT})(${number})`)) as { ms: number; compute: number };
      laterOverheads.push(later.ms - later.compute);
    }
    await context.close();
  }
  const firstMs = median(firsts);
  console.log(`  first outputs ${firsts.map((ms) => ms.toFixed(0)).join(", ")} ms; later-cell overheads ${laterOverheads.map((ms) => ms.toFixed(0)).join(", ")} ms`);
  const laterMs = median(laterOverheads);
  lines.push(
    "",
    `First output after the first click (05-huber, cell 3, cold cache, median of 5): **${firstMs.toFixed(0)} ms** (runs ${firsts.map((ms) => ms.toFixed(0)).join(", ")}; budget ${WORKBOOK_BUDGET.firstOutputMs}). Later cells, click to output minus the cell's own compute: **${laterMs.toFixed(0)} ms** median of ${laterOverheads.length} (budget ${WORKBOOK_BUDGET.laterCellOverheadMs}).`,
  );

  // Run all of every chapter in the browser: a fresh context each, the runtime loaded first (its load is the first-output number above).
  const runAll: Array<{ slug: string; ms: number }> = [];
  for (const page of build.pages.filter((entry) => entry.kind === "chapter")) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(siteUrl + page.file, { waitUntil: "load" });
    await tab.locator(".code-cell[data-workbook-cell] .cell-input > pre").first().click();
    await tab.waitForFunction(() => "lossbookWorkbook" in window);
    const { ms, ran, cells } = (await tab.evaluate(`(${RUN_ALL})()`)) as { ms: number; ran: number; cells: number };
    if (ran !== cells) console.warn(`${page.file}: Run all stopped after ${ran} of ${cells} cells`);
    runAll.push({ slug: page.file.replace(/\.html$/, ""), ms });
    console.log(`  Run all ${page.file}: ${ms.toFixed(0)} ms`);
    await context.close();
  }
  const heaviest = runAll.reduce((a, b) => (b.ms > a.ms ? b : a));
  lines.push("", "| chapter | Run all in the browser, ms (runtime loaded, worked solutions) |", "|---|---:|", ...runAll.map((entry) => `| ${entry.slug} | ${entry.ms.toFixed(0)} |`));

  let kernelLine = "The Jupyter kernel was not measured (Jupyter not found).";
  let kernelOk = true;
  const jupyter = findJupyter(["nbconvert"]);
  if (jupyter) {
    await ensureTslabKernel(jupyter);
    const notebook = listNotebooks().find((path) => path.endsWith(`${heaviest.slug}.ipynb`))!;
    const { seconds } = await executeCopy(jupyter, notebook);
    kernelOk = heaviest.ms <= seconds * 1000;
    kernelLine = `Heaviest chapter in the browser, ${heaviest.slug}: Run all ${(heaviest.ms / 1000).toFixed(2)} s; the same notebook in the tslab kernel (as \`npm run notebooks\` runs it, kernel start included): ${seconds.toFixed(2)} s, ratio browser / kernel **${(heaviest.ms / 1000 / seconds).toFixed(2)}** (budget ≤ 1).`;
  }
  lines.push("", kernelLine, "", ...(await compareTranspilers()));
  const withinBudget = payload <= WORKBOOK_BUDGET.payloadBytes && firstMs <= WORKBOOK_BUDGET.firstOutputMs && laterMs <= WORKBOOK_BUDGET.laterCellOverheadMs && kernelOk;
  lines.push("", withinBudget ? "Workbook within budget." : "Workbook **over budget**.");
  return { lines, withinBudget };
}
