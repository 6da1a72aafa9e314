/**
 * `npm run bench:fonts`: the text fonts per page, measured. Builds the site
 * and prints, per chapter of its Chinese edition (zh/…): Chinese characters (all and
 * distinct), the Noto Sans SC subsets fonts.ts gives the page (regular, bold,
 * KB woff2), how many unicode-range slices and KB @fontsource-variable/noto-sans-sc
 * would fetch for the same characters (only when that package is installed:
 * `npm i --no-save @fontsource-variable/noto-sans-sc`), and the page's bytes in
 * Chromium (gzip, every plot drawn, cold cache) as this machine fetches them
 * (no CJK font here, so the subsets are fetched) and without the CJK fonts (a
 * reader whose system has one). --cold subsets into an empty cache and reports the time.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { launchChromium, WAIT_FOR_DRAWN } from "./site/browser";
import { buildSite } from "./site/build";
import { isCjk, pageCharacters } from "./site/fonts";
import { startSiteServer } from "./site/server";

const kilobytes = (bytes: number) => (bytes / 1024).toFixed(1);

function fontsourceSlices(): Array<{ bytes: number; ranges: Array<[number, number]> }> | undefined {
  let dir: string;
  try {
    dir = dirname(require.resolve("@fontsource-variable/noto-sans-sc/package.json"));
  } catch {
    return undefined;
  }
  const css = readFileSync(join(dir, "wght.css"), "utf8");
  return [...css.matchAll(/url\(\.\/files\/([^)]+)\)[^}]*unicode-range: ([^;]+);/g)].map((match) => ({
    bytes: readFileSync(join(dir, "files", match[1])).length,
    ranges: match[2].split(",").map((range) => {
      const [from, to] = range.trim().replace(/^U\+/i, "").split("-");
      return [parseInt(from, 16), parseInt(to ?? from, 16)] as [number, number];
    }),
  }));
}

async function main(): Promise<void> {
  const cold = process.argv.includes("--cold");
  const cacheDir = cold ? mkdtempSync(join(tmpdir(), "lossbook-fonts-cache-")) : undefined;
  console.log(`load average at start: ${loadavg().map((load) => load.toFixed(1)).join(" ")}`);
  const started = performance.now();
  const outDir = mkdtempSync(join(tmpdir(), "lossbook-fonts-site-"));
  const build = await buildSite({ outDir, cacheDir, compress: false });
  const site = { dir: outDir, build: { pages: build.zhPages }, chinesePages: build.zhPages.filter((page) => page.kind === "chapter").map((page) => page.file), fonts: { subsetMs: () => build.fonts.subsetMs } };
  console.log(`Site with its Chinese edition built in ${((performance.now() - started) / 1000).toFixed(1)} s; subsetting took ${(site.fonts.subsetMs() / 1000).toFixed(1)} s (0: all from the cache)`);
  const slices = fontsourceSlices();
  const server = await startSiteServer({ dir: site.dir, compression: "gzip" });
  const browser = await launchChromium();
  const rows: string[] = [];
  try {
    for (const page of site.build.pages.filter((entry) => site.chinesePages.includes(entry.file))) {
      const html = readFileSync(join(site.dir, page.file), "utf8");
      const text = html.replace(/<(script|style|annotation)[\s\S]*?<\/\1>/g, " ").replace(/<[^>]+>/g, " ");
      const total = [...text].filter((character) => /[\u3400-\u9fff]/.test(character)).length;
      const sets = pageCharacters(html);
      const distinct = new Set([...sets.cjkRegular, ...sets.cjkBold].filter((character) => /[\u3400-\u9fff]/.test(character))).size;
      const faces = [...html.matchAll(/url\((?:\.\.\/)?(assets\/fonts\/noto-sans-sc-(bold-)?[0-9a-f]+\.woff2)\)/g)].map((match) => match[1]);
      const size = (path: string | undefined) => (path && existsSync(join(site.dir, path)) ? readFileSync(join(site.dir, path)).length : 0);
      const regular = size(faces.find((path) => !path.includes("bold")));
      const bold = size(faces.find((path) => path.includes("bold")));
      let sliceColumns = "n/a | n/a";
      if (slices) {
        const cjk = [...sets.cjkRegular, ...sets.cjkBold].filter(isCjk).map((character) => character.codePointAt(0)!);
        const touched = slices.filter((slice) => cjk.some((point) => slice.ranges.some(([from, to]) => point >= from && point <= to)));
        sliceColumns = `${touched.length} | ${kilobytes(touched.reduce((sum, slice) => sum + slice.bytes, 0))}`;
      }
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const tab = await context.newPage();
      const sizes: Array<Promise<[string, number]>> = [];
      tab.on("requestfinished", (request) => sizes.push(request.sizes().then((s) => [request.url(), s.responseBodySize + s.responseHeadersSize] as [string, number]).catch(() => [request.url(), 0] as [string, number])));
      await tab.goto(server.url + page.file, { waitUntil: "load" });
      await tab.evaluate(WAIT_FOR_DRAWN);
      const fetched = await Promise.all(sizes);
      await context.close();
      const all = fetched.reduce((sum, [, bytes]) => sum + bytes, 0);
      const cjkBytes = fetched.filter(([url]) => url.includes("/assets/fonts/noto-sans-sc")).reduce((sum, [, bytes]) => sum + bytes, 0);
      const latinBytes = fetched.filter(([url]) => url.includes("/assets/fonts/inter")).reduce((sum, [, bytes]) => sum + bytes, 0);
      const budget = page.figures > 0 ? 700 : 150;
      rows.push(`| ${page.file.replace(/\.html$/, "").replace(/^zh\//, "")} | ${total} | ${distinct} | ${sliceColumns} | ${kilobytes(regular)} | ${kilobytes(bold)} | ${kilobytes(latinBytes)} | ${kilobytes(all)} | ${kilobytes(all - cjkBytes)} | ${budget} |`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log("\n| chapter (zh) | Chinese characters | distinct | (b) fontsource slices | (b) KB | (c) regular KB | (c) bold KB | Inter KB | page KB gzip, webfont | page KB gzip, system CJK font | budget KB |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  console.log(rows.join("\n"));
  console.log(`\nload average at end: ${loadavg().map((load) => load.toFixed(1)).join(" ")}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
