/**
 * Markdown cells → HTML: markdown-it with KaTeX math rendered at build time
 * (`$…$`, `$$…$$`; an error in the TeX is a build error naming notebook and
 * cell), heading ids for the in-page outline, shiki for fenced code, wide
 * tables in their own scroll box, and links between notebooks rewritten to
 * the pages they become.
 */
import { uiStrings, type SiteLanguage } from "./ui-strings";
import MarkdownIt from "markdown-it";
import anchor from "markdown-it-anchor";
import katex from "katex";
import type { nbformat } from "./notebook";
import { SiteBuildError, type SourceLocation } from "./errors";
import { slugify } from "./html";
import type { Highlight } from "./highlight";

const TEX_PLUGIN: string = "@mdit/plugin-tex";

/** A heading found while rendering, for outlines and tables of contents. */
export interface Heading {
  level: number;
  id: string;
  /** The heading's inline HTML (math rendered), without its permalink. */
  html: string;
  /** Plain text of the heading (math as its TeX source). */
  text: string;
}

/** Per-document state shared by all the cells of one notebook. */
export interface MarkdownEnv {
  /** Where the text being rendered comes from (updated per cell). */
  location: SourceLocation;
  /** Headings collected in document order. */
  headings: Heading[];
  /** KaTeX warnings (not errors), as messages naming notebook and cell. */
  warnings: string[];
  /** Page slugs of the notebooks on the site, to rewrite `x.ipynb` links to `x.html`. */
  notebookSlugs: ReadonlySet<string>;
  /** Attachments of the cell being rendered (`![](attachment:name.png)`). */
  attachments?: nbformat.IAttachments;
  /** markdown-it-anchor keeps its used slugs here, so ids stay unique across cells. */
  markdownItAnchor?: unknown;
  /** The page's language, for the interface text markdown adds (the headings' permalink label). */
  language?: SiteLanguage;
}

export function createMarkdownEnv(location: SourceLocation, notebookSlugs: ReadonlySet<string> = new Set()): MarkdownEnv {
  return { location, headings: [], warnings: [], notebookSlugs };
}

/** Renders TeX with KaTeX; a TeX error becomes a SiteBuildError at `env.location`. */
export function renderMath(tex: string, displayMode: boolean, env: Pick<MarkdownEnv, "location" | "warnings">): string {
  try {
    return katex.renderToString(tex, {
      displayMode,
      throwOnError: true,
      output: "htmlAndMathml",
      strict: (code: string, message: string) => {
        env.warnings.push(`${describe(env.location)}: KaTeX ${code}: ${message} in ${JSON.stringify(tex)}`);
        return "ignore";
      },
    });
  } catch (error) {
    const delimiter = displayMode ? "$$" : "$";
    throw new SiteBuildError(
      env.location.file,
      env.location.cell,
      `math error in ${delimiter}${tex}${delimiter}: ${(error as Error).message}`,
    );
  }
}

function describe(location: SourceLocation): string {
  return location.cell === undefined ? location.file : `${location.file}, cell ${location.cell}`;
}

/** The markdown renderer used for every markdown cell and gallery text. */
export interface MarkdownRenderer {
  render(source: string, env: MarkdownEnv): string;
  renderInline(source: string, env: MarkdownEnv): string;
}

