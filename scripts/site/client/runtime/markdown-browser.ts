/**
 * What outputs.ts needs from markdown.ts, in the page: `renderMath` from the
 * markdown chunk (markdown-chunk.ts: the site's own markdown-it and KaTeX
 * set-up), which the page loads only when a cell shows Markdown or LaTeX.
 * The page bundle resolves outputs.ts's "./markdown" here, so markdown-it and
 * KaTeX stay out of the runtime until a cell needs them.
 */
import type { MarkdownEnv, MarkdownRenderer } from "../../markdown";

export type { MarkdownEnv, MarkdownRenderer };

/** The markdown chunk's exports, once loaded. */
export interface MarkdownChunk {
  renderMath(tex: string, displayMode: boolean, env: Pick<MarkdownEnv, "location" | "warnings">): string;
  createMarkdownEnv(location: MarkdownEnv["location"]): MarkdownEnv;
  renderer: MarkdownRenderer;
}

let chunk: MarkdownChunk | undefined;

export function setMarkdownChunk(loaded: MarkdownChunk): void {
  chunk = loaded;
}

export function renderMath(tex: string, displayMode: boolean, env: Pick<MarkdownEnv, "location" | "warnings">): string {
  if (!chunk) throw new Error("the markdown renderer is not loaded");
  return chunk.renderMath(tex, displayMode, env);
}
