/**
 * The explorables' part of `npm run bench:site`: for one explorable of each
 * kind, in headless Chromium at 1280×900, (a) 50 keyboard moves of its first
 * control, each awaited until the figure shows it in full; (b) a mouse drag
 * of 50 moves at 60 Hz (the slider's thumb, or Anscombe's outlier). The page
 * itself records (client/explorables/controls.ts), per redraw frame, the
 * library's compute time and the redraw time (plotly plus the browser's
 * style, layout and paint, to the end of the frame), and the time of the full
 * redraw made once the control is let go; the bench watches the main thread
 * for long tasks (≥ 50 ms, PerformanceObserver "longtask") and the gaps
 * between animation frames from mouse down to mouse up. Baseline in the same
 * run: plotly drawing the figure from scratch. Budget: compute ≤ 16 ms
 * (median and worst of the moves), no long task while dragging.
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
  /** Keyboard moves measured. */
  moves: number;
  /** Library compute per move, keyboard and drag frames together, ms. */
  computeMedian: number;
  computeWorst: number;
  /** Library compute of every frame in order (the keyboard moves, then the drag frames), ms: shows whether the worst is the first move (JIT warm-up) or a stray one (GC). */
  computeFrames: number[];
  /** Redraw of a frame while the control moves (keyboard and drag), ms. */
  redrawMedian: number;
  redrawWorst: number;
  /** The full redraw once the control is let go (keyboard moves and the end of the drag), ms. */
  fullMedian: number;
  fullWorst: number;
  /** Redraw frames during the drag. */
  dragRedraws: number;
  /** Long tasks from mouse down to mouse up. */
  longTasks: number;
  longestTask: number;
  longestFrameGap: number;
}

/** The budgets of issue 8: compute per move, and no main-thread task of this length or more while dragging. */
export const EXPLORABLE_BUDGET = { computeMs: 16, longTaskMs: 50 };

/** Within budget: compute median and worst ≤ 16 ms, no long task while dragging. */
export function withinExplorableBudget(result: ExplorableBenchResult): boolean {
  return result.computeMedian <= EXPLORABLE_BUDGET.computeMs && result.computeWorst <= EXPLORABLE_BUDGET.computeMs && result.longTasks === 0;
}

const median = (values: number[]) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

interface Stats {
  compute: number[];
  redraw: number[];
  full: number[];
}

/** The page's records since the last call (and clears them). */
async function readStats(page: Page, id: string): Promise<Stats> {
  return page.evaluate((key) => {
    const stats = (window as unknown as { lossbookExplorableStats: Record<string, Stats> }).lossbookExplorableStats[key];
    const copy = { compute: stats.compute.slice(), redraw: stats.redraw.slice(), full: stats.full.slice() };
    stats.compute.length = 0;
    stats.redraw.length = 0;
    stats.full.length = 0;
    return copy;
  }, id);
}

