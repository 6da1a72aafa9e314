/**
 * The explorables' part of `npm run bench:site`: for one explorable of each
 * kind, in headless Chromium at 1280×900, (a) 50 keyboard moves of its first
 * control, each awaited until the figure shows it: the library's compute time
 * and plotly's redraw time per redraw, median and worst (recorded by the page
 * itself, client/explorables/controls.ts); (b) a mouse drag of 50 moves at
 * 60 Hz (the slider's thumb, or Anscombe's outlier): the long main-thread
 * tasks (≥ 50 ms, PerformanceObserver "longtask") and the longest gap between
 * animation frames while dragging. Budget: compute ≤ 16 ms, no long task.
 */
import type { Browser, Page } from "playwright-core";

/** One explorable to measure: its page, id, control, the keys of a move, and what a drag grabs. */
export interface ExplorableBenchCase {
  name: string;
  page: string;
  id: string;
  control: string;
  keys: [string, string];
  /** Moves in one direction before turning back (to stay inside the control's range). */
  bounce: number;
  drag: "slider" | "outlier";
}

export const EXPLORABLE_BENCH_CASES: ExplorableBenchCase[] = [
  { name: "02 gradient descent (η)", page: "02-core-concepts.html", id: "02-core-concepts/a0151bcc", control: "eta", keys: ["ArrowRight", "ArrowLeft"], bounce: 10, drag: "slider" },
  { name: "04 softmax (z₀)", page: "04-cross-entropy.html", id: "04-cross-entropy/cell-44", control: "z0", keys: ["ArrowRight", "ArrowLeft"], bounce: 10, drag: "slider" },
  { name: "05 Huber δ (loss)", page: "05-huber.html", id: "05-huber/cell-22", control: "delta", keys: ["ArrowRight", "ArrowLeft"], bounce: 10, drag: "slider" },
  { name: "05 Anscombe III (outlier y, 3 refits)", page: "05-huber.html", id: "05-huber/cell-37", control: "outlierY", keys: ["PageDown", "PageUp"], bounce: 3, drag: "outlier" },
  { name: "07 quantile τ (refit on 500 points)", page: "07-more-losses.html", id: "07-more-losses/c020", control: "tau", keys: ["ArrowRight", "ArrowLeft"], bounce: 8, drag: "slider" },
  { name: "07 focal γ", page: "07-more-losses.html", id: "07-more-losses/c034", control: "gamma", keys: ["ArrowRight", "ArrowLeft"], bounce: 10, drag: "slider" },
  { name: "07 margin m", page: "07-more-losses.html", id: "07-more-losses/c035", control: "margin", keys: ["ArrowLeft", "ArrowRight"], bounce: 10, drag: "slider" },
  { name: "gallery: Huber δ", page: "gallery.html", id: "gallery/huber", control: "delta", keys: ["ArrowRight", "ArrowLeft"], bounce: 10, drag: "slider" },
];

