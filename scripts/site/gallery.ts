/**
 * The "Loss gallery" page, generated from the library's `losses` registry:
 * each loss with its Chinese name, formula and gradient (KaTeX), when to use
 * it, the reference it is tested against, a worked example computed by the
 * library, and a plot of the loss and its gradient from `lossFunctionPlot`;
 * then the losses that share an x-axis (`groupLossesByAxis`) side by side.
 */
import type { groupLossesByAxis, LossInfo, peerTable } from "../../src/losses";
import type { lossFunctionPlot } from "../../src/plot";
import { SiteBuildError } from "./errors";
import { escapeHtml } from "./html";
import { renderMath, type Heading, type MarkdownEnv, type MarkdownRenderer } from "./markdown";
import { renderFigure, traceTypesOf, validateFigure, type PlotlyFigure } from "./figures";
import type { PageOptions } from "./layout";
import { lossAndGradientFigure as lossFigure } from "./loss-figure";
import { runItYourself } from "./pages";
import type { RenderedNotebook } from "./render-notebook";

/** A loss as the gallery shows it: the registry entry itself (one source of truth). */
export type GalleryLoss = LossInfo;

/** `groupLossesByAxis()` from the library: the losses that can share one plot. */
export type GroupLossesByAxis = typeof groupLossesByAxis;

/** `peerTable()` from the library: every loss in every framework its tests compare it with. */
export type PeerTable = typeof peerTable;

/** `lossFunctionPlot(ids, {what})` from the library. */
export type LossFunctionPlot = typeof lossFunctionPlot;

const TASKS: Array<{ task: string; title: string; titleZh: string }> = [
  { task: "regression", title: "Regression losses", titleZh: "回归损失" },
  { task: "classification", title: "Classification losses", titleZh: "分类损失" },
  { task: "distribution", title: "Losses between distributions", titleZh: "分布之间的损失" },
];

export const GALLERY_PAGE = "gallery.html";
const GALLERY_FILE = "losses registry (src/losses/registry.ts)";

/** One figure with the loss and its gradient in two stacked panels (loss-figure.ts), checked like a notebook figure. */
export function lossAndGradientFigure(loss: GalleryLoss, plot: LossFunctionPlot): PlotlyFigure {
  return validateFigure(lossFigure(loss, plot), { file: GALLERY_FILE, cell: undefined });
}

export interface GalleryInput {
  losses: readonly GalleryLoss[];
  plot: LossFunctionPlot;
  groupByAxis: GroupLossesByAxis;
  /** The frameworks table (rows of `peerTable(losses)`), shown after the cards. */
  peerTable: PeerTable;
  markdown: MarkdownRenderer;
  env: MarkdownEnv;
  /** The chapter that presents the losses, offered for download. */
  chapter?: RenderedNotebook;
  /** Wraps a loss card's figure (the explorables hook, explorables.ts). */
  decorateFigure?(loss: GalleryLoss, figureHtml: string): string;
}

export interface RenderedGallery {
  page: PageOptions;
  lossCount: number;
  figures: number;
  /** Plotly trace types of the figures, sorted. */
  traceTypes: string[];
}

