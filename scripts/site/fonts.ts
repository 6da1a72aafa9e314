/**
 * The site's text fonts, in one place: which characters each page sets in
 * which face, the build-time subsets (subset-font, HarfBuzz's hb-subset in
 * wasm) and the @font-face rules that name them.
 *
 * - Latin, Greek and symbols: Inter (inter-ui, the variable font with every
 *   weight in one file), upright and italic, subset to the characters the
 *   whole site sets in each (plus printable ASCII): two files a reader
 *   downloads once for every page.
 * - Chinese: the reader's own CJK font when there is one (the font stack names
 *   PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, Source
 *   Han Sans SC, WenQuanYi…), else Noto Sans SC (Google Fonts' static
 *   instances, @expo-google-fonts/noto-sans-sc) subset per page to the
 *   characters that page sets in a regular and in a bold weight. Its
 *   @font-face rules come last in the stack, try the same fonts by local()
 *   name first (Android has Noto Sans CJK but no family name for it), and carry
 *   a unicode-range of exactly their characters: a reader whose system has a
 *   CJK font downloads nothing. A second, site-wide regular subset covers
 *   Chinese that a page shows without having it in its HTML (search results
 *   from other pages); it is fetched only when such a character appears.
 *
 * Subsets are cached by content hash in node_modules/.cache/lossbook-site
 * (WOFF2 compression costs about a second per CJK file).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import subsetFont from "subset-font";

/** The language of a page (its <html lang>): "en" or "zh" (zh-Hans). */
export type PageLanguage = "en" | "zh";

/** One font file of the site: its path inside the site folder and its bytes. */
export interface FontFile {
  path: string;
  contents: Buffer;
}

/** What a page needs for its fonts. */
export interface PageFonts {
  /** For <head>: the <style> with the page's @font-face rules and the preload of the upright Latin font. */
  headHtml: string;
  /** The @font-face rules alone (inside headHtml). */
  css: string;
  /** Site-relative paths of the font files the rules name. */
  files: string[];
}

/** The fonts of a whole site: the files to write and each page's rules. */
export interface SiteFonts {
  files: FontFile[];
  /**
   * The fonts of one page, from its full HTML (as renderPage gave it, without
   * the font head). `language` defaults to the page's <html lang>; `root` is
   * the way from the page to the site's root ("" for index.html, "../" for
   * zh/index.html), since the rules sit in the page.
   */
  forPage(html: string, options?: { language?: PageLanguage; root?: string; extraText?: string }): Promise<PageFonts>;
  /** Every face of the site with its characters (for tests and the benchmark). */
  faces(): FaceInfo[];
  /** Milliseconds spent subsetting (0 when every subset came from the cache). */
  subsetMs(): number;
}

export interface FaceInfo {
  family: string;
  path: string;
  weight: string;
  style: "normal" | "italic";
  characters: string;
}

/** Where the fonts live inside the site folder. */
export const FONT_FOLDER = "assets/fonts";
/** The family names the stylesheet uses (site.css: --font-sans, --font-mono). */
export const LATIN_FAMILY = "Lossbook Inter";
export const CJK_FAMILY = "Lossbook Noto Sans SC";

const DEFAULT_CACHE_DIR = join(__dirname, "../../node_modules/.cache/lossbook-site/fonts");

function packageFile(name: string, file: string): string {
  return join(dirname(require.resolve(`${name}/package.json`)), file);
}

/** The source fonts: Inter 4 variable (wght and opsz axes), Noto Sans SC static 400 and 700. */
export const SOURCE_FONTS = {
  interUpright: () => packageFile("inter-ui", "variable/InterVariable.woff2"),
  interItalic: () => packageFile("inter-ui", "variable/InterVariable-Italic.woff2"),
  cjkRegular: () => packageFile("@expo-google-fonts/noto-sans-sc", "400Regular/NotoSansSC_400Regular.ttf"),
  cjkBold: () => packageFile("@expo-google-fonts/noto-sans-sc", "700Bold/NotoSansSC_700Bold.ttf"),
};

