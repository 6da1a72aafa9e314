/** Small HTML helpers shared by the templates. */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for use in HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/**
 * Serialises data for a `<script type="application/json">` element: JSON
 * with `<`, `>`, `&` and the line separators escaped so the text can never
 * close the element or be parsed as HTML.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Removes ANSI terminal escape sequences (colours in tracebacks). */
export function stripAnsi(text: string): string {
  // CSI sequences (ESC [ … letter) and OSC sequences (ESC ] … BEL).
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "").replace(/\u001b\][^\u0007]*\u0007/g, "");
}

/**
 * Turns heading text into an id that reads well in a shared link: ASCII
 * letters and digits joined by single dashes, accents dropped, the leading
 * section number dropped ("3.1.2 Operation steps (操作步骤)" → "operation-steps"),
 * so an id never starts with a digit nor needs percent-encoding (CSS
 * selectors and URLs take it as it is). Text with no Latin letters becomes
 * "section" (markdown-it-anchor numbers repeats: "section-1", …).
 */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/^[\s§]*\d+(?:\.\d+)*\.?\s+/, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (!slug) return "section";
  return /^\d/.test(slug) ? `section-${slug}` : slug;
}