export function renderGallery(input: GalleryInput): RenderedGallery {
  const { losses, markdown, env } = input;
  if (losses.length === 0) throw new SiteBuildError(GALLERY_FILE, undefined, "the registry lists no losses");
  const unknownTask = losses.find((loss) => !TASKS.some((group) => group.task === loss.task));
  if (unknownTask) throw new SiteBuildError(GALLERY_FILE, undefined, `loss "${unknownTask.id}" has task "${unknownTask.task}", not one of ${TASKS.map((t) => t.task).join(", ")}`);

  const headings: Heading[] = [];
  const decorate = input.decorateFigure ?? ((_loss: GalleryLoss, html: string) => html);
  let figures = 0;
  const traceTypes = new Set<string>();
  const math = (tex: string, loss: GalleryLoss, field: string) => {
    env.location = { file: `${GALLERY_FILE}, loss "${loss.id}" ${field}` };
    return renderMath(tex, true, env);
  };
  const inline = (text: string, loss: GalleryLoss, field: string) => {
    env.location = { file: `${GALLERY_FILE}, loss "${loss.id}" ${field}` };
    return markdown.renderInline(text, env);
  };

  const summaryRows = losses.map(
    (loss) =>
      // The Chinese name also sits under the English one, for phones, where the table drops to two columns.
      `<tr><th scope="row"><a href="#${lossAnchor(loss)}">${escapeHtml(loss.name)}</a><span class="loss-table-zh" lang="zh-Hans">${escapeHtml(loss.nameZh)}</span></th><td lang="zh-Hans">${escapeHtml(loss.nameZh)}</td><td>${escapeHtml(loss.task)}</td><td>${inline(loss.whenToUse, loss, "whenToUse")}</td></tr>`,
  );

  const groups = TASKS.filter((group) => losses.some((loss) => loss.task === group.task)).map((group) => {
    const id = `${group.task}-losses`;
    headings.push({ level: 2, id, html: escapeHtml(group.title), text: group.title });
    const cards = losses
      .filter((loss) => loss.task === group.task)
      .map((loss) => {
        const anchor = lossAnchor(loss);
        headings.push({ level: 3, id: anchor, html: escapeHtml(loss.name), text: loss.name });
        const figure = lossAndGradientFigure(loss, input.plot);
        figures++;
        for (const type of traceTypesOf(figure)) traceTypes.add(type);
        const defaults = Object.entries(loss.defaults);
        const optionsText = defaults.length ? `, { ${defaults.map(([key, value]) => `${key}: ${value}`).join(", ")} }` : "";
        const argumentsText = loss.input === "matrix" ? "yTrueRows, yPredRows" : "yTrue, yPred";
        return `<section class="loss-card" aria-labelledby="${anchor}">
<h3 id="${anchor}"><span class="title-en">${escapeHtml(loss.name)}</span> <span class="title-zh" lang="zh-Hans">${escapeHtml(loss.nameZh)}</span> <a class="heading-anchor" href="#${anchor}" aria-label="Link to this section"><span aria-hidden="true">#</span></a></h3>
<p class="loss-meta"><code>${escapeHtml(loss.id)}</code>${loss.section ? ` · document §${escapeHtml(loss.section)}` : ""} · ${escapeHtml(loss.input === "matrix" ? "rows of class scores" : "one number per sample")}</p>
<dl class="loss-facts">
<dt>Loss</dt><dd class="math-box">${math(loss.formula, loss, "formula")}</dd>
<dt>Gradient</dt><dd class="math-box">${math(loss.gradient, loss, "gradient")}</dd>
<dt>When to use</dt><dd>${inline(loss.whenToUse, loss, "whenToUse")}</dd>
<dt>Matches</dt><dd><code>${codeWithBreaks(loss.reference)}</code></dd>
<dt>Example</dt><dd>${renderExample(loss)}</dd>
<dt>In code</dt><dd><code>${codeWithBreaks(`${loss.id}(${argumentsText}${optionsText})`)}</code>, <code>${escapeHtml(`${loss.id}Grad`)}</code>, <code>${codeWithBreaks(`${loss.id}ValueAndGrad`)}</code></dd>
</dl>
${decorate(loss, renderFigure(figure, `figure-${figures}`, `${loss.name} and its gradient`))}
</section>`;
      });
    return `<h2 id="${id}">${escapeHtml(group.title)} <span class="title-zh" lang="zh-Hans">${escapeHtml(group.titleZh)}</span> <a class="heading-anchor" href="#${id}" aria-label="Link to this section"><span aria-hidden="true">#</span></a></h2>
${cards.join("\n")}`;
  });

  // Every loss in every framework it is checked against: the table a learner needs when moving to one.
  const frameworksId = "in-the-frameworks";
  headings.push({ level: 2, id: frameworksId, html: "In the frameworks", text: "In the frameworks" });
  const frameworks = `<h2 id="${frameworksId}">In the frameworks <span class="title-zh" lang="zh-Hans">在各框架中</span> <a class="heading-anchor" href="#${frameworksId}" aria-label="Link to this section"><span aria-hidden="true">#</span></a></h2>
${renderPeerTable(losses, input.peerTable)}`;

  // Losses on the same x-axis in one plot each (only axes with two or more losses).
  const shared = input.groupByAxis().filter((group) => group.ids.length > 1);
  let sideBySide = "";
  if (shared.length > 0) {
    const id = "side-by-side";
    headings.push({ level: 2, id, html: "Side by side", text: "Side by side" });
    const plots = shared.map((group) => {
      const location = { file: `${GALLERY_FILE}, losses on the ${group.axis} axis`, cell: undefined };
      const figure = validateFigure(input.plot(group.ids, { what: "value", title: `${group.ids.length} losses against the ${group.label}` }), location);
      figures++;
      for (const type of traceTypesOf(figure)) traceTypes.add(type);
      return renderFigure(figure, `figure-${figures}`, `${group.ids.length} losses against the ${group.label}`);
    });
    sideBySide = `<h2 id="${id}">Side by side <span class="title-zh" lang="zh-Hans">同轴对比</span> <a class="heading-anchor" href="#${id}" aria-label="Link to this section"><span aria-hidden="true">#</span></a></h2>
<p>The losses that are functions of the same number, drawn together: how fast each grows away from its minimum is what makes it robust to outliers or not.</p>
${plots.join("\n")}`;
  }

  const chapter = input.chapter;
  // No download bar: the gallery is generated from the registry, not from a notebook (the chapter is linked in the lead).
  const mainHtml = `<article class="gallery">
<h1 id="loss-gallery"><span class="title-en">Loss gallery</span> <span class="title-zh" lang="zh-Hans">损失函数图鉴</span></h1>
<p class="lead">Every loss of the <code>lossbook</code> library, generated from its registry: the per-sample loss and its derivative, when to reach for it, the reference implementation its tests agree with, and a plot of the loss (solid, above) and its gradient (dashed, below), each on its own scale.${chapter ? ` The chapter <a href="${chapter.notebook.slug}.html">${escapeHtml(chapter.titleText)}</a> works through them.` : ""}</p>
<div class="table-scroll" tabindex="0" role="region" aria-label="All losses at a glance">
<table class="loss-table">
<caption>All ${losses.length} losses at a glance</caption>
<thead><tr><th scope="col">Loss</th><th scope="col">中文</th><th scope="col">Task</th><th scope="col">When to use</th></tr></thead>
<tbody>
${summaryRows.join("\n")}
</tbody>
</table>
</div>
${groups.join("\n")}
${frameworks}
${sideBySide}
</article>
${chapter ? runItYourself(chapter.notebook.fileName) : ""}`;

  if (chapter) headings.push({ level: 2, id: "run-it-yourself", html: "Run it yourself", text: "Run it yourself" });
  return {
    lossCount: losses.length,
    figures,
    traceTypes: [...traceTypes].sort(),
    page: {
      fileName: GALLERY_PAGE,
      title: "Loss gallery",
      description: `All ${losses.length} losses of the workbook with formula, gradient and plot.`,
      mainHtml,
      outline: headings,
      hasMath: true,
      hasFigures: figures > 0,
      bodyClass: "page-gallery",
    },
  };
}

