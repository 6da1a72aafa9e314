/**
 * The site's editions: English at the root of the site, Chinese under zh/,
 * every page under the same file name in both. Pages link to each other with
 * relative URLs, so the site works offline and from any sub-path; a page in
 * a language folder reaches the shared files (assets/, images/, both
 * editions use the same ones) one folder up.
 */
import { escapeHtml } from "./html";
import { HTML_LANG, SITE_LANGUAGES, uiStrings, type SiteLanguage } from "./ui-strings";

/** The folder of each language's pages inside the site ("" is the root). */
export const LANGUAGE_FOLDER: Record<SiteLanguage, string> = { en: "", zh: "zh/" };

/** A page's path in the site folder: "05-huber.html", "zh/05-huber.html". */
export function pagePath(language: SiteLanguage, file: string): string {
  return LANGUAGE_FOLDER[language] + file;
}

/** The relative URL of `file` in the `to` edition, from a page of the `from` edition. */
export function editionHref(from: SiteLanguage, to: SiteLanguage, file: string): string {
  if (from === to) return file;
  return (LANGUAGE_FOLDER[from] ? "../" : "") + LANGUAGE_FOLDER[to] + file;
}

/** `<link rel="alternate" hreflang>` for every edition of the page, and x-default (English). */
export function alternateLinks(language: SiteLanguage, file: string): string[] {
  return [
    ...SITE_LANGUAGES.map((other) => `<link rel="alternate" hreflang="${HTML_LANG[other]}" href="${escapeHtml(editionHref(language, other, file))}">`),
    `<link rel="alternate" hreflang="x-default" href="${escapeHtml(editionHref(language, "en", file))}">`,
  ];
}

/** The header's link to the same page in the other language (a real link: keyboard, middle click, no script). */
export function languageSwitch(language: SiteLanguage, file: string): string {
  const other: SiteLanguage = language === "en" ? "zh" : "en";
  const strings = uiStrings(language);
  return `<a class="language-switch" href="${escapeHtml(editionHref(language, other, file))}" hreflang="${HTML_LANG[other]}" lang="${HTML_LANG[other]}" aria-label="${escapeHtml(strings.languageSwitchLabel)}">${escapeHtml(strings.languageSwitch)}</a>`;
}

/** Folders at the site's root that every edition shares. */
const SHARED_FOLDERS = ["assets/", "images/"];

/**
 * A page of a language folder, with its attributes that point at the shared
 * folders (stylesheets, scripts, fonts, plot images, the explorables' and
 * workbook's bundles, the plotly.js URL in its <meta>) one folder up. Only
 * attribute values are touched, never text.
 */
export function relocateSharedUrls(html: string, language: SiteLanguage): string {
  if (!LANGUAGE_FOLDER[language]) return html;
  const up = "../".repeat(LANGUAGE_FOLDER[language].split("/").filter(Boolean).length);
  const pattern = new RegExp(`(\\s(?:href|src|content|srcset|data-[\\w-]+)=")(${SHARED_FOLDERS.map((folder) => folder.replace("/", "\\/")).join("|")})`, "g");
  return html.replace(pattern, `$1${up}$2`);
}
