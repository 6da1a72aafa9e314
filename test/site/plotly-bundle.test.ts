/**
 * The site's partial plotly.js bundle (scripts/site/plotly-bundle.ts): made
 * from plotly.js/lib/core plus the trace modules the figures use, cached, and
 * refused for trace types that cannot go in. That the bundle registers exactly
 * the expected trace types in a browser is checked in browser.test.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SiteBuildError } from "../../scripts/site/errors";
import { BUNDLEABLE_TRACE_TYPES, buildPlotlyBundle, bundledTraceTypes, bundleEntry, checkBundleable } from "../../scripts/site/plotly-bundle";

const cacheDir = mkdtempSync(join(tmpdir(), "lossbook-plotly-cache-"));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const plotlyVersion = (JSON.parse(readFileSync(require.resolve("plotly.js/package.json"), "utf8")) as { version: string }).version;

describe("the partial plotly.js bundle", () => {
  it("lists each used trace type once, sorted, with scatter (which plotly's core always registers)", () => {
    expect(bundledTraceTypes(["contour", "scatter", "contour"])).toEqual(["contour", "scatter"]);
    expect(bundledTraceTypes(["bar"])).toEqual(["bar", "scatter"]);
    expect(bundledTraceTypes([])).toEqual(["scatter"]);
  });

  it("requires plotly's core and one lib module per extra trace type, as plotly's custom bundles do", () => {
    const entry = bundleEntry(["bar", "contour", "scatter"]);
    expect(entry).toContain('require("plotly.js/lib/core")');
    expect(entry).toContain('require("plotly.js/lib/bar")');
    expect(entry).toContain('require("plotly.js/lib/contour")');
    expect(entry).not.toContain("lib/scatter");
  });

  it("refuses WebGL and map traces, naming them and what it can bundle", () => {
    expect(() => checkBundleable(["scatter", "scattergl", "scattergeo"])).toThrow(SiteBuildError);
    expect(() => checkBundleable(["scattergl"])).toThrow(/"scattergl" cannot go into the site's plotly\.js bundle.*contour/);
    expect(() => checkBundleable([...BUNDLEABLE_TRACE_TYPES])).not.toThrow();
  });

  it("fails the bundle for a type it cannot hold, before bundling anything", async () => {
    const error = await buildPlotlyBundle(["scatter", "surface"], { cacheDir }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(SiteBuildError);
    expect((error as Error).message).toContain('"surface"');
  });

  it("bundles the requested traces once, then serves the same bytes from the cache keyed by version and trace list", async () => {
    const first = await buildPlotlyBundle(["bar"], { cacheDir });
    expect(first).toMatchObject({ traceTypes: ["bar", "scatter"], version: plotlyVersion, cached: false });
    const cached = readdirSync(cacheDir).filter((file) => file.endsWith(".min.js"));
    expect(cached).toHaveLength(1);
    expect(cached[0]).toMatch(new RegExp(`^plotly-${plotlyVersion.replace(/\./g, "\\.")}-bar\\+scatter-[0-9a-f]{10}\\.min\\.js$`));
    expect(readdirSync(cacheDir).some((file) => file.endsWith(".partial"))).toBe(false);

    const code = first.code.toString("utf8");
    expect(code.startsWith(`/* plotly.js ${plotlyVersion}, partial bundle for the lossbook site: bar, scatter.`)).toBe(true);
    // An IIFE that defines the global Plotly, and nothing that loads code at run time.
    expect(code).toMatch(/var Plotly=\(\(\)=>\{/);
    expect(code).not.toMatch(/\beval\(|new Function\(|importScripts\(/);
    // A partial bundle: far smaller than the cartesian one it replaces.
    const cartesian = readFileSync(require.resolve("plotly.js-cartesian-dist-min/plotly-cartesian.min.js"));
    expect(first.code.length).toBeLessThan(cartesian.length * 0.8);

    const second = await buildPlotlyBundle(["scatter", "bar", "bar"], { cacheDir });
    expect(second.cached).toBe(true);
    expect(second.code.equals(first.code)).toBe(true);
    expect(existsSync(join(cacheDir, cached[0]))).toBe(true);
  }, 60_000);
});