/**
 * How each font is cut (measured in README: Inter on 140 characters is 82 KB
 * whole, 52 KB with opsz pinned, 37 KB with weights 400–700 only, 21.5 KB with
 * only the OpenType features the site uses). The site sets weights 400 to 700
 * and tabular figures; opsz 14 is Inter's text size, as @fontsource's files had.
 */
const INTER_CUT = {
  variationAxes: { opsz: 14, wght: { min: 400, max: 700 } },
  keepFeatures: ["rvrn", "ccmp", "locl", "mark", "mkmk", "kern", "liga", "calt", "tnum"],
};
/** Noto Sans SC: the default features plus halt/chws, which Chrome's text-spacing-trim uses on CJK punctuation. */
const CJK_CUT = { keepFeatures: ["ccmp", "locl", "mark", "mkmk", "kern", "liga", "calt", "halt", "chws", "vhal", "vchw", "vert"] };
const CUT_OF = (source: string) => (source.includes("inter-ui") ? INTER_CUT : CJK_CUT);

/**
 * The local() names tried before the CJK webfont: full and PostScript names
 * of the system CJK fonts of macOS, Windows, Android, Linux (regular; bold).
 */
const LOCAL_CJK = {
  regular: ["PingFang SC Regular", "PingFangSC-Regular", "Hiragino Sans GB W3", "HiraginoSansGB-W3", "Microsoft YaHei", "Noto Sans CJK SC Regular", "NotoSansCJKsc-Regular", "Noto Sans CJK SC", "Source Han Sans SC Regular", "SourceHanSansSC-Regular", "WenQuanYi Micro Hei"],
  bold: ["PingFang SC Semibold", "PingFangSC-Semibold", "Hiragino Sans GB W6", "HiraginoSansGB-W6", "Microsoft YaHei Bold", "Noto Sans CJK SC Bold", "NotoSansCJKsc-Bold", "Source Han Sans SC Bold", "SourceHanSansSC-Bold"],
};

/** Chinese (and CJK) characters: the CJK font's part of the text, never Inter's. */
const CJK_PATTERN = /[\u2e80-\u2fdf\u3000-\u303f\u3100-\u312f\u31c0-\u9fff\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3134f}]/u;
/**
 * Punctuation that Chinese text sets full width (“” ‘’ … — ·): in a zh
 * context these go to the CJK font (site.css: the zh stack starts with a
 * Latin family whose range leaves them out).
 */
export const FULL_WIDTH_IN_CHINESE = "“”‘’…—·";

export function isCjk(character: string): boolean {
  return CJK_PATTERN.test(character);
}

/** One run of text and how the page sets it. */
export interface TextRun {
  text: string;
  bold: boolean;
  italic: boolean;
  monospace: boolean;
  chinese: boolean;
}

const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
/** Elements set bold by the browser or site.css (font-weight ≥ 600), by tag. */
const BOLD_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "th", "dt", "summary"]);
/** Classes site.css sets at weight 600 or more (the browser test checks this list against computed styles). */
const BOLD_CLASSES = ["site-title", "skip-link", "search-result-title", "output-error-title", "cell-label", "download-link", "button", "toc-title"];
/** Classes that bring a bold context back to a regular weight (≤ 500). */
const REGULAR_CLASSES = ["site-title-zh", "heading-anchor"];
/** A Chinese title (.title-zh) is set at 400–500 inside these (site.css); elsewhere (a button) it keeps its parent's weight. */
const REGULAR_TITLE_CONTEXTS = { tags: ["h1", "h2", "h3"], classes: ["chapter-list", "toc-title"] };
/** Classes set bold on wide screens and regular on phones (site.css media queries): both faces. */
const BOTH_WEIGHT_CLASSES = ["loss-table-zh"];
const ITALIC_TAGS = new Set(["em", "i", "cite", "var", "dfn", "address"]);
const MONOSPACE_TAGS = new Set(["code", "pre", "kbd", "samp", "tt"]);
/** Content that is not text the page sets: scripts, styles, MathML (KaTeX's hidden copy of each formula). */
const SKIPPED_TAGS = new Set(["script", "style", "math", "svg", "template", "noscript", "title", "head"]);

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&nbsp;/g, "\u00a0")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

