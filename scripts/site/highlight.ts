/**
 * Build-time syntax highlighting with shiki: TypeScript (the notebooks'
 * language) and a few languages prose may quote. Output carries both a light
 * and a dark colour per token as CSS variables (--shiki-light / --shiki-dark);
 * site.css picks one with light-dark(), so no script runs for it. The themes
 * are GitHub's whose every token colour reaches 4.5:1 (WCAG AA) on the site's
 * code background (#f6f8fa light, #181c22 dark): github-light's red keyword
 * #d73a49 (4.29:1) and github-dark's comments #6a737d did not.
 */
import { escapeHtml } from "./html";

export const LIGHT_THEME = "github-light-high-contrast";
export const DARK_THEME = "github-dark-default";
const LANGUAGES = ["typescript", "javascript", "json", "python", "bash"] as const;
const ALIASES: Record<string, string> = { ts: "typescript", js: "javascript", sh: "bash", shell: "bash", py: "python" };

/** Highlights `code` in `language` and returns a `<pre>` element. */
export type Highlight = (code: string, language: string) => string;

/** Loads shiki (an ES module) and returns a synchronous highlighter. */
export async function createHighlight(): Promise<Highlight> {
  const { createHighlighter } = await import("shiki");
  const highlighter = await createHighlighter({ themes: [LIGHT_THEME, DARK_THEME], langs: [...LANGUAGES] });
  const known = new Set<string>(LANGUAGES);
  return (code, language) => {
    const lang = ALIASES[language.toLowerCase()] ?? language.toLowerCase();
    if (!known.has(lang)) return `<pre class="code-plain" tabindex="0"><code>${escapeHtml(code)}</code></pre>`;
    return highlighter.codeToHtml(code.replace(/\n$/, ""), {
      lang,
      themes: { light: LIGHT_THEME, dark: DARK_THEME },
      defaultColor: false,
    });
  };
}