/**
 * The frameworks table: one row per framework a loss is checked against
 * (test/fixtures/peers.json), with that framework's name for it, the call on
 * lossbook's (yTrue, yPred), its convention and, where its numbers differ,
 * exactly how. One <tbody> per loss, whose name heads its rows (scope rowgroup).
 */
export function renderPeerTable(losses: readonly GalleryLoss[], peerTable: PeerTable): string {
  const rows = peerTable(losses);
  if (rows.length === 0) throw new SiteBuildError(GALLERY_FILE, undefined, "no loss lists a peer framework (LossInfo.peers)");
  const bodies = losses
    .map((loss) => {
      const own = rows.filter((row) => row.loss === loss.id);
      return own
        .map((row, index) => {
          const head = index === 0 ? `<th scope="rowgroup" rowspan="${own.length}"><a href="#${lossAnchor(loss)}">${escapeHtml(loss.name)}</a><br><code>${codeWithBreaks(loss.id)}</code></th>` : "";
          return `<tr>${head}<td>${escapeHtml(row.library)}</td><td class="peer-name"><code>${codeWithBreaks(row.peerName)}</code></td><td class="peer-call"><code>${codeWithBreaks(row.call)}</code></td><td>${escapeHtml(row.convention)}</td><td>${row.difference ? escapeHtml(row.difference) : "the same numbers"}</td></tr>`;
        })
        .join("\n");
    })
    .filter((body) => body !== "")
    .map((body) => `<tbody>\n${body}\n</tbody>`);
  const libraries = [...new Set(rows.map((row) => row.library))];
  return `<p>Each loss is checked against the same loss in ${libraries.join(", ")} (values and gradients in float64, <code>test/fixtures/peers.json</code>, compared at 10<sup>−10</sup> relative; Keras's to float32 rounding, because Keras 3 takes its means in float32). Where a framework's numbers differ, the last column says exactly how, and a test proves it.</p>
<div class="table-scroll" tabindex="0" role="region" aria-label="Each loss in the frameworks">
<table class="peer-table">
<caption>${rows.length} framework calls for the ${bodies.length} losses: name, call on (yTrue, yPred), convention and difference</caption>
<thead><tr><th scope="col">Loss</th><th scope="col">Framework</th><th scope="col">Its name</th><th scope="col">Call</th><th scope="col">Convention</th><th scope="col">Difference from lossbook</th></tr></thead>
${bodies.join("\n")}
</table>
</div>`;
}