/** Waits until the explorable has drawn its control's current value in full (after the move settles). */
async function waitForFullDraw(page: Page, rootSelector: string, control: string, redrawsBefore: string | null): Promise<void> {
  await page.waitForFunction(
    ([selector, key, count]) => {
      const root = document.querySelector(selector);
      const input = root?.querySelector<HTMLInputElement>(`input[data-key="${key}"]`);
      const drawn = root?.getAttribute("data-drawn-values");
      return !!input && !!drawn && root!.getAttribute("data-redraws") !== count && JSON.parse(drawn)[key] === Number(input.value);
    },
    [rootSelector, control, redrawsBefore] as const,
  );
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

  // (a) Keyboard: runs of `bounce` moves one way, then back, each awaited until drawn in full (a move at the end of the range would not redraw).
  await input.focus();
  for (let move = 0; move < moves; move++) {
    const before = await page.locator(rootSelector).getAttribute("data-redraws");
    await page.keyboard.press(Math.floor(move / bench.bounce) % 2 === 0 ? bench.keys[0] : bench.keys[1]);
    await waitForFullDraw(page, rootSelector, bench.control, before);
  }
  const keyboard = await readStats(page, bench.id);

  // (b) A mouse drag at 60 Hz, watched from mouse down to mouse up for long tasks and frame gaps.
  // A string, not a function: the loaders that run this script would add helpers the page lacks.
  await page.evaluate(`(() => {
    const watch = { longTasks: [], frames: [], running: true, down: Infinity, up: Infinity };
    window.benchWatch = watch;
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) watch.longTasks.push({ start: entry.startTime, duration: entry.duration }); }).observe({ type: "longtask" });
    function frame(now) {
      watch.frames.push(now);
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
  const before = await page.locator(rootSelector).getAttribute("data-redraws");
  await page.evaluate("window.benchWatch.down = performance.now()");
  await page.mouse.down();
  for (let move = 1; move <= moves; move++) {
    await page.mouse.move(start.x + step.x * move, start.y + step.y * move);
    await page.waitForTimeout(16);
  }
  await page.evaluate("window.benchWatch.up = performance.now()");
  await page.mouse.up();
  await waitForFullDraw(page, rootSelector, bench.control, before);
  await page.waitForTimeout(100);
  const watched = await page.evaluate(() => {
    const watch = (window as unknown as { benchWatch: { longTasks: Array<{ start: number; duration: number }>; frames: number[]; running: boolean; down: number; up: number } }).benchWatch;
    watch.running = false;
    // Tasks that ran while the button was down (one that began just before it counts too).
    const during = watch.longTasks.filter((task) => task.start + task.duration > watch.down && task.start < watch.up).map((task) => task.duration);
    const frames = watch.frames.filter((time) => time >= watch.down && time <= watch.up);
    const gaps = frames.slice(1).map((time, i) => time - frames[i]);
    return { longTasks: during, gaps };
  });
  const dragged = await readStats(page, bench.id);
  const compute = [...keyboard.compute, ...dragged.compute];
  const redraw = [...keyboard.redraw, ...dragged.redraw];
  const full = [...keyboard.full, ...dragged.full];
  return {
    name: bench.name,
    firstDraw,
    moves: keyboard.compute.length,
    computeMedian: median(compute),
    computeWorst: Math.max(...compute),
    computeFrames: compute,
    redrawMedian: median(redraw),
    redrawWorst: Math.max(...redraw),
    fullMedian: median(full),
    fullWorst: full.length ? Math.max(...full) : Number.NaN,
    dragRedraws: dragged.compute.length,
    longTasks: watched.longTasks.length,
    longestTask: Math.max(0, ...watched.longTasks),
    longestFrameGap: Math.max(0, ...watched.gaps),
  };
}

/**
 * Measures every case; `base` is the served site's URL. With `baseline`, each
 * case is measured twice in a row, first with every frame drawn in full by
 * Plotly.react (as before the quick redraw), then as the page draws it.
 */
export async function benchExplorables(browser: Browser, base: string, moves = 50, options: { baseline?: boolean } = {}): Promise<ExplorableBenchResult[]> {
  const results: ExplorableBenchResult[] = [];
  const runs = EXPLORABLE_BENCH_CASES.flatMap((bench) => (options.baseline ? [{ bench, fullFrames: true }, { bench, fullFrames: false }] : [{ bench, fullFrames: false }]));
  for (const { bench: original, fullFrames } of runs) {
    const bench = fullFrames ? { ...original, name: `${original.name}, every frame in full (baseline)` } : original;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    if (fullFrames) await context.addInitScript("window.lossbookExplorablesFullFrames = true");
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

/**
 * Where the compute went over budget, for the lines under the table: each slow
 * frame as its number (1 = the first keyboard move; "drag k" after the
 * keyboard moves) and its time, so a first-move JIT warm-up tells itself apart
 * from a stray GC pause. Undefined when no frame is over.
 */
export function slowComputeFrames(result: ExplorableBenchResult): string | undefined {
  const slow = result.computeFrames.flatMap((ms, i) => (ms > EXPLORABLE_BUDGET.computeMs ? [`${i < result.moves ? `#${i + 1}` : `drag ${i - result.moves + 1}`} ${ms.toFixed(1)}`] : []));
  return slow.length ? `${result.name}: compute over ${EXPLORABLE_BUDGET.computeMs} ms in ${slow.length} of ${result.computeFrames.length} frames (ms): ${slow.join(", ")}` : undefined;
}

/** The markdown table of the results. */
export function explorableBenchTable(results: ExplorableBenchResult[]): string[] {
  const ms = (value: number) => (Number.isNaN(value) ? "–" : value.toFixed(1));
  return [
    "| explorable | moves (keys + drag frames) | compute ms median / worst | redraw while moving ms median / worst | full redraw on release ms median / worst | first draw ms (baseline) | redraw / first draw | long tasks while dragging | longest frame gap while dragging ms | within budget |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.moves} + ${r.dragRedraws} | ${ms(r.computeMedian)} / ${ms(r.computeWorst)} | ${ms(r.redrawMedian)} / ${ms(r.redrawWorst)} | ${ms(r.fullMedian)} / ${ms(r.fullWorst)} | ${ms(r.firstDraw)} | ${(r.redrawMedian / r.firstDraw).toFixed(2)}× | ${r.longTasks}${r.longTasks ? ` (longest ${ms(r.longestTask)})` : ""} | ${ms(r.longestFrameGap)} | ${withinExplorableBudget(r) ? "yes" : "**no**"} |`,
    ),
  ];
}