interface OpenElement {
  tag: string;
  bold: boolean;
  bothWeights: boolean;
  regularTitles: boolean;
  italic: boolean;
  monospace: boolean;
  chinese: boolean;
  skipped: boolean;
}

/**
 * The page's text as the browser sets it, run by run: bold (weight ≥ 600),
 * italic, monospace, Chinese (lang="zh…"), from the tags and the classes of
 * site.css (KaTeX's own glyphs count too: they are set in KaTeX's fonts and
 * ignored by the Latin subset only when they are inside .katex-html).
 * Text of placeholder attributes counts as regular text.
 */
export function textRuns(html: string, language: PageLanguage = languageOf(html)): TextRun[] {
  const runs: TextRun[] = [];
  const root: OpenElement = { tag: "#root", bold: false, bothWeights: false, regularTitles: false, italic: false, monospace: false, chinese: language === "zh", skipped: false };
  const stack: OpenElement[] = [root];
  // Attribute values the site writes never hold a raw ">" (markdown-it, shiki and KaTeX escape it).
  const tagPattern = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g;
  let last = 0;
  const pushText = (raw: string) => {
    const top = stack[stack.length - 1];
    if (top.skipped || raw.trim() === "") return;
    runs.push({ text: decodeEntities(raw), bold: top.bold, italic: top.italic, monospace: top.monospace, chinese: top.chinese });
    if (top.bothWeights) runs.push({ text: decodeEntities(raw), bold: !top.bold, italic: top.italic, monospace: top.monospace, chinese: top.chinese });
  };
  for (let match = tagPattern.exec(html); match; match = tagPattern.exec(html)) {
    pushText(html.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[0].startsWith("<!--")) continue;
    const [, closing, rawTag, attributes] = match;
    const tag = rawTag.toLowerCase();
    // Raw text (a script's JSON, a style sheet) is not text the page sets: jump to its end tag.
    if (!closing && (tag === "script" || tag === "style")) {
      const end = html.indexOf(`</${tag}`, last);
      last = end === -1 ? html.length : end;
      tagPattern.lastIndex = last;
      continue;
    }
    if (closing) {
      const at = stack.map((element) => element.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const parent = stack[stack.length - 1];
    const classes = /\bclass\s*=\s*"([^"]*)"/.exec(attributes)?.[1].split(/\s+/) ?? [];
    const lang = /\blang\s*=\s*"([^"]*)"/.exec(attributes)?.[1];
    const chinese = lang === undefined ? parent.chinese : /^zh\b/i.test(lang);
    const placeholder = /\bplaceholder\s*=\s*"([^"]*)"/.exec(attributes)?.[1];
    if (placeholder && !parent.skipped) runs.push({ text: decodeEntities(placeholder), bold: false, italic: false, monospace: false, chinese });
    const element: OpenElement = {
      tag,
      bold: REGULAR_CLASSES.some((name) => classes.includes(name)) || (parent.regularTitles && classes.includes("title-zh")) ? false : parent.bold || BOLD_TAGS.has(tag) || BOLD_CLASSES.some((name) => classes.includes(name)) || (tag === "a" && /\baria-current=/.test(attributes)),
      bothWeights: parent.bothWeights || BOTH_WEIGHT_CLASSES.some((name) => classes.includes(name)),
      regularTitles: parent.regularTitles || REGULAR_TITLE_CONTEXTS.tags.includes(tag) || REGULAR_TITLE_CONTEXTS.classes.some((name) => classes.includes(name)),
      // Chinese has no italic (site.css sets em:lang(zh) upright).
      italic: (parent.italic || ITALIC_TAGS.has(tag)) && !chinese,
      monospace: parent.monospace || MONOSPACE_TAGS.has(tag),
      chinese,
      skipped: parent.skipped || SKIPPED_TAGS.has(tag) || classes.includes("katex-mathml"),
    };
    if (VOID_ELEMENTS.has(tag) || attributes.trimEnd().endsWith("/")) continue;
    stack.push(element);
  }
  pushText(html.slice(last));
  return runs;
}

