/**
 * The explorables in real Chromium: each one mounts with zero console errors,
 * its first frame is the committed static figure, changing a control by
 * keyboard moves the plotted data the way the maths says (values read back
 * from plotly's own copy of the figure), and at 375 px with touch the
 * Anscombe outlier can be dragged without scrolling the page.
 * Skipped with a message when Chromium is missing, unless REQUIRE_BROWSER=1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromiumAvailable, CHROMIUM_PATH, INSTALL_CHROMIUM_HINT, launchChromium } from "../../scripts/site/browser";
import { startSiteServer, type RunningSiteServer } from "../../scripts/site/server";
import { buildTestSite, type TestSite, runBrowserTests } from "./helpers";
import { decodeFigure } from "../../src/plot/typed-arrays";
import { explorableStringsText } from "../../scripts/site/explorable-strings";
import { losses } from "../../src/losses/registry";

const available = chromiumAvailable();
if (!available && process.env.REQUIRE_BROWSER !== "1") console.warn(`Skipping the explorables' browser tests: Chromium not found at ${CHROMIUM_PATH}: ${INSTALL_CHROMIUM_HINT}.`);

interface TraceData {
  name: string;
  x: number[];
  y: number[];
}

/** Opens `file`, scrolls the explorable `id` into view and waits until its controls are live. */
async function openExplorable(page: Page, base: string, file: string, id: string): Promise<void> {
  if (!page.url().endsWith(`/${file}`)) await page.goto(`${base}${file}`);
  const root = page.locator(`.explorable[data-explorable-id="${id}"]`);
  await root.scrollIntoViewIfNeeded();
  await page.waitForFunction((selector) => document.querySelector(selector)?.getAttribute("data-explorable-state") === "ready", `.explorable[data-explorable-id="${id}"]`, { timeout: 30_000 });
}

/** The traces plotly holds for figure `index` of the explorable (what is on screen; a static figure's float32 arrays decoded). */
async function traces(page: Page, id: string, index = 0): Promise<TraceData[]> {
  const data = await page.evaluate(
    ([rootId, figureIndex]) => {
      const element = document.querySelector(`.explorable[data-explorable-id="${rootId}"]`)!.parentElement!.querySelectorAll(".plotly-figure")[figureIndex as number] as HTMLElement & { data: Array<{ name: string; x: unknown; y: unknown }> };
      // Lists and typed arrays as plain lists; plotly keeps a {dtype, bdata} array as it was given.
      const plain = (values: unknown) => (Array.isArray(values) || ArrayBuffer.isView(values) ? Array.from(values as ArrayLike<number>) : values);
      return element.data.map((trace) => ({ name: trace.name, x: plain(trace.x), y: plain(trace.y) }));
    },
    [id, index] as const,
  );
  return decodeFigure(data) as TraceData[];
}

/** The committed static figure the page embeds for figure `index` of the explorable (its float32 arrays decoded). */
async function staticTraces(page: Page, id: string, index = 0): Promise<TraceData[]> {
  const data = await page.evaluate(
    ([rootId, figureIndex]) => {
      const element = document.querySelector(`.explorable[data-explorable-id="${rootId}"]`)!.querySelectorAll(".plotly-figure")[figureIndex as number];
      const figure = JSON.parse(document.getElementById(`${element.id}-data`)!.textContent!);
      return figure.data.map((trace: TraceData) => ({ name: trace.name, x: trace.x, y: trace.y }));
    },
    [id, index] as const,
  );
  return decodeFigure(data as TraceData[]);
}

/** Focuses the control `key` of the explorable, presses `key` `times` times and waits until the figure shows the new value. */
async function press(page: Page, id: string, control: string, key: string, times: number): Promise<number> {
  const input = page.locator(`.explorable[data-explorable-id="${id}"] input[data-key="${control}"]`);
  await input.focus();
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
  const value = Number(await input.inputValue());
  await page.waitForFunction(
    ([rootId, name, expected]) => {
      const drawn = document.querySelector(`.explorable[data-explorable-id="${rootId}"]`)?.getAttribute("data-drawn-values");
      return drawn !== null && drawn !== undefined && JSON.parse(drawn)[name as string] === expected;
    },
    [id, control, value] as const,
  );
  return value;
}

const traceNamed = (list: TraceData[], pattern: RegExp) => {
  const trace = list.find((entry) => pattern.test(entry.name));
  if (!trace) throw new Error(`no trace matching ${pattern} in ${list.map((entry) => entry.name).join(", ")}`);
  return trace;
};
const yAt = (trace: TraceData, x: number) => trace.y[trace.x.findIndex((value) => Math.abs(value - x) < 1e-9)];
const readout = (page: Page, id: string) => page.locator(`.explorable[data-explorable-id="${id}"] .explorable-readout`).innerText();
/** A line's slope from two of its points. */
const slopeOf = (trace: TraceData) => (trace.y[trace.y.length - 1] - trace.y[0]) / (trace.x[trace.x.length - 1] - trace.x[0]);

