/*
 * Boxes that scroll sideways (display formulas, tables, code, outputs) when
 * their content is wider than the column: each one that does is marked
 * .is-scrollable (site.css draws a shadow at the edge where more of it lies)
 * and, unless it already is, made reachable by keyboard (tabindex 0, a
 * region with a label) so arrow keys can scroll it. Watched with a
 * ResizeObserver (a box gets its size late: details opened, phone rotated)
 * and again when a font arrives (which widens the content, not the box).
 */
import { pageStrings } from "../ui-strings";

/** The interface strings of the page's language (its <html lang>). */
const UI_STRINGS = pageStrings();

const SELECTOR = ".katex-display, .table-scroll, .output-html, pre";

const counts = new Map();

/** "Formula 3 (scrolls sideways)": numbered per kind, so every region's name is unique. */
function labelFor(element) {
  const kind = element.classList.contains("katex-display")
    ? UI_STRINGS.scrollableFormula
    : element.classList.contains("table-scroll")
      ? UI_STRINGS.scrollableTable
      : element.tagName === "PRE" && !element.classList.contains("output")
        ? UI_STRINGS.scrollableCode
        : UI_STRINGS.scrollableOutput;
  counts.set(kind, (counts.get(kind) || 0) + 1);
  return kind(counts.get(kind));
}

/** Updates one box: marked and focusable while it scrolls; left as it was otherwise. */
export function updateScrollRegion(element) {
  const scrolls = element.scrollWidth > element.clientWidth + 1;
  element.classList.toggle("is-scrollable", scrolls);
  if (scrolls && !element.hasAttribute("tabindex")) {
    element.setAttribute("tabindex", "0");
    element.setAttribute("data-scroll-focus", "");
    if (!element.hasAttribute("role")) element.setAttribute("role", "region");
    if (!element.hasAttribute("aria-label")) element.setAttribute("aria-label", labelFor(element));
  } else if (!scrolls && element.hasAttribute("data-scroll-focus")) {
    element.removeAttribute("tabindex");
    element.removeAttribute("data-scroll-focus");
  }
}

export function startScrollRegions() {
  const boxes = Array.prototype.slice.call(document.querySelectorAll(SELECTOR)).filter((element) => !element.closest(".plotly-figure"));
  if (!("ResizeObserver" in window)) {
    boxes.forEach(updateScrollRegion);
    return;
  }
  const observer = new ResizeObserver((entries) => entries.forEach((entry) => updateScrollRegion(entry.target)));
  boxes.forEach((element) => observer.observe(element));
  // The content of a closed <details> is skipped by layout, and so by the observer: look when it opens.
  document.addEventListener("toggle", (event) => event.target.querySelectorAll && event.target.querySelectorAll(SELECTOR).forEach(updateScrollRegion), true);
  // A font that arrives late widens the content but not the box: look again.
  if (document.fonts) document.fonts.addEventListener("loadingdone", () => boxes.forEach(updateScrollRegion));
}
