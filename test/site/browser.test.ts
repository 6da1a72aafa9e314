/**
 * The built site in a real browser (Debian's Chromium through playwright-core):
 * every page loads with no console error, no failed request and no request to
 * another origin; every plot draws an SVG; KaTeX output is there with its
 * fonts; phones get no horizontal scroll; it all works under a sub-path too.
 * Skipped with a message when Chromium is missing, unless REQUIRE_BROWSER=1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { chromiumAvailable, CHROMIUM_PATH, INSTALL_CHROMIUM_HINT, launchChromium, WAIT_FOR_DRAWN } from "../../scripts/site/browser";
import { startSiteServer, type RunningSiteServer } from "../../scripts/site/server";
import { buildTestSite, type TestSite, runBrowserTests } from "./helpers";

const available = chromiumAvailable();
const required = process.env.REQUIRE_BROWSER === "1";
if (!available) {
  const message = `Chromium not found at ${CHROMIUM_PATH}: ${INSTALL_CHROMIUM_HINT}.`;
  console.warn(required ? message : `Skipping the site's browser tests. ${message} (REQUIRE_BROWSER=1 makes this a failure.)`);
}

// Registered only when it applies, so a run with Chromium reports no skipped test.
if (!available && required) {
  describe("site in Chromium (required)", () => {
    it("needs Chromium because REQUIRE_BROWSER=1", () => {
      throw new Error(`REQUIRE_BROWSER=1 but Chromium is not at ${CHROMIUM_PATH}: ${INSTALL_CHROMIUM_HINT}`);
    });
  });
}

interface PageReport {
  url: string;
  status: number | undefined;
  consoleErrors: string[];
  failedRequests: string[];
  foreignRequests: string[];
  figures: Array<{ id: string; drawn: string | undefined; svg: boolean; traces: number }>;
  katex: number;
  katexFontLoaded: boolean;
  scrollWidth: number;
  /** Plot titles and axis titles that stick out of their plot (plotly never wraps text). */
  clippedPlotText: string[];
  drawnAt: number;
}

