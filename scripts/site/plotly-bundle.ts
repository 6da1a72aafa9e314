/**
 * The site's own plotly.js: a partial bundle with only the trace types the
 * figures use, made the way plotly documents custom bundles (its
 * CUSTOM_BUNDLE.md): `plotly.js/lib/core` plus one `plotly.js/lib/<type>` per
 * trace type, bundled and minified by esbuild into one IIFE that defines
 * `window.Plotly`. Everything comes from the installed `plotly.js` package (no
 * network). The result is cached under node_modules/.cache/lossbook-site/,
 * keyed by the plotly.js and esbuild versions, the trace list and the bundler
 * settings, so only the first build pays for bundling.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { SiteBuildError } from "./errors";

/**
 * Trace types the site can bundle: plotly's SVG traces, which draw offline
 * and without WebGL (the cartesian family plus pie). WebGL traces (scattergl,
 * surface…) need a GPU context the site cannot count on, and map traces
 * (scattergeo, choropleth…) fetch topojson from plotly's CDN, which would
 * break "no request leaves the site's origin".
 */
export const BUNDLEABLE_TRACE_TYPES: ReadonlySet<string> = new Set([
  "bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour",
  "image", "pie", "scatter", "scatterternary", "violin",
]);

/** plotly.js/lib/core always registers scatter (CUSTOM_BUNDLE.md: "scatter … cannot be removed"). */
const ALWAYS_BUNDLED = "scatter";

/** Where repeated builds find bundles made before. */
export const DEFAULT_CACHE_DIR = join(__dirname, "../../node_modules/.cache/lossbook-site");

export interface PlotlyBundle {
  /** The minified bundle. */
  code: Buffer;
  /** Trace types registered by the bundle, sorted (scatter always among them). */
  traceTypes: string[];
  /** plotly.js version it was built from. */
  version: string;
  /** True when it came from the cache. */
  cached: boolean;
  /** Time spent bundling (0 when cached). */
  bundleMs: number;
}

/** The trace types a set of figures needs in the bundle: sorted, unique, scatter included. */
export function bundledTraceTypes(used: Iterable<string>): string[] {
  return [...new Set([ALWAYS_BUNDLED, ...used])].sort();
}

/** Throws a SiteBuildError unless every type can go into the site's bundle. */
export function checkBundleable(traceTypes: Iterable<string>, where = "plotly.js bundle"): void {
  const refused = [...traceTypes].filter((type) => !BUNDLEABLE_TRACE_TYPES.has(type));
  if (refused.length > 0) {
    throw new SiteBuildError(
      where,
      undefined,
      `trace type ${refused.map((type) => `"${type}"`).join(", ")} cannot go into the site's plotly.js bundle (it bundles only SVG traces that draw offline: ${[...BUNDLEABLE_TRACE_TYPES].join(", ")})`,
    );
  }
}

function plotlyDir(): string {
  return dirname(require.resolve("plotly.js/package.json"));
}

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
}

/** The entry module: core plus each trace module, as plotly's own custom bundles do. */
export function bundleEntry(traceTypes: readonly string[]): string {
  const modules = traceTypes.filter((type) => type !== ALWAYS_BUNDLED).map((type) => `  require("plotly.js/lib/${type}"),`);
  return ['"use strict";', 'var Plotly = require("plotly.js/lib/core");', "Plotly.register([", ...modules, "]);", "module.exports = Plotly;", ""].join("\n");
}

/**
 * The esbuild settings of plotly's own build (its esbuild-config.js) that
 * matter for SVG traces: `global` is `window`, AMD detection off,
 * NODE_DEBUG false (its environment plugin), one IIFE named Plotly. The one
 * stylesheet plotly's registry requires is maplibre-gl's, for map traces,
 * which the site never bundles: it loads as nothing (plotly inlines it).
 */
const BUILD_SETTINGS = {
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "Plotly",
  target: "es2020",
  define: { global: "window", "define.amd": "false", "process.env.NODE_DEBUG": "false" },
  legalComments: "eof",
  charset: "utf8",
  loader: { ".css": "empty" },
} as const;

/**
 * Returns the partial plotly.js bundle for the figures' trace types, from the
 * cache when it is there, else bundled now (and cached). Fails with a
 * SiteBuildError when a type cannot be bundled or plotly.js is not installed.
 */
export async function buildPlotlyBundle(usedTraceTypes: Iterable<string>, options: { cacheDir?: string } = {}): Promise<PlotlyBundle> {
  const traceTypes = bundledTraceTypes(usedTraceTypes);
  checkBundleable(traceTypes);
  let root: string;
  try {
    root = plotlyDir();
  } catch {
    throw new SiteBuildError("package.json", undefined, "the site bundles its plotly.js from the `plotly.js` package, which is not installed: run `npm install`");
  }
  const version = packageVersion("plotly.js");
  const esbuildVersion = packageVersion("esbuild");
  const entry = bundleEntry(traceTypes);
  const settingsHash = createHash("sha256")
    .update(JSON.stringify({ entry, BUILD_SETTINGS, esbuildVersion }))
    .digest("hex")
    .slice(0, 10);
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const cacheFile = join(cacheDir, `plotly-${version}-${traceTypes.join("+")}-${settingsHash}.min.js`);
  if (existsSync(cacheFile)) return { code: readFileSync(cacheFile), traceTypes, version, cached: true, bundleMs: 0 };

  const started = performance.now();
  const { build } = await import("esbuild");
  const result = await build({
    ...BUILD_SETTINGS,
    define: { ...BUILD_SETTINGS.define },
    loader: { ...BUILD_SETTINGS.loader },
    stdin: { contents: entry, resolveDir: dirname(root), sourcefile: "lossbook-plotly-entry.js", loader: "js" },
    nodePaths: [dirname(root)],
    banner: { js: `/* plotly.js ${version}, partial bundle for the lossbook site: ${traceTypes.join(", ")}. MIT license, Plotly, Inc. */` },
    write: false,
    metafile: true,
    logLevel: "silent",
  }).catch((error: unknown) => {
    throw new SiteBuildError("plotly.js bundle", undefined, `esbuild could not bundle plotly.js ${version} (${traceTypes.join(", ")}): ${(error as Error).message}`);
  });
  // Each trace type's own module must be in the bundle, or its figures would silently not draw.
  const inputs = Object.keys(result.metafile.inputs).map((input) => input.split(sep).join("/"));
  const missing = traceTypes.filter((type) => !inputs.some((input) => input.endsWith(`plotly.js/src/traces/${type}/index.js`)));
  if (missing.length > 0) {
    throw new SiteBuildError("plotly.js bundle", undefined, `the bundle lacks the trace module of ${missing.join(", ")} (plotly.js ${version} lib/ maps them elsewhere?)`);
  }
  const code = Buffer.from(result.outputFiles[0].contents);
  mkdirSync(cacheDir, { recursive: true });
  // Written beside its final name and renamed, so a parallel build never reads half a file.
  const partial = `${cacheFile}.${process.pid}.partial`;
  writeFileSync(partial, code);
  renameSync(partial, cacheFile);
  return { code, traceTypes, version, cached: false, bundleMs: performance.now() - started };
}
