import { readFileSync } from "node:fs";
import { sep } from "node:path";
import { LossbookError } from "../errors";
import { describe } from "../validation";
import type { Figure } from "./figure";

/** A Jupyter `display_data` message content: mime type → data. */
export interface MimeBundle {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient?: Record<string, unknown>;
}

/** Sends one mime bundle to the notebook front end. */
export type DisplayPublisher = (bundle: MimeBundle) => void;

/** The mime type JupyterLab, Notebook 7 and VS Code render with plotly.js. */
export const PLOTLY_MIME_TYPE = "application/vnd.plotly.v1+json";

/**
 * Per-process state, kept on globalThis so that two copies of this module
 * (e.g. loaded through different paths) still count plots once and send the
 * plotly.js bundle once per kernel session.
 */
interface ShowState {
  plotCount: number;
  plotlySent: boolean;
  publisher?: DisplayPublisher;
}
const STATE_KEY = Symbol.for("lossbook.show");

function showState(): ShowState {
  const holder = globalThis as unknown as Record<symbol, ShowState | undefined>;
  return (holder[STATE_KEY] ??= { plotCount: 0, plotlySent: false });
}

/**
 * Replaces the publisher (tests use this to capture bundles without a kernel);
 * `undefined` restores the real one, tslab's.
 */
export function setDisplayPublisher(publisher: DisplayPublisher | undefined): void {
  showState().publisher = publisher;
}

/** Forgets that plotly.js was sent and restarts the plot counter (as a new kernel session would). */
export function resetShowState(): void {
  const state = showState();
  state.plotCount = 0;
  state.plotlySent = false;
}

type TslabWriteDisplayData = (bundle: MimeBundle, update: boolean) => void;

/**
 * tslab's hook for publishing a whole mime bundle: `lastWriteDisplayData` of
 * its `dist/jupyter` module, set while a cell runs. The module is looked up
 * among the modules already loaded (a tslab kernel always has it loaded), so
 * lossbook never loads tslab itself and works the same outside a kernel.
 */
function tslabWriteDisplayData(): TslabWriteDisplayData | undefined {
  const candidates: unknown[] = [];
  try {
    candidates.push(require.cache[require.resolve("tslab/dist/jupyter")]?.exports);
  } catch {
    // tslab is not installed next to lossbook; the kernel's copy may still be loaded.
  }
  const suffix = `${sep}tslab${sep}dist${sep}jupyter.js`;
  for (const [path, loaded] of Object.entries(require.cache)) {
    if (path.endsWith(suffix)) candidates.push(loaded?.exports);
  }
  for (const exports of candidates) {
    const hook = (exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof hook === "function") return hook as TslabWriteDisplayData;
  }
  return undefined;
}

function publish(bundle: MimeBundle): void {
  const custom = showState().publisher;
  if (custom !== undefined) {
    custom(bundle);
    return;
  }
  const write = tslabWriteDisplayData();
  if (write === undefined) {
    throw new LossbookError(
      "show",
      "can only display inside a Jupyter notebook running the tslab kernel (none is running here); " +
        "outside a notebook use the figure object itself, e.g. JSON.stringify(figure)",
    );
  }
  write(bundle, false);
}

let plotlySource: { version: string; code: string } | undefined;

/** plotly.js from the `plotly.js-cartesian-dist-min` package, read once per process. */
function plotlyBundle(): { version: string; code: string } {
  if (plotlySource === undefined) {
    const file = require.resolve("plotly.js-cartesian-dist-min");
    const { version } = JSON.parse(readFileSync(require.resolve("plotly.js-cartesian-dist-min/package.json"), "utf8")) as { version: string };
    plotlySource = { version, code: readFileSync(file, "utf8") };
  }
  return plotlySource;
}

/**
 * A `<script>` carrying plotly.js itself. Classic Notebook defines require.js's
 * `define`, which would make a UMD bundle register as an AMD module instead of
 * setting `window.Plotly`; hiding `define`, `module` and `exports` inside a
 * function makes it take the browser-global branch.
 */
