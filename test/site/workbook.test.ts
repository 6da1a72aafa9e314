/**
 * The workbook in real Chromium: every cell of every chapter, run in the
 * page's Web Worker, gives the output the tslab kernel gave (the committed
 * outputs); exercises give ✓, ✗ and "not written yet"; Stop ends an endless
 * loop; the reader's code survives a reload, Reset forgets it; the
 * downloaded notebook is valid nbformat with the edits; no console error and
 * no request to another origin; under a sub-path, at 375 px, keyboard only.
 * Skipped with a message when Chromium is missing, unless REQUIRE_BROWSER=1.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../../scripts/site/browser";
import { startSiteServer, type RunningSiteServer } from "../../scripts/site/server";
import { listNotebooks } from "../../scripts/site/build";
import { findJupyter } from "../../scripts/notebook-runner";
import { buildTestSite, type TestSite, runBrowserTests } from "./helpers";
import { decodeFigure } from "../../src/plot/typed-arrays";
import { notebookExercises } from "../../src/exercises/notebook-exercises";

type Output = { output_type: string; name?: string; text?: string | string[]; data?: Record<string, unknown> };
const PLOTLY = "application/vnd.plotly.v1+json";
const join_ = (text: string | string[] | undefined) => (Array.isArray(text) ? text.join("") : (text ?? ""));
const HUBER_NOTEBOOK = JSON.parse(readFileSync(join(__dirname, "..", "..", "notebooks", "05-huber.ipynb"), "utf8"));
/** How many exercises (checks) 05-huber has: the chapter's own count, as the page shows it. */
const HUBER_EXERCISES = notebookExercises(HUBER_NOTEBOOK).exercises.length;
/** The page's 1-based number of the first 05-huber cell whose code contains `text` (so that editing the chapter does not move the test). */
const huberCellNumber = (text: string): number => {
  const index = (HUBER_NOTEBOOK.cells as { source: string | string[] }[]).findIndex((cell) => join_(cell.source).includes(text));
  if (index < 0) throw new Error(`no cell of 05-huber contains ${text}`);
  return index + 1;
};

/**
 * What must agree between the kernel and the browser, per cell: the text of
 * each run of stream output (consecutive writes to one stream joined), and
 * each display's data (for a figure its plotly JSON, its long arrays decoded
 * from base64 float32 so that numbers can be compared, and its text; not the
 * static image/png that `npm run notebooks` draws afterwards, outside the kernel).
 */
export function comparableOutputs(outputs: Output[]): unknown[] {
  const items: Array<{ stream?: string; text?: string; data?: unknown }> = [];
  for (const output of outputs) {
    if (output.output_type === "stream") {
      const last = items[items.length - 1];
      if (last?.stream === output.name) last.text += join_(output.text);
      else items.push({ stream: output.name, text: join_(output.text) });
    } else if (output.output_type === "display_data" || output.output_type === "execute_result") {
      const data = { ...(output.data ?? {}) };
      if (data[PLOTLY] !== undefined) {
        for (const image of ["text/html", "image/png", "image/svg+xml"]) delete data[image];
        data[PLOTLY] = decodeFigure(data[PLOTLY]);
      }
      // nbformat stores text as a list of lines and JSON with sorted keys: compare the text and the values.
      for (const key of Object.keys(data)) if (typeof data[key] === "string" || Array.isArray(data[key])) data[key] = join_(data[key] as string | string[]);
      items.push({ data: sortedKeys(data) });
    } else {
      items.push({ data: output });
    }
  }
  return items;
}

/** The value with every object's keys in sorted order (key order is not part of a figure's meaning). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]));
}

/**
 * Equal, except that the numbers of a figure may differ by a millionth of
 * the largest number of their array (the same picture): Math.pow, exp and
 * log of Node 20's V8 and of Chromium's V8 differ in the last bit for some
 * inputs (a probe of 200 000 values in both tells), and a subtraction of
 * nearly equal numbers (notebook 03 plots L(θ) − L(θ*) down to 1e-14, on a
 * loss of about 1) lifts that bit into the digits show() keeps. Text, and
 * everything outside figures, is compared exactly.
 */
