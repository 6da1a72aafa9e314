/**
 * Explorable figures: figures of the notebooks (and the gallery's loss cards)
 * that the reader can change in the page. The browser code lives in
 * client/explorables/ and draws with the same src/ functions; here is the
 * table that attaches an explorable to a notebook figure by the nbformat id
 * of the figure's code cell, the data each needs (computed at build time by
 * the notebook's own calls), the check that every attached cell still
 * exists, and the esbuild bundle (one small loader, one chunk per explorable,
 * fetched when its figure comes into view).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { build } from "esbuild";
import { SiteBuildError } from "./errors";
import { escapeHtml, jsonForScript } from "./html";
import { joinSource, type NotebookFile, type nbformat } from "./notebook";
import { PLOTLY_MIME } from "./figures";
import { decodeFigure } from "../../src/plot/typed-arrays";
import { DEFAULT_CACHE_DIR } from "./plotly-bundle";
import type { AnscombeData } from "./client/explorables/anscombe";
import type { QuantileData } from "./client/explorables/quantile";
import type { GradientDescentProps } from "./client/explorables/gradient-descent";
import type { HuberDeltaProps } from "./client/explorables/huber-delta";
import type { SoftmaxProps } from "./client/explorables/softmax";
import type { FocalProps } from "./client/explorables/focal";
import type { MarginProps } from "./client/explorables/margin";
import type { GalleryLossProps } from "./client/explorables/gallery-loss";
import type { LossInfo } from "../../src/losses/info";

const CLIENT_DIR = join(__dirname, "client", "explorables");
/** Where the bundle goes inside the site. */
export const EXPLORABLES_FOLDER = "assets/explorables";

type Library = typeof import("../../src/index");

/** One explorable attached to a code cell of a notebook. */
export interface Attachment {
  /** Notebook slug ("05-huber"). */
  notebook: string;
  /** nbformat id of the code cell whose output the explorable takes over. */
  cellId: string;
  /** Module name in client/explorables/loader.ts. */
  explorable: string;
  /** "figure": the cell's plotly figure is the static state; "text": its printed output is (the explorable adds a figure). */
  output: "figure" | "text";
  /** The props the page embeds, computed at build time with the library. */
  props(library: Library): unknown;
}

/** The notebook's slope-loss runs (notebook 02, cells 4bfbc0cf and 7dad15ea). */
function gradientDescentProps(): GradientDescentProps {
  return {
    x: [1, 2, 3, 4, 5],
    y: [2, 3, 5, 4, 6],
    learningRates: [0.005, 0.04, 0.095],
    controlled: 1,
    start: 0,
    iterations: 10,
    plot: { range: [-2.5, 5], curveName: "L(θ)", xTitle: "slope θ", yTitle: "loss L(θ)", title: "Gradient descent on L(θ) = MSE(y, θx) with three learning rates" },
  };
}

/** Anscombe III and the notebook's fits (notebook 05, cells cell-17, cell-32 and cell-34). */
export function anscombeData(library: Library): AnscombeData {
  const { loadAnscombe, standardize, fitLinearRegression } = library;
  const anscombe = loadAnscombe("III");
  const outlier = anscombe.x.indexOf(13);
  const scaled = standardize(anscombe.x);
  const settings = {
    mse: { learningRate: 0.1, epochs: 1000 },
    huber: { learningRate: 1, epochs: 20000 },
    mae: { learningRate: 0.5, learningRateDecay: 0.1, epochs: 3000 },
  };
  const fit = (loss: "mse" | "mae" | "huber", lossOptions: Record<string, number>) => {
    const model = fitLinearRegression(scaled.X, anscombe.y, { loss, lossOptions, ...settings[loss] });
    return { weight: model.weights[0], bias: model.bias };
  };
  // A warm refit of MAE continues the notebook's schedule 0.5/(1 + 0.1t) from t = 3000: 0.5/301 · 1/(1 + (0.1/301)t).
  const maeEnd = 1 + settings.mae.learningRateDecay * settings.mae.epochs;
  const cleanX = anscombe.x.filter((_, i) => i !== outlier);
  const cleanY = anscombe.y.filter((_, i) => i !== outlier);
  const cleanScaled = standardize(cleanX);
  const clean = fitLinearRegression(cleanScaled.X, cleanY, { loss: "mse", ...settings.mse });
  const cleanSlope = clean.weights[0] / cleanScaled.std;
  return {
    x: [...anscombe.x],
    xScaled: [...scaled.X],
    y: [...anscombe.y],
    outlier,
    mean: scaled.mean,
    std: scaled.std,
    refits: [
      { name: "MSE, all 11 points", loss: "mse", lossOptions: {}, settings: settings.mse, warmSettings: settings.mse, fit: fit("mse", {}) },
      {
        name: "MAE, all 11 points",
        loss: "mae",
        lossOptions: {},
        settings: settings.mae,
        warmSettings: { learningRate: settings.mae.learningRate / maeEnd, learningRateDecay: settings.mae.learningRateDecay / maeEnd, epochs: 300 },
        fit: fit("mae", {}),
      },
      { name: "Huber δ = 1, all 11 points", loss: "huber", lossOptions: { delta: 1 }, settings: settings.huber, warmSettings: settings.huber, fit: fit("huber", { delta: 1 }) },
    ],
    fixed: [{ name: "MSE, 10 points without the outlier", slope: cleanSlope, intercept: clean.bias - cleanSlope * cleanScaled.mean, index: 3 }],
    labels: { title: "Anscombe's quartet III: lines fitted with MSE, MAE and Huber", xTitle: "x", yTitle: "y", highlightName: undefined },
    yRange: [5, 13],
  };
}

