/**
 * Until the site has its Chinese pages: the chapters with their Chinese prose
 * (notebooks/zh, translateNotebook) rendered by the site's own pipeline as
 * pages with <html lang="zh-Hans">, beside the English site, for the font
 * tests and `npm run bench:fonts`. Each page gets its fonts from fonts.ts,
 * exactly as the build gives them to the English pages.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { buildSite, listNotebooks, type BuildResult } from "./build";
import { precompress } from "./compress";
import { createSiteFonts, type SiteFonts } from "./fonts";
import { readTranslation, translateNotebook, translationPath } from "../translations";

export interface ChineseTestSite {
  /** The site folder (served as usual); the Chinese pages replace the chapters' English ones. */
  dir: string;
  build: BuildResult;
  fonts: SiteFonts;
  /** Page files whose prose is Chinese. */
  chinesePages: string[];
}

/** The font head the build put into a page: its preload and <style> (fonts.ts `headHtml`). */
const FONT_HEAD = /<link rel="preload" href="[^"]*assets\/fonts\/[^"]*" as="font"[^>]*>\n<style>\n[\s\S]*?\n<\/style>\n/;

/** Builds the site from the translated notebooks into `outDir` (default: a temp folder) and makes its pages Chinese. */
export async function buildChineseTestSite(options: { outDir?: string; cacheDir?: string; notebooks?: string[] } = {}): Promise<ChineseTestSite> {
  const work = mkdtempSync(join(tmpdir(), "lossbook-zh-test-"));
  mkdirSync(join(work, "notebooks"));
  const notebooks = (options.notebooks ?? listNotebooks()).map((path) => {
    const notebook = JSON.parse(readFileSync(path, "utf8"));
    const translation = readTranslation(translationPath(path, "zh"));
    const copy = join(work, "notebooks", basename(path));
    writeFileSync(copy, JSON.stringify(translation ? translateNotebook(notebook, translation, basename(path)) : notebook));
    return copy;
  });
  const build = await buildSite({ notebooks, outDir: options.outDir ?? join(work, "site"), cacheDir: options.cacheDir, compress: false });
  const chinesePages = build.pages.filter((page) => page.kind === "chapter").map((page) => page.file);
  const pages = chinesePages.map((file) => readFileSync(join(build.outDir, file), "utf8").replace(FONT_HEAD, "").replace('<html lang="en">', '<html lang="zh-Hans">'));
  const fonts = await createSiteFonts(pages, { cacheDir: options.cacheDir });
  for (const [index, file] of chinesePages.entries()) {
    const page = await fonts.forPage(pages[index], { language: "zh" });
    writeFileSync(join(build.outDir, file), pages[index].replace("</title>\n", `</title>\n${page.headHtml}\n`));
  }
  for (const file of fonts.files) {
    mkdirSync(join(build.outDir, "assets/fonts"), { recursive: true });
    writeFileSync(join(build.outDir, file.path), file.contents);
  }
  // The .gz/.br copies after the pages changed, so that the server sends what it sends for the real site.
  await precompress(build.outDir);
  return { dir: build.outDir, build, fonts, chinesePages };
}
