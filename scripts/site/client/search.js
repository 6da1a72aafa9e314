/*
 * The search box in the header (layout.ts renders it): loads the search
 * (search-engine.js and the index) on first focus, shows the best sections
 * with a passage as the reader types, and is run from the keyboard: ↓/↑
 * move through the results, Enter opens one, Escape closes the list.
 * Works offline and under any sub-path (the index URL is relative).
 */
import { pageStrings } from "../ui-strings";

/** The interface strings of the page's language (its <html lang>). */
const UI_STRINGS = pageStrings();

let searchPromise = null;

function loadSearchOnce(input) {
  if (!searchPromise) {
    const url = new URL(input.getAttribute("data-index"), document.baseURI).href;
    searchPromise = import("./search-engine").then((engine) => engine.loadSearch(url));
    searchPromise.catch((error) => console.error("lossbook: search unavailable:", error));
  }
  return searchPromise;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function startSearch() {
  const input = document.getElementById("search-input");
  const panel = document.getElementById("search-results");
  if (!input || !panel) return;
  let latest = 0;

  const close = () => {
    panel.hidden = true;
  };
  const status = (text) => {
    panel.replaceChildren(element("p", "search-status", text));
    panel.hidden = false;
  };
  const links = () => Array.prototype.slice.call(panel.querySelectorAll("a.search-result"));

  async function update() {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) return close();
    let search;
    try {
      const pending = loadSearchOnce(input);
      if (!panel.querySelector("a") && panel.hidden) status(UI_STRINGS.searchLoading);
      search = await pending;
    } catch {
      return status(UI_STRINGS.searchFailed);
    }
    if (ticket !== latest) return;
    const results = search(query);
    if (results.length === 0) return status(UI_STRINGS.searchNoResults(query));
    const list = element("ol");
    for (const result of results) {
      const link = element("a", "search-result");
      link.href = new URL(result.url, document.baseURI).href;
      link.append(element("span", "search-result-title", result.title));
      if (result.page !== result.title) link.append(element("span", "search-result-page", result.page));
      const passage = element("span", "search-result-passage");
      for (const [text, isMatch] of result.passage) passage.append(isMatch ? element("mark", "", text) : document.createTextNode(text));
      link.append(passage);
      const item = element("li");
      item.append(link);
      list.append(item);
    }
    panel.replaceChildren(element("p", "search-status visually-hidden", UI_STRINGS.searchResultCount(results.length)), list);
    panel.hidden = false;
  }

  input.addEventListener("focus", () => loadSearchOnce(input), { once: true });
  input.addEventListener("input", update);
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      links()[0].focus();
    } else if (event.key === "Escape") {
      if (panel.hidden) input.blur();
      close();
    } else if (event.key === "Enter" && links().length) {
      event.preventDefault();
      links()[0].click();
    }
  });
  panel.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)].focus();
    } else if (event.key === "Escape") {
      close();
      input.focus();
    }
  });
  // A result for the page being read only scrolls: close the list then.
  panel.addEventListener("click", (event) => {
    if (event.target.closest("a")) close();
  });
  document.addEventListener("click", (event) => {
    if (!event.target.closest(".site-search")) close();
  });
  input.addEventListener("focus", () => {
    if (input.value.trim()) update();
  });
}
