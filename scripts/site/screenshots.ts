/**
 * Screenshots of built pages as a reader sees them, to look at by eye:
 *   tsx scripts/site/screenshots.ts --dir site --out /tmp/shots [--dark] [--full] page.html[#anchor] …
 * Each page at desktop (1280 px) and phone (375 px) width, after every plot is drawn.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { launchChromium, WAIT_FOR_DRAWN } from "./browser";
import { startSiteServer } from "./server";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const index = args.indexOf(name);
    return index === -1 ? undefined : args.splice(index, 2)[1];
  };
  const flag = (name: string) => {
    const index = args.indexOf(name);
    if (index !== -1) args.splice(index, 1);
    return index !== -1;
  };
  const dir = resolve(option("--dir") ?? "site");
  const out = resolve(option("--out") ?? "/tmp/lossbook-screenshots");
  const dark = flag("--dark");
  const full = flag("--full");
  const pages = args.length ? args : ["index.html"];
  mkdirSync(out, { recursive: true });
  const server = await startSiteServer({ dir });
  const browser = await launchChromium();
  try {
    for (const [name, width, height] of [["desktop", 1280, 900], ["phone", 375, 740]] as const) {
      const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme: dark ? "dark" : "light", reducedMotion: "reduce" });
      for (const pageName of pages) {
        // A fresh tab each time: going to another #anchor of the same page would only scroll, not load.
        const page = await context.newPage();
        page.on("console", (message) => {
          if (message.type() === "error" || message.type() === "warning") console.log(`  console ${message.type()}: ${message.text()}`);
        });
        await page.goto(server.url + pageName, { waitUntil: "load" });
        await page.evaluate(WAIT_FOR_DRAWN);
        // A full-page capture does not scroll, so content-visibility: auto would leave off-screen parts blank.
        if (full) await page.addStyleTag({ content: "* { content-visibility: visible !important; }" });
        const file = join(out, `${pageName.replace(/[^\w.-]+/g, "_").replace(/\.html/, "")}-${name}${dark ? "-dark" : ""}.png`);
        await page.screenshot({ path: file, fullPage: full });
        const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
        console.log(`${file} (scrollWidth ${scrollWidth})`);
        await page.close();
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
