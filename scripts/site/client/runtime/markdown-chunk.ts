/**
 * The site's markdown renderer (markdown.ts: markdown-it, KaTeX, the same
 * plugins as the build) for the page, loaded by the workbook only when a cell
 * shows Markdown or LaTeX. Code fences are not highlighted here (shiki is for
 * the build), they are escaped as the build does for unknown languages.
 */
import { createMarkdownEnv, createMarkdownRenderer, renderMath } from "../../markdown";
import { escapeHtml } from "../../html";

const plainHighlight = (code: string) => `<pre class="code-plain" tabindex="0"><code>${escapeHtml(code)}</code></pre>`;

export async function loadMarkdown() {
  const renderer = await createMarkdownRenderer(plainHighlight);
  return { renderer, renderMath, createMarkdownEnv: (location: { file: string; cell?: number }) => createMarkdownEnv(location) };
}
