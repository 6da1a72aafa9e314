/**
 * A plot from show() renders in classic Jupyter Notebook (Debian's 6.4),
 * offline, in headless Chromium, through the plotly renderer npm run jupyter
 * installs: in a committed notebook opened untrusted, from the saved outputs
 * of an executed and trusted notebook, and from a live run of the cells. The saved notebook
 * carries the plotly JSON object in the same bundle. Screenshots go to /tmp.
 * Skipped without Jupyter or Chromium unless REQUIRE_JUPYTER=1 / REQUIRE_BROWSER=1.
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { freePort } from "./support/jupyter-server";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  INSTALL_JUPYTER_HELP,
  ensureTslabKernel,
  executeNotebook,
  findJupyter,
  notebooksDir,
  repoRoot,
  spawnGroup,
  trustNotebooks,
  type Notebook,
} from "../scripts/notebook-runner";

/** A committed notebook with five plots, a contour among them. */
const COMMITTED = "04-cross-entropy.ipynb";
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];
const install = findJupyter(["nbconvert", "notebook"]);
const missing = [
  ...(install === undefined ? [{ what: "Jupyter", required: process.env.REQUIRE_JUPYTER === "1", help: INSTALL_JUPYTER_HELP }] : []),
  ...(!existsSync(CHROMIUM) ? [{ what: "Chromium", required: process.env.REQUIRE_BROWSER === "1", help: "Install it with: sudo apt-get install chromium (or set CHROMIUM=/path/to/chromium)." }] : []),
];

