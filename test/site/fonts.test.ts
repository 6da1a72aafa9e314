/**
 * The site's text fonts (scripts/site/fonts.ts) on the English site and on
 * its Chinese edition (zh/…, two chapters and the other pages):
 * every font file a page names exists and is served as woff2; each subset has
 * every character its rules promise and every character the page sets in it
 * (so no glyph falls back silently); in real Chromium the page's text is set
 * in those fonts, as the computed styles say (weight, italic, language), a
 * Chinese paragraph in the Noto Sans SC subset and Latin emphasis in Inter's
 * italic; and the fonts keep each page within its byte budget.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { chromiumAvailable, CHROMIUM_PATH, INSTALL_CHROMIUM_HINT, launchChromium, WAIT_FOR_DRAWN } from "../../scripts/site/browser";
import { CJK_FAMILY, fontCharacters, FULL_WIDTH_IN_CHINESE, isCjk, LATIN_FAMILY, pageCharacters, SOURCE_FONTS, textRuns, unicodeRange } from "../../scripts/site/fonts";
import { startSiteServer, type RunningSiteServer } from "../../scripts/site/server";
import { buildTestSite, type TestSite } from "./helpers";

/** A face as a page's inline rules declare it. */
interface DeclaredFace {
  family: string;
  style: string;
  weight: [number, number];
  url: string;
  characters: Set<string>;
}

function parseRange(range: string): Set<string> {
  const characters = new Set<string>();
  for (const part of range.split(",")) {
    const [from, to] = part.replace(/^U\+/i, "").split("-").map((hex) => parseInt(hex, 16));
    for (let point = from; point <= (to ?? from); point++) characters.add(String.fromCodePoint(point));
  }
  return characters;
}

function declaredFaces(html: string): DeclaredFace[] {
  const style = /<style>\n(@font-face[\s\S]*?)\n<\/style>/.exec(html)?.[1] ?? "";
  return [...style.matchAll(/@font-face\{([^}]*)\}/g)].map(([, body]) => {
    const value = (name: string) => new RegExp(`${name}:([^;]*)(;|$)`).exec(body)?.[1] ?? "";
    const [low, high] = value("font-weight").split(" ").map(Number);
    return {
      family: JSON.parse(value("font-family")) as string,
      style: value("font-style"),
      weight: [low, high ?? low],
      url: /url\(([^)]+)\)/.exec(body)![1],
      characters: parseRange(value("unicode-range")),
    };
  });
}

const fileCharacters = new Map<string, Promise<Set<string>>>();
function charactersOfFile(path: string): Promise<Set<string>> {
  if (!fileCharacters.has(path)) fileCharacters.set(path, fontCharacters(readFileSync(path)));
  return fileCharacters.get(path)!;
}

let english: TestSite;
/** The Chinese edition of the same build (zh/…): two chapters, one with the most formulas, one with the most prose, and the rest of its pages. */
let chinese: { dir: string; chinesePages: string[]; build: { pages: Array<{ file: string; figures: number }> } };
let sources: { interUpright: Set<string>; interItalic: Set<string>; cjkRegular: Set<string>; cjkBold: Set<string> };

beforeAll(async () => {
  english = await buildTestSite({ compress: true });
  const zhPages = english.result.zhPages.filter((page) => page.kind !== "404");
  chinese = { dir: english.dir, chinesePages: zhPages.filter((page) => /(05-huber|09-applications)/.test(page.file)).map((page) => page.file), build: { pages: zhPages } };
  sources = {
    interUpright: await fontCharacters(readFileSync(SOURCE_FONTS.interUpright())),
    interItalic: await fontCharacters(readFileSync(SOURCE_FONTS.interItalic())),
    cjkRegular: await fontCharacters(readFileSync(SOURCE_FONTS.cjkRegular())),
    cjkBold: await fontCharacters(readFileSync(SOURCE_FONTS.cjkBold())),
  };
}, 600_000);

afterAll(() => english?.remove());

const englishPages = () => english.result.pages.map((page) => page.file);
const readChinese = (file: string) => readFileSync(join(chinese.dir, file), "utf8");