export interface ExplorableBenchResult {
  name: string;
  /** Baseline: plotly drawing the static figure from scratch, ms (median of 5). */
  firstDraw: number;
  moves: number;
  computeMedian: number;
  computeWorst: number;
  drawMedian: number;
  drawWorst: number;
  /** Redraws during the drag. */
  dragRedraws: number;
  longTasks: number;
  longestTask: number;
  longestFrameGap: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function readStats(page: Page, id: string): Promise<{ compute: number[]; draw: number[] }> {
  return page.evaluate((key) => {
    const stats = (window as unknown as { lossbookExplorableStats: Record<string, { compute: number[]; draw: number[] }> }).lossbookExplorableStats[key];
    const copy = { compute: stats.compute.slice(), draw: stats.draw.slice() };
    stats.compute.length = 0;
    stats.draw.length = 0;
    return copy;
  }, id);
}

async function measure(page: Page, base: string, bench: ExplorableBenchCase, moves: number): Promise<ExplorableBenchResult> {
  await page.goto(base + bench.page, { waitUntil: "load" });
  const rootSelector = `.explorable[data-explorable-id="${bench.id}"]`;
  await page.locator(rootSelector).scrollIntoViewIfNeeded();
  await page.waitForFunction((selector) => document.querySelector(selector)?.getAttribute("data-explorable-state") === "ready", rootSelector, { timeout: 60_000 });
  const input = page.locator(`${rootSelector} input[data-key="${bench.control}"]`);
  await input.scrollIntoViewIfNeeded();
  await readStats(page, bench.id);
  // Baseline in the same run: plotly drawing the figure as it is on screen from scratch (what every page does on load), median of 5.
  const firstDraw = (await page.evaluate(`(async () => {
    const element = document.querySelector('${rootSelector} .plotly-figure');
    const data = element.data.map((trace) => Object.assign({}, trace));
    const times = [];
    for (let i = 0; i < 5; i++) {
      const probe = document.createElement("div");
      probe.style.width = element.clientWidth + "px";
      element.parentElement.appendChild(probe);
      const started = performance.now();
      await Plotly.newPlot(probe, data, element.layout, { displaylogo: false });
      times.push(performance.now() - started);
      Plotly.purge(probe);
      probe.remove();
    }
    return times.sort((a, b) => a - b)[2];
  })()`)) as number;

  // (a) Keyboard: runs of `bounce` moves one way, then back, each awaited (a move at the end of the range would not redraw).
  await input.focus();
  for (let move = 0; move < moves; move++) {
    const before = await page.locator(rootSelector).getAttribute("data-redraws");
    await page.keyboard.press(Math.floor(move / bench.bounce) % 2 === 0 ? bench.keys[0] : bench.keys[1]);
    await page.waitForFunction(([selector, count]) => document.querySelector(selector)?.getAttribute("data-redraws") !== count, [rootSelector, before] as const);
  }
  const keyboard = await readStats(page, bench.id);

  // (b) A mouse drag at 60 Hz, watched for long tasks and frame gaps.
  // A string, not a function: the loaders that run this script would add helpers the page lacks.
  await page.evaluate(`(() => {
    const watch = { longTasks: [], gaps: [], running: true };
    window.benchWatch = watch;
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) watch.longTasks.push(entry.duration); }).observe({ type: "longtask" });
    let last = performance.now();
    function frame(now) {
      watch.gaps.push(now - last);
      last = now;
      if (watch.running) requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
  })()`);
  let start: { x: number; y: number };
  let step: { x: number; y: number };
  if (bench.drag === "outlier") {
    start = await page.evaluate((selector) => {
      const element = document.querySelector(`${selector} .plotly-figure`) as HTMLElement & { data: Array<{ name: string; x: number[]; y: number[] }>; _fullLayout: { _size: { l: number; t: number }; xaxis: { l2p(v: number): number }; yaxis: { l2p(v: number): number } } };
      const outlier = element.data.find((trace) => trace.name === "outliers")!;
      const box = element.getBoundingClientRect();
      return { x: box.left + element._fullLayout._size.l + element._fullLayout.xaxis.l2p(outlier.x[0]), y: box.top + element._fullLayout._size.t + element._fullLayout.yaxis.l2p(outlier.y[0]) };
    }, rootSelector);
    step = { x: 0, y: 4 };
  } else {
    const box = (await input.boundingBox())!;
    const value = Number(await input.inputValue());
    const [min, max] = [Number(await input.getAttribute("min")), Number(await input.getAttribute("max"))];
    start = { x: box.x + 8 + ((value - min) / (max - min)) * (box.width - 16), y: box.y + box.height / 2 };
    step = { x: Math.min(4, (box.x + box.width - 10 - start.x) / moves) || -4, y: 0 };
  }
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let move = 1; move <= moves; move++) {
    await page.mouse.move(start.x + step.x * move, start.y + step.y * move);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  await page.waitForTimeout(200);
  const watched = await page.evaluate(() => {
    const watch = (window as unknown as { benchWatch: { longTasks: number[]; gaps: number[]; running: boolean } }).benchWatch;
    watch.running = false;
    return { longTasks: watch.longTasks, gaps: watch.gaps.slice(1) };
  });
  const dragged = await readStats(page, bench.id);
  return {
    name: bench.name,
    firstDraw,
    moves: keyboard.compute.length,
    computeMedian: median(keyboard.compute),
    computeWorst: Math.max(...keyboard.compute),
    drawMedian: median(keyboard.draw),
    drawWorst: Math.max(...keyboard.draw),
    dragRedraws: dragged.compute.length,
    longTasks: watched.longTasks.length,
    longestTask: Math.max(0, ...watched.longTasks),
    longestFrameGap: Math.max(0, ...watched.gaps),
  };
}

/** Measures every case; `base` is the served site's URL. */
export async function benchExplorables(browser: Browser, base: string, moves = 50): Promise<ExplorableBenchResult[]> {
  const results: ExplorableBenchResult[] = [];
  for (const bench of EXPLORABLE_BENCH_CASES) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    try {
      results.push(await measure(page, base, bench, moves));
    } finally {
      if (errors.length) console.warn(`${bench.name}: console errors: ${errors.join("; ")}`);
      await context.close();
    }
  }
  return results;
}

/** The markdown table of the results. */
export function explorableBenchTable(results: ExplorableBenchResult[]): string[] {
  const ms = (value: number) => value.toFixed(1);
  return [
    "| explorable | moves | compute ms median / worst | plotly redraw ms median / worst | first draw ms (baseline) | redraw / first draw | redraws while dragging | long tasks (≥ 50 ms) | longest frame gap ms | within budget |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.moves} | ${ms(r.computeMedian)} / ${ms(r.computeWorst)} | ${ms(r.drawMedian)} / ${ms(r.drawWorst)} | ${ms(r.firstDraw)} | ${(r.drawMedian / r.firstDraw).toFixed(2)}× | ${r.dragRedraws} | ${r.longTasks}${r.longTasks ? ` (longest ${ms(r.longestTask)})` : ""} | ${ms(r.longestFrameGap)} | ${r.computeWorst <= 16 && r.longTasks === 0 ? "yes" : "**no**"} |`,
    ),
  ];
}