/**
 * Code with line-break opportunities (<wbr>) where a reader would break it:
 * after dots, underscores and opening parentheses followed by a name (never
 * inside a number), before the "And"
 * of a camel-case name, so that long names wrap cleanly on a phone.
 */
export function codeWithBreaks(code: string): string {
  return escapeHtml(code)
    .replace(/([._(])(?=[A-Za-z])/g, "$1<wbr>")
    .replace(/(?<=[a-z])(And)(?=[A-Z])/g, "<wbr>$1");
}

/** A value or an input as it would be typed in TypeScript: `[1, 2]`, `{ delta: 1 }`. */
export function formatInput(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return `[${value.map(formatInput).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{ ${Object.entries(value).map(([key, entry]) => `${key}: ${formatInput(entry)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** The registry's example call and the value the library returns for it (4 significant digits). */
function renderExample(loss: GalleryLoss): string {
  const { yTrue, yPred, options } = loss.example;
  let result: unknown;
  try {
    result = loss.value(yTrue as never, yPred as never, options as never);
  } catch (error) {
    throw new SiteBuildError(GALLERY_FILE, undefined, `loss "${loss.id}": its example throws ${(error as Error).message}`);
  }
  if (typeof result !== "number" || !Number.isFinite(result)) {
    throw new SiteBuildError(GALLERY_FILE, undefined, `loss "${loss.id}": its example gives ${String(result)}, not a finite number`);
  }
  const call = `${loss.id}(${formatInput(yTrue)}, ${formatInput(yPred)}${options && Object.keys(options).length ? `, ${formatInput(options)}` : ""})`;
  return `<code>${codeWithBreaks(call)}</code> returns <code>${Number(result.toPrecision(4))}</code>`;
}

function lossAnchor(loss: GalleryLoss): string {
  return `loss-${loss.id}`;
}
