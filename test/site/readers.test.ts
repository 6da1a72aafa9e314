/**
 * The site for readers, in real Chromium: the axe-core audit on every page in
 * the four views (light/dark × 1280/375 px) finds no serious or critical
 * violation; search (mouse and keyboard, English and Chinese); the copy
 * button; the theme toggle and its persistence; keyboard shortcuts; plot
 * titles clear of the toolbar on phones; code that only scrolls when a line
 * is wider than the widened column; every scrolling box reachable by
 * keyboard; pages that do not grow while scrolling; printing with the
 * solutions open and code unclipped.
 * Skipped with a message when Chromium is missing (browser.test.ts registers
 * the failure when REQUIRE_BROWSER=1).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { AUDIT_VIEWS, auditPage, seriousViolations, TRANSLATED_AUDIT_VIEWS, type AuditView } from "../../scripts/site/audit";
import { launchChromium, WAIT_FOR_DRAWN, WAIT_FOR_SCROLL_REGIONS } from "../../scripts/site/browser";
import { startSiteServer, type RunningSiteServer } from "../../scripts/site/server";
import { buildTestSite, type TestSite, runBrowserTests } from "./helpers";


// Skipped only without Chromium and REQUIRE_BROWSER (runBrowserTests in ./helpers).
describe.skipIf(!runBrowserTests)("the site for readers, in Chromium", () => {
  let site: TestSite;
  let server: RunningSiteServer;
  let subPath: RunningSiteServer;
  let browser: Browser;
  let pages: TestSite["result"]["pages"];

  beforeAll(async () => {
    site = await buildTestSite({ compress: false });
    pages = site.result.pages;
    [server, subPath, browser] = await Promise.all([startSiteServer({ dir: site.dir }), startSiteServer({ dir: site.dir, basePath: "/lossbook/" }), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await subPath?.close();
    site?.remove();
  });

  async function open(context: BrowserContext, file: string, options: { drawAll?: boolean; base?: string } = {}): Promise<Page> {
    const page = await context.newPage();
    await page.goto((options.base ?? server.url) + file, { waitUntil: "load" });
    if (options.drawAll !== false) await page.evaluate(WAIT_FOR_DRAWN);
    return page;
  }

  /** axe-core's serious and critical violations on these pages in one view, one line each (file, view, rule, nodes). */
  async function auditView(view: AuditView, files: string[]): Promise<string[]> {
    // bypassCSP: axe-core is injected as an inline script, which the site's Content-Security-Policy (meant for learners' code) refuses.
    const context = await browser.newContext({ viewport: { width: view.width, height: view.height }, colorScheme: view.colorScheme, isMobile: view.width < 600, hasTouch: view.width < 600, bypassCSP: true });
    const found: string[] = [];
    try {
      for (const file of files) {
        const page = await open(context, file);
        for (const violation of seriousViolations(await auditPage(page))) {
          found.push(`${file} [${view.name}] ${violation.rule} (${violation.impact}) ×${violation.nodes}: ${violation.examples.join(" | ")}`);
        }
        await page.close();
      }
    } finally {
      await context.close();
    }
    return found;
  }

  it("axe-core finds no serious or critical violation on any page, light and dark, at 1280 and 375 px", async () => {
    const found: string[] = [];
    for (const view of AUDIT_VIEWS) found.push(...(await auditView(view, pages.map((entry) => entry.file))));
    expect(found).toEqual([]);
  }, 900_000);

  it("axe-core finds no serious or critical violation on any Chinese page, light at 1280 px and dark at 375 px", async () => {
    const started = performance.now();
    // The two views at once, each in its own context: the audit's time is mostly waiting for plots and axe.
    const zhFiles = site.result.zhPages.map((entry) => entry.file);
    const found = (await Promise.all(TRANSLATED_AUDIT_VIEWS.map((view) => auditView(view, zhFiles)))).flat();
    console.log(`axe-core on ${zhFiles.length} Chinese pages × ${TRANSLATED_AUDIT_VIEWS.length} views: ${((performance.now() - started) / 1000).toFixed(0)} s`);
    expect(found).toEqual([]);
  }, 900_000);

  it("finds Anscombe in the Huber chapter and Chinese text, from the header's search box, under a sub-path", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await open(context, "index.html", { drawAll: false, base: subPath.url });
      const box = page.getByRole("searchbox");
      await box.fill("Anscombe");
      const first = page.locator("#search-results a.search-result").first();
      await first.waitFor();
      const hrefs = await page.locator("#search-results a.search-result").evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
      expect(hrefs.some((href) => href.startsWith(`${subPath.url}05-huber.html`)), hrefs.join(", ")).toBe(true);
      expect(await page.locator("#search-results mark").first().textContent()).toMatch(/anscombe/i);

      await box.fill("损失函数");
      await page.waitForFunction(() => Array.from(document.querySelectorAll("#search-results mark")).some((mark) => mark.textContent!.includes("损失")));
      expect(await page.locator("#search-results a.search-result").count()).toBeGreaterThan(0);
      // The fixture's Chinese paragraph is found by a word from the middle of it.
      await box.fill("真实值");
      await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLAnchorElement>("#search-results a.search-result")).some((link) => link.href.includes("99-site-fixture.html")));

      await box.fill("zzzyyyxxx");
      await expect.poll(() => page.locator("#search-results .search-status").textContent()).toContain("zzzyyyxxx");
    } finally {
      await context.close();
    }
  });

  it("is run from the keyboard: / focuses the search box, ↓ reaches the results, Enter opens one", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await open(context, "01-background.html", { drawAll: false });
      await page.keyboard.press("/");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("searchbox");
      await page.keyboard.type("huber");
      await page.locator("#search-results a.search-result").first().waitFor();
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      const target = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href);
      expect(await page.evaluate(() => document.activeElement?.closest("#search-results") !== null)).toBe(true);
      await Promise.all([page.waitForURL(target), page.keyboard.press("Enter")]);
      expect(page.url()).toBe(target);
    } finally {
      await context.close();
    }
  });

  it("goes to the next and previous chapter with n and p", async () => {
    const context = await browser.newContext();
    try {
      const page = await open(context, "02-core-concepts.html", { drawAll: false });
      await Promise.all([page.waitForURL(/03-mean-squared-error\.html$/), page.keyboard.press("n")]);
      await page.waitForLoadState("load");
      await Promise.all([page.waitForURL(/02-core-concepts\.html$/), page.keyboard.press("p")]);
    } finally {
      await context.close();
    }
  });

  it("copies a cell's code with its copy button", async () => {
    const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    try {
      const page = await open(context, "99-site-fixture.html", { drawAll: false });
      const cell = page.locator(".code-cell .cell-input").first();
      const code = await cell.locator("pre").textContent();
      expect(code).toContain("console.log");
      await cell.hover();
      await cell.getByRole("button", { name: "Copy the code of this cell" }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code!.replace(/\n$/, ""));
      await expect.poll(() => cell.locator(".copy-button").textContent()).toBe("Copied");
    } finally {
      await context.close();
    }
  });

  it("follows the system theme until the reader toggles it, keeps the choice across pages and redraws plots in it", async () => {
    const context = await browser.newContext({ colorScheme: "light" });
    try {
      const page = await open(context, "99-site-fixture.html");
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const titleLuminance = () =>
        page.evaluate(() => {
          const [r, g, b] = getComputedStyle(document.querySelector(".plotly-figure .gtitle")!).fill.match(/\d+/g)!.map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        });
      expect(await background()).toBe("rgb(255, 255, 255)");
      const toggle = page.locator(".theme-toggle");
      expect(await toggle.getAttribute("aria-pressed")).toBe("false");
      await toggle.click();
      expect(await toggle.getAttribute("aria-pressed")).toBe("true");
      expect(await background()).toBe("rgb(17, 20, 24)");
      await expect.poll(titleLuminance).toBeGreaterThan(0.6);
      // Another page, and a reload: still dark though the system is light.
      const other = await open(context, "index.html", { drawAll: false });
      expect(await other.evaluate(() => document.documentElement.getAttribute("data-theme"))).toBe("dark");
      expect(await other.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(17, 20, 24)");
      await page.reload({ waitUntil: "load" });
      expect(await background()).toBe("rgb(17, 20, 24)");
      await page.locator(".theme-toggle").click();
      expect(await background()).toBe("rgb(255, 255, 255)");
      expect(await page.evaluate(() => localStorage.getItem("lossbook-theme"))).toBe("light");
    } finally {
      await context.close();
    }
  });

  it("draws a plot only when it comes near the view, showing its static image until then", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await open(context, "gallery.html", { drawAll: false });
      await page.waitForFunction(() => document.documentElement.dataset.viewDrawn === "true");
      const states = () => page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>(".plotly-figure")).map((figure) => figure.dataset.drawn ?? "no"));
      const atLoad = await states();
      expect(atLoad.length).toBeGreaterThan(10);
      expect(atLoad.filter((state) => state === "no").length, atLoad.join(" ")).toBeGreaterThan(atLoad.length / 2);
      const last = page.locator(".plotly-figure").last();
      await last.scrollIntoViewIfNeeded();
      await expect.poll(() => last.getAttribute("data-drawn")).toBe("true");

      // plotly.js is held back until the static image has been seen, as on a slow network.
      let releasePlotly = () => {};
      const plotlyHeld = new Promise<void>((resolve) => (releasePlotly = resolve));
      await context.route(/plotly\.min\.js/, async (route) => {
        await plotlyHeld;
        await route.continue();
      });
      const fixture = await open(context, "99-site-fixture.html", { drawAll: false });
      const withImage = fixture.locator(".plotly-figure.has-static");
      // The placeholder image loads lazily: once its figure is near the view it is there, before the plot.
      await withImage.scrollIntoViewIfNeeded();
      await expect.poll(() => withImage.locator("img.plot-static").evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
      releasePlotly();
      await fixture.evaluate(WAIT_FOR_DRAWN);
      expect(await withImage.locator("img.plot-static").count()).toBe(0);
      expect(await withImage.locator("svg.main-svg").count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it("keeps every plot title clear of the plot's toolbar at 375 px", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
    try {
      for (const entry of pages.filter((page) => page.figures > 0)) {
        const page = await open(context, entry.file);
        const overlaps = await page.evaluate(() =>
          Array.from(document.querySelectorAll(".plotly-figure")).flatMap((figure) => {
            const bar = figure.querySelector(".modebar")?.getBoundingClientRect();
            const title = figure.querySelector(".gtitle")?.getBoundingClientRect();
            if (!bar || !title || title.width === 0) return [];
            const apart = title.bottom <= bar.top || title.top >= bar.bottom || title.right <= bar.left || title.left >= bar.right;
            return apart ? [] : [`${figure.id}: title ${JSON.stringify(title)} toolbar ${JSON.stringify(bar)}`];
          }),
        );
        expect(overlaps, entry.file).toEqual([]);
        await page.close();
      }
    } finally {
      await context.close();
    }
  }, 300_000);

  it("at 1280 px a code block scrolls only when a line of it is wider than the widened code column", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      let blocks = 0;
      for (const entry of pages.filter((page) => page.kind === "chapter")) {
        const page = await open(context, entry.file, { drawAll: false });
        const report = await page.evaluate(() => {
          const main = document.querySelector("main")!;
          const column = main.clientWidth - parseFloat(getComputedStyle(main).paddingLeft) - parseFloat(getComputedStyle(main).paddingRight);
          const pres = Array.from(document.querySelectorAll<HTMLElement>(".cell-input pre"));
          return {
            count: pres.length,
            narrow: pres
              // Scrolls although the column had room to spare for it.
              .filter((pre) => pre.scrollWidth > pre.clientWidth + 1 && pre.offsetWidth < Math.min(column, 60 * 17) - 2)
              .map((pre) => `${pre.closest(".cell")?.id}: ${pre.offsetWidth}px of ${column}px`),
          };
        });
        blocks += report.count;
        expect(report.narrow, entry.file).toEqual([]);
        await page.close();
      }
      expect(blocks).toBeGreaterThan(100);
    } finally {
      await context.close();
    }
  }, 300_000);

  it("lets the keyboard reach every box that scrolls, and marks it with a scroll cue (375 and 1280 px)", async () => {
    for (const viewport of [{ width: 375, height: 800 }, { width: 1280, height: 900 }]) {
      const context = await browser.newContext({ viewport });
      try {
        for (const entry of pages) {
          const page = await open(context, entry.file);
          // Boxes in sections off screen are looked at in idle time after load.
          await page.evaluate(WAIT_FOR_SCROLL_REGIONS);
          const unreachable = await page.evaluate(
            () =>
              new Promise<string[]>((resolve) =>
                // Let the ResizeObserver deliver its first notes.
                requestAnimationFrame(() =>
                  setTimeout(() => {
                    const focusable = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])";
                    const problems: string[] = [];
                    for (const element of Array.from(document.querySelectorAll<HTMLElement>("main *"))) {
                      // Not rendered (a closed solution) or a plot's own furniture: nothing to reach.
                      if (element.closest(".plotly-figure") || !element.checkVisibility()) continue;
                      const style = getComputedStyle(element);
                      if (!/(auto|scroll)/.test(style.overflowX) || element.scrollWidth <= element.clientWidth + 1) continue;
                      const reachable = element.tabIndex >= 0 || element.querySelector(focusable) !== null;
                      if (!reachable) problems.push(`${element.tagName.toLowerCase()}.${element.className}: not focusable`);
                      else if (!element.classList.contains("is-scrollable")) problems.push(`${element.tagName.toLowerCase()}.${element.className}: no scroll cue`);
                    }
                    resolve(problems);
                  }, 100),
                ),
              ),
          );
          expect(unreachable, `${entry.file} at ${viewport.width} px`).toEqual([]);
          // Opening the solutions brings their code into view: it is reachable too.
          const inSolutions = await page.evaluate(
            () =>
              new Promise<string[]>((resolve) => {
                document.querySelectorAll("details.solution").forEach((details) => ((details as HTMLDetailsElement).open = true));
                setTimeout(() => {
                  resolve(
                    Array.from(document.querySelectorAll<HTMLElement>("details.solution pre"))
                      .filter((pre) => pre.scrollWidth > pre.clientWidth + 1 && !(pre.tabIndex >= 0 && pre.classList.contains("is-scrollable")))
                      .map((pre) => `${pre.closest(".cell")?.id}: solution code not reachable or not marked`),
                  );
                }, 200);
              }),
          );
          expect(inSolutions, `${entry.file} at ${viewport.width} px`).toEqual([]);
          await page.close();
        }
      } finally {
        await context.close();
      }
    }
  }, 600_000);

  it("does not grow while the reader scrolls through it (placeholders have their final height)", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
    try {
      for (const file of ["05-huber.html", "gallery.html", "07-more-losses.html"]) {
        const page = await open(context, file, { drawAll: false });
        await page.evaluate(() => document.fonts.ready);
        const before = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.evaluate(WAIT_FOR_DRAWN);
        await page.evaluate(async () => {
          for (let y = 0; y < document.documentElement.scrollHeight; y += 600) {
            window.scrollTo(0, y);
            await new Promise((resolve) => requestAnimationFrame(resolve));
          }
        });
        const after = await page.evaluate(() => document.documentElement.scrollHeight);
        expect(Math.abs(after - before) / before, `${file}: ${before} px at load, ${after} px after scrolling`).toBeLessThan(0.01);
        await page.close();
      }
    } finally {
      await context.close();
    }
  }, 300_000);

  it("prints a chapter with its worked solutions open and its code unclipped", async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 1000 } });
    try {
      const page = await open(context, "05-huber.html");
      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      await page.emulateMedia({ media: "print" });
      const report = await page.evaluate(() => ({
        solutions: document.querySelectorAll("details.solution").length,
        hiddenSolutions: Array.from(document.querySelectorAll("details.solution pre")).filter((pre) => (pre as HTMLElement).offsetHeight === 0).length,
        clipped: Array.from(document.querySelectorAll<HTMLElement>("main pre")).filter((pre) => pre.scrollWidth > pre.clientWidth + 1).length,
        sidebar: getComputedStyle(document.querySelector(".sidebar")!).display,
      }));
      expect(report.solutions).toBeGreaterThan(0);
      expect(report).toMatchObject({ hiddenSolutions: 0, clipped: 0, sidebar: "none" });
    } finally {
      await context.close();
    }
  });
});
