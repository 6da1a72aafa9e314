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
import { SCROLL_BOX_SELECTOR } from "./scroll-boxes";

/** The interface strings of the page's language (its <html lang>). */
const UI_STRINGS = pageStrings();

const SELECTOR = SCROLL_BOX_SELECTOR;

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

/**
 * Whether the box is in a section the browser skips for now (content-visibility:
 * auto, off screen, site.css): reading its size would lay that section out.
 */
function inSkippedSection(element) {
  return typeof element.checkVisibility === "function" && element.closest(".has-height") !== null && !element.checkVisibility({ contentVisibilityAuto: true });
}

/** Marks a box as scrolling (or not) without measuring it: what the build measured at this width. */
function markFromBuild(element, scrolls) {
  if (scrolls) {
    element.classList.add("is-scrollable");
    if (!element.hasAttribute("tabindex")) {
      element.setAttribute("tabindex", "0");
      element.setAttribute("data-scroll-focus", "");
      if (!element.hasAttribute("role")) element.setAttribute("role", "region");
      if (!element.hasAttribute("aria-label")) element.setAttribute("aria-label", labelFor(element));
    }
  }
}

/**
 * Sections off screen are not laid out (site.css), so their boxes cannot be
 * measured without laying them out: they start with what the build measured
 * in Chromium at the nearest width (data-scrolling on the section,
 * section-heights.ts), so every box that scrolls is reachable by Tab from the
 * start, and are measured for real once their section is drawn
 * (ResizeObserver). <html data-scroll-regions="checked"> once every box has
 * its first mark (the audit waits for it).
 */
export function startScrollRegions() {
  const root = document.documentElement;
  const boxes = Array.prototype.slice.call(document.querySelectorAll(SELECTOR)).filter((element) => !element.closest(".plotly-figure"));
  if (!("ResizeObserver" in window)) {
    boxes.forEach(updateScrollRegion);
    root.setAttribute("data-scroll-regions", "checked");
    return;
  }
  const width = getComputedStyle(root).getPropertyValue("--section-width").trim();
  document.querySelectorAll(".has-height[data-scrolling]").forEach((section) => {
    const entry = section
      .getAttribute("data-scrolling")
      .split(";")
      .find((part) => part.split("=")[0] === width);
    if (!entry) return;
    const inSection = Array.prototype.slice.call(section.querySelectorAll(SELECTOR)).filter((element) => !element.closest(".plotly-figure"));
    entry
      .split("=")[1]
      .split(".")
      .forEach((index) => inSection[Number(index)] && markFromBuild(inSection[Number(index)], true));
  });
  const check = (element) => {
    if (!inSkippedSection(element)) updateScrollRegion(element);
  };
  const observer = new ResizeObserver((entries) => entries.forEach((entry) => check(entry.target)));
  boxes.forEach((element) => observer.observe(element));
  // The content of a closed <details> is skipped by layout, and so by the observer: look when it opens.
  document.addEventListener("toggle", (event) => event.target.querySelectorAll && event.target.querySelectorAll(SELECTOR).forEach(updateScrollRegion), true);
  // A font that arrives late widens the content but not the box: look again (boxes off screen are looked at when drawn).
  if (document.fonts) document.fonts.addEventListener("loadingdone", () => boxes.forEach(check));
  root.setAttribute("data-scroll-regions", "checked");
}
