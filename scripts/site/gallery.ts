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
import { chapterTitleHtml, type RenderedNotebook } from "./render-notebook";
import { uiStrings, type SiteLanguage } from "./ui-strings";

/** A loss as the gallery shows it: the registry entry itself (one source of truth). */
export type GalleryLoss = LossInfo;

/** `groupLossesByAxis()` from the library: the losses that can share one plot. */
export type GroupLossesByAxis = typeof groupLossesByAxis;

/** `peerTable()` from the library: every loss in every framework its tests compare it with. */
export type PeerTable = typeof peerTable;

/** `lossFunctionPlot(ids, {what})` from the library. */
export type LossFunctionPlot = typeof lossFunctionPlot;

/** The registry's tasks in the gallery's order (their titles are in ui-strings.ts). */
const TASKS: Array<{ task: string }> = [{ task: "regression" }, { task: "classification" }, { task: "distribution" }];

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
  /**
   * The page's language (default "en"). The Chinese gallery reads the
   * registry's Chinese fields (nameZh, whenToUseZh, the axes' labelZh); its
   * figures are drawn with the library's language set to Chinese.
   */
  language?: SiteLanguage;
}

export interface RenderedGallery {
  page: PageOptions;
  lossCount: number;
  figures: number;
  /** Plotly trace types of the figures, sorted. */
  traceTypes: string[];
}

/**
 * The words inside the registry formulas' `\text{…}`, as the Chinese gallery writes them (the
 * notebooks' translations write 其他情况 too). Each phrase is matched whole, with the math around it
 * where Chinese puts the words in another order ("0 at ŷ = y" → "ŷ = y 时为 0").
 */
const CHINESE_MATH_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\\text\{otherwise\}/g, "\\text{其他情况}"],
  [/\(0 \\text\{ at \} ([^)]*)\)/g, "($1 \\text{ 时为 } 0)"],
  [/\(= (.*?) \\text\{ for \} ([^)]*)\)/g, "($2 \\text{ 时为 } $1)"],
  [/\\text\{ \(default (\d+)\)\}/g, "\\text{（默认为 $1）}"],
];

/**
 * A registry formula with its `\text{…}` words in Chinese. Throws, naming the loss and field, if a
 * Latin word is left inside `\text{}` — a formula given a new English phrase needs its Chinese here.
 */
export function chineseMathWords(tex: string, where: string): string {
  const translated = CHINESE_MATH_WORDS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), tex);
  const untranslated = /\\text\{[^}]*[A-Za-z][^}]*\}/.exec(translated);
  if (untranslated) throw new SiteBuildError(GALLERY_FILE, undefined, `${where}: "${untranslated[0]}" has no Chinese in CHINESE_MATH_WORDS (scripts/site/gallery.ts)`);
  return translated;
}

