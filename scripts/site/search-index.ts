/**
 * The site's full-text search index, built with MiniSearch: one entry per
 * section (a page cut at its h1–h3 headings) of every chapter and the
 * gallery, with its prose, formulas' TeX, code and outputs. Written to
 * search-index.json; the search box (client/search.js) fetches it on first
 * use, so pages that are only read never load it.
 */
import MiniSearch from "minisearch";
import { SEARCH_OPTIONS } from "./search-index-options";

/** A page to index: its file, its title and its main HTML. */
export interface SearchablePage {
  file: string;
  title: string;
  html: string;
}

/** One section, as stored in the index (the text gives the passage shown under a result). */
export interface SearchSection {
  id: number;
  /** Page-relative URL: "05-huber.html#choosing-d". */
  url: string;
  /** The page's title. */
  page: string;
  /** The section's heading. */
  title: string;
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

function decodeEntity(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (ENTITIES[name]) return ENTITIES[name];
    const code = /^#x/i.test(name) ? parseInt(name.slice(2), 16) : name.startsWith("#") ? Number(name.slice(1)) : NaN;
    return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * The text a reader sees in an HTML fragment: tags removed; scripts, styles,
 * anything aria-hidden (KaTeX's visual copy of a formula), the stored outputs, the workbook's toolbar and TeX annotations
 * skipped, so each formula counts once, by its MathML text.
 */
export function htmlToText(html: string): string {
  let text = "";
  let skipDepth = 0;
  const stack: boolean[] = [];
  const VOID = /^(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)$/i;
  const tokens = html.split(/(<[^>]*>)/);
  for (const token of tokens) {
    if (!token.startsWith("<")) {
      if (skipDepth === 0) text += decodeEntity(token);
      continue;
    }
    const match = /^<(\/?)([a-zA-Z][\w-]*)/.exec(token);
    if (!match) continue;
    const [, closing, tag] = match;
    if (VOID.test(tag) || token.endsWith("/>")) {
      if (skipDepth === 0 && /^(br|wbr)$/i.test(tag)) text += tag.toLowerCase() === "br" ? " " : "";
      continue;
    }
    if (closing) {
      const skipped = stack.pop();
      if (skipped) skipDepth--;
      if (skipDepth === 0 && /^(p|div|li|h\d|pre|tr|td|th|dd|dt|section|figure|table)$/i.test(tag)) text += " ";
      continue;
    }
    const skip = /^(script|style|annotation|noscript)$/i.test(tag) || /\saria-hidden="true"/.test(token) || /\sclass="cell-outputs"/.test(token) || /\sclass="workbook-bar"/.test(token);
    stack.push(skip);
    if (skip) skipDepth++;
  }
  return text.replace(/\s+/g, " ").trim();
}

/** Cuts a page's HTML into sections at its h1–h3 headings (text before the first heading joins the first section). */
export function pageSections(page: SearchablePage): Array<Omit<SearchSection, "id">> {
  const parts = page.html.split(/(?=<h[1-3] id="[^"]+")/);
  const sections: Array<Omit<SearchSection, "id">> = [];
  let preamble = "";
  for (const part of parts) {
    const heading = /^<h([1-3]) id="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/.exec(part);
    if (!heading) {
      preamble += part;
      continue;
    }
    const title = htmlToText(heading[3]).replace(/\s*#$/, "");
    const text = htmlToText(preamble + part.slice(heading[0].length));
    preamble = "";
    sections.push({ url: heading[1] === "1" ? page.file : `${page.file}#${heading[2]}`, page: page.title, title, text });
  }
  if (sections.length === 0) sections.push({ url: page.file, page: page.title, title: page.title, text: htmlToText(page.html) });
  return sections;
}

export interface SearchIndexFile {
  /** MiniSearch.toJSON() of the sections. */
  index: unknown;
  /** Each section's text, by id, for the passage under a result. */
  texts: string[];
}

/** The index of all pages, as the JSON the search box loads. */
export function buildSearchIndex(pages: SearchablePage[]): { file: SearchIndexFile; sections: number } {
  const sections: SearchSection[] = pages.flatMap(pageSections).map((section, id) => ({ ...section, id }));
  const search = new MiniSearch<SearchSection>(SEARCH_OPTIONS);
  search.addAll(sections);
  return { file: { index: search.toJSON(), texts: sections.map((section) => section.text) }, sections: sections.length };
}