/** The page's language from <html lang>: "zh" for zh, zh-Hans…, else "en". */
export function languageOf(html: string): PageLanguage {
  return /<html[^>]*\blang="zh/i.test(html) ? "zh" : "en";
}

/** The characters a page sets in each face: Latin upright and italic, CJK regular and bold. */
export interface PageCharacters {
  latin: Set<string>;
  latinItalic: Set<string>;
  cjkRegular: Set<string>;
  cjkBold: Set<string>;
}

export function pageCharacters(html: string, language?: PageLanguage): PageCharacters {
  const sets: PageCharacters = { latin: new Set(), latinItalic: new Set(), cjkRegular: new Set(), cjkBold: new Set() };
  // The runs' text joined per way of setting it, then each distinct character once.
  const buckets = new Map<string, { run: TextRun; texts: string[] }>();
  for (const run of textRuns(html, language)) {
    const key = `${+run.bold}${+run.italic}${+run.monospace}${+run.chinese}`;
    if (!buckets.has(key)) buckets.set(key, { run, texts: [] });
    buckets.get(key)!.texts.push(run.text);
  }
  for (const { run, texts } of buckets.values()) {
    for (const character of new Set(texts.join(""))) {
      if (/\s/.test(character)) continue;
      const toCjk = isCjk(character) || (run.chinese && FULL_WIDTH_IN_CHINESE.includes(character));
      if (toCjk) (run.bold ? sets.cjkBold : sets.cjkRegular).add(character);
      else if (!run.monospace) (run.italic ? sets.latinItalic : sets.latin).add(character);
    }
  }
  return sets;
}

/** Printable ASCII and the emphasis dot (着重号, site.css): always in both Inter subsets, for text the browser code writes. */
const ASCII = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join("") + "•";

/** One HarfBuzz call at a time: overlapping calls into its wasm module returned an empty cmap. */
let harfbuzzQueue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const result = harfbuzzQueue.then(task, task);
  harfbuzzQueue = result.catch(() => undefined);
  return result;
}

/** The Unicode code points a font maps (its cmap), via HarfBuzz. */
export function fontCharacters(font: Buffer): Promise<Set<string>> {
  return oneAtATime(async () => {
    const [hb, fontverter] = await Promise.all([import("harfbuzzjs"), import("fontverter")]);
    const sfnt = await fontverter.convert(font, "sfnt");
    const face = new hb.Face(new hb.Blob(new Uint8Array(sfnt).buffer));
    const characters = new Set(Array.from(face.collectUnicodes(), (codePoint) => String.fromCodePoint(codePoint)));
    return characters;
  });
}

/** A CSS unicode-range listing exactly these characters, merged into ranges. */
export function unicodeRange(characters: Iterable<string>): string {
  const points = [...new Set([...characters].map((character) => character.codePointAt(0)!))].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let index = 0; index < points.length; ) {
    let end = index;
    while (end + 1 < points.length && points[end + 1] === points[end] + 1) end++;
    const hex = (point: number) => point.toString(16);
    ranges.push(end === index ? `U+${hex(points[index])}` : `U+${hex(points[index])}-${hex(points[end])}`);
    index = end + 1;
  }
  return ranges.join(",");
}

interface Subsetter {
  subset(source: string, characters: Set<string>, name: string): Promise<{ path: string; characters: string } | undefined>;
  files: Map<string, FontFile>;
  milliseconds: number;
}

