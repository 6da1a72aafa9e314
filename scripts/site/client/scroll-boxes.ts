/**
 * The boxes that may scroll sideways when their content is wider than the
 * column: display formulas, tables, HTML outputs, code and text outputs.
 * scroll-regions.js marks the ones that do; section-heights.ts records at
 * build time which do at each measured width.
 */
export const SCROLL_BOX_SELECTOR = ".katex-display, .table-scroll, .output-html, pre";