describe("text fonts", () => {
  it("reads how a page sets its text: bold, italic, monospace and Chinese runs", () => {
    const runs = textRuns('<html lang="en"><body><h2>Huber <span class="title-zh" lang="zh-Hans">损失</span></h2><p>An <em>outlier</em> <code>x</code> &amp; 中文</p><script>no</script></body></html>');
    expect(runs).toEqual([
      { text: "Huber ", bold: true, italic: false, monospace: false, chinese: false },
      { text: "损失", bold: false, italic: false, monospace: false, chinese: true },
      { text: "An ", bold: false, italic: false, monospace: false, chinese: false },
      { text: "outlier", bold: false, italic: true, monospace: false, chinese: false },
      { text: "x", bold: false, italic: false, monospace: true, chinese: false },
      { text: " & 中文", bold: false, italic: false, monospace: false, chinese: false },
    ]);
    const sets = pageCharacters('<html lang="zh-Hans"><body><p>“损失”<em>要点</em><strong>粗</strong></p></body></html>');
    expect([...sets.cjkRegular].sort()).toEqual([..."“”损失要点"].sort());
    expect([...sets.cjkBold]).toEqual(["粗"]);
    expect(unicodeRange("abcx€")).toBe("U+61-63,U+78,U+20ac");
  });

  it("names for every page only font files that exist, are served as woff2 and hold every character their rules promise", async () => {
    const server: RunningSiteServer = await startSiteServer({ dir: english.dir });
    const chineseServer: RunningSiteServer = await startSiteServer({ dir: chinese.dir });
    try {
      for (const [site, dir, files, read] of [
        [server, english.dir, englishPages(), english.read],
        [chineseServer, chinese.dir, chinese.chinesePages, readChinese],
      ] as const) {
        for (const file of files) {
          const html = read(file);
          const faces = declaredFaces(html);
          expect(faces.filter((face) => face.family === LATIN_FAMILY).length, file).toBe(2);
          const preload = /<link rel="preload" href="([^"]+)" as="font"/.exec(html)?.[1];
          expect(faces.map((face) => face.url), file).toContain(preload);
          for (const face of faces) {
            // Relative to the page: zh/ pages name the shared fonts one folder up.
            const path = join(dir, dirname(file), face.url);
            expect(existsSync(path), `${file}: ${face.url}`).toBe(true);
            const response = await fetch(new URL(face.url, site.url + file));
            expect(response.status, `${file}: ${face.url}`).toBe(200);
            expect(response.headers.get("content-type"), face.url).toMatch(/font\/woff2/);
            const inFile = await charactersOfFile(path);
            const missing = [...face.characters].filter((character) => !inFile.has(character));
            expect(missing, `${file}: ${face.url} lacks characters of its unicode-range`).toEqual([]);
          }
        }
      }
    } finally {
      await server.close();
      await chineseServer.close();
    }
  }, 120_000);

  it("covers every character a page sets, in the face of its weight and style (English and Chinese pages)", () => {
    const pages: Array<[string, string]> = [...englishPages().map((file) => [file, english.read(file)] as [string, string]), ...chinese.chinesePages.map((file) => [file, readChinese(file)] as [string, string])];
    for (const [file, html] of pages) {
      const faces = declaredFaces(html);
      const covered = (family: string, style: string, weight: number) => {
        const set = new Set<string>();
        for (const face of faces) if (face.family.startsWith(family) && face.style === style && face.weight[0] <= weight && weight <= face.weight[1]) face.characters.forEach((character) => set.add(character));
        return set;
      };
      const sets = pageCharacters(html);
      const checks: Array<[string, Set<string>, Set<string>, Set<string>]> = [
        ["Inter upright", sets.latin, sources.interUpright, covered(LATIN_FAMILY, "normal", 400)],
        ["Inter italic", sets.latinItalic, sources.interItalic, covered(LATIN_FAMILY, "italic", 400)],
        ["Noto Sans SC regular", sets.cjkRegular, sources.cjkRegular, covered(CJK_FAMILY, "normal", 400)],
        ["Noto Sans SC bold", sets.cjkBold, sources.cjkBold, covered(CJK_FAMILY, "normal", 700)],
      ];
      for (const [name, used, inSource, inPage] of checks) {
        const missing = [...used].filter((character) => inSource.has(character) && !inPage.has(character));
        expect(missing, `${file}: characters set in ${name} but not in its subset`).toEqual([]);
      }
    }
    // The Chinese pages do set Chinese, in both weights.
    for (const file of chinese.chinesePages) {
      const sets = pageCharacters(readChinese(file));
      expect(sets.cjkRegular.size, file).toBeGreaterThan(400);
      expect(sets.cjkBold.size, file).toBeGreaterThan(20);
    }
  });
});