export function plotlyScriptTag(): string {
  const { version, code } = plotlyBundle();
  const safe = code.replace(/<\/(script)/gi, "<\\/$1");
  return (
    `<script type="text/javascript" data-lossbook-plotly="${version}">` +
    `(function(){var define=undefined,module=undefined,exports=undefined;\n${safe}\n})();</script>`
  );
}

/** Rounds non-integers to 7 significant digits: plenty for a picture, half the bytes in the notebook. */
function roundForDisplay(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(7));
  if (Array.isArray(value)) return value.map(roundForDisplay);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, roundForDisplay);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = roundForDisplay(v);
    return out;
  }
  return value;
}

/** A short, deterministic hash (FNV-1a, 32 bit) for element ids. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/**
 * HTML that draws `figure` with window.Plotly once both the plot's div is in
 * the page and plotly.js has loaded (classic Notebook runs the script before
 * it attaches the output, so the script polls briefly for both).
 */
function figureHtml(figureJson: string, divId: string, height: number): string {
  const script =
    "(function(){" +
    `var figure=${figureJson.replace(/</g, "\\u003c")};` +
    `var id=${JSON.stringify(divId)};var waited=0;` +
    "function draw(){" +
    "var div=document.getElementById(id);" +
    "if(div&&window.Plotly){window.Plotly.newPlot(div,figure.data,figure.layout,figure.config);return;}" +
    "waited+=50;" +
    "if(waited>15000){if(div){div.textContent='This plot needs plotly.js, which the first plot of the notebook loads: run that cell again (or restart the kernel and run all cells).';}return;}" +
    "setTimeout(draw,50);}" +
    "draw();})();";
  return (
    `<div id="${divId}" class="lossbook-plot" style="width:100%;height:${height}px"></div>\n` +
    `<script type="text/javascript">${script}</script>`
  );
}

function checkFigure(figure: unknown): asserts figure is Figure {
  const f = figure as Figure | undefined;
  if (f === null || typeof f !== "object" || !Array.isArray(f.data) || f.layout === null || typeof f.layout !== "object") {
    throw new LossbookError("figure", `must be a plotly figure {data: [...], layout: {...}} from a lossbook plot function, got ${describe(figure)}`);
  }
}

/**
 * The mime bundle {@link show} publishes: the figure as
 * `application/vnd.plotly.v1+json` (a JSON object), `text/html` for classic
 * Notebook (with plotly.js inlined when `includePlotly`), and `text/plain`.
 * `plotNumber` makes the div id unique in the page yet reproducible.
 */
export function figureBundle(figure: Figure, plotNumber: number, includePlotly: boolean): MimeBundle {
  checkFigure(figure);
  const display = roundForDisplay({ data: figure.data, layout: figure.layout, config: figure.config ?? {} }) as Required<Figure>;
  const json = JSON.stringify(display);
  const divId = `lossbook-plot-${plotNumber}-${shortHash(json)}`;
  const height = typeof display.layout.height === "number" ? display.layout.height : 420;
  const html = (includePlotly ? plotlyScriptTag() + "\n" : "") + figureHtml(json, divId, height);
  const title = typeof display.layout.title?.text === "string" ? display.layout.title.text : "untitled";
  return {
    data: {
      [PLOTLY_MIME_TYPE]: display,
      "text/html": html,
      "text/plain": `[plot] ${title}`,
    },
    metadata: {},
  };
}

/**
 * Displays a figure in a tslab notebook as one output. The first figure of a
 * kernel session also carries plotly.js (about 1.5 MB) so that classic
 * Notebook draws it without a network connection; later figures reuse it.
 */
export function show(figure: Figure): void {
  checkFigure(figure);
  const state = showState();
  const bundle = figureBundle(figure, state.plotCount + 1, !state.plotlySent);
  publish(bundle);
  state.plotCount += 1;
  state.plotlySent = true;
}

