/**
 * Code-cell outputs → HTML. One bundle shows one representation, the richest
 * the site can draw: a plotly figure (its JSON; the text/html that show() adds
 * for classic Jupyter is ignored), then HTML, images, markdown, LaTeX, text.
 */
import type { nbformat } from "./notebook";
import { joinSource } from "./notebook";
import { SiteBuildError, type SourceLocation } from "./errors";
import { escapeHtml, stripAnsi } from "./html";
import { uiStrings, type SiteLanguage } from "./ui-strings";
import { PLOTLY_MIME, renderFigure, traceTypesOf, validateFigure } from "./figures";
import { renderMath, type MarkdownEnv, type MarkdownRenderer } from "./markdown";

/** What rendering the outputs of one cell needs from the page being built. */
export interface OutputContext {
  location: SourceLocation & { cell: number };
  /** True when the cell is tagged `raises-exception` (an error output is intended). */
  errorExpected: boolean;
  /** Page slug, used to name image files and figure ids. */
  slug: string;
  /** A one-line description of the page, for alt text fallbacks. */
  pageTitle: string;
  markdown: MarkdownRenderer;
  env: MarkdownEnv;
  /** Stores a file next to the page (relative path inside the site) and returns its URL. */
  writeAsset(relativePath: string, contents: Buffer | string): string;
  /** Counter shared across the page so figure ids are unique. */
  nextFigureNumber(): number;
  /** The page's language, for the interface text around outputs (default "en"). */
  language?: SiteLanguage;
}

export interface RenderedOutputs {
  html: string;
  figures: number;
  /** Plotly trace types the figures use (for the site's partial plotly.js bundle). */
  traceTypes: Set<string>;
  images: number;
  errors: number;
}

const IMAGE_TYPES: Record<string, string> = { "image/svg+xml": "svg", "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif" };

export function renderOutputs(outputs: nbformat.IOutput[], context: OutputContext): RenderedOutputs {
  const result: RenderedOutputs = { html: "", figures: 0, traceTypes: new Set(), images: 0, errors: 0 };
  const parts: string[] = [];
  let pendingStream: { name: string; text: string } | undefined;
  const flushStream = () => {
    if (!pendingStream) return;
    const label = pendingStream.name === "stderr" ? ` aria-label="${escapeHtml(uiStrings(context.language ?? "en").standardError)}"` : "";
    parts.push(`<pre class="output output-stream output-${pendingStream.name}" tabindex="0"${label}>${escapeHtml(stripAnsi(pendingStream.text))}</pre>`);
    pendingStream = undefined;
  };

  outputs.forEach((output, outputIndex) => {
    if (output.output_type === "stream") {
      const stream = output as nbformat.IStream;
      const text = joinSource(stream.text);
      if (pendingStream && pendingStream.name === stream.name) pendingStream.text += text;
      else {
        flushStream();
        pendingStream = { name: stream.name, text };
      }
      return;
    }
    flushStream();
    if (output.output_type === "error") {
      const error = output as nbformat.IError;
      if (!context.errorExpected) {
        throw new SiteBuildError(
          context.location.file,
          context.location.cell,
          `error output ${error.ename}: ${stripAnsi(error.evalue)} — re-run the notebook, or tag the cell "raises-exception" if the error is meant to be shown`,
        );
      }
      result.errors++;
      parts.push(renderError(error, context.language));
      return;
    }
    if (output.output_type === "execute_result" || output.output_type === "display_data") {
      const bundle = (output as nbformat.IDisplayData).data ?? {};
      const metadata = ((output as nbformat.IDisplayData).metadata ?? {}) as Record<string, unknown>;
      parts.push(renderBundle(bundle, metadata, outputIndex, context, result));
      return;
    }
    // update_display_data and unknown output types carry nothing a static page can show.
  });
  flushStream();
  result.html = parts.join("\n");
  return result;
}

/** Writes an image of the bundle to images/<name>.<extension> and returns its URL. */
function writeImage(bundle: nbformat.IMimeBundle, mime: string, name: string, context: OutputContext): string {
  const raw = joinSource(bundle[mime] as nbformat.MultilineString);
  const contents = mime === "image/svg+xml" ? raw : Buffer.from(raw.replace(/\s+/g, ""), "base64");
  return context.writeAsset(`images/${name}.${IMAGE_TYPES[mime]}`, contents);
}