/** Creates the renderer (async because @mdit/plugin-tex is an ES module). */
export async function createMarkdownRenderer(highlight: Highlight): Promise<MarkdownRenderer> {
  // The package declares its types only through "exports", which this
  // project's CommonJS module resolution does not read: name the file.
  const { tex } = (await import(TEX_PLUGIN)) as typeof import("@mdit/plugin-tex/dist/index.js");
  const md = new MarkdownIt({
    html: true,
    linkify: false,
    typographer: false,
    highlight: (code, language) => highlight(code, language || "text"),
  });

  md.use(tex, { render: (source: string, displayMode: boolean, env: unknown) => renderMath(source, displayMode, env as MarkdownEnv) });

  // `$$…$$` inside a paragraph is display math in Jupyter (MathJax); the tex
  // plugin only knows it at the start of a block, so add the inline form.
  md.inline.ruler.before("math_inline_dollar", "math_inline_display", (state, silent) => {
    const start = state.pos;
    if (!state.src.startsWith("$$", start)) return false;
    let end = state.src.indexOf("$$", start + 2);
    while (end !== -1 && state.src.charCodeAt(end - 1) === 0x5c /* \ */) end = state.src.indexOf("$$", end + 1);
    if (end === -1 || end === start + 2) return false;
    if (!silent) {
      const token = state.push("math_inline_display", "math", 0);
      token.markup = "$$";
      token.content = state.src.slice(start + 2, end);
    }
    state.pos = end + 2;
    return true;
  });
  md.renderer.rules.math_inline_display = (tokens, index, _options, env: MarkdownEnv) => renderMath(tokens[index].content, true, env);

  md.use(anchor, {
    level: [1, 2, 3, 4, 5, 6],
    slugify,
    tabIndex: false,
    permalink: anchor.permalink.linkInsideHeader({
      class: "heading-anchor",
      symbol: '<span aria-hidden="true">#</span>',
      placement: "after",
      renderAttrs: (_slug, state) => ({ "aria-label": uiStrings((state.env as MarkdownEnv | undefined)?.language ?? "en").linkToSection }),
    }),
  });

  // Collect the headings (after markdown-it-anchor has given them ids).
  md.core.ruler.push("collect_headings", (state) => {
    const env = state.env as MarkdownEnv;
    if (!env.headings) return;
    const tokens = state.tokens;
    for (let index = 0; index < tokens.length; index++) {
      const open = tokens[index];
      if (open.type !== "heading_open") continue;
      const inline = tokens[index + 1];
      const children = withoutPermalink(inline.children ?? []);
      env.headings.push({
        level: Number(open.tag.slice(1)),
        id: open.attrGet("id") ?? "",
        html: md.renderer.renderInline(children, md.options, env).trim(),
        text: children.map((token) => (token.type.startsWith("math") ? token.content : token.type === "text" || token.type === "code_inline" ? token.content : "")).join("").trim(),
      });
    }
  });

  // Wide tables scroll inside their own box, not the page (client/scroll-regions.js makes a box that does scroll keyboard-reachable).
  md.renderer.rules.table_open = () => '<div class="table-scroll"><table>\n';
  md.renderer.rules.table_close = () => "</table>\n</div>\n";

  // Links to sibling notebooks go to their pages; external links open as usual.
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  md.renderer.rules.link_open = (tokens, index, options, env: MarkdownEnv, self) => {
    const token = tokens[index];
    const href = token.attrGet("href");
    if (href) {
      const match = /^(?:\.\/)?([\w.-]+)\.ipynb(#.*)?$/.exec(href);
      if (match && env.notebookSlugs?.has(match[1])) token.attrSet("href", `${match[1]}.html${match[2] ?? ""}`);
      else if (match) env.warnings.push(`${describe(env.location)}: link to ${href}, which is not among the site's notebooks`);
    }
    return defaultLinkOpen(tokens, index, options, env, self);
  };

  // Cell attachments become data URLs.
  const defaultImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, index, options, env: MarkdownEnv, self) => {
    const token = tokens[index];
    const source = token.attrGet("src") ?? "";
    if (source.startsWith("attachment:")) {
      const bundle = env.attachments?.[decodeURIComponent(source.slice("attachment:".length))];
      const mime = bundle && Object.keys(bundle).find((type) => type.startsWith("image/"));
      if (!bundle || !mime) {
        throw new SiteBuildError(env.location.file, env.location.cell, `image ${source} is not among the cell's attachments`);
      }
      const data = bundle[mime];
      token.attrSet("src", `data:${mime};base64,${(Array.isArray(data) ? data.join("") : String(data)).replace(/\s+/g, "")}`);
    }
    return defaultImage(tokens, index, options, env, self);
  };

  return {
    render: (source, env) => md.render(source, env),
    renderInline: (source, env) => md.renderInline(source, env),
  };
}

type Token = ReturnType<MarkdownIt["parseInline"]>[number];

/** Heading children without the permalink markdown-it-anchor appended. */
function withoutPermalink(children: Token[]): Token[] {
  const result: Token[] = [];
  let insidePermalink = false;
  for (const token of children) {
    if (token.type === "link_open" && (token.attrGet("class") ?? "").includes("heading-anchor")) {
      insidePermalink = true;
      // Drop the space markdown-it-anchor put before the link.
      const previous = result[result.length - 1];
      if (previous?.type === "text" && previous.content === " ") result.pop();
      continue;
    }
    if (insidePermalink) {
      if (token.type === "link_close") insidePermalink = false;
      continue;
    }
    result.push(token);
  }
  return result;
}

