/**
 * Lighthouse (the npm package, mobile defaults: a mid-range phone on a slow
 * 4G network, CPU slowed 4×, all simulated) on a page of the running site,
 * in Debian's Chromium launched by chrome-launcher with the project's flags.
 * Used by `npm run bench:site`. Nothing leaves the machine: the page is on
 * 127.0.0.1 and Lighthouse's own checks run offline.
 */
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./browser";

export interface LighthouseScores {
  /** Performance score, 0–100. */
  performance: number;
  totalBlockingTimeMs: number;
  timeToInteractiveMs: number;
  largestContentfulPaintMs: number;
  firstContentfulPaintMs: number;
  cumulativeLayoutShift: number;
  /** Main-thread work during the load (mainthread-work-breakdown, scaled by the simulated CPU slowdown): all of it, style and layout, script (evaluation, parse and compile). */
  mainThreadMs: number;
  styleLayoutMs: number;
  scriptMs: number;
}

/** A started Chromium for Lighthouse and the function that audits one URL in it. */
export async function startLighthouse(): Promise<{ audit(url: string): Promise<LighthouseScores>; close(): Promise<void> }> {
  const { launch } = await import("chrome-launcher");
  const { default: lighthouse } = await import("lighthouse");
  const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_ARGS.map((flag) => (flag === "--headless" ? "--headless=new" : flag)), logLevel: "silent" });
  return {
    async audit(url) {
      const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const value = (id: string) => Number(lhr.audits[id]?.numericValue ?? NaN);
      const work = ((lhr.audits["mainthread-work-breakdown"]?.details as { items?: Array<{ group: string; duration: number }> } | undefined)?.items ?? []);
      const workOf = (...groups: string[]) => work.filter((item) => groups.includes(item.group)).reduce((sum, item) => sum + item.duration, 0);
      return {
        performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
        totalBlockingTimeMs: value("total-blocking-time"),
        timeToInteractiveMs: value("interactive"),
        largestContentfulPaintMs: value("largest-contentful-paint"),
        firstContentfulPaintMs: value("first-contentful-paint"),
        cumulativeLayoutShift: value("cumulative-layout-shift"),
        mainThreadMs: value("mainthread-work-breakdown"),
        styleLayoutMs: workOf("styleLayout"),
        scriptMs: workOf("scriptEvaluation", "scriptParseCompile"),
      };
    },
    async close() {
      chrome.kill();
    },
  };
}
