/**
 * The library for the browser: esbuild bundles src/ (one source, no copy)
 * into the workbook's Web Worker. The library's three Node imports are
 * replaced for the browser:
 * - `node:util` → node-inspect-extracted, Node's util.inspect/format extracted
 *   for the web, so console.log and the checkers' messages read as in the kernel;
 * - `node:fs` → the vega-datasets files the loaders read (anscombe, cars,
 *   penguins), bundled as text: loadAnscombe/loadCars/loadPenguins work
 *   offline with the same rows;
 * - `node:path` → the three path functions the library calls (POSIX).
 * `require.resolve` and `require.cache` (how the library finds vega-datasets
 * and tslab in Node) are given browser stand-ins by name.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Plugin } from "esbuild";

/** The vega-datasets files the library's loaders read (src/data/datasets.ts). */
export const BUNDLED_DATASETS = ["anscombe.json", "cars.json", "penguins.json"] as const;

/** Where the library believes vega-datasets is installed, in the browser. */
const BROWSER_PACKAGE_ENTRY = "/node_modules/vega-datasets/build/index.js";

function vegaDataDir(): string {
  return join(dirname(dirname(require.resolve("vega-datasets"))), "data");
}

/** The stand-in for `node:fs`: readFileSync of the bundled dataset files, and nothing else. */
export function browserFsModule(): string {
  const files = Object.fromEntries(BUNDLED_DATASETS.map((file) => [file, JSON.stringify(JSON.parse(readFileSync(join(vegaDataDir(), file), "utf8")))]));
  return `const files = ${JSON.stringify(files)};
export function readFileSync(path) {
  const match = /\\/vega-datasets\\/data\\/([^/]+)$/.exec(String(path));
  if (match && Object.prototype.hasOwnProperty.call(files, match[1])) return files[match[1]];
  throw new Error("ENOENT: no such file in the browser: " + path + " (only the bundled datasets can be read)");
}
export default { readFileSync };`;
}

export const BROWSER_PATH_MODULE = `export const sep = "/";
export function dirname(path) { const i = path.lastIndexOf("/"); return i <= 0 ? (i === 0 ? "/" : ".") : path.slice(0, i); }
export function join(...parts) { return parts.filter(Boolean).join("/").replace(/\\/+/g, "/"); }
export function basename(path) { return path.slice(path.lastIndexOf("/") + 1); }
export default { sep, dirname, join, basename };`;

/** Runs before the bundle: the globals `require.resolve`/`require.cache` are renamed to (see BROWSER_REQUIRE_DEFINES). */
export const BROWSER_REQUIRE_BANNER = `var __nodeRequireResolve = function (name) {
  if (name === "vega-datasets") return ${JSON.stringify(BROWSER_PACKAGE_ENTRY)};
  throw new Error("Cannot find module '" + name + "' in the browser");
};
var __nodeRequireCache = {};`;

/** esbuild plugin: the browser stand-ins for the library's Node imports. */
export function browserLibraryPlugin(): Plugin {
  return {
    name: "lossbook-browser-library",
    setup(build) {
      build.onResolve({ filter: /^node:util$/ }, () => ({ path: require.resolve("node-inspect-extracted") }));
      build.onResolve({ filter: /^node:(fs|path)$/ }, (args) => ({ path: args.path, namespace: "lossbook-browser" }));
      build.onLoad({ filter: /.*/, namespace: "lossbook-browser" }, (args) => ({
        contents: args.path === "node:fs" ? browserFsModule() : BROWSER_PATH_MODULE,
        loader: "js",
      }));
    },
  };
}

/** The esbuild options that make `require.resolve`/`require.cache` point at the stand-ins. */
export const BROWSER_REQUIRE_DEFINES = { "require.resolve": "__nodeRequireResolve", "require.cache": "__nodeRequireCache" };
