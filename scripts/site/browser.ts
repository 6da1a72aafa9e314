/**
 * Headless Chromium for the browser tests, the benchmark and screenshots:
 * Debian's /usr/bin/chromium driven by playwright-core (never a downloaded
 * browser), with the flags of CONTRACTS.md.
 */
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

export const INSTALL_CHROMIUM_HINT = "install it with `apt-get install chromium` (Debian/Ubuntu), or point CHROMIUM_PATH at a Chromium binary";

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable()) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: ${INSTALL_CHROMIUM_HINT}`);
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * In the page: asks for every plot to be drawn now (plots are otherwise drawn
 * as they come into view) and resolves when fonts are loaded and every plot
 * is drawn (plots.js sets the flag).
 */
export const WAIT_FOR_DRAWN = `new Promise((resolve) => {
  const done = () => document.fonts.ready.then(() => resolve(performance.now()));
  const start = () => {
    if (document.documentElement.dataset.figuresDrawn === "true") return done();
    window.addEventListener("lossbook:drawn", done, { once: true });
    window.dispatchEvent(new Event("lossbook:draw-all"));
  };
  // Module scripts run after parsing: wait for them before asking.
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
})`;

/** In the page: resolves when fonts and the figures in the first screen are drawn. */
export const WAIT_FOR_VIEW_DRAWN = `new Promise((resolve) => {
  const check = () => {
    if (document.documentElement.dataset.viewDrawn === "true") resolve(performance.getEntriesByName("lossbook:view-drawn")[0]?.startTime ?? performance.now());
    else setTimeout(check, 10);
  };
  check();
})`;

/**
 * In the page: resolves when scroll-regions.js has looked at every box that
 * may scroll sideways (those in sections skipped off screen are looked at in
 * idle time after load), so each one that scrolls is marked and focusable.
 */
export const WAIT_FOR_SCROLL_REGIONS = `new Promise((resolve) => {
  const check = () => (document.documentElement.dataset.scrollRegions === "checked" ? resolve(performance.now()) : setTimeout(check, 20));
  check();
})`;