/** The heteroscedastic data and the notebook's three quantile fits (notebook 07, cells c016 and c020). */
export function quantileData(library: Library): QuantileData {
  const { createRandom, trainTestSplit, standardize, fitLinearRegression } = library;
  const random = createRandom(3);
  const xs = Array.from({ length: 1000 }, () => 10 * random.next());
  const ys = xs.map((x) => 1 + 0.8 * x + (0.3 + 0.25 * x) * random.normal());
  const split = trainTestSplit(xs, ys, { testFraction: 0.5, seed: 1 });
  const scaler = standardize(split.XTrain);
  const settings = { learningRate: 0.5, learningRateDecay: 0.01, epochs: 3000 };
  const lines = [0.1, 0.5, 0.9].map((tau) => {
    const model = fitLinearRegression(scaler.X, split.yTrain, { loss: "quantile", lossOptions: { tau }, ...settings });
    return { tau, weight: model.weights[0], bias: model.bias };
  });
  return {
    xTrainScaled: [...scaler.X],
    yTrain: [...split.yTrain],
    xTest: [...split.XTest],
    yTest: [...split.yTest],
    mean: scaler.mean,
    std: scaler.std,
    lines,
    controlled: 1,
    settings,
    // From the previous line, 150 epochs of the constant step η = 1 end within 0.026 (in units of y, over x in [0, 10])
    // of the exact minimiser for every τ of the slider, even after a jump from one end to the other: as close as the
    // notebook's cold 3000-epoch fit (0.0225). The decaying schedule used before (η = 1/(1 + 0.05t), 600 epochs) did
    // 4× the work and ended up to 0.068 away: its step shrinks before a jump's long way is covered.
    warmSettings: { learningRate: 1, learningRateDecay: 0, epochs: 150 },
    labels: { title: "80 % prediction interval from quantile regression (test points)", xTitle: "x", yTitle: "y" },
  };
}

const scoreLosses = (library: Library) => library.groupLossesByAxis().find((group) => group.axis === "logit")!.ids;

/** Every explorable attached to a notebook figure. */
export const ATTACHMENTS: readonly Attachment[] = [
  { notebook: "02-core-concepts", cellId: "a0151bcc", explorable: "gradient-descent", output: "figure", props: gradientDescentProps },
  { notebook: "04-cross-entropy", cellId: "cell-44", explorable: "softmax", output: "text", props: (): SoftmaxProps => ({ logits: [2.0, 0.5, -1.0], trueClass: 0, labelSmoothing: 0 }) },
  { notebook: "05-huber", cellId: "cell-22", explorable: "huber-delta", output: "figure", props: (): HuberDeltaProps => ({ what: "value", controlled: "Huber δ = 1", delta: 1, at: 3 }) },
  { notebook: "05-huber", cellId: "cell-24", explorable: "huber-delta", output: "figure", props: (): HuberDeltaProps => ({ what: "gradient", controlled: "Huber δ = 1", delta: 1, at: 3 }) },
  { notebook: "05-huber", cellId: "cell-37", explorable: "anscombe", output: "figure", props: anscombeData },
  { notebook: "07-more-losses", cellId: "c020", explorable: "quantile", output: "figure", props: quantileData },
  {
    notebook: "07-more-losses",
    cellId: "c034",
    explorable: "focal",
    output: "figure",
    props: (library): FocalProps => ({ ids: scoreLosses(library), range: [-3, 3], title: "Classification losses as functions of the score z of the true class", at: [-1, 0, 2] }),
  },
  {
    notebook: "07-more-losses",
    cellId: "c035",
    explorable: "margin",
    output: "figure",
    props: (library): MarginProps => ({ ids: scoreLosses(library), range: [-3, 3], title: "Their gradients ∂ℓ/∂z: how hard each sample still pulls", margin: 1 }),
  },
];