// Chromium is needed to see which fonts the page really uses; skipped only where it is not installed, unless REQUIRE_BROWSER=1 (CI) makes that a failure.
const available = chromiumAvailable() || process.env.REQUIRE_BROWSER === "1";
const required = process.env.REQUIRE_BROWSER === "1";
if (!available) console.warn(`${required ? "" : "Skipping the font browser tests: "}Chromium not found at ${CHROMIUM_PATH}: ${INSTALL_CHROMIUM_HINT}.`);
if (!available && required) {
  describe("text fonts in Chromium (required)", () => {
    it("needs Chromium because REQUIRE_BROWSER=1", () => {
      throw new Error(`REQUIRE_BROWSER=1 but Chromium is not at ${CHROMIUM_PATH}: ${INSTALL_CHROMIUM_HINT}`);
    });
  });
}

/** Per text character of the page: how Chromium sets it (computed style) — the browser's view, not fonts.ts's. */
const SET_CHARACTERS = `(() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, math, svg, .katex-mathml, .katex-html, .plotly-figure, .js-plotly-plot")) continue;
    const style = getComputedStyle(parent);
    const text = style.textTransform === "uppercase" ? node.data.toUpperCase() : node.data;
    for (const character of text) {
      if (/\\s/.test(character)) continue;
      out.push([character, Number(style.fontWeight), style.fontStyle, style.fontFamily.startsWith("ui-monospace"), !!parent.closest('[lang|="zh"]'), parent.tagName.toLowerCase() + (parent.className ? "." + String(parent.className).split(" ").join(".") : "")]);
    }
  }
  return out;
})()`;