/** A small notebook: two figures from show(), the first of which carries plotly.js. */
function plotNotebook(): string {
  const code = (source: string) => ({ cell_type: "code", execution_count: null, id: randomBytes(4).toString("hex"), metadata: {}, outputs: [], source });
  return JSON.stringify(
    {
      cells: [
        code('import { fitPlot, lossFunctionPlot, show } from "lossbook";\nshow(lossFunctionPlot(["mse", "mae", "huber"]));'),
        code('show(fitPlot([1, 2, 3, 4, 5], [1.2, 1.9, 3.2, 3.8, 9], [{ name: "ŷ = x", predict: (x) => x }], { title: "A line through five points", xTitle: "x", yTitle: "y", highlight: [false, false, false, false, true] }));'),
      ],
      metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" }, language_info: { name: "typescript" } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}



if (missing.length > 0) {
  describe("show() in classic Notebook", () => {
    for (const { what, required, help } of missing) {
      if (required) {
        it(`needs ${what}`, () => {
          throw new Error(`${what} is required but was not found.\n${help}`);
        });
      } else {
        console.warn(`Skipping the classic Notebook rendering test: ${what} was not found.\n${help}`);
        // Skipped only where Jupyter/Chromium is absent and not required (a local run); CI sets REQUIRE_*=1,
        // which turns absence into the failing test above. The skip keeps the reason visible in the report.
        it.skip(`renders plots (${what} not installed)`, () => undefined);
      }
    }
  });
} else {
  const jupyter = install!;
  const token = randomBytes(16).toString("hex");
  let dir = "";
  let port = 0;
  let server: ChildProcess | undefined;
  let serverLog = "";
  let browser: Browser | undefined;
  const base = () => `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "lossbook-classic-"));
    symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
    writeFileSync(join(dir, "saved.ipynb"), plotNotebook());
    writeFileSync(join(dir, "live.ipynb"), plotNotebook());
    copyFileSync(join(notebooksDir, COMMITTED), join(dir, "committed.ipynb"));
    // A fresh data folder: only what this test signs is trusted (the committed copy is not).
    process.env.JUPYTER_DATA_DIR = join(dir, "data");
    await ensureTslabKernel(jupyter);
    await executeNotebook(jupyter, join(dir, "saved.ipynb"));
    await trustNotebooks(jupyter, [join(dir, "saved.ipynb")]);

    port = await freePort();
    server = spawnGroup(jupyter.jupyter, [
      "notebook",
      "--no-browser",
      "--ip=127.0.0.1",
      `--port=${port}`,
      `--NotebookApp.token=${token}`,
      `--notebook-dir=${dir}`,
      ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
    ]);
    server.stdout?.on("data", (chunk: Buffer) => (serverLog += chunk.toString()));
    server.stderr?.on("data", (chunk: Buffer) => (serverLog += chunk.toString()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`${base()}/api/status?token=${token}`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`Jupyter Notebook did not start:\n${serverLog}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server !== undefined && server.exitCode === null && server.pid !== undefined) {
      // Shut the kernels down through the server, then stop the server's process group.
      try {
        const kernels = (await (await fetch(`${base()}/api/kernels?token=${token}`)).json()) as { id: string }[];
        await Promise.all(kernels.map((k) => fetch(`${base()}/api/kernels/${k.id}?token=${token}`, { method: "DELETE" })));
      } catch {
        // the server may already be gone
      }
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      process.kill(-server.pid, "SIGTERM");
      const timedOut = await Promise.race([exited.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 5_000))]);
      if (timedOut) process.kill(-server.pid, "SIGKILL");
    }
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  async function openNotebook(name: string): Promise<Page> {
    const page = await browser!.newPage({ viewport: { width: 1100, height: 1300 } });
    await page.goto(`${base()}/notebooks/${name}?token=${token}`);
    await page.waitForFunction(() => (window as unknown as { Jupyter?: { notebook?: { _fully_loaded?: boolean } } }).Jupyter?.notebook?._fully_loaded === true, undefined, { timeout: 30_000 });
    return page;
  }

  /** Waits until `count` plotly plots have drawn their SVG. */
  async function waitForPlots(page: Page, count: number): Promise<void> {
    await page.waitForFunction((n) => document.querySelectorAll(".output_area .js-plotly-plot svg.main-svg").length > 0 && document.querySelectorAll(".output_area .js-plotly-plot").length === n, count, { timeout: 45_000 });
  }

  describe("show() in classic Notebook", () => {
    it(`draws every plot of a committed notebook opened untrusted (${COMMITTED})`, async () => {
      const committed = JSON.parse(readFileSync(join(notebooksDir, COMMITTED), "utf8")) as Notebook;
      const expected = committed.cells.flatMap((cell) => cell.outputs ?? []).filter((o) => o.data?.["application/vnd.plotly.v1+json"] !== undefined).length;
      const page = await openNotebook("committed.ipynb");
      try {
        await waitForPlots(page, expected);
        const trusted = await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { trusted: boolean } } }).Jupyter.notebook.trusted);
        expect(trusted).toBe(false);
        await page.evaluate(() => document.querySelector(".js-plotly-plot")?.scrollIntoView({ block: "center" }));
        await page.screenshot({ path: "/tmp/lossbook-classic-notebook-untrusted.png" });
      } finally {
        await page.close();
      }
    }, 90_000);

    it("renders the saved plots of an executed, trusted notebook as SVG, offline, with the plotly renderer npm run jupyter installs", async () => {
      const page = await openNotebook("saved.ipynb");
      try {
        await waitForPlots(page, 2);
        const state = await page.evaluate(() => ({
          titles: Array.from(document.querySelectorAll(".js-plotly-plot .gtitle"), (node) => node.textContent),
          axisTitles: Array.from(document.querySelectorAll(".js-plotly-plot .xtitle, .js-plotly-plot .ytitle"), (node) => node.textContent),
          traces: document.querySelectorAll(".js-plotly-plot .scatterlayer .trace").length,
        }));
        expect(state.titles).toEqual(["Loss as a function of the residual", "A line through five points"]);
        expect(state.axisTitles).toEqual(["residual a = ŷ − y", "loss ℓ", "x", "y"]);
        expect(state.traces).toBe(3 + 3);
        await page.screenshot({ path: "/tmp/lossbook-classic-notebook-saved.png", fullPage: true });
      } finally {
        await page.close();
      }
    }, 90_000);

    it("draws the plots of a live run, and saves the plotly JSON object in the same bundle", async () => {
      const page = await openNotebook("live.ipynb");
      try {
        await page.waitForFunction(() => (window as unknown as { Jupyter: { notebook: { kernel?: { is_connected(): boolean } } } }).Jupyter.notebook.kernel?.is_connected() === true, undefined, { timeout: 30_000 });
        await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { execute_all_cells(): void } } }).Jupyter.notebook.execute_all_cells());
        await waitForPlots(page, 2);
        await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { save_notebook(): Promise<unknown> } } }).Jupyter.notebook.save_notebook());
        await page.screenshot({ path: "/tmp/lossbook-classic-notebook-live.png", fullPage: true });
      } finally {
        await page.close();
      }
      const saved = JSON.parse(readFileSync(join(dir, "live.ipynb"), "utf8")) as Notebook;
      const bundles = saved.cells.map((cell) => cell.outputs?.find((o) => o.output_type === "display_data")?.data);
      expect(bundles).toHaveLength(2);
      for (const bundle of bundles) {
        const figure = bundle?.["application/vnd.plotly.v1+json"] as { data?: unknown[]; layout?: { title?: { text?: string } } } | undefined;
        expect(typeof figure).toBe("object");
        expect(Array.isArray(figure?.data)).toBe(true);
        expect(typeof figure?.layout?.title?.text).toBe("string");
      }
      // Each output stands alone: no HTML or script that another output would have to load first.
      for (const bundle of bundles) expect(Object.keys(bundle ?? {}).sort()).toEqual(["application/vnd.plotly.v1+json", "text/plain"]);
    }, 90_000);
  });
}