/** The gallery's loss cards that get sliders: losses with a numeric option the explorables know. */
/** How many of a loss's options the gallery card lets the reader move. */
function adjustableOptions(loss: LossInfo): number {
  const adjustable = ["delta", "beta", "tau", "gamma", "alpha", "labelSmoothing", "posWeight"];
  return Object.keys(loss.defaults).filter((key) => adjustable.includes(key)).length;
}

export function galleryExplorableProps(loss: LossInfo): GalleryLossProps | undefined {
  if (adjustableOptions(loss) === 0) return undefined;
  return { id: loss.id, at: loss.axis === "probability" || loss.axis === "distribution" ? 0.3 : 2 };
}

/** The code cell with nbformat id `cellId`, with its 1-based number; a SiteBuildError naming both when it is gone. */
export function findAttachedCell(notebook: NotebookFile, attachment: Attachment): { cell: nbformat.ICodeCell; number: number } {
  const index = notebook.content.cells.findIndex((cell) => cell.id === attachment.cellId);
  if (index === -1) {
    throw new SiteBuildError(
      notebook.displayPath,
      undefined,
      `the explorable "${attachment.explorable}" is attached to the cell with id "${attachment.cellId}", which no longer exists; update its entry in scripts/site/explorables.ts (ATTACHMENTS)`,
    );
  }
  const cell = notebook.content.cells[index];
  const outputs = cell.cell_type === "code" ? ((cell as nbformat.ICodeCell).outputs ?? []) : [];
  const hasFigure = outputs.some((output) => (output as nbformat.IDisplayData).data?.[PLOTLY_MIME] !== undefined);
  const ok = cell.cell_type === "code" && (attachment.output === "figure" ? hasFigure : outputs.length > 0);
  if (!ok) {
    throw new SiteBuildError(
      notebook.displayPath,
      index + 1,
      `the explorable "${attachment.explorable}" is attached to cell id "${attachment.cellId}", which ${cell.cell_type !== "code" ? "is not a code cell" : attachment.output === "figure" ? "no longer outputs a plotly figure" : "has no output"}; re-run the notebook or update scripts/site/explorables.ts`,
    );
  }
  return { cell: cell as nbformat.ICodeCell, number: index + 1 };
}

/** The committed plotly figure of an attached cell (its first), for tests. */
export function committedFigure(notebook: NotebookFile, attachment: Attachment): { data: Array<Record<string, unknown>>; layout: Record<string, unknown> } {
  const { cell } = findAttachedCell(notebook, attachment);
  const output = (cell.outputs ?? []).find((entry) => (entry as nbformat.IDisplayData).data?.[PLOTLY_MIME] !== undefined) as nbformat.IDisplayData;
  return decodeFigure(output.data[PLOTLY_MIME]) as never;
}

/** The committed printed output (streams) of an attached cell, for tests. */
export function committedText(notebook: NotebookFile, attachment: Attachment): string {
  const { cell } = findAttachedCell(notebook, attachment);
  return (cell.outputs ?? []).map((output) => (output.output_type === "stream" ? joinSource((output as nbformat.IStream).text) : "")).join("");
}

export interface ExplorableBundle {
  /** Page-relative URL of the loader module. */
  loader: string;
  /** Page-relative URL of the stylesheet. */
  css: string;
  files: Array<{ path: string; contents: Uint8Array }>;
  bytes: number;
}

/** Bundles client/explorables/loader.ts and its explorables (code-split, minified ES modules) with esbuild. */
export async function bundleExplorables(): Promise<ExplorableBundle> {
  const result = await build({
    entryPoints: [join(CLIENT_DIR, "loader.ts")],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2020",
    minify: true,
    write: false,
    outdir: "/explorables",
    entryNames: "[name]-[hash]",
    chunkNames: "[name]-[hash]",
    legalComments: "none",
    logLevel: "silent",
  });
  const files = result.outputFiles.map((file) => ({ path: `${EXPLORABLES_FOLDER}/${basename(file.path)}`, contents: file.contents }));
  const loader = files.find((file) => /\/loader-[\w]+\.js$/.test(file.path));
  if (!loader) throw new SiteBuildError("scripts/site/client/explorables/loader.ts", undefined, "esbuild produced no loader bundle");
  const css = readFileSync(join(CLIENT_DIR, "explorables.css"));
  const cssPath = `${EXPLORABLES_FOLDER}/explorables.css`;
  files.push({ path: cssPath, contents: css });
  return {
    loader: loader.path,
    css: `${cssPath}?v=${createHash("sha256").update(css).digest("hex").slice(0, 10)}`,
    files,
    bytes: files.reduce((sum, file) => sum + file.contents.length, 0),
  };
}

const REPO_ROOT = join(__dirname, "../..");

/** Every file the props depend on: the library's source, this file and the datasets package. */
function propsInputs(): string[] {
  const files: string[] = [__filename, join(REPO_ROOT, "node_modules/vega-datasets/package.json")];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) files.push(path);
    }
  };
  walk(join(REPO_ROOT, "src"));
  return files.sort();
}