function renderError(error: nbformat.IError, language: SiteLanguage = "en"): string {
  const strings = uiStrings(language);
  const title = `${error.ename}: ${stripAnsi(error.evalue)}`;
  const traceback = (error.traceback ?? []).map(stripAnsi).join("\n").trim();
  const details = traceback && traceback !== title ? `<pre tabindex="0">${escapeHtml(traceback)}</pre>` : "";
  return `<div class="output output-error" role="group" aria-label="${escapeHtml(strings.errorOutput)}"><p class="output-error-title"><span class="output-error-label">${escapeHtml(strings.errorLabel)}</span> ${escapeHtml(title)}</p>${details}</div>`;
}

function renderBundle(
  bundle: nbformat.IMimeBundle,
  metadata: Record<string, unknown>,
  outputIndex: number,
  context: OutputContext,
  result: RenderedOutputs,
): string {
  const { location } = context;
  if (bundle[PLOTLY_MIME] !== undefined) {
    const figure = validateFigure(bundle[PLOTLY_MIME], location);
    result.figures++;
    for (const type of traceTypesOf(figure)) result.traceTypes.add(type);
    const number = context.nextFigureNumber();
    const id = `figure-${number}`;
    // A static picture the notebook carries beside the JSON is shown until the plot is drawn.
    const staticMime = ["image/svg+xml", "image/png"].find((mime) => bundle[mime] !== undefined);
    const staticImage = staticMime ? { url: writeImage(bundle, staticMime, `${context.slug}-${id}`, context) } : undefined;
    return renderFigure(figure, id, uiStrings(context.language ?? "en").figureFromCell(location.cell, context.pageTitle), staticImage, context.language);
  }
  if (bundle["text/html"] !== undefined) {
    // Its own scroll box; scroll-regions.js makes it keyboard-reachable when it does scroll.
    return `<div class="output output-html">${joinSource(bundle["text/html"] as nbformat.MultilineString)}</div>`;
  }
  for (const mime of Object.keys(IMAGE_TYPES)) {
    if (bundle[mime] === undefined) continue;
    const url = writeImage(bundle, mime, `${context.slug}-cell${location.cell}-${outputIndex + 1}`, context);
    const imageMetadata = (metadata[mime] ?? {}) as Record<string, unknown>;
    const alt = typeof imageMetadata.alt === "string" ? imageMetadata.alt : typeof bundle["text/plain"] === "string" && !/^<\w/.test(bundle["text/plain"]) ? bundle["text/plain"] : `Image output of cell ${location.cell} of ${context.pageTitle}`;
    const size = ["width", "height"]
      .filter((key) => typeof imageMetadata[key] === "number")
      .map((key) => ` ${key}="${imageMetadata[key]}"`)
      .join("");
    result.images++;
    return `<div class="output output-image"><img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}"${size} loading="lazy" decoding="async"></div>`;
  }
  if (bundle["text/markdown"] !== undefined) {
    return `<div class="output output-markdown">${context.markdown.render(joinSource(bundle["text/markdown"] as nbformat.MultilineString), context.env)}</div>`;
  }
  if (bundle["text/latex"] !== undefined) {
    const tex = joinSource(bundle["text/latex"] as nbformat.MultilineString).trim().replace(/^\$\$?([\s\S]*?)\$?\$$/, "$1");
    return `<div class="output output-latex">${renderMath(tex, true, context.env)}</div>`;
  }
  if (bundle["application/json"] !== undefined) {
    return `<pre class="output output-text" tabindex="0">${escapeHtml(JSON.stringify(bundle["application/json"], null, 2))}</pre>`;
  }
  if (bundle["text/plain"] !== undefined) {
    return `<pre class="output output-text" tabindex="0">${escapeHtml(stripAnsi(joinSource(bundle["text/plain"] as nbformat.MultilineString)))}</pre>`;
  }
  return "";
}
