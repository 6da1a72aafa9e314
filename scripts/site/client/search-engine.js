/*
 * The search itself, loaded (with MiniSearch) the first time the reader uses
 * the search box: fetches search-index.json (built by search-index.ts) and
 * answers queries with the best sections and a passage around the match.
 */
import MiniSearch from "minisearch";
import { SEARCH_OPTIONS } from "../search-index-options";
import { isCjkTerm, searchTerms } from "../search-text";

/** Loads the index from `url` and returns `search(query)`. */
export async function loadSearch(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`search index: HTTP ${response.status} for ${url}`);
  return createSearch(await response.json());
}

/** `search(query, limit)` over a loaded search-index.json (also used by the benchmark, in Node). */
export function createSearch(file) {
  const index = MiniSearch.loadJS(file.index, SEARCH_OPTIONS);
  return (query, limit = 10) => {
    const terms = searchTerms(query);
    if (terms.length === 0) return [];
    const last = terms[terms.length - 1];
    const results = index.search(terms.join(" "), {
      combineWith: "AND",
      boost: { title: 3 },
      // The word being typed matches as a prefix; longer Latin words forgive a typo. CJK pairs match exactly.
      prefix: (term) => term === last && !isCjkTerm(term),
      fuzzy: (term) => (!isCjkTerm(term) && term.length > 4 ? 0.2 : false),
    });
    return results.slice(0, limit).map((result) => ({
      url: result.url,
      page: result.page,
      title: result.title,
      passage: passage(file.texts[result.id], result.terms.concat(terms)),
    }));
  };
}

/**
 * About 160 characters of the text around the first place a term occurs, as
 * [text, isMatch] pieces (the caller marks the matches up).
 */
export function passage(text, terms) {
  const lower = text.toLowerCase();
  const needles = [...new Set(terms.map((term) => term.toLowerCase()))].filter((term) => term.length > 0).sort((a, b) => b.length - a.length);
  let first = -1;
  for (const needle of needles) {
    const at = lower.indexOf(needle);
    if (at !== -1 && (first === -1 || at < first)) first = at;
  }
  let start = first === -1 ? 0 : Math.max(0, first - 60);
  if (start > 0) {
    const space = text.indexOf(" ", start);
    if (space !== -1 && space < first) start = space + 1;
  }
  let end = Math.min(text.length, start + 180);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > first) end = space;
  }
  const excerpt = text.slice(start, end);
  const pieces = [];
  if (start > 0) pieces.push(["…", false]);
  const pattern = needles.length ? new RegExp(needles.map((needle) => needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gi") : null;
  let position = 0;
  if (pattern) {
    for (const match of excerpt.matchAll(pattern)) {
      if (match.index > position) pieces.push([excerpt.slice(position, match.index), false]);
      pieces.push([match[0], true]);
      position = match.index + match[0].length;
    }
  }
  if (position < excerpt.length) pieces.push([excerpt.slice(position), false]);
  if (end < text.length) pieces.push(["…", false]);
  return pieces;
}
