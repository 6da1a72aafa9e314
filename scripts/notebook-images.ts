/**
 * Static images of the notebooks' plots: every output that carries a plotly
 * figure (`application/vnd.plotly.v1+json`) gets an `image/png` of the same
 * figure, drawn by plotly.js (`Plotly.toImage`) in one headless Chromium for
 * all plots. Viewers that do not run JavaScript (GitHub, nbviewer, JupyterLab
 * without the plotly renderer, an untrusted classic Notebook) show the image;
 * JupyterLab's plotly renderer shows it first too, and draws the interactive
 * plot when the pointer enters it (the convention of plotly's own renderer).
 * The output's metadata records which figure the image was drawn from
 * (`lossbook.figure_sha256`), so a test can tell a stale image.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import UPNG from "upng-js";
import { run, type JupyterInstall, type Notebook } from "./notebook-runner";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

/** Pixel size of a plot image when the figure sets none (the width of a notebook's output area at 1280 px). */
export const DEFAULT_IMAGE_WIDTH = 720;
export const DEFAULT_IMAGE_HEIGHT = 420;

interface PlotFigure {
  data: unknown[];
  layout: { width?: number; height?: number; [key: string]: unknown };
  config?: Record<string, unknown>;
}

/** The hash an image records of the figure it shows: SHA-256 of the figure's JSON with keys sorted. */
export function figureHash(figure: unknown): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])]));
    }
    return value;
  };
  return createHash("sha256").update(JSON.stringify(sorted(figure))).digest("hex").slice(0, 16);
}

/** The size an image of `figure` is drawn at: the layout's own width and height, or the defaults. */
export function imageSize(figure: PlotFigure): { width: number; height: number } {
  return { width: figure.layout.width ?? DEFAULT_IMAGE_WIDTH, height: figure.layout.height ?? DEFAULT_IMAGE_HEIGHT };
}

/**
 * Problems with the plot images of a notebook: a plotly output without an
 * `image/png`, or with one drawn from another figure. Empty when all is well.
 */
export function plotImageProblems(notebook: Notebook): string[] {
  const problems: string[] = [];
  notebook.cells.forEach((cell, cellIndex) => {
    (cell.outputs ?? []).forEach((output, outputIndex) => {
      const figure = output.data?.[PLOTLY_MIME];
      if (figure === undefined) return;
      const where = `cell ${cellIndex} output ${outputIndex}`;
      if (typeof output.data?.["image/png"] !== "string") problems.push(`${where} has a plot without an image/png: run npm run notebooks`);
      else if ((output.metadata?.lossbook as { figure_sha256?: string } | undefined)?.figure_sha256 !== figureHash(figure)) {
        problems.push(`${where}: its image/png was drawn from another figure: run npm run notebooks`);
      }
    });
  });
  return problems;
}

/** Colours of a plot image's palette: plots are flat colours and anti-aliased edges, which 256 colours hold. */
export const PALETTE_COLOURS = 256;

/**
 * The PNG re-encoded with a palette of {@link PALETTE_COLOURS} colours
 * (UPNG.js's quantizer): a quarter of the bytes of plotly's full-colour PNG,
 * which keeps a notebook with five plots well under 400 KB.
 */
export function withPalette(png: Buffer): Buffer {
  const image = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.length) as ArrayBuffer);
  const rgba = UPNG.toRGBA8(image)[0];
  return Buffer.from(UPNG.encode([rgba], image.width, image.height, PALETTE_COLOURS));
}

/** Opens one Chromium page with plotly.js loaded, ready to draw images. */
async function openRenderer(): Promise<{ browser: Browser; draw(figure: PlotFigure): Promise<string> }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
  await page.addScriptTag({ content: readFileSync(require.resolve("plotly.js-cartesian-dist-min"), "utf8") });
  return {
    browser,
    async draw(figure) {
      const { width, height } = imageSize(figure);
      const url = await page.evaluate(
        async ({ figure, width, height }) => {
          const plotly = (window as unknown as { Plotly: { toImage(f: unknown, o: unknown): Promise<string> } }).Plotly;
          // Static images: no mode bar, no hover layer.
          return plotly.toImage({ data: figure.data, layout: figure.layout, config: { ...figure.config, staticPlot: true } }, { format: "png", width, height, scale: 1 });
        },
        { figure, width, height },
      );
      const prefix = "data:image/png;base64,";
      if (!url.startsWith(prefix)) throw new Error(`plotly.js returned no PNG (${url.slice(0, 40)}…)`);
      return withPalette(Buffer.from(url.slice(prefix.length), "base64")).toString("base64");
    },
  };
}

/** nbformat's writer applies the images, so the file is formatted exactly as nbconvert writes it. */
const APPLY_IMAGES_PY = `
import json, sys, nbformat
images = json.load(open(sys.argv[1]))
for entry in images:
    nb = nbformat.read(entry["path"], as_version=4)
    for image in entry["images"]:
        output = nb.cells[image["cell"]].outputs[image["output"]]
        output.data["image/png"] = image["png"]
        output.metadata["image/png"] = {"width": image["width"], "height": image["height"]}
        output.metadata["lossbook"] = {"figure_sha256": image["hash"]}
    nbformat.write(nb, entry["path"])
`;

/**
 * Adds (or redraws) the image of every plot in the given executed notebooks,
 * one Chromium for all. Returns the number of images and the time taken.
 */
export async function addPlotImages(install: JupyterInstall, paths: string[]): Promise<{ images: number; seconds: number }> {
  const started = performance.now();
  const renderer = await openRenderer();
  const entries: { path: string; images: { cell: number; output: number; png: string; width: number; height: number; hash: string }[] }[] = [];
  try {
    for (const path of paths) {
      const notebook = JSON.parse(readFileSync(path, "utf8")) as Notebook;
      const images: (typeof entries)[number]["images"] = [];
      for (const [cellIndex, cell] of notebook.cells.entries()) {
        for (const [outputIndex, output] of (cell.outputs ?? []).entries()) {
          const figure = output.data?.[PLOTLY_MIME] as PlotFigure | undefined;
          if (figure === undefined) continue;
          const png = await renderer.draw(figure);
          images.push({ cell: cellIndex, output: outputIndex, png, ...imageSize(figure), hash: figureHash(figure) });
        }
      }
      if (images.length > 0) entries.push({ path, images });
    }
  } finally {
    await renderer.browser.close();
  }
  if (entries.length > 0) {
    const dir = mkdtempSync(join(tmpdir(), "lossbook-images-"));
    try {
      writeFileSync(join(dir, "images.json"), JSON.stringify(entries));
      await run(install.python, ["-c", APPLY_IMAGES_PY, join(dir, "images.json")]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { images: entries.reduce((n, e) => n + e.images.length, 0), seconds: (performance.now() - started) / 1000 };
}