function sameOutputs(expected: unknown, got: unknown, scale?: number): boolean {
  if (typeof expected === "number" && typeof got === "number") return expected === got || (scale !== undefined && Math.abs(expected - got) <= 1e-6 * Math.max(scale, Math.abs(expected)));
  if (Array.isArray(expected)) {
    if (!Array.isArray(got) || expected.length !== got.length) return false;
    const numbers = expected.filter((item): item is number => typeof item === "number" && Number.isFinite(item));
    const arrayScale = scale !== undefined && numbers.length > 0 ? Math.max(...numbers.map(Math.abs)) : scale;
    return expected.every((item, i) => sameOutputs(item, got[i], typeof item === "number" ? arrayScale : scale));
  }
  if (expected !== null && typeof expected === "object") {
    if (got === null || typeof got !== "object") return false;
    const keys = Object.keys(expected);
    if (keys.join() !== Object.keys(got).join()) return false;
    return keys.every((key) => sameOutputs((expected as Record<string, unknown>)[key], (got as Record<string, unknown>)[key], key === PLOTLY ? 0 : scale));
  }
  return expected === got;
}

// Skipped only without Chromium and REQUIRE_BROWSER (runBrowserTests in ./helpers).
const suite = runBrowserTests ? describe : describe.skip;

suite("workbook in Chromium", () => {
  let site: TestSite;
  let server: RunningSiteServer;
  let browser: Browser;
  let context: BrowserContext;
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const requestsOf = new WeakMap<Page, string[]>();

  beforeAll(async () => {
    site = await buildTestSite();
    server = await startSiteServer({ dir: site.dir });
    browser = await launchChromium();
    context = await browser.newContext({ acceptDownloads: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    site?.remove();
  });

  async function open(url: string, width = 1280, inContext = context): Promise<Page> {
    const page = await inContext.newPage();
    await page.setViewportSize({ width, height: 900 });
    const origin = new URL(url).origin;
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`${url}: ${message.text()}`);
    });
    page.on("pageerror", (error) => consoleErrors.push(`${url}: uncaught ${error.message}`));
    const requests: string[] = [];
    requestsOf.set(page, requests);
    page.on("request", (request) => {
      const target = request.url();
      requests.push(target);
      if (!/^(data|blob):/.test(target) && new URL(target).origin !== origin) foreignRequests.push(target);
    });
    await page.goto(url);
    return page;
  }

  /** Clicks into the first cell's code, which loads the runtime, and waits for it. */
  async function startWorkbook(page: Page): Promise<void> {
    await page.locator(".code-cell[data-workbook-cell] .cell-input > pre").first().click();
    await page.waitForFunction(() => "lossbookWorkbook" in window);
  }

  const idle = (page: Page, timeout = 120_000) =>
    page.waitForFunction(() => !document.querySelector(".workbook-bar")!.classList.contains("is-running"), null, { timeout });

  const cellText = async (page: Page, number: number) => (await page.locator(`#cell-${number} .cell-outputs`).innerText()).trim();

  describe("gives every cell the kernel's output (text exactly, figures to show()'s 7 digits)", () => {
    for (const path of listNotebooks()) {
      const slug = basename(path, ".ipynb");
      it(slug, async () => {
        // A context of its own: the worked solutions it runs are not the reader's work of the later tests.
        const own = await browser.newContext();
        const page = await open(`${server.url}${slug}.html`, 1280, own);
        await page.waitForLoadState("load");
        await page.waitForTimeout(300);
        expect(requestsOf.get(page)!.filter((url) => url.includes("/workbook/") && !/\/(loader\.js|workbook\.css)/.test(url)), "nothing of the runtime before the first use").toEqual([]);
        // The static page's rendering of the kernel's outputs, for cells without figures (figure ids differ by design)
        // and without an explorable (whose controls wrap the static output; its text is compared above).
        const staticHtml = await page.evaluate(() =>
          Array.from(document.querySelectorAll<HTMLElement>(".code-cell[data-workbook-cell]"))
            .filter((cell) => !cell.querySelector(".plotly-figure") && !cell.querySelector(".explorable"))
            .map((cell) => ({ id: cell.id, html: cell.querySelector(".cell-outputs")?.innerHTML ?? "" })),
        );
        await startWorkbook(page);
        await page.evaluate(() => (window as unknown as { lossbookWorkbook: { useSolutions(): void } }).lossbookWorkbook.useSolutions());
        await page.getByRole("button", { name: "Run all", exact: true }).click();
        await idle(page);
        const browserOutputs = await page.evaluate(() =>
          (window as unknown as { lossbookWorkbook: { cells: Array<{ number: number; outputs?: unknown[] }> } }).lossbookWorkbook.cells.map((cell) => ({ number: cell.number, outputs: cell.outputs ?? null })),
        );
        const notebook = JSON.parse(readFileSync(path, "utf8")) as { cells: Array<{ cell_type: string; source: string | string[]; outputs?: Output[] }> };
        const differences: string[] = [];
        notebook.cells.forEach((cell, index) => {
          if (cell.cell_type !== "code" || join_(cell.source).trim() === "") return;
          const ran = browserOutputs.find((entry) => entry.number === index + 1);
          const expectedOutputs = comparableOutputs(cell.outputs ?? []);
          const gotOutputs = ran?.outputs ? comparableOutputs(ran.outputs as Output[]) : undefined;
          const expected = JSON.stringify(expectedOutputs);
          const got = gotOutputs ? JSON.stringify(gotOutputs) : "(did not run)";
          if (!sameOutputs(expectedOutputs, gotOutputs)) {
            let at = 0;
            while (at < expected.length && expected[at] === got[at]) at++;
            differences.push(`${slug} cell ${index + 1}: kernel ${JSON.stringify(expected.slice(Math.max(0, at - 40), at + 80))} ≠ browser ${JSON.stringify(got.slice(Math.max(0, at - 40), at + 80))}`);
          }
        });
        expect(differences).toEqual([]);
        // The page renders the browser's outputs with the site's renderer: the same HTML as the static page.
        const runHtml = await page.evaluate(
          (ids) => ids.map((id) => document.getElementById(id)?.querySelector(".cell-outputs")?.innerHTML ?? ""),
          staticHtml.map((cell) => cell.id),
        );
        // scroll-regions.js marks a box that scrolls sideways (class, tabindex, role, label) after it is laid out: not part of the rendering.
        const unmarked = (html: string) =>
          html.replace(/ class="([^"]*?) ?is-scrollable"/g, ' class="$1"').replace(/ (tabindex="0"|data-scroll-focus=""|role="region"|aria-label="[^"]*")/g, "").replace(/ class=""/g, "");
        const renderedDifferently = staticHtml.filter((cell, index) => unmarked(cell.html) !== unmarked(runHtml[index])).map((cell) => `${slug} ${cell.id}`);
        expect(renderedDifferently).toEqual([]);
        await own.close();
      }, 180_000);
    }
  });

  describe("05-huber as a reader uses it", () => {
    let page: Page;
    const exercise = huberCellNumber("function myHuber("); // function myHuber(a, delta)
    const check = huberCellNumber("check.huber(myHuber)");

    async function typeInto(number: number, code: string): Promise<void> {
      const editor = page.locator(`#cell-${number} .cm-content`);
      await editor.click();
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Delete");
      await page.keyboard.insertText(code);
    }
    async function run(number: number): Promise<string> {
      await page.getByRole("button", { name: `Run cell ${number}`, exact: true }).click();
      await idle(page);
      return cellText(page, number);
    }

    beforeAll(async () => {
      page = await open(`${server.url}05-huber.html`);
    });

    it("starts the exercise as the student version, with Show solution", async () => {
      await expect(page.locator(`#cell-${exercise} .workbook-student-code`).textContent()).resolves.toContain("Not written yet");
      await startWorkbook(page);
      await expect(page.locator(`#cell-${exercise} .cm-content`).textContent()).resolves.toContain("// YOUR CODE HERE");
      const show = page.locator(`#cell-${exercise}`).getByRole("button", { name: "Show solution" });
      await show.click();
      await expect(page.locator(`#cell-${exercise} details.solution`).isVisible()).resolves.toBe(true);
    });

    it("says not written yet, then ✗ with the hint, then ✓", async () => {
      await run(exercise);
      expect(await run(check)).toMatch(/^✗ check\.huber: not written yet\. Write your code in the exercise cell above/);
      await typeInto(exercise, "function myHuber(a: number, delta: number): number {\n  return 0.5 * a * a;\n}");
      await run(exercise);
      const wrong = await run(check);
      expect(wrong).toMatch(/^✗ check\.huber: wrong answer/);
      expect(wrong).toContain("Hint:");
      await typeInto(exercise, "function myHuber(a: number, delta: number): number {\n  return Math.abs(a) <= delta ? 0.5 * a * a : delta * (Math.abs(a) - 0.5 * delta);\n}");
      await run(exercise);
      expect(await run(check)).toBe("✓ check.huber: right on all 9 test inputs.");
      await expect(page.locator(".workbook-progress").innerText()).resolves.toBe(`Checks passed: 1 of ${HUBER_EXERCISES}`);
    });

    it("names the cell that defines a name not defined yet", async () => {
      const fresh = await open(`${server.url}05-huber.html`);
      await fresh.getByRole("button", { name: "Run cell 5", exact: true }).click();
      await idle(fresh);
      const text = await cellText(fresh, 5);
      expect(text).toContain("ReferenceError: predictions is not defined");
      expect(text).toContain("predictions is defined in cell 3: run that cell first");
      await fresh.close();
    });

    it("reports a syntax error with line and column", async () => {
      await typeInto(exercise, "function myHuber(a: number {\n}");
      expect(await run(exercise)).toMatch(/SyntaxError: .*\(line 1, column \d+\)/);
    });

    it("lets no code make a network request", async () => {
      await typeInto(exercise, 'await fetch("index.html");');
      expect(await run(exercise)).toContain("fetch is not available in the workbook");
      await typeInto(exercise, 'new XMLHttpRequest();');
      expect(await run(exercise)).toContain("XMLHttpRequest is not available in the workbook");
    });

    it("Stop ends while (true) {} within a second, and the next run works", async () => {
      await typeInto(exercise, "while (true) {}");
      await page.getByRole("button", { name: `Run cell ${exercise}`, exact: true }).click();
      const stop = page.getByRole("button", { name: "Stop", exact: true });
      await stop.waitFor({ state: "visible" });
      await page.waitForTimeout(300);
      // Timed in the page, from the Stop click to the page being idle again (the runtime restarted).
      const stoppedIn = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const bar = document.querySelector(".workbook-bar")!;
            const started = performance.now();
            (bar.querySelector(".workbook-stop") as HTMLButtonElement).click();
            const check = () => (bar.classList.contains("is-running") ? requestAnimationFrame(check) : resolve(performance.now() - started));
            check();
          }),
      );
      expect(stoppedIn).toBeLessThan(1000);
      await expect(page.locator(".workbook-status").innerText()).resolves.toContain("run the earlier cells again");
      expect(await run(3)).toContain("Huber (δ = 1): 0.8100");
    });

    it("keeps the edited code over a reload, Reset restores the exercise", async () => {
      await typeInto(exercise, "function myHuber(a: number, delta: number): number {\n  return 42; // my attempt\n}");
      await page.reload();
      await page.waitForFunction(() => "lossbookWorkbook" in window);
      await expect(page.locator(`#cell-${exercise} .cm-content`).textContent()).resolves.toContain("return 42; // my attempt");
      await page.getByRole("button", { name: "Reset", exact: true }).click();
      await page.waitForLoadState("load");
      await expect(page.locator(`#cell-${exercise} .workbook-student-code`).textContent()).resolves.toContain("// YOUR CODE HERE");
      expect(await page.evaluate(() => localStorage.getItem("lossbook-workbook:v1:05-huber"))).toBeNull();
    });

    it("downloads a valid notebook carrying the edits", async () => {
      await startWorkbook(page);
      await typeInto(exercise, "function myHuber(a: number, delta: number): number {\n  return 7; // downloaded\n}");
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download my notebook", exact: true }).click()]);
      expect(download.suggestedFilename()).toBe("05-huber.ipynb");
      const file = join(site.dir, "..", "downloaded.ipynb");
      await download.saveAs(file);
      const notebook = JSON.parse(readFileSync(file, "utf8")) as { cells: Array<{ source: string[] }> };
      expect(notebook.cells[exercise - 1].source.join("")).toContain("return 7; // downloaded");
      // nbformat's own validator (the one Jupyter uses when it opens a notebook).
      const script = join(site.dir, "..", "validate.py");
      writeFileSync(script, "import sys, nbformat\nnbformat.validate(nbformat.read(sys.argv[1], as_version=4))\nprint('valid')\n");
      const python = findJupyter()?.python;
      if (python === undefined) console.warn("nbformat validation skipped: no Jupyter (and so no nbformat) found; CI installs it");
      else expect(execFileSync(python, [script, file], { encoding: "utf8" }).trim()).toBe("valid");
    });

    it("shows progress on the index", async () => {
      const index = await open(`${server.url}index.html`);
      await expect(index.locator(".toc-progress").first().innerText()).resolves.toMatch(new RegExp(`of ${HUBER_EXERCISES} checks passed`));
      await index.close();
    });

    afterAll(async () => {
      await page?.close();
    });
  });

  it("works from the keyboard: Tab to a cell, Shift+Enter runs it, Tab reaches Stop", { timeout: 90_000 }, async () => {
    const page = await open(`${server.url}01-background.html`);
    const focusedMatches = (selector: string) => page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector);
    const tabUntil = async (selector: string, key = "Tab") => {
      for (let i = 0; i < 300; i++) {
        if (await focusedMatches(selector)) return;
        await page.keyboard.press(key);
      }
      throw new Error(`${key} never reached ${selector}`);
    };
    const code = ".code-cell[data-workbook-cell] .cell-input > pre";
    await tabUntil(code);
    const number = await page.evaluate(() => Number(document.activeElement!.closest<HTMLElement>("[data-workbook-cell]")!.dataset.workbookCell));
    await page.keyboard.press("Shift+Enter");
    await page.waitForFunction(() => "lossbookWorkbook" in window);
    await idle(page);
    expect((await cellText(page, number)).length).toBeGreaterThan(0);
    // Typing on the code opens the editor; Shift+Enter in it runs the endless loop; Shift+Tab back to Stop.
    await tabUntil(`#cell-${number} .cell-input > pre`, "Shift+Tab");
    await page.keyboard.press("w");
    await page.locator(`#cell-${number} .cm-content`).waitFor();
    expect(await focusedMatches(`#cell-${number} .cm-content`)).toBe(true);
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText("while (true) {}");
    await page.keyboard.press("Shift+Enter");
    await page.getByRole("button", { name: "Stop", exact: true }).waitFor({ state: "visible" });
    await tabUntil(".workbook-stop", "Shift+Tab");
    await page.keyboard.press("Enter");
    await idle(page, 2000);
    await expect(page.locator(`#cell-${number} .cell-run-status`).innerText()).resolves.toBe("Stopped");
    await page.close();
  });

  it("works under a sub-path and at 375 px without horizontal scrolling", { timeout: 60_000 }, async () => {
    const sub = await startSiteServer({ dir: site.dir, basePath: "/lossbook/" });
    try {
      const page = await open(`${sub.url}05-huber.html`, 375);
      await page.getByRole("button", { name: "Run cell 3", exact: true }).click();
      await page.waitForFunction(() => "lossbookWorkbook" in window);
      await idle(page);
      expect(await cellText(page, 3)).toContain("Huber (δ = 1): 0.8100");
      await page.locator("#cell-3 .cell-input").click();
      await page.locator("#cell-3 .cm-content").waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.screenshot({ path: join(site.dir, "..", "phone.png") });
      await page.close();
    } finally {
      await sub.close();
    }
  });

  it("draws the new figures of a Run all that finished before plotly.js arrived, and no error from the replaced ones", async () => {
    const own = await browser.newContext();
    // plotly.js held back until Run all has replaced the cells' outputs: the figures queued before are gone by then.
    let releasePlotly!: () => void;
    const plotlyHeld = new Promise<void>((resolve) => (releasePlotly = resolve));
    await own.route(/\/plotly[^/]*\.js/, async (route) => {
      await plotlyHeld;
      await route.continue();
    });
    const page = await open(`${server.url}04-cross-entropy.html`, 1280, own);
    await page.waitForLoadState("load");
    await startWorkbook(page);
    await page.evaluate(() => (window as unknown as { lossbookWorkbook: { useSolutions(): void } }).lossbookWorkbook.useSolutions());
    await page.getByRole("button", { name: "Run all", exact: true }).click();
    await idle(page);
    const before = consoleErrors.length;
    releasePlotly();
    await page.waitForFunction(() => "Plotly" in window, null, { timeout: 60_000 });
    // The first figure of the run (in view) is drawn from its new data.
    const first = page.locator(".cell-outputs .plotly-figure").first();
    await first.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector(".cell-outputs .plotly-figure")?.getAttribute("data-drawn") === "true", null, { timeout: 60_000 });
    expect(consoleErrors.slice(before)).toEqual([]);
    await own.close();
  }, 180_000);

  it("had no console error and no request to another origin", () => {
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