export function renderGallery(input: GalleryInput): RenderedGallery {
  const { losses, markdown, env } = input;
  const language = input.language ?? "en";
  const zh = language === "zh";
  const strings = uiStrings(language);
  const english = uiStrings("en");
  /** A loss's name as this page leads with it, and the other language's beside it. */
  const names = (loss: GalleryLoss) =>
    zh ? { main: loss.nameZh, other: loss.name, otherLang: "en" } : { main: loss.name, other: loss.nameZh, otherLang: "zh-Hans" };
  const whenToUse = (loss: GalleryLoss) => (zh ? loss.whenToUseZh : loss.whenToUse);
  const anchorLink = (id: string) => `<a class="heading-anchor" href="#${id}" aria-label="${escapeHtml(strings.linkToSection)}"><span aria-hidden="true">#</span></a>`;
  if (losses.length === 0) throw new SiteBuildError(GALLERY_FILE, undefined, "the registry lists no losses");
  const unknownTask = losses.find((loss) => !TASKS.some((group) => group.task === loss.task));
  if (unknownTask) throw new SiteBuildError(GALLERY_FILE, undefined, `loss "${unknownTask.id}" has task "${unknownTask.task}", not one of ${TASKS.map((t) => t.task).join(", ")}`);

  const headings: Heading[] = [];
  const decorate = input.decorateFigure ?? ((_loss: GalleryLoss, html: string) => html);
  let figures = 0;
  const traceTypes = new Set<string>();
  const math = (tex: string, loss: GalleryLoss, field: string) => {
    env.location = { file: `${GALLERY_FILE}, loss "${loss.id}" ${field}` };
    return renderMath(zh ? chineseMathWords(tex, `loss "${loss.id}" ${field}`) : tex, true, env);
  };
  const inline = (text: string, loss: GalleryLoss, field: string) => {
    env.location = { file: `${GALLERY_FILE}, loss "${loss.id}" ${field}` };
    return markdown.renderInline(text, env);
  };

  const summaryRows = losses.map(
    (loss) =>
      // The Chinese name also sits under the English one, for phones, where the table drops to two columns.
      `<tr><th scope="row"><a href="#${lossAnchor(loss)}">${escapeHtml(names(loss).main)}</a><span class="loss-table-zh" lang="${names(loss).otherLang}">${escapeHtml(names(loss).other)}</span></th><td lang="${names(loss).otherLang}">${escapeHtml(names(loss).other)}</td><td>${escapeHtml(strings.taskNames[loss.task] ?? loss.task)}</td><td>${inline(whenToUse(loss), loss, zh ? "whenToUseZh" : "whenToUse")}</td></tr>`,
  );

  const groups = TASKS.filter((group) => losses.some((loss) => loss.task === group.task)).map((group) => {
    const id = `${group.task}-losses`;
    const groupTitle = strings.taskTitles[group.task];
    headings.push({ level: 2, id, html: escapeHtml(groupTitle), text: groupTitle });
    const cards = losses
      .filter((loss) => loss.task === group.task)
      .map((loss) => {
        const anchor = lossAnchor(loss);
        headings.push({ level: 3, id: anchor, html: escapeHtml(names(loss).main), text: names(loss).main });
        const figure = lossAndGradientFigure(loss, input.plot);
        figures++;
        for (const type of traceTypesOf(figure)) traceTypes.add(type);
        const defaults = Object.entries(loss.defaults);
        const optionsText = defaults.length ? `, { ${defaults.map(([key, value]) => `${key}: ${value}`).join(", ")} }` : "";
        const argumentsText = loss.input === "matrix" ? "yTrueRows, yPredRows" : "yTrue, yPred";
        return `<section class="loss-card" aria-labelledby="${anchor}">
<h3 id="${anchor}"><span class="title-en">${escapeHtml(names(loss).main)}</span> <span class="title-zh" lang="${names(loss).otherLang}">${escapeHtml(names(loss).other)}</span> ${anchorLink(anchor)}</h3>
<p class="loss-meta"><code>${escapeHtml(loss.id)}</code>${loss.section ? ` · ${escapeHtml(strings.sectionOfDocument(loss.section))}` : ""} · ${escapeHtml(loss.input === "matrix" ? strings.matrixInput : strings.vectorInput)}</p>
<dl class="loss-facts">
<dt>${escapeHtml(strings.factLoss)}</dt><dd class="math-box">${math(loss.formula, loss, "formula")}</dd>
<dt>${escapeHtml(strings.factGradient)}</dt><dd class="math-box">${math(loss.gradient, loss, "gradient")}</dd>
<dt>${escapeHtml(strings.factWhenToUse)}</dt><dd>${inline(whenToUse(loss), loss, zh ? "whenToUseZh" : "whenToUse")}</dd>
<dt>${escapeHtml(strings.factMatches)}</dt><dd><code>${codeWithBreaks(loss.reference)}</code></dd>
<dt>${escapeHtml(strings.factExample)}</dt><dd>${renderExample(loss, strings.exampleReturns)}</dd>
<dt>${escapeHtml(strings.factInCode)}</dt><dd><code>${codeWithBreaks(`${loss.id}(${argumentsText}${optionsText})`)}</code>, <code>${escapeHtml(`${loss.id}Grad`)}</code>, <code>${codeWithBreaks(`${loss.id}ValueAndGrad`)}</code></dd>
</dl>
${decorate(loss, renderFigure(figure, `figure-${figures}`, strings.figureOfLoss(names(loss).main), undefined, language))}
</section>`;
      });
    const other = zh ? english.taskTitles[group.task] : uiStrings("zh").taskTitles[group.task];
    return `<h2 id="${id}">${escapeHtml(groupTitle)} <span class="title-zh" lang="${zh ? "en" : "zh-Hans"}">${escapeHtml(other)}</span> ${anchorLink(id)}</h2>
${cards.join("\n")}`;
  });

  // Every loss in every framework it is checked against: the table a learner needs when moving to one.
  const frameworksId = "in-the-frameworks";
  headings.push({ level: 2, id: frameworksId, html: escapeHtml(strings.frameworksTitle), text: strings.frameworksTitle });
  const frameworksOther = zh ? english.frameworksTitle : uiStrings("zh").frameworksTitle;
  const frameworks = `<h2 id="${frameworksId}">${escapeHtml(strings.frameworksTitle)} <span class="title-zh" lang="${zh ? "en" : "zh-Hans"}">${escapeHtml(frameworksOther)}</span> ${anchorLink(frameworksId)}</h2>
${renderPeerTable(losses, input.peerTable, language)}`;

  // Losses on the same x-axis in one plot each (only axes with two or more losses).
  const shared = input.groupByAxis().filter((group) => group.ids.length > 1);
  let sideBySide = "";
  if (shared.length > 0) {
    const id = "side-by-side";
    headings.push({ level: 2, id, html: escapeHtml(strings.sideBySide), text: strings.sideBySide });
    const plots = shared.map((group) => {
      const location = { file: `${GALLERY_FILE}, losses on the ${group.axis} axis`, cell: undefined };
      const title = strings.lossesAgainst(group.ids.length, zh ? group.labelZh : group.label);
      const figure = validateFigure(input.plot(group.ids, { what: "value", title }), location);
      figures++;
      for (const type of traceTypesOf(figure)) traceTypes.add(type);
      return renderFigure(figure, `figure-${figures}`, title, undefined, language);
    });
    sideBySide = `<h2 id="${id}">${zh ? `${escapeHtml(strings.sideBySide)} <span class="title-zh" lang="en">${escapeHtml(english.sideBySide)}</span>` : `Side by side <span class="title-zh" lang="zh-Hans">同轴对比</span>`} ${anchorLink(id)}</h2>
<p>${escapeHtml(strings.sideBySideText)}</p>
${plots.join("\n")}`;
  }

  const chapter = input.chapter;
  // No download bar: the gallery is generated from the registry, not from a notebook (the chapter is linked in the lead).
  const mainHtml = `<article class="gallery">
<h1 id="loss-gallery">${zh ? `<span class="title-en">${escapeHtml(strings.galleryTitle)}</span> <span class="title-zh" lang="en">${escapeHtml(english.galleryTitle)}</span>` : `<span class="title-en">Loss gallery</span> <span class="title-zh" lang="zh-Hans">损失函数图鉴</span>`}</h1>
<p class="lead">${strings.galleryLead}${chapter ? strings.galleryChapterLink(`<a href="${chapter.notebook.slug}.html">${zh ? chapterTitleHtml(chapter.title, language) : escapeHtml(chapter.titleText)}</a>`) : ""}</p>
<div class="table-scroll" tabindex="0" role="region" aria-label="${escapeHtml(strings.galleryTableLabel)}">
<table class="loss-table">
<caption>${escapeHtml(strings.galleryTableCaption(losses.length))}</caption>
<thead><tr>${strings.galleryColumns.map((column, index) => `<th scope="col"${index === 1 ? ` lang="${zh ? "en" : "zh-Hans"}"` : ""}>${escapeHtml(column)}</th>`).join("")}</tr></thead>
<tbody>
${summaryRows.join("\n")}
</tbody>
</table>
</div>
${groups.join("\n")}
${frameworks}
${sideBySide}
</article>
${chapter ? runItYourself(chapter.notebook.fileName, language) : ""}`;

  if (chapter) headings.push({ level: 2, id: "run-it-yourself", html: escapeHtml(strings.runItYourself), text: strings.runItYourself });
  return {
    lossCount: losses.length,
    figures,
    traceTypes: [...traceTypes].sort(),
    page: {
      fileName: GALLERY_PAGE,
      title: strings.galleryTitle,
      description: strings.galleryDescription(losses.length),
      language,
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
export function renderPeerTable(losses: readonly GalleryLoss[], peerTable: PeerTable, language: SiteLanguage = "en"): string {
  const strings = uiStrings(language);
  const zh = language === "zh";
  const rows = peerTable(losses);
  if (rows.length === 0) throw new SiteBuildError(GALLERY_FILE, undefined, "no loss lists a peer framework (LossInfo.peers)");
  const bodies = losses
    .map((loss) => {
      const own = rows.filter((row) => row.loss === loss.id);
      return own
        .map((row, index) => {
          const head = index === 0 ? `<th scope="rowgroup" rowspan="${own.length}"><a href="#${lossAnchor(loss)}">${escapeHtml(language === "zh" ? loss.nameZh : loss.name)}</a><br><code>${codeWithBreaks(loss.id)}</code></th>` : "";
          return `<tr>${head}<td>${escapeHtml(row.library)}</td><td class="peer-name"><code>${codeWithBreaks(row.peerName)}</code></td><td class="peer-call"><code>${codeWithBreaks(row.call)}</code></td><td>${escapeHtml(zh ? row.conventionZh : row.convention)}</td><td>${row.difference ? escapeHtml(zh ? row.differenceZh : row.difference) : escapeHtml(strings.frameworksSameNumbers)}</td></tr>`;
        })
        .join("\n");
    })
    .filter((body) => body !== "")
    .map((body) => `<tbody>\n${body}\n</tbody>`);
  const libraries = [...new Set(rows.map((row) => row.library))];
  const columns = strings.frameworksColumns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join("");
  return `<p>${strings.frameworksIntro(libraries.join(", "))}</p>
<div class="table-scroll" tabindex="0" role="region" aria-label="${escapeHtml(strings.frameworksRegion)}">
<table class="peer-table">
<caption>${escapeHtml(strings.frameworksCaption(rows.length, bodies.length))}</caption>
<thead><tr>${columns}</tr></thead>
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
function renderExample(loss: GalleryLoss, returns = "returns"): string {
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
  return `<code>${codeWithBreaks(call)}</code> ${escapeHtml(returns)} <code>${Number(result.toPrecision(4))}</code>`;
}

function lossAnchor(loss: GalleryLoss): string {
  return `loss-${loss.id}`;
}