/** Formats a table cell: numbers to `digits` significant digits, the rest as text. */
function formatCell(value: unknown, digits: number): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
    const magnitude = Math.abs(value);
    if (magnitude >= 1e-3 && magnitude < 1e6) return String(Number(value.toPrecision(digits)));
    return value.toExponential(digits - 1);
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return `[${Array.from(value as ArrayLike<unknown>, (v) => formatCell(v, digits)).join(", ")}]`;
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Options of {@link showTable}. */
export interface TableOptions {
  /** Significant digits for non-integer numbers (default 4). */
  digits?: number;
  /** A caption above the table. */
  title?: string;
}

/**
 * The bundle {@link showTable} publishes: an HTML table and an aligned plain-text table.
 * Columns are the keys of the rows, in order of first appearance.
 */
export function tableBundle(rows: Record<string, unknown>[], options: TableOptions = {}): MimeBundle {
  if (!Array.isArray(rows) || rows.length === 0) throw new LossbookError("rows", `must be a non-empty array of objects, got ${describe(rows)}`);
  const columns: string[] = [];
  rows.forEach((row, i) => {
    if (row === null || typeof row !== "object" || Array.isArray(row)) throw new LossbookError("rows", `each row must be an object, got ${describe(row)}`, i);
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  });
  const digits = options.digits ?? 4;
  const cells = rows.map((row) => columns.map((column) => formatCell(row[column], digits)));
  const numeric = columns.map((column) => rows.every((row) => row[column] === undefined || row[column] === null || typeof row[column] === "number"));
  const align = (c: number) => (numeric[c] ? ' style="text-align:right"' : ' style="text-align:left"');
  const caption = options.title === undefined ? "" : `<caption>${escapeHtml(options.title)}</caption>`;
  const head = columns.map((column, c) => `<th${align(c)}>${escapeHtml(column)}</th>`).join("");
  const body = cells.map((row) => `<tr>${row.map((cell, c) => `<td${align(c)}>${escapeHtml(cell)}</td>`).join("")}</tr>`).join("\n");
  const html = `<table class="lossbook-table">${caption}\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
  const widths = columns.map((column, c) => Math.max(column.length, ...cells.map((row) => row[c].length)));
  const line = (values: string[]) =>
    values.map((v, c) => (numeric[c] ? v.padStart(widths[c]) : v.padEnd(widths[c]))).join("  ").trimEnd();
  const text = [
    ...(options.title === undefined ? [] : [options.title]),
    line(columns),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...cells.map(line),
  ].join("\n");
  return { data: { "text/html": html, "text/plain": text }, metadata: {} };
}

/** Displays rows of a table (e.g. losses side by side) in a tslab notebook. */
export function showTable(rows: Record<string, unknown>[], options: TableOptions = {}): void {
  publish(tableBundle(rows, options));
}

/** Displays a LaTeX formula (display math), e.g. a registry entry's `formula`. */
export function showMath(latex: string): void {
  if (typeof latex !== "string" || latex.trim() === "") throw new LossbookError("latex", `must be a non-empty string, got ${describe(latex)}`);
  publish({ data: { "text/latex": `$$${latex}$$`, "text/plain": latex }, metadata: {} });
}

/**
 * Displays Markdown text (headings, lists, tables, `$…$` math) as a cell
 * output, e.g. a paragraph generated from the registry: one bundle with
 * `text/markdown` (rendered by Jupyter and the site) and `text/plain` (the
 * same text, for consoles and tests).
 */
export function showMarkdown(text: string): void {
  publish(markdownBundle(text));
}

/** The bundle {@link showMarkdown} publishes. */
export function markdownBundle(text: string): MimeBundle {
  if (typeof text !== "string" || text.trim() === "") throw new LossbookError("text", `must be a non-empty string of Markdown, got ${describe(text)}`);
  return { data: { "text/markdown": text, "text/plain": text }, metadata: {} };
}