/** Sorted characters of `characters` that `source` has, subset to WOFF2, cached by hash of font and characters. */
function createSubsetter(cacheDir: string): Subsetter {
  const sources = new Map<string, Promise<{ bytes: Buffer; hash: string; characters: Set<string> }>>();
  const files = new Map<string, FontFile>();
  const state = { milliseconds: 0 };
  const load = (source: string) => {
    if (!sources.has(source)) {
      sources.set(
        source,
        (async () => {
          // The font's cmap is cached too: reading it from a 10 MB CJK font takes a second.
          const bytes = readFileSync(source);
          const hash = createHash("sha256").update(bytes).digest("hex");
          const cmapFile = join(cacheDir, `cmap-${hash.slice(0, 16)}.txt`);
          if (existsSync(cmapFile)) return { bytes, hash, characters: new Set([...readFileSync(cmapFile, "utf8")]) };
          const characters = await fontCharacters(bytes);
          mkdirSync(cacheDir, { recursive: true });
          writeFileSync(cmapFile, [...characters].join(""));
          return { bytes, hash, characters };
        })(),
      );
    }
    return sources.get(source)!;
  };
  return {
    files,
    get milliseconds() {
      return state.milliseconds;
    },
    async subset(source, wanted, name) {
      const font = await load(source);
      const characters = [...wanted].filter((character) => font.characters.has(character)).sort().join("");
      if (characters === "") return undefined;
      const cut = CUT_OF(source);
      const key = createHash("sha256").update(font.hash).update("\0").update(JSON.stringify(cut)).update("\0").update(characters).digest("hex");
      const cacheFile = join(cacheDir, `${key}.woff2`);
      let contents: Buffer;
      if (existsSync(cacheFile)) contents = readFileSync(cacheFile);
      else {
        contents = await oneAtATime(async () => {
          const started = performance.now();
          const subset = await subsetFont(font.bytes, characters, { targetFormat: "woff2", ...cut });
          state.milliseconds += performance.now() - started;
          return subset;
        });
        mkdirSync(cacheDir, { recursive: true });
        writeFileSync(cacheFile, contents);
      }
      const path = `${FONT_FOLDER}/${name}-${key.slice(0, 10)}.woff2`;
      files.set(path, { path, contents });
      return { path, characters };
    },
  };
}

function fontFace(face: FaceInfo, local: string[], relativeTo: string): string {
  const sources = [...local.map((name) => `local(${JSON.stringify(name)})`), `url(${relativeTo}${face.path}) format("woff2")`].join(",");
  return `@font-face{font-family:${JSON.stringify(face.family)};font-style:${face.style};font-weight:${face.weight};font-display:swap;src:${sources};unicode-range:${unicodeRange(face.characters)}}`;
}

export interface SiteFontsOptions {
  cacheDir?: string;
  /** Text the pages show that is not in their HTML (interface strings the browser code writes). */
  extraText?: string;
}

/**
 * The fonts of a site whose pages are `pages` (their full HTML): the two
 * site-wide Inter subsets and the site-wide CJK subset are made here; each
 * page's own CJK subsets when `forPage` is called.
 */
