/**
 * The page shell shared by every page: head (only the CSS/JS the page
 * needs), skip link, header, the chapter navigation with the current page's
 * outline, main content, footer. All URLs are relative, so the site works
 * from any sub-path.
 */
import { escapeHtml } from "./html";
import type { Heading } from "./markdown";
import { alternateLinks, languageSwitch, relocateSharedUrls } from "./editions";
import { HTML_LANG, THEME_STORAGE_KEY, uiStrings, type SiteLanguage } from "./ui-strings";

export const SITE_NAME = "Loss Functions Workbook";
export const SITE_NAME_ZH = "损失函数原理与代码实战";

/** The site's name in a language (the <title> suffix, the index's title). */
export function siteName(language: SiteLanguage): string {
  return language === "zh" ? SITE_NAME_ZH : SITE_NAME;
}

/** URLs of the shared assets (relative, with a content hash for caching). */
export interface AssetUrls {
  css: string;
  js: string;
  katexCss: string;
  plotly: string;
  favicon: string;
}

/** One entry of the chapter navigation. */
export interface NavEntry {
  href: string;
  /** Inline HTML of the label. */
  labelHtml: string;
}

export interface PageOptions {
  /** File name of the page in the site folder ("05-huber.html"). */
  fileName: string;
  /** Text of <title> (the site name is appended). */
  title: string;
  description: string;
  /** The page's main content (starts with its h1). */
  mainHtml: string;
  /** Headings of the page for the outline (level 2 and 3 are shown). */
  outline: Heading[];
  /** Loads KaTeX's stylesheet (set when the page has math). */
  hasMath: boolean;
  /** Loads plotly.js (set when the page has figures). */
  hasFigures: boolean;
  /** Extra class on <body>. */
  bodyClass?: string;
  /** The page's fonts: preload and @font-face rules (fonts.ts `SiteFonts.forPage`, filled in by the build). */
  fontsHtml?: string;
  /** Extra elements for <head> after the site's stylesheet (the workbook's loader: workbook.ts). */
  headHtml?: string;
  /**
   * The page's language (default "en"): its <html lang>, interface strings, the
   * language switch and hreflang links, and its folder (editions.ts: zh/ for Chinese).
   */
  language?: SiteLanguage;
}

export interface SiteShell {
  assets: AssetUrls;
  navigation: NavEntry[];
}

/** Applies the reader's stored theme choice before the first paint (theme.js keeps it). */
const THEME_SCRIPT = `<script>try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==="light"||t==="dark")document.documentElement.setAttribute("data-theme",t)}catch(e){}</script>`;

export function renderPage(page: PageOptions, shell: SiteShell): string {
  const { assets } = shell;
  const language = page.language ?? "en";
  const strings = uiStrings(language);
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(page.title === siteName(language) ? page.title : `${page.title} · ${siteName(language)}`)}</title>`,
    `<meta name="description" content="${escapeHtml(page.description)}">`,
    ...alternateLinks(language, page.fileName),
    THEME_SCRIPT,
    `<link rel="icon" href="${assets.favicon}" type="image/svg+xml">`,
    page.fontsHtml ?? "",
    page.hasMath ? `<link rel="stylesheet" href="${assets.katexCss}">` : "",
    // The two KaTeX fonts nearly every formula uses, fetched before layout asks for them.
    ...katexFontsToPreload(page.mainHtml).map((font) => `<link rel="preload" href="assets/katex/fonts/${font}" as="font" type="font/woff2" crossorigin>`),
    `<link rel="stylesheet" href="${assets.css}">`,
    page.headHtml ?? "",
    // plots.js fetches plotly.js (the largest file) when a figure comes near the screen.
    page.hasFigures ? `<meta name="lossbook-plotly" content="${assets.plotly}">` : "",
    `<script type="module" src="${assets.js}"></script>`,
  ].filter(Boolean);

  const html = `<!doctype html>
