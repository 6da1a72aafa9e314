/*
 * The language switch (a plain link to the same page in the other edition)
 * carries the page's #anchor: both editions give a section the same heading
 * id (the Chinese headings take their English headings' ids), so the reader
 * lands on the same section. The href is kept up to date as the hash
 * changes, so a middle click or "copy link" carries it too.
 */
export function startLanguageSwitch() {
  const link = document.querySelector("a.language-switch");
  if (!link) return;
  const base = link.getAttribute("href").replace(/#.*$/, "");
  const update = () => link.setAttribute("href", base + (location.hash.length > 1 ? location.hash : ""));
  update();
  window.addEventListener("hashchange", update);
}