/** Loads a page in a fresh tab and reports what a reader would run into. */
async function loadPage(context: BrowserContext, url: string, options: { waitForDrawn?: boolean } = {}): Promise<PageReport> {
  const origin = new URL(url).origin;
  const page = await context.newPage();
  const report: PageReport = { url, status: undefined, consoleErrors: [], failedRequests: [], foreignRequests: [], figures: [], katex: 0, katexFontLoaded: false, scrollWidth: 0, clippedPlotText: [], drawnAt: 0 };
  page.on("console", (message) => {
    if (message.type() === "error") report.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => report.consoleErrors.push(`uncaught: ${error.message}`));
  page.on("request", (request) => {
    const requestUrl = request.url();
    if (!requestUrl.startsWith("data:") && new URL(requestUrl).origin !== origin) report.foreignRequests.push(requestUrl);
  });
  page.on("requestfailed", (request) => report.failedRequests.push(`${request.url()} (${request.failure()?.errorText})`));
  page.on("response", (response) => {
    if (response.status() >= 400 && response.url() !== url) report.failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
  });
  try {
    const response = await page.goto(url, { waitUntil: "load" });
    report.status = response?.status();
    if (options.waitForDrawn !== false) report.drawnAt = (await page.evaluate(`Promise.race([${WAIT_FOR_DRAWN}, new Promise((resolve) => setTimeout(() => resolve(-1), 15000))])`)) as number;
    // Sections off screen are not rendered (content-visibility), so a page whose first screen has no
    // formula fetches no KaTeX font until the reader scrolls to one: bring the first into view, as a reader would.
    await page.evaluate(async () => {
      document.querySelector(".katex")?.scrollIntoView();
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      await document.fonts.ready;
      window.scrollTo(0, 0);
    });
    Object.assign(
      report,
      await page.evaluate(() => ({
        figures: Array.from(document.querySelectorAll<HTMLElement>(".plotly-figure")).map((element) => ({
          id: element.id,
          drawn: element.dataset.drawn,
          svg: element.querySelector("svg.main-svg") !== null,
          traces: element.querySelectorAll("g.trace").length,
        })),
        katex: document.querySelectorAll(".katex").length,
        katexFontLoaded: Array.from(document.fonts as unknown as Iterable<FontFace>).some((face) => face.family.includes("KaTeX") && face.status === "loaded"),
        scrollWidth: document.scrollingElement!.scrollWidth,
        clippedPlotText: Array.from(document.querySelectorAll<HTMLElement>(".plotly-figure")).flatMap((element) => {
          const box = element.getBoundingClientRect();
          return Array.from(element.querySelectorAll<SVGGraphicsElement>(".gtitle, .g-xtitle text, .g-ytitle text"))
            .filter((text) => {
              const textBox = text.getBoundingClientRect();
              return textBox.width > 0 && (textBox.left < box.left - 1 || textBox.right > box.right + 1 || textBox.top < box.top - 1);
            })
            .map((text) => `${element.id}: "${text.textContent}"`);
        }),
      })),
    );
  } finally {
    await page.close();
  }
  return report;
}

function expectClean(report: PageReport): void {
  expect(report.consoleErrors, `${report.url}: console errors`).toEqual([]);
  expect(report.failedRequests, `${report.url}: failed requests`).toEqual([]);
  expect(report.foreignRequests, `${report.url}: requests to other origins`).toEqual([]);
}

/** What moved in a page's first screen while it loaded: the layout shift score and the elements that moved. */
interface LayoutShiftReport {
  /** Sum of every layout-shift entry's value (Lighthouse's CLS for a load this short). */
  score: number;
  /** The shifted elements, "tag.class" each. */
  moved: string[];
  /** Requests for the page's Chinese font subsets (fonts.ts). */
  chineseFontRequests: number;
}

/**
 * Loads a page and sums its layout shifts, with the page's Chinese font held
 * back until the page has painted: a reader without a local CJK font gets it
 * late, and nothing may move when it arrives.
 */
async function layoutShiftWithLateChineseFont(context: BrowserContext, url: string): Promise<LayoutShiftReport> {
  const page = await context.newPage();
  let releaseFont = () => {};
  const fontHeld = new Promise<void>((resolve) => (releaseFont = resolve));
  let chineseFontRequests = 0;
  await page.route(/noto-sans-sc/, async (route) => {
    chineseFontRequests += 1;
    await fontHeld;
    await route.continue();
  });
  await page.addInitScript(() => {
    const shifts: Array<{ value: number; moved: string[] }> = [];
    (window as unknown as { layoutShifts: typeof shifts }).layoutShifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; sources?: Array<{ node?: Node | null }> }>) {
        const moved = (entry.sources ?? []).map(({ node }) => (node instanceof Element ? `${node.tagName.toLowerCase()}.${node.className}` : (node?.parentElement?.tagName.toLowerCase() ?? "?")));
        shifts.push({ value: entry.value, moved });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  try {
    await page.goto(url, { waitUntil: "domcontentloaded" });
    const nextFrames = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await nextFrames();
    releaseFont();
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await nextFrames();
    const shifts = await page.evaluate(() => (window as unknown as { layoutShifts: Array<{ value: number; moved: string[] }> }).layoutShifts);
    return { score: shifts.reduce((sum, shift) => sum + shift.value, 0), moved: [...new Set(shifts.flatMap((shift) => shift.moved))], chineseFontRequests };
  } finally {
    releaseFont();
    await page.close();
  }
}

// Skipped only without Chromium and REQUIRE_BROWSER (runBrowserTests in ./helpers).
describe.skipIf(!runBrowserTests)("site in Chromium", () => {
  let site: TestSite;
  let root: RunningSiteServer;
  let subPath: RunningSiteServer;
  let browser: Browser;
  let pages: TestSite["result"]["pages"];

  beforeAll(async () => {
    site = await buildTestSite({ compress: true });
    pages = site.result.pages.filter((page) => page.kind !== "404");
    [root, subPath, browser] = await Promise.all([
      startSiteServer({ dir: site.dir }),
      startSiteServer({ dir: site.dir, basePath: "/lossbook/" }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await root?.close();
    await subPath?.close();
    site?.remove();
  });

  it("loads every page cleanly at desktop width, draws every plot as an SVG and shows KaTeX", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      for (const page of pages) {
        const report = await loadPage(context, root.url + page.file);
        expect(report.status, page.file).toBe(200);
        expectClean(report);
        expect(report.drawnAt, `${page.file}: plots drawn in time`).toBeGreaterThan(0);
        expect(report.figures, page.file).toHaveLength(page.figures);
        expect(report.clippedPlotText, `${page.file}: plot text cut off`).toEqual([]);
        for (const figure of report.figures) {
          expect(figure, `${page.file} ${figure.id}`).toMatchObject({ drawn: "true", svg: true });
          expect(figure.traces, `${page.file} ${figure.id} traces`).toBeGreaterThan(0);
        }
        const html = site.read(page.file);
        if (html.includes('class="katex"')) {
          expect(report.katex, page.file).toBeGreaterThan(0);
          expect(report.katexFontLoaded, `${page.file}: a KaTeX font loaded`).toBe(true);
        }
      }
    } finally {
      await context.close();
    }
  }, 180_000);

  it("works under a sub-path, and at phone width (375 px) nothing scrolls the page sideways nor sticks out of a plot", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
    try {
      expect(subPath.url).toMatch(/\/lossbook\/$/);
      for (const page of pages) {
        const report = await loadPage(context, subPath.url + page.file);
        expect(report.status, page.file).toBe(200);
        expectClean(report);
        expect(report.figures.every((figure) => figure.svg), `${page.file}: plots drawn`).toBe(true);
        expect(report.scrollWidth, `${page.file}: page width at 375 px`).toBeLessThanOrEqual(375);
        expect(report.clippedPlotText, `${page.file}: plot text cut off at 375 px`).toEqual([]);
      }
    } finally {
      await context.close();
    }
  }, 180_000);

  it("does not move the first screen on a phone when the Chinese font arrives late (layout shift < 0.1 at 375 and 412 px)", async () => {
    let chineseFontRequests = 0;
    for (const viewport of [{ width: 375, height: 800 }, { width: 412, height: 823 }]) {
      // 412 × 823 at 1.75 is the phone Lighthouse emulates.
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
      try {
        for (const page of pages) {
          const report = await layoutShiftWithLateChineseFont(context, root.url + page.file);
          chineseFontRequests += report.chineseFontRequests;
          expect(report.score, `${page.file} at ${viewport.width} px: layout shift (moved: ${report.moved.join(", ")})`).toBeLessThan(0.1);
        }
      } finally {
        await context.close();
      }
    }
    // Otherwise a local CJK font drew the Chinese from the start and the late font was not tried.
    expect(chineseFontRequests, "requests for the page's Chinese font").toBeGreaterThan(0);
  }, 180_000);

  it("answers a missing address with the 404 page, at the root and under the sub-path", async () => {
    const context = await browser.newContext();
    try {
      for (const url of [`${root.url}no-such-chapter.html`, `${subPath.url}deep/no/such/page`]) {
        const report = await loadPage(context, url, { waitForDrawn: false });
        expect(report.status, url).toBe(404);
        // Chromium logs the 404 of the page itself; nothing else may fail.
        expect(report.consoleErrors, url).toEqual(["Failed to load resource: the server responded with a status of 404 (Not Found)"]);
        expect(report.failedRequests, url).toEqual([]);
        expect(report.foreignRequests, url).toEqual([]);
        const page = await context.newPage();
        await page.goto(url);
        expect(await page.locator("h1").textContent()).toContain("Page not found");
        await page.click("#home-link");
        expect(await page.locator("h1").textContent()).toContain("Loss Functions Workbook");
        await page.close();
      }
    } finally {
      await context.close();
    }
  });

  it("can be used from the keyboard: the skip link comes first and moves focus to the content", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${root.url}99-site-fixture.html`);
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
      expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe("none");
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("content");
    } finally {
      await context.close();
    }
  });

  it("loads a plotly.js that registers exactly the trace types the site's figures use", async () => {
    const expected = site.result.plotly?.traceTypes;
    expect(expected).toContain("scatter");
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      const withFigures = pages.find((entry) => entry.figures > 0)!;
      await page.goto(root.url + withFigures.file);
      await page.evaluate(WAIT_FOR_DRAWN);
      const registered = await page.evaluate(() => {
        const plotly = (window as unknown as { Plotly: { PlotSchema: { get(): { traces: Record<string, unknown> } } } }).Plotly;
        return Object.keys(plotly.PlotSchema.get().traces).sort();
      });
      expect(registered).toEqual(expected);
    } finally {
      await context.close();
    }
  });

  it("draws plots in the reader's colour scheme", async () => {
    const titleColour = async (colorScheme: "light" | "dark") => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      try {
        await page.goto(`${root.url}99-site-fixture.html`);
        await page.evaluate(WAIT_FOR_DRAWN);
        return await page.evaluate(() => {
          const title = document.querySelector(".plotly-figure .gtitle") as SVGElement;
          const [r, g, b] = getComputedStyle(title).fill.match(/\d+/g)!.map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        });
      } finally {
        await context.close();
      }
    };
    expect(await titleColour("light")).toBeLessThan(0.4);
    expect(await titleColour("dark")).toBeGreaterThan(0.6);
  });
});
