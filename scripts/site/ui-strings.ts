/**
 * Every piece of interface text the site shows, in one place, for the page
 * templates (build time) and the browser code alike (scripts/site/client/
 * imports this file; esbuild bundles it). A translated edition replaces this
 * object. Chapter text comes from the notebooks, not from here.
 */
export const UI_STRINGS = {
  skipToContent: "Skip to content",
  contents: "Contents",
  chaptersAndSections: "Chapters and sections",
  searchLabel: "Search the workbook",
  searchPlaceholder: "Search (press /)",
  searchLoading: "Loading the search index…",
  searchFailed: "The search index could not be loaded.",
  searchNoResults: "Nothing found for",
  /** "3 results", announced to screen readers. */
  searchResultCount: (count: number) => `${count} result${count === 1 ? "" : "s"}`,
  searchResultsLabel: "Search results",
  themeToggle: "Dark theme",
  themeToggleTitle: "Switch between the light and the dark theme (it follows your system until you choose)",
  copyCode: "Copy",
  copyCodeLabel: "Copy the code of this cell",
  copied: "Copied",
  copyFailed: "Could not copy",
  /** Labels of boxes that scroll sideways, numbered so that each region's name is unique on the page. */
  scrollableFormula: (number: number) => `Formula ${number} (scrolls sideways)`,
  scrollableTable: (number: number) => `Table ${number} (scrolls sideways)`,
  scrollableOutput: (number: number) => `Output ${number} (scrolls sideways)`,
  scrollableCode: (number: number) => `Code ${number} (scrolls sideways)`,
  drawingPlot: "Drawing the plot…",
  shortcutsHint: "Keys: / search, n next chapter, p previous chapter",
} as const;

/** The localStorage key of the reader's theme choice ("light" | "dark"; absent: follow the system). */
export const THEME_STORAGE_KEY = "lossbook-theme";