/** Same traces as the static figure, to the 6 digits and float32 arrays show() stores. */
function expectSameData(actual: TraceData[], expected: TraceData[]): void {
  expect(actual.map((trace) => trace.name)).toEqual(expected.map((trace) => trace.name));
  const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(2e-6 * Math.max(1, Math.abs(want)));
  expected.forEach((trace, k) => {
    expect(actual[k].x).toHaveLength(trace.x.length);
    actual[k].x.forEach((value, i) => close(value, trace.x[i]));
    actual[k].y.forEach((value, i) => close(value, trace.y[i]));
  });
}

// Many key presses, each redrawn: slow on a loaded machine, so more than the default 20 s per test.
// Skipped only without Chromium and REQUIRE_BROWSER (runBrowserTests in ./helpers).
describe.skipIf(!runBrowserTests)("explorables in Chromium", { timeout: 120_000 }, () => {
  let site: TestSite;
  let server: RunningSiteServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  const watch = (target: Page) => {
    target.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`${target.url()}: ${message.text()}`);
    });
    target.on("pageerror", (error) => consoleErrors.push(`${target.url()}: uncaught ${error.message}`));
  };

  beforeAll(async () => {
    site = await buildTestSite();
    server = await startSiteServer({ dir: site.dir, port: 0 });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    watch(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    site?.remove();
  });

  it("02 gradient descent: the initial paths are the static figure; η above 2/L″ = 0.0909 diverges, and the figure says so", async () => {
    const id = "02-core-concepts/a0151bcc";
    await openExplorable(page, server.url, "02-core-concepts.html", id);
    expectSameData(await traces(page, id), await staticTraces(page, id));
    expect(await readout(page, id)).toMatch(/converges/);
    // 0.04 → 0.1 in 60 steps of 0.001.
    expect(await press(page, id, "eta", "ArrowRight", 60)).toBeCloseTo(0.1, 9);
    const path = traceNamed(await traces(page, id), /^η = 0\.1$/);
    const optimum = 27.6 / 22;
    const errors = path.x.map((theta) => Math.abs(theta - optimum));
    for (let t = 1; t < errors.length; t++) expect(errors[t]).toBeGreaterThan(errors[t - 1]); // every swing wider
    expect(await readout(page, id)).toMatch(/diverges/);
    const losses = traceNamed(await traces(page, id, 1), /^η = 0\.1$/);
    expect(losses.y[losses.y.length - 1]).toBeGreaterThan(losses.y[0]);
    // Back below the bound it converges again: the loss falls.
    await press(page, id, "eta", "ArrowLeft", 30);
    const slower = traceNamed(await traces(page, id, 1), /^η = 0\.07$/);
    expect(slower.y[slower.y.length - 1]).toBeLessThan(slower.y[0]);
    expect(await readout(page, id)).toMatch(/converges/);
    // A start further right starts higher on the curve.
    await press(page, id, "start", "ArrowRight", 10);
    const started = await traces(page, id);
    expect(traceNamed(started, /^η = 0\.005$/).x[0]).toBeCloseTo(1, 9);
  });

  it("05 Huber δ: larger δ gives a larger loss and a larger derivative at a = 3; back at δ = 1 it is the static figure again", async () => {
    for (const [id, what] of [["05-huber/cell-22", "value"], ["05-huber/cell-24", "gradient"]] as const) {
      await openExplorable(page, server.url, "05-huber.html", id);
      const initial = await staticTraces(page, id);
      expectSameData(await traces(page, id), initial);
      const before = yAt(traceNamed(initial, /^Huber δ = 1$/), 3);
      await press(page, id, "delta", "ArrowRight", 5);
      const after = yAt(traceNamed(await traces(page, id), /^Huber δ = 1\.5$/), 3);
      // L_δ(3) = δ(3 − δ/2): 2.5 → 3.375; dL_δ/da(3) = δ: 1 → 1.5.
      expect(after).toBeCloseTo(what === "value" ? 3.375 : 1.5, 9);
      expect(after).toBeGreaterThan(before);
      await press(page, id, "delta", "ArrowLeft", 5);
      expectSameData(await traces(page, id), initial);
    }
  });

  it("05 Anscombe III: lowering the outlier by keyboard pulls the MSE line down, the Huber line much less, MAE not at all", async () => {
    const id = "05-huber/cell-37";
    await openExplorable(page, server.url, "05-huber.html", id);
    const initial = await staticTraces(page, id);
    expectSameData(await traces(page, id), initial);
    const slopes = (list: TraceData[]) => ({
      mse: slopeOf(traceNamed(list, /^MSE, all/)),
      mae: slopeOf(traceNamed(list, /^MAE/)),
      huber: slopeOf(traceNamed(list, /^Huber/)),
      clean: slopeOf(traceNamed(list, /without the outlier/)),
    });
    const start = slopes(initial);
    expect(start.mse).toBeCloseTo(0.5, 3);
    const value = await press(page, id, "outlierY", "PageDown", 3);
    expect(value).toBeLessThan(12.74);
    const moved = await traces(page, id);
    expect(traceNamed(moved, /^outliers$/).y[0]).toBeCloseTo(value, 9);
    const after = slopes(moved);
    expect(after.mse).toBeLessThan(start.mse - 0.05);
    expect(Math.abs(after.huber - start.huber)).toBeLessThan((start.mse - after.mse) / 3);
    expect(after.mae).toBeCloseTo(start.mae, 3);
    expect(after.clean).toBeCloseTo(start.clean, 5); // the static figure keeps 6 digits
  });

  it("05 Anscombe III: the outlier can be dragged with the mouse", async () => {
    const id = "05-huber/cell-37";
    await openExplorable(page, server.url, "05-huber.html", id);
    const point = await outlierOnScreen(page, id);
    await page.mouse.move(point.x, point.y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(point.x, point.y + step * 10);
    await page.mouse.up();
    const value = await waitForOutlier(page, id);
    expect(value).toBeLessThan(point.value - 0.5);
    expect(traceNamed(await traces(page, id), /^outliers$/).y[0]).toBeCloseTo(value, 9);
  });

  it("04 softmax: raising the true class's logit raises its probability and lowers the loss; ε lowers its target", async () => {
    const id = "04-cross-entropy/cell-44";
    await openExplorable(page, server.url, "04-cross-entropy.html", id);
    expect(await readout(page, id)).toContain("softmax(z) = (0.7856, 0.1753, 0.0391)");
    expect(await readout(page, id)).toContain("0.2413");
    const before = await traces(page, id);
    await press(page, id, "z0", "ArrowRight", 5);
    const after = await traces(page, id);
    // Each trace draws one stem per class: [0, value, gap] for class 0, 1, 2.
    const top = (list: TraceData[], pattern: RegExp, k: number) => traceNamed(list, pattern).y[3 * k + 1];
    expect(top(before, /^softmax/, 0)).toBeCloseTo(0.7856, 4);
    expect(top(after, /^softmax/, 0)).toBeGreaterThan(top(before, /^softmax/, 0));
    expect(top(after, /^gradient/, 0)).toBeGreaterThan(top(before, /^gradient/, 0)); // −0.21 towards 0
    await press(page, id, "epsilon", "ArrowRight", 10);
    const smoothed = await traces(page, id);
    expect(top(smoothed, /^target/, 0)).toBeCloseTo(1 - 0.1 + 0.1 / 3, 9);
    expect(top(smoothed, /^target/, 1)).toBeCloseTo(0.1 / 3, 9);
    const gradient = [0, 1, 2].map((k) => top(smoothed, /^gradient/, k));
    expect(gradient.reduce((sum, g) => sum + g, 0)).toBeCloseTo(0, 12);
  });

  it("07 focal: larger γ down-weights easy samples (lower loss at z = 2); the margin marker moves and hinge stops pulling past m = 1", async () => {
    const id = "07-more-losses/c034";
    await openExplorable(page, server.url, "07-more-losses.html", id);
    expectSameData(await traces(page, id), await staticTraces(page, id));
    const before = yAt(traceNamed(await traces(page, id), /^Focal/), 2);
    await press(page, id, "gamma", "ArrowRight", 10);
    const after = yAt(traceNamed(await traces(page, id), /^Focal loss \(γ = 3\)/), 2);
    expect(after).toBeLessThan(before);
    await press(page, id, "alpha", "ArrowRight", 5); // α 0.25 → 0.5: the positive class weighs twice as much
    expect(yAt(traceNamed(await traces(page, id), /^Focal loss \(γ = 3, α = 0\.5\)/), 2)).toBeCloseTo(2 * after, 9);

    const margin = "07-more-losses/c035";
    await openExplorable(page, server.url, "07-more-losses.html", margin);
    expectSameData(await traces(page, margin), await staticTraces(page, margin));
    await press(page, margin, "margin", "ArrowLeft", 20); // m = 1 → −1
    expect(await page.evaluate((rootId) => (document.querySelector(`.explorable[data-explorable-id="${rootId}"] .plotly-figure`) as HTMLElement & { layout: { shapes: Array<{ x0: number }> } }).layout.shapes[0].x0, margin)).toBeCloseTo(-1, 9);
    expect(await readout(page, margin)).toMatch(/Hinge loss: ℓ = 2\.000, ∂ℓ\/∂z = −1\.000/);
    await press(page, margin, "margin", "ArrowRight", 30); // m = 2
    expect(await readout(page, margin)).toMatch(/Hinge loss: ℓ = 0\.000, ∂ℓ\/∂z = 0\.000/);
  });

  it("07 quantile: a higher τ moves the refitted line up and puts more test points below it", async () => {
    const id = "07-more-losses/c020";
    await openExplorable(page, server.url, "07-more-losses.html", id);
    expectSameData(await traces(page, id), await staticTraces(page, id));
    const share = async () => Number(/below it: ([\d.]+) %/.exec(await readout(page, id))![1]);
    const before = { line: traceNamed(await traces(page, id), /τ = 0\.5$/), share: await share() };
    await press(page, id, "tau", "ArrowRight", 4); // τ = 0.7
    const after = { line: traceNamed(await traces(page, id), /τ = 0\.7$/), share: await share() };
    after.line.y.forEach((value, i) => expect(value).toBeGreaterThan(before.line.y[i]));
    expect(after.share).toBeGreaterThan(before.share + 10);
  });

  it("gallery: a loss's option moves its card's curves (Huber: larger δ, larger loss at a = 2)", async () => {
    const id = "gallery/huber";
    await openExplorable(page, server.url, "gallery.html", id);
    const initial = await staticTraces(page, id);
    expectSameData(await traces(page, id), initial);
    await press(page, id, "delta", "ArrowRight", 5);
    const [value, gradient] = await traces(page, id);
    expect(yAt(value, 2)).toBeCloseTo(1.5 * (2 - 0.75), 9);
    expect(yAt(gradient, 2)).toBeCloseTo(1.5, 9);
    for (const other of ["gallery/quantile", "gallery/focal", "gallery/smoothL1", "gallery/softmaxCrossEntropy", "gallery/binaryCrossEntropyWithLogits"]) {
      await openExplorable(page, server.url, "gallery.html", other);
      expect(await page.locator(`.explorable[data-explorable-id="${other}"] input[type=range]`).count()).toBeGreaterThan(0);
    }
  });

  it("375 px with touch: the Anscombe outlier drags with a finger, the page does not scroll, nothing overflows", async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    const touchPage = await phone.newPage();
    watch(touchPage);
    const id = "05-huber/cell-37";
    await openExplorable(touchPage, server.url, "05-huber.html", id);
    // The explorable (figure, controls and readout) is taller than a phone's screen: bring its figure into view.
    await touchPage.locator(`.explorable[data-explorable-id="${id}"] .plotly-figure`).first().scrollIntoViewIfNeeded();
    const point = await outlierOnScreen(touchPage, id);
    const scrollBefore = await touchPage.evaluate(() => window.scrollY);
    const session = await phone.newCDPSession(touchPage);
    await session.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: point.x, y: point.y }] });
    for (let step = 1; step <= 8; step++) await session.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: point.x, y: point.y + step * 10 }] });
    await session.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    const value = await waitForOutlier(touchPage, id);
    expect(value).toBeLessThan(point.value - 0.5);
    expect(await touchPage.evaluate(() => window.scrollY)).toBe(scrollBefore);
    const layout = await touchPage.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      sliders: Array.from(document.querySelectorAll<HTMLElement>(".explorable input[type=range]")).map((input) => input.getBoundingClientRect()).filter((box) => box.width > 0).map((box) => ({ right: box.right, height: box.height })),
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(375);
    for (const slider of layout.sliders) {
      expect(slider.right).toBeLessThanOrEqual(375);
      expect(slider.height).toBeGreaterThanOrEqual(44);
    }
    await phone.close();
  });

  it("zh pages: every explorable's controls, hint and readout are Chinese, with no English word of the English strings, and still move by keyboard", async () => {
    // The English strings' words that their Chinese versions do not keep themselves (softmax, logit, MSE, Huber …),
    // nor the losses' Chinese names the readouts show ("基于 logits 的二元交叉熵").
    const words = (text: string) => new Set(text.replace(/<[^>]+>|%\{[^}]*\}/g, " ").match(/[A-Za-z]{3,}/g) ?? []);
    const keptInChinese = words(`${explorableStringsText("zh")} ${losses.map((loss) => loss.nameZh).join(" ")}`);
    const english = [...words(explorableStringsText("en"))].filter((word) => !keptInChinese.has(word));
    expect(english).toEqual(expect.arrayContaining(["slope", "outlier", "learning", "converges", "quantile", "margin", "threshold"]));
    const englishWordsIn = (text: string) => [...words(text)].filter((word) => english.includes(word));
    const texts = (id: string) =>
      page.evaluate((rootId) => {
        const root = document.querySelector(`.explorable[data-explorable-id="${rootId}"]`)!;
        const group = root.querySelector(".explorable-controls")!;
        return {
          group: group.getAttribute("aria-label") ?? "",
          labels: Array.from(group.querySelectorAll("label"), (label) => (label as HTMLElement).innerText),
          hint: (root.querySelector(".explorable-hint") as HTMLElement | null)?.innerText,
          readout: (root.querySelector(".explorable-readout") as HTMLElement).innerText,
          addedFigures: Array.from(root.querySelectorAll(".explorable-extra-plot"), (figure) => figure.getAttribute("aria-label") ?? ""),
        };
      }, id);
    const expectChinese = (text: string, where: string) => {
      expect(text, where).toMatch(/\p{Script=Han}/u);
      expect(englishWordsIn(text), `${where}: ${text}`).toEqual([]);
    };
    let checked = 0;
    for (const file of ["02-core-concepts.html", "04-cross-entropy.html", "05-huber.html", "07-more-losses.html", "gallery.html"]) {
      await page.goto(`${server.url}zh/${file}`);
      const ids = await page.$$eval(".explorable[data-explorable]", (roots) => roots.map((root) => root.getAttribute("data-explorable-id")!));
      expect(ids.length, file).toBeGreaterThan(0);
      for (const id of ids) {
        await openExplorable(page, server.url, `zh/${file}`, id);
        const before = await texts(id);
        expectChinese(before.group, `${id} group label`);
        for (const label of before.labels) expectChinese(label, `${id} control label`);
        if (before.hint !== undefined) expectChinese(before.hint, `${id} hint`);
        expectChinese(before.readout, `${id} readout`);
        for (const label of before.addedFigures) expectChinese(label, `${id} added figure`);
        // The first control by keyboard: the figure redraws and the readout follows, in Chinese.
        const key = await page.locator(`.explorable[data-explorable-id="${id}"] input[data-key]`).first().getAttribute("data-key");
        await press(page, id, key!, "ArrowRight", 2);
        const after = await texts(id);
        expect(after.readout, id).not.toBe(before.readout);
        expectChinese(after.readout, `${id} readout after a move`);
        checked++;
      }
    }
    // 02, 04, 05 ×3, 07 ×3 and the gallery's six cards.
    expect(checked).toBe(14);
  });

  it("logs no console error on any page with explorables", () => {
    expect(consoleErrors).toEqual([]);
  });
});