<html lang="${HTML_LANG[language]}">
<head>
${head.join("\n")}
</head>
<body class="${page.bodyClass ?? ""}">
<a class="skip-link" href="#content">${escapeHtml(strings.skipToContent)}</a>
${renderHeader(language, page.fileName)}
<div class="layout">
${page.bodyClass === "page-404" ? "" : renderNavigation(page, shell.navigation, language)}
<main id="content" tabindex="-1">
${page.mainHtml}
</main>
</div>
<footer class="site-footer">
<p>${strings.footer}</p>
<p class="shortcuts-hint">${escapeHtml(strings.shortcutsHint)}</p>
</footer>
</body>
</html>
`;
  return relocateSharedUrls(html, language);
}

/** The header on every page: the site's name, the search box (search.js), the theme button (theme.js) and the language switch. */
export function renderHeader(language: SiteLanguage = "en", fileName = "index.html"): string {
  const UI_STRINGS = uiStrings(language);
  return `<header class="site-header">
<a class="site-title" href="index.html" id="home-link">${language === "zh" ? `<span class="site-title-en">${escapeHtml(SITE_NAME_ZH)}</span> <span class="site-title-zh" lang="en">${escapeHtml(SITE_NAME)}</span>` : `<span class="site-title-en">${escapeHtml(SITE_NAME)}</span> <span class="site-title-zh" lang="zh-Hans">${escapeHtml(SITE_NAME_ZH)}</span>`}</a>
<div class="site-search" role="search">
<input type="search" id="search-input" class="search-input" role="searchbox" aria-label="${escapeHtml(UI_STRINGS.searchLabel)}" placeholder="${escapeHtml(UI_STRINGS.searchPlaceholder)}" autocomplete="off" spellcheck="false" aria-controls="search-results" aria-keyshortcuts="/" data-index="search-index.json">
<div class="search-results" id="search-results" role="region" aria-label="${escapeHtml(UI_STRINGS.searchResultsLabel)}" aria-live="polite" hidden></div>
</div>
<button type="button" class="theme-toggle" aria-pressed="false" title="${escapeHtml(UI_STRINGS.themeToggleTitle)}"><span class="theme-toggle-icon" aria-hidden="true"></span><span class="theme-toggle-label">${escapeHtml(UI_STRINGS.themeToggle)}</span></button>
${languageSwitch(language, fileName)}
</header>`;
}

function renderNavigation(page: PageOptions, navigation: NavEntry[], language: SiteLanguage): string {
  const UI_STRINGS = uiStrings(language);
  const items = navigation.map((entry) => {
    const current = entry.href === page.fileName;
    const outline = current ? renderOutline(page.outline) : "";
    return `<li${current ? ' class="current"' : ""}><a href="${escapeHtml(entry.href)}"${current ? ' aria-current="page"' : ""}>${entry.labelHtml}</a>${outline}</li>`;
  });
  // Open on wide screens; the inline script folds it on phones before the first paint.
  return `<nav class="sidebar" aria-label="${escapeHtml(UI_STRINGS.chaptersAndSections)}">
<details class="sidebar-details" open>
<summary>${escapeHtml(UI_STRINGS.contents)}</summary>
<ol class="chapter-list">
${items.join("\n")}
</ol>
</details>
<script>if(matchMedia("(max-width: 60rem)").matches)document.currentScript.previousElementSibling.open=false</script>
</nav>`;
}

/** KaTeX_Main-Regular for any formula, KaTeX_Math-Italic for italic letters (class "mathnormal"). */
export function katexFontsToPreload(html: string): string[] {
  if (!html.includes('class="katex-html"')) return [];
  return ["KaTeX_Main-Regular.woff2", ...(/class="[^"]*\bmathnormal\b/.test(html) ? ["KaTeX_Math-Italic.woff2"] : [])];
}

/** The page's level-2 and level-3 headings as a nested list of links. */
export function renderOutline(headings: Heading[]): string {
  const shown = headings.filter((heading) => heading.level === 2 || heading.level === 3);
  if (shown.length === 0) return "";
  let html = '<ol class="outline">';
  let depth = 2;
  let openItem = false;
  for (const heading of shown) {
    if (heading.level > depth && openItem) {
      html += '<ol class="outline">';
      depth = heading.level;
      openItem = false;
    } else {
      if (openItem) html += "</li>";
      if (heading.level < depth && depth === 3) {
        html += "</ol></li>";
        depth = heading.level;
      }
    }
    html += `<li><a href="#${escapeHtml(heading.id)}">${heading.html}</a>`;
    openItem = true;
  }
  if (openItem) html += "</li>";
  if (depth === 3) html += "</ol></li>";
  return html + "</ol>";
}