describe.runIf(available)("text fonts in Chromium", () => {
  let browser: Browser;
  let englishServer: RunningSiteServer;
  let chineseServer: RunningSiteServer;

  beforeAll(async () => {
    browser = await launchChromium();
    englishServer = await startSiteServer({ dir: english.dir, compression: "gzip" });
    chineseServer = await startSiteServer({ dir: chinese.dir, compression: "gzip" });
  });

  afterAll(async () => {
    await browser?.close();
    await englishServer?.close();
    await chineseServer?.close();
  });

  async function open(url: string, width = 1280): Promise<{ page: Page; bytes: () => Promise<{ total: number; textFonts: number; cjk: number }> }> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const sizes: Array<Promise<[string, number]>> = [];
    page.on("requestfinished", (request) => sizes.push(request.sizes().then((size) => [request.url(), size.responseBodySize + size.responseHeadersSize] as [string, number]).catch(() => [request.url(), 0] as [string, number])));
    await page.goto(url, { waitUntil: "load" });
    await page.evaluate(WAIT_FOR_DRAWN);
    return {
      page,
      bytes: async () => {
        const all = await Promise.all(sizes);
        const sum = (filter: (url: string) => boolean) => all.filter(([requestUrl]) => filter(requestUrl)).reduce((total, [, bytes]) => total + bytes, 0);
        return { total: sum(() => true), textFonts: sum((requestUrl) => requestUrl.includes("/assets/fonts/")), cjk: sum((requestUrl) => requestUrl.includes("/assets/fonts/noto-sans-sc")) };
      },
    };
  }

  it("sets every character in a subset that has it, as Chromium's computed styles say (weight, italic, language)", async () => {
    const cases: Array<[RunningSiteServer, string, string, number]> = [
      [englishServer, "05-huber.html", english.read("05-huber.html"), 1280],
      [englishServer, "gallery.html", english.read("gallery.html"), 1280],
      [englishServer, "gallery.html", english.read("gallery.html"), 375],
      [englishServer, "index.html", english.read("index.html"), 1280],
      ...chinese.chinesePages.flatMap((file) => [1280, 375].map((width) => [chineseServer, file, readChinese(file), width] as [RunningSiteServer, string, string, number])),
    ];
    for (const [server, file, html, width] of cases) {
      const { page } = await open(server.url + file, width);
      // Open what a reader may open: the contents on phones, worked solutions.
      await page.evaluate(() => document.querySelectorAll("details").forEach((details) => ((details as HTMLDetailsElement).open = true)));
      const set = (await page.evaluate(SET_CHARACTERS)) as Array<[string, number, string, boolean, boolean, string]>;
      const faces = declaredFaces(html);
      const problems = new Set<string>();
      for (const [character, weight, style, monospace, inChinese, element] of set) {
        const toCjk = isCjk(character) || (inChinese && FULL_WIDTH_IN_CHINESE.includes(character));
        if (monospace && !toCjk) continue;
        const source = toCjk ? (weight >= 600 ? sources.cjkBold : sources.cjkRegular) : style === "italic" ? sources.interItalic : sources.interUpright;
        if (!source.has(character)) continue;
        const family = toCjk ? CJK_FAMILY : inChinese ? `${LATIN_FAMILY} zh` : LATIN_FAMILY;
        const face = faces.find((candidate) => candidate.family === family && candidate.style === (toCjk ? "normal" : style) && candidate.weight[0] <= weight && weight <= candidate.weight[1] && candidate.characters.has(character));
        if (!face) problems.add(`${character} (U+${character.codePointAt(0)!.toString(16)}) at weight ${weight} ${style}${inChinese ? " in Chinese" : ""} in <${element}>`);
      }
      expect([...problems], `${file} at ${width} px: characters Chromium sets that no subset of the page has`).toEqual([]);
      await page.context().close();
    }
  }, 300_000);

  it("draws a Chinese paragraph with the Noto Sans SC subset and Latin emphasis with Inter's italic (no CJK font on this machine)", async () => {
    const { page } = await open(chineseServer.url + chinese.chinesePages[0]);
    const client = await page.context().newCDPSession(page);
    await client.send("DOM.enable");
    await client.send("CSS.enable");
    const { root } = (await client.send("DOM.getDocument", { depth: -1 })) as { root: { nodeId: number } };
    const fontsOf = async (selector: string) => {
      const { nodeId } = (await client.send("DOM.querySelector", { nodeId: root.nodeId, selector })) as { nodeId: number };
      expect(nodeId, selector).toBeGreaterThan(0);
      return ((await client.send("CSS.getPlatformFontsForNode", { nodeId })) as { fonts: Array<{ familyName: string; isCustomFont: boolean; glyphCount: number }> }).fonts;
    };
    await page.evaluate(() => {
      const paragraph = Array.from(document.querySelectorAll("article p")).find((element) => /[\u4e00-\u9fff]{8}/.test(element.textContent ?? ""));
      paragraph?.setAttribute("data-test", "chinese-paragraph");
    });
    const paragraphFonts = await fontsOf('[data-test="chinese-paragraph"]');
    const cjkGlyphs = paragraphFonts.filter((font) => /Noto Sans SC/.test(font.familyName) && font.isCustomFont).reduce((sum, font) => sum + font.glyphCount, 0);
    expect(cjkGlyphs, JSON.stringify(paragraphFonts)).toBeGreaterThan(8);
    // Nothing of it falls to a system font (on this machine that would be a missing-glyph box).
    expect(paragraphFonts.filter((font) => !font.isCustomFont), JSON.stringify(paragraphFonts)).toEqual([]);
    // The glyphs are the font's: each ideograph one em wide, not the box of a missing glyph.
    const widths = await page.evaluate(async (family) => {
      await document.fonts.ready;
      const span = document.createElement("span");
      span.style.font = `32px "${family}"`;
      span.style.letterSpacing = "0";
      span.textContent = "损失函数";
      document.querySelector("article p")!.append(span);
      await document.fonts.load(`32px "${family}"`, "损失函数");
      const width = span.getBoundingClientRect().width;
      span.style.font = "32px monospace";
      return { webfont: width, fallback: span.getBoundingClientRect().width, check: document.fonts.check(`32px "${family}"`, "损失函数") };
    }, CJK_FAMILY);
    expect(widths.check).toBe(true);
    expect(widths.webfont).toBeCloseTo(128, 0);
    expect(Math.abs(widths.webfont - widths.fallback), JSON.stringify(widths)).toBeGreaterThan(8);
    await page.context().close();

    const englishPage = (await open(englishServer.url + "05-huber.html")).page;
    const englishClient = await englishPage.context().newCDPSession(englishPage);
    await englishClient.send("DOM.enable");
    await englishClient.send("CSS.enable");
    const englishRoot = ((await englishClient.send("DOM.getDocument", { depth: -1 })) as { root: { nodeId: number } }).root;
    const { nodeId } = (await englishClient.send("DOM.querySelector", { nodeId: englishRoot.nodeId, selector: "article p em" })) as { nodeId: number };
    const emFonts = ((await englishClient.send("CSS.getPlatformFontsForNode", { nodeId })) as { fonts: Array<{ familyName: string; postScriptName?: string; isCustomFont: boolean }> }).fonts;
    expect(await englishPage.evaluate(() => getComputedStyle(document.querySelector("article p em")!).fontStyle)).toBe("italic");
    expect(emFonts.some((font) => font.isCustomFont && /Inter/.test(font.familyName) && /Italic/i.test(`${font.postScriptName ?? ""} ${font.familyName}`)), JSON.stringify(emFonts)).toBe(true);
    await englishPage.context().close();
  }, 120_000);

  it("fetches at most 45 KB of Latin and 50 KB (English) or 170 KB (Chinese: the page, its navigation and the interface strings its scripts show) of CJK fonts per page, and no page is over its budget because of them", async () => {
    const budget = (figures: number) => (figures > 0 ? 700 : 150) * 1024;
    const rows: string[] = [];
    const pages = [
      ...english.result.pages.filter((page) => page.kind !== "404").map((page) => ({ server: englishServer, file: page.file, figures: page.figures, label: page.file })),
      ...chinese.build.pages.filter((page) => chinese.chinesePages.includes(page.file)).map((page) => ({ server: chineseServer, file: page.file, figures: page.figures, label: page.file })),
    ];
    for (const entry of pages) {
      const { page, bytes } = await open(entry.server.url + entry.file);
      const measured = await bytes();
      await page.context().close();
      rows.push(`${entry.label}: ${(measured.total / 1024).toFixed(1)} KB (text fonts ${(measured.textFonts / 1024).toFixed(1)}, of which CJK ${(measured.cjk / 1024).toFixed(1)})`);
      expect(measured.textFonts - measured.cjk, `${entry.label}: Latin fonts`).toBeLessThanOrEqual(45 * 1024);
      expect(measured.cjk, `${entry.label}: Chinese fonts`).toBeLessThanOrEqual((entry.label.startsWith("zh/") ? 170 : 50) * 1024);
      // Within budget, or over it without the text fonts too (the bytes are elsewhere).
      // The fonts' share of a page's budget is what the two caps above allow: a page must be within its
      // budget unless its other bytes alone already take more than the budget less that share.
      const share = (45 + (entry.label.startsWith("zh/") ? 170 : 50)) * 1024;
      const within = measured.total <= budget(entry.figures);
      const otherBytesOver = measured.total - measured.textFonts > budget(entry.figures) - share;
      expect(within || otherBytesOver, `${entry.label}: ${rows[rows.length - 1]}, budget ${budget(entry.figures) / 1024} KB`).toBe(true);
    }
    console.log(`page weights (gzip, this machine has no CJK font, so the CJK subsets are fetched):\n${rows.join("\n")}`);
  }, 300_000);
});