/** Where the outlier is drawn on screen (client pixels) and its current y. */
async function outlierOnScreen(page: Page, id: string): Promise<{ x: number; y: number; value: number }> {
  return page.evaluate((rootId) => {
    const root = document.querySelector(`.explorable[data-explorable-id="${rootId}"]`)!;
    const element = root.querySelector(".plotly-figure") as HTMLElement & { data: Array<{ name: string; x: number[]; y: number[] }>; _fullLayout: { _size: { l: number; t: number }; xaxis: { l2p(v: number): number }; yaxis: { l2p(v: number): number } } };
    const outlier = element.data.find((trace) => trace.name === "outliers")!;
    const box = element.getBoundingClientRect();
    const layout = element._fullLayout;
    return { x: box.left + layout._size.l + layout.xaxis.l2p(outlier.x[0]), y: box.top + layout._size.t + layout.yaxis.l2p(outlier.y[0]), value: outlier.y[0] };
  }, id);
}

/** Waits until the figure shows the outlier slider's value, and returns it. */
async function waitForOutlier(page: Page, id: string): Promise<number> {
  const input = page.locator(`.explorable[data-explorable-id="${id}"] input[data-key="outlierY"]`);
  await page.waitForFunction(
    (rootId) => {
      const root = document.querySelector(`.explorable[data-explorable-id="${rootId}"]`)!;
      const drawn = root.getAttribute("data-drawn-values");
      const input = root.querySelector<HTMLInputElement>('input[data-key="outlierY"]')!;
      return drawn !== null && JSON.parse(drawn).outlierY === Number(input.value) && root.getAttribute("data-redraws") !== "0";
    },
    id,
  );
  return Number(await input.inputValue());
}