export async function createSiteFonts(pages: string[], options: SiteFontsOptions = {}): Promise<SiteFonts> {
  const subsetter = createSubsetter(options.cacheDir ? join(options.cacheDir, "fonts") : DEFAULT_CACHE_DIR);
  // Each page's text is read once, here, and again by forPage only if the page changed since.
  const read = new Map<string, PageCharacters>();
  const pageCharactersOnce = (html: string, language?: PageLanguage) => {
    const key = `${language ?? ""}\0${html}`;
    if (!read.has(key)) read.set(key, pageCharacters(html, language));
    return read.get(key)!;
  };
  const all: PageCharacters = { latin: new Set(ASCII), latinItalic: new Set(ASCII), cjkRegular: new Set(), cjkBold: new Set() };
  for (const html of [...pages, `<p>${options.extraText ?? ""}</p>`]) {
    const sets = pageCharactersOnce(html);
    sets.latin.forEach((character) => all.latin.add(character));
    sets.latinItalic.forEach((character) => all.latinItalic.add(character));
    sets.cjkRegular.forEach((character) => all.cjkRegular.add(character));
    sets.cjkBold.forEach((character) => all.cjkRegular.add(character));
  }
  const faces: FaceInfo[] = [];
  const [upright, italic, cjkSite] = await Promise.all([
    subsetter.subset(SOURCE_FONTS.interUpright(), all.latin, "inter"),
    subsetter.subset(SOURCE_FONTS.interItalic(), all.latinItalic, "inter-italic"),
    subsetter.subset(SOURCE_FONTS.cjkRegular(), all.cjkRegular, "noto-sans-sc-site"),
  ]);
  if (!upright || !italic) throw new Error("fonts: the Inter subsets are empty");
  const latinFaces: FaceInfo[] = [
    { family: LATIN_FAMILY, path: upright.path, weight: "400 700", style: "normal", characters: upright.characters },
    { family: LATIN_FAMILY, path: italic.path, weight: "400 700", style: "italic", characters: italic.characters },
  ];
  // The same files for Chinese text, without the punctuation Chinese sets full width.
  const latinInChinese = latinFaces.map((face) => ({ ...face, family: `${LATIN_FAMILY} zh`, characters: [...face.characters].filter((character) => !FULL_WIDTH_IN_CHINESE.includes(character)).join("") }));
  // Declared with the page faces' two weight ranges, so that weight matching never prefers it to them.
  const siteCjk: FaceInfo[] = cjkSite
    ? ["100 500", "600 900"].map((weight) => ({ family: CJK_FAMILY, path: cjkSite.path, weight, style: "normal" as const, characters: cjkSite.characters }))
    : [];
  faces.push(...latinFaces, ...siteCjk);

  return {
    get files() {
      return [...subsetter.files.values()];
    },
    faces: () => faces,
    subsetMs: () => subsetter.milliseconds,
    async forPage(html, { language, root = "", extraText } = {}) {
      // The page's text, and the interface text its scripts may show in it (buttons' states, messages).
      const own = pageCharactersOnce(html, language);
      const extra = extraText ? pageCharactersOnce(`<p>${extraText}</p>`, language) : undefined;
      const sets: PageCharacters = extra
        ? { latin: own.latin, latinItalic: own.latinItalic, cjkRegular: new Set([...own.cjkRegular, ...extra.cjkRegular]), cjkBold: new Set([...own.cjkBold, ...extra.cjkRegular, ...extra.cjkBold]) }
        : own;
      const [regular, bold] = await Promise.all([
        subsetter.subset(SOURCE_FONTS.cjkRegular(), sets.cjkRegular, "noto-sans-sc"),
        subsetter.subset(SOURCE_FONTS.cjkBold(), sets.cjkBold, "noto-sans-sc-bold"),
      ]);
      const pageCjk: FaceInfo[] = [
        ...(regular ? [{ family: CJK_FAMILY, path: regular.path, weight: "100 500", style: "normal" as const, characters: regular.characters }] : []),
        ...(bold ? [{ family: CJK_FAMILY, path: bold.path, weight: "600 900", style: "normal" as const, characters: bold.characters }] : []),
      ];
      for (const face of pageCjk) if (!faces.some((known) => known.path === face.path && known.weight === face.weight)) faces.push(face);
      // Later rules win where ranges overlap: the site-wide CJK face first, the page's own after it.
      const local = (face: FaceInfo) => (face.weight === "600 900" ? LOCAL_CJK.bold : LOCAL_CJK.regular);
      // The site-wide face covers only what the page's own faces do not: Chromium fetches every
      // face whose range meets the text, so overlapping ranges would fetch both files.
      const onPage = new Set([...(regular?.characters ?? ""), ...(bold?.characters ?? "")]);
      const siteRest = siteCjk
        .map((face) => ({ ...face, characters: [...face.characters].filter((character) => !onPage.has(character)).join("") }))
        .filter((face) => face.characters !== "");
      const rules = [
        ...latinFaces.map((face) => fontFace(face, [], root)),
        ...latinInChinese.map((face) => fontFace(face, [], root)),
        ...siteRest.map((face) => fontFace(face, local(face), root)),
        ...pageCjk.map((face) => fontFace(face, local(face), root)),
      ];
      const css = rules.join("\n");
      // Only the upright Latin font is preloaded: nearly every page sets text in it first. The
      // CJK fonts are not, since most readers have a CJK font of their own and download none.
      const headHtml = `<link rel="preload" href="${root}${upright.path}" as="font" type="font/woff2" crossorigin>\n<style>\n${css}\n</style>`;
      return { headHtml, css, files: [...new Set([upright.path, italic.path, ...siteRest.map((face) => face.path), ...pageCjk.map((face) => face.path)])] };
    },
  };
}
