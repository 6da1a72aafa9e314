import { sep } from "node:path";
import { LossbookError } from "../errors";
import { describe } from "../validation";
import type { Figure } from "./figure";
import { encodeNumberArray } from "./typed-arrays";

export { TYPED_ARRAY_MIN_LENGTH, decodeFigure, decodeNumberArray, encodeNumberArray, type EncodedTypedArray } from "./typed-arrays";

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
 * (e.g. loaded through different paths) share the publisher a test installs.
 */
interface ShowState {
  publisher?: DisplayPublisher;
}
const STATE_KEY = Symbol.for("lossbook.show");

function showState(): ShowState {
  const holder = globalThis as unknown as Record<symbol, ShowState | undefined>;
  return (holder[STATE_KEY] ??= {});
}

/**
 * Replaces the publisher (tests use this to capture bundles without a kernel);
 * `undefined` restores the real one, tslab's.
 */
export function setDisplayPublisher(publisher: DisplayPublisher | undefined): void {
  showState().publisher = publisher;
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

/** Rounds non-integers to 6 significant digits (as the site does): plenty for a picture, half the bytes in the notebook. */
function roundForDisplay(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(6));
  if (Array.isArray(value)) return value.map(roundForDisplay);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, roundForDisplay);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = roundForDisplay(v);
    return out;
  }
  return value;
}

/** A trace with its long number arrays (at any depth, e.g. marker.color) encoded by {@link encodeNumberArray}. */
function encodeTrace(value: unknown): unknown {
  const encoded = encodeNumberArray(value);
  if (encoded !== value || Array.isArray(value) || value === null || typeof value !== "object") return encoded;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, encodeTrace(v)]));
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

function checkFigure(figure: unknown): asserts figure is Figure {
  const f = figure as Figure | undefined;
  if (f === null || typeof f !== "object" || !Array.isArray(f.data) || f.layout === null || typeof f.layout !== "object") {
    throw new LossbookError("figure", `must be a plotly figure {data: [...], layout: {...}} from a lossbook plot function, got ${describe(figure)}`);
  }
}

/**
 * The mime bundle {@link show} publishes: the figure as
 * `application/vnd.plotly.v1+json` (a JSON object, numbers rounded to 6
 * digits, arrays of 64 or more numbers as base64 float32) and its title as `text/plain`. It is self-contained: no output
 * needs an earlier one (nothing loads plotly.js into the page). JupyterLab,
 * Notebook 7 (with the `plotly` package's renderer) and VS Code draw it
 * interactively, classic Notebook through the renderer `npm run jupyter`
 * installs; `npm run notebooks` adds an `image/png` of the same figure
 * (scripts/notebook-images.ts), which every other viewer shows.
 */
export function figureBundle(figure: Figure): MimeBundle {
  checkFigure(figure);
  const rounded = roundForDisplay({ data: figure.data, layout: figure.layout, config: figure.config ?? {} }) as Required<Figure>;
  const display = { ...rounded, data: rounded.data.map(encodeTrace) as Figure["data"] };
  const title = typeof display.layout.title?.text === "string" ? display.layout.title.text : "untitled";
  return {
    data: {
      [PLOTLY_MIME_TYPE]: display,
      "text/plain": `[plot] ${title}`,
    },
    metadata: {},
  };
}

/** Displays a figure in a tslab notebook as one output (see {@link figureBundle}). */
export function show(figure: Figure): void {
  publish(figureBundle(figure));
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