/**
 * The props of the attachments, computed with the library (the fits take a
 * second) or read from the cache, keyed by a hash of every file they depend on.
 */
async function cachedProps(attachments: Attachment[], cacheDir: string): Promise<unknown[]> {
  const hash = createHash("sha256");
  for (const file of propsInputs()) hash.update(relative(REPO_ROOT, file)).update(readFileSync(file));
  hash.update(attachments.map((attachment) => `${attachment.notebook}/${attachment.cellId}`).join(","));
  const cacheFile = join(cacheDir, `explorables-props-${hash.digest("hex").slice(0, 16)}.json`);
  if (existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, "utf8")) as unknown[];
  const library = await import("../../src/index");
  const props = attachments.map((attachment) => attachment.props(library));
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(props));
  return props;
}

/** The markup around a static output that makes it explorable (without JavaScript it is just the output). */
/**
 * The height (px) each explorable has once mounted, at phone width (≤ 40rem)
 * and on a desktop: its figure plus the controls, readout and any figure it
 * adds, measured in Chromium (Inter, 375 and 1280 px). The page reserves it
 * from the start (site.css), so that mounting the controls never moves the
 * page. The gallery's cards grow by one control row per option at phone width.
 */
const MOUNTED_HEIGHT: Record<string, { narrow: number; wide: number }> = {
  "huber-delta": { narrow: 544, wide: 507 },
  anscombe: { narrow: 744, wide: 587 },
  "gradient-descent": { narrow: 1026, wide: 880 },
  quantile: { narrow: 606, wide: 539 },
  focal: { narrow: 818, wide: 604 },
  margin: { narrow: 699, wide: 588 },
  softmax: { narrow: 845, wide: 638 },
};

/** A gallery card's mounted height: one control row per adjustable option at phone width. */
const galleryCardHeight = (options: number) => ({ narrow: 465 + 79 * options, wide: 539 });

export function explorableHtml(bundle: ExplorableBundle, explorable: string, id: string, props: unknown, innerHtml: string, height = MOUNTED_HEIGHT[explorable]): string {
  const reserve = height ? ` style="--explorable-narrow:${height.narrow}px;--explorable-wide:${height.wide}px"` : "";
  return (
    `<div class="explorable" data-explorable="${escapeHtml(explorable)}" data-explorable-id="${escapeHtml(id)}" data-explorable-css="${escapeHtml(bundle.css)}"${reserve}>` +
    `<script type="application/json" class="explorable-props">${jsonForScript(props)}</script>` +
    innerHtml +
    `</div><script type="module" src="${escapeHtml(bundle.loader)}"></script>`
  );
}

export interface ExplorableHooks {
  decorateOutputs(notebook: NotebookFile, cellId: string | undefined, outputsHtml: string): string;
  decorateGalleryFigure(loss: LossInfo, figureHtml: string): string;
  bundle: ExplorableBundle;
}

/**
 * Checks every attachment whose notebook is being built (its cell must still
 * exist and have its output), computes the props, bundles the code and
 * returns the hooks for render-notebook.ts and gallery.ts.
 */
export async function prepareExplorables(notebooks: NotebookFile[], writeAsset: (path: string, contents: Buffer) => void, options: { cacheDir?: string } = {}): Promise<ExplorableHooks> {
  const bySlug = new Map(notebooks.map((notebook) => [notebook.slug, notebook]));
  const attached = ATTACHMENTS.filter((attachment) => bySlug.has(attachment.notebook)); // a build of some notebooks only (tests)
  for (const attachment of attached) findAttachedCell(bySlug.get(attachment.notebook)!, attachment);
  const computed = await cachedProps(attached, options.cacheDir ?? DEFAULT_CACHE_DIR);
  const props = new Map(attached.map((attachment, k) => [`${attachment.notebook}/${attachment.cellId}`, { attachment, props: computed[k] }]));
  const bundle = await bundleExplorables();
  for (const file of bundle.files) writeAsset(file.path, Buffer.from(file.contents));
  return {
    bundle,
    decorateOutputs(notebook, cellId, outputsHtml) {
      const entry = cellId === undefined ? undefined : props.get(`${notebook.slug}/${cellId}`);
      if (!entry || outputsHtml === "") return outputsHtml;
      return explorableHtml(bundle, entry.attachment.explorable, `${notebook.slug}/${cellId}`, entry.props, outputsHtml);
    },
    decorateGalleryFigure(loss, figureHtml) {
      const galleryProps = galleryExplorableProps(loss);
      return galleryProps ? explorableHtml(bundle, "gallery-loss", `gallery/${loss.id}`, galleryProps, figureHtml, galleryCardHeight(adjustableOptions(loss))) : figureHtml;
    },
  };
}
