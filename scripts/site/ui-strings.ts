/**
 * Every piece of interface text the site shows, in one place, in each of the
 * site's languages, for the page templates (build time) and the browser code
 * alike (scripts/site/client/ imports this file; esbuild bundles it). The
 * English object defines the keys; the Chinese one must have every key (its
 * type is the English one's). Chapter text comes from the notebooks
 * (notebooks/zh/*.json for Chinese), not from here.
 */

/** The site's languages, by the folder of their pages: English at the root, Chinese under zh/. */
export const SITE_LANGUAGES = ["en", "zh"] as const;
export type SiteLanguage = (typeof SITE_LANGUAGES)[number];

/** The `lang`/`hreflang` value of each language (BCP 47). */
export const HTML_LANG: Record<SiteLanguage, string> = { en: "en", zh: "zh-Hans" };

const ENGLISH = {
  skipToContent: "Skip to content",
  contents: "Contents",
  chaptersAndSections: "Chapters and sections",
  searchLabel: "Search the workbook",
  searchPlaceholder: "Search (press /)",
  searchLoading: "Loading the search index…",
  searchFailed: "The search index could not be loaded.",
  searchNoResults: (query: string) => `Nothing found for “${query}”.`,
  /** "3 results", announced to screen readers. */
  searchResultCount: (count: number) => `${count} result${count === 1 ? "" : "s"}`,
  searchResultsLabel: "Search results",
  themeToggle: "Dark theme",
  themeToggleTitle: "Switch between the light and the dark theme (it follows your system until you choose)",
  /** The language switch: its text is the other language's own name, its label says what it does. */
  languageSwitch: "中文",
  languageSwitchLabel: "中文, read this page in Chinese",
  copyCode: "Copy",
  copyCodeLabel: "Copy the code of this cell",
  copied: "Copied",
  copyFailed: "Could not copy",
  /** Labels of boxes that scroll sideways, numbered so that each region's name is unique on the page. */
  scrollableFormula: (number: number) => `Formula ${number} (scrolls sideways)`,
  scrollableTable: (number: number) => `Table ${number} (scrolls sideways)`,
  scrollableOutput: (number: number) => `Output ${number} (scrolls sideways)`,
  scrollableCode: (number: number) => `Code ${number} (scrolls sideways)`,
  drawingPlot: "Drawing the plot…",
  standardError: "Standard error",
  errorOutput: "Error output",
  errorLabel: "Error",
  plotLabel: (title: string) => `Plot: ${title}`,
  plotNeedsScript: (title: string) => `${title}: this plot needs JavaScript.`,
  figureFromCell: (cell: number, page: string) => `figure from cell ${cell} of ${page}`,
  shortcutsHint: "Keys: / search, n next chapter, p previous chapter",
  footer: "Built from the workbook's Jupyter notebooks. Every number and plot comes from the <code>lossbook</code> TypeScript library. Run the notebooks yourself with <code>npm run jupyter</code>.",
  linkToSection: "Link to this section",

  // Pages (pages.ts)
  download: "Download",
  openInJupyterHint: 'Open it in Jupyter with <code>npm run jupyter</code> (<a href="#run-it-yourself">how</a>)',
  runItYourself: "Run it yourself",
  runItYourselfSteps: (downloadLink: string, fileName: string) => [
    `${downloadLink}, or take the whole workbook: clone the project and run <code>npm install</code> in its folder (Node.js 20 or newer).`,
    "Run <code>npm run jupyter</code> in the project folder. It registers the TypeScript kernel (tslab) and opens Jupyter Notebook on the <code>notebooks/</code> folder.",
    `Open ${fileName} and choose <em>Run All</em>. Edit the exercise cells and run their checks.`,
  ],
  previous: "Previous",
  next: "Next",
  pagerLabel: "Previous and next chapter",
  chapterDescription: (title: string) => `${title}: a chapter of the loss-functions workbook, with runnable TypeScript code.`,
  documentSections: (sections: string) => `Document ${sections}`,
  plotCount: (count: number) => `${count} plot${count === 1 ? "" : "s"}`,
  downloadFileLabel: (fileName: string) => `Download ${fileName}`,
  galleryTitle: "Loss gallery",
  galleryIndexDetails: (count: number) => `${count} losses: formula, gradient and plot of each`,
  indexLead: "Loss functions from first principles to working code: mean squared error, cross-entropy, Huber and the losses around them. Every formula is derived, checked numerically and run in TypeScript; every plot is drawn from the same tested library.",
  startReading: "Start reading:",
  indexContentsNote: 'Each chapter is a Jupyter notebook; the section numbers and Chinese titles are those of the source document, <cite lang="zh-Hans">Loss Functions 原理与代码实战案例讲解</cite>.',
  indexRunIntro: 'The chapters are notebooks on the TypeScript kernel <a href="https://github.com/yunabe/tslab">tslab</a>. With Node.js 20 or newer, in the project folder:',
  indexRunCommands: "npm install       # the library, the kernel and the site tools\nnpm run jupyter   # opens Jupyter Notebook on notebooks/\nnpm start         # builds this site and serves it",
  indexRunSingle: "Or download a single chapter with its <strong>.ipynb</strong> link above.",
  indexDescription: "A workbook on machine-learning loss functions: derivations, TypeScript code and plots, chapter by chapter.",
  notFoundTitle: "Page not found",
  notFoundDescription: "There is no page at this address.",
  notFoundText: 'There is no page at this address. It may have been renamed when the chapters were rebuilt. Search for what you were looking for above, or <a href="index.html" id="contents-link">go to the table of contents</a>.',

  // Chapters (render-notebook.ts)
  workedSolution: "Worked solution",
  solutionNote: "Try it in Jupyter first: the solution lies between <code>// BEGIN SOLUTION</code> and <code>// END SOLUTION</code>.",
  checkLabel: "Check",

  // The gallery (gallery.ts)
  galleryLead: "Every loss of the <code>lossbook</code> library, generated from its registry: the per-sample loss and its derivative, when to reach for it, the reference implementation its tests agree with, and a plot of the loss (solid, above) and its gradient (dashed, below), each on its own scale.",
  galleryChapterLink: (link: string) => ` The chapter ${link} works through them.`,
  galleryDescription: (count: number) => `All ${count} losses of the workbook with formula, gradient and plot.`,
  galleryTableLabel: "All losses at a glance",
  galleryTableCaption: (count: number) => `All ${count} losses at a glance`,
  galleryColumns: ["Loss", "中文", "Task", "When to use"] as string[],
  taskNames: { regression: "regression", classification: "classification", distribution: "distribution" } as Record<string, string>,
  taskTitles: { regression: "Regression losses", classification: "Classification losses", distribution: "Losses between distributions" } as Record<string, string>,
  sectionOfDocument: (section: string) => `document §${section}`,
  matrixInput: "rows of class scores",
  vectorInput: "one number per sample",
  factLoss: "Loss",
  factGradient: "Gradient",
  factWhenToUse: "When to use",
  factMatches: "Matches",
  factExample: "Example",
  factInCode: "In code",
  exampleReturns: "returns",
  figureOfLoss: (name: string) => `${name} and its gradient`,
  frameworksTitle: "In the frameworks",
  frameworksRegion: "Each loss in the frameworks",
  frameworksIntro: (libraries: string) => `Each loss is checked against the same loss in ${libraries} (values and gradients in float64, <code>test/fixtures/peers.json</code>, compared at 10<sup>−10</sup> relative; Keras's to float32 rounding, because Keras 3 takes its means in float32). Where a framework's numbers differ, the last column says exactly how, and a test proves it.`,
  frameworksCaption: (calls: number, losses: number) => `${calls} framework calls for the ${losses} losses: name, call on (yTrue, yPred), convention and difference`,
  frameworksColumns: ["Loss", "Framework", "Its name", "Call", "Convention", "Difference from lossbook"] as readonly string[],
  frameworksSameNumbers: "the same numbers",
  sideBySide: "Side by side",
  sideBySideText: "The losses that are functions of the same number, drawn together: how fast each grows away from its minimum is what makes it robust to outliers or not.",
  lossesAgainst: (count: number, label: string) => `${count} losses against the ${label}`,

  // The workbook (workbook.ts, client/runtime/)
  run: "Run",
  runCellLabel: (number: number) => `Run cell ${number}`,
  showSolution: "Show solution",
  hideSolution: "Hide solution",
  workbookLabel: "Workbook",
  runAll: "Run all",
  stop: "Stop",
  reset: "Reset",
  downloadMyNotebook: "Download my notebook",
  checksInChapter: (count: number) => `${count} checks in this chapter`,
  workbookIntro: "Every code cell runs in your browser: click into it to edit, Shift+Enter or Run to run it. Types are checked in Jupyter, not here.",
  running: "Running…",
  ranIn: (milliseconds: number) => `Ran in ${milliseconds} ms`,
  stopped: "Stopped",
  stoppedWithError: "Stopped with an error",
  runAllStoppedAt: (number: number) => `Run all stopped at cell ${number}, which raised an error.`,
  ranEveryCell: "Ran every cell.",
  stoppedRestarted: "Stopped. The runtime was restarted, so its names are gone: run the earlier cells again (Run all) before the next one.",
  /** HTML; the name goes into the <code>. */
  nameDefinedIn: (number: number) => `<code></code> is defined in <a href="#cell-${number}">cell ${number}</a>: run that cell first (or Run all).`,
  nameNotDefined: "<code></code> is not defined in any cell of this chapter: check its spelling.",
  checksPassed: (passed: number, total: number) => `Checks passed: ${passed} of ${total}`,
  codeOfCell: (number: number) => `Code of cell ${number}`,
  indexProgress: (passed: number, total: number) => `${passed} of ${total} checks passed`,
  workedIn: "worked in",
};

/** The interface strings of one language (the English keys and signatures). */
export type UiStrings = typeof ENGLISH;

const CHINESE: UiStrings = {
  skipToContent: "跳到正文",
  contents: "目录",
  chaptersAndSections: "章节",
  searchLabel: "搜索本书",
  searchPlaceholder: "搜索（按 /）",
  searchLoading: "正在加载搜索索引…",
  searchFailed: "无法加载搜索索引。",
  searchNoResults: (query: string) => `没有找到“${query}”。`,
  searchResultCount: (count: number) => `${count} 条结果`,
  searchResultsLabel: "搜索结果",
  themeToggle: "深色主题",
  themeToggleTitle: "在浅色和深色主题之间切换（在你选择之前跟随系统设置）",
  languageSwitch: "English",
  languageSwitchLabel: "English：阅读本页的英文版",
  copyCode: "复制",
  copyCodeLabel: "复制这个单元格的代码",
  copied: "已复制",
  copyFailed: "无法复制",
  scrollableFormula: (number: number) => `公式 ${number}（可横向滚动）`,
  scrollableTable: (number: number) => `表格 ${number}（可横向滚动）`,
  scrollableOutput: (number: number) => `输出 ${number}（可横向滚动）`,
  scrollableCode: (number: number) => `代码 ${number}（可横向滚动）`,
  drawingPlot: "正在绘制图像…",
  standardError: "标准错误输出",
  errorOutput: "错误输出",
  errorLabel: "错误",
  plotLabel: (title: string) => `图：${title}`,
  plotNeedsScript: (title: string) => `${title}：这幅图需要 JavaScript。`,
  figureFromCell: (cell: number, page: string) => `${page}中单元格 ${cell} 的图`,
  shortcutsHint: "快捷键：/ 搜索，n 下一章，p 上一章",
  footer: "本站由本书的 Jupyter 笔记本生成。每个数字和每幅图都来自 TypeScript 库 <code>lossbook</code>。用 <code>npm run jupyter</code> 亲自运行这些笔记本。",
  linkToSection: "链接到本节",

  download: "下载",
  openInJupyterHint: '用 <code>npm run jupyter</code> 在 Jupyter 中打开（<a href="#run-it-yourself">方法</a>）',
  runItYourself: "亲自运行",
  runItYourselfSteps: (downloadLink: string, fileName: string) => [
    `${downloadLink}，或者获取整本书：克隆项目，在项目文件夹中运行 <code>npm install</code>（需要 Node.js 20 或更新版本）。`,
    "在项目文件夹中运行 <code>npm run jupyter</code>。它会注册 TypeScript 内核（tslab），并以 <code>notebooks/</code> 文件夹为根目录打开 Jupyter Notebook。",
    `打开 ${fileName}，选择 <em>Run All</em>（全部运行）。编辑练习单元格并运行它们的检查。`,
  ],
  previous: "上一章",
  next: "下一章",
  pagerLabel: "上一章和下一章",
  chapterDescription: (title: string) => `${title}：损失函数教程中的一章，附可运行的 TypeScript 代码。`,
  documentSections: (sections: string) => `源文档 ${sections}`,
  plotCount: (count: number) => `${count} 幅图`,
  downloadFileLabel: (fileName: string) => `下载 ${fileName}`,
  galleryTitle: "损失函数图鉴",
  galleryIndexDetails: (count: number) => `${count} 种损失函数：每种的公式、梯度和图像`,
  indexLead: "从基本原理到可运行的代码讲解损失函数：均方误差、交叉熵、Huber 损失以及与它们相关的损失。每个公式都经过推导、数值检验，并用 TypeScript 运行；每幅图都由同一个经过测试的库绘制。",
  startReading: "开始阅读：",
  indexContentsNote: '每一章都是一个 Jupyter 笔记本；章节编号和标题沿用源文档<cite>《Loss Functions 原理与代码实战案例讲解》</cite>。',
  indexRunIntro: '各章是运行在 TypeScript 内核 <a href="https://github.com/yunabe/tslab">tslab</a> 上的笔记本。安装 Node.js 20 或更新版本后，在项目文件夹中运行：',
  indexRunCommands: "npm install       # 安装库、内核和网站工具\nnpm run jupyter   # 以 notebooks/ 为根目录打开 Jupyter Notebook\nnpm start         # 构建并启动本站",
  indexRunSingle: "也可以用上面的 <strong>.ipynb</strong> 链接单独下载某一章。",
  indexDescription: "一本关于机器学习损失函数的教程：逐章给出推导、TypeScript 代码和图像。",
  notFoundTitle: "页面不存在",
  notFoundDescription: "这个地址上没有页面。",
  notFoundText: '这个地址上没有页面，它可能在重新生成章节时改了名字。可以用上方的搜索框查找你要找的内容，或者<a href="index.html" id="contents-link">返回目录</a>。',

  workedSolution: "参考答案",
  solutionNote: "先在 Jupyter 中自己试一试：答案位于 <code>// BEGIN SOLUTION</code> 和 <code>// END SOLUTION</code> 之间。",
  checkLabel: "检查",

  galleryLead: "<code>lossbook</code> 库中的每一种损失函数，都由它的注册表生成：单个样本的损失及其导数、什么时候使用它、测试与之对照的参考实现，以及损失（实线，上图）和梯度（虚线，下图）的图像，各用各的刻度。",
  galleryChapterLink: (link: string) => `${link}一章逐一讲解了它们。`,
  galleryDescription: (count: number) => `本书全部 ${count} 种损失函数，附公式、梯度和图像。`,
  galleryTableLabel: "所有损失函数一览",
  galleryTableCaption: (count: number) => `全部 ${count} 种损失函数一览`,
  galleryColumns: ["损失函数", "English", "任务", "什么时候用"],
  taskNames: { regression: "回归", classification: "分类", distribution: "分布" },
  taskTitles: { regression: "回归损失", classification: "分类损失", distribution: "分布之间的损失" },
  sectionOfDocument: (section: string) => `源文档 §${section}`,
  matrixInput: "每行是各类别的分数",
  vectorInput: "每个样本一个数",
  factLoss: "损失",
  factGradient: "梯度",
  factWhenToUse: "什么时候用",
  factMatches: "对照",
  factExample: "示例",
  factInCode: "代码",
  exampleReturns: "返回",
  figureOfLoss: (name: string) => `${name}及其梯度`,
  frameworksTitle: "在各框架中",
  frameworksRegion: "各损失函数在各框架中的对应",
  frameworksIntro: (libraries: string) => `每种损失函数都与 ${libraries} 中的同一损失对照（float64 下的值和梯度，<code>test/fixtures/peers.json</code>，相对误差 10<sup>−10</sup>；Keras 只到 float32 的舍入，因为 Keras 3 用 float32 求均值）。某个框架的数值与 lossbook 不同时，最后一列写明差在哪里，并有测试证明。`,
  frameworksCaption: (calls: number, losses: number) => `${losses} 种损失函数在各框架中的 ${calls} 个调用：名称、在 (yTrue, yPred) 上的调用、约定与差异`,
  frameworksColumns: ["损失函数", "框架", "框架中的名称", "调用", "约定", "与 lossbook 的差异"] as readonly string[],
  frameworksSameNumbers: "数值相同",
  sideBySide: "同轴对比",
  sideBySideText: "以同一个量为自变量的损失函数画在一起：每种损失离开最小值后增长得多快，决定了它对离群点是否稳健。",
  lossesAgainst: (count: number, label: string) => `${count} 种损失函数随${label}的变化`,

  run: "运行",
  runCellLabel: (number: number) => `运行单元格 ${number}`,
  showSolution: "显示答案",
  hideSolution: "隐藏答案",
  workbookLabel: "练习本",
  runAll: "全部运行",
  stop: "停止",
  reset: "重置",
  downloadMyNotebook: "下载我的笔记本",
  checksInChapter: (count: number) => `本章共 ${count} 项检查`,
  workbookIntro: "每个代码单元格都在你的浏览器中运行：点击代码即可编辑，按 Shift+Enter 或“运行”来运行。类型检查在 Jupyter 中进行，这里不做。",
  running: "正在运行…",
  ranIn: (milliseconds: number) => `运行用时 ${milliseconds} ms`,
  stopped: "已停止",
  stoppedWithError: "因错误而停止",
  runAllStoppedAt: (number: number) => `全部运行在单元格 ${number} 处停止，它抛出了错误。`,
  ranEveryCell: "已运行全部单元格。",
  stoppedRestarted: "已停止。运行环境已重新启动，之前定义的名字都不在了：先重新运行前面的单元格（全部运行），再运行下一个。",
  nameDefinedIn: (number: number) => `<code></code> 在<a href="#cell-${number}">单元格 ${number}</a> 中定义：请先运行那个单元格（或全部运行）。`,
  nameNotDefined: "本章没有任何单元格定义 <code></code>：请检查拼写。",
  checksPassed: (passed: number, total: number) => `已通过检查：${passed} / ${total}`,
  codeOfCell: (number: number) => `单元格 ${number} 的代码`,
  indexProgress: (passed: number, total: number) => `已通过 ${passed} / ${total} 项检查`,
  workedIn: "做过练习",
};

export const UI_STRINGS_BY_LANGUAGE: Record<SiteLanguage, UiStrings> = { en: ENGLISH, zh: CHINESE };

/** The English strings (the default language). */
export const UI_STRINGS: UiStrings = ENGLISH;

/** The interface strings of a language. */
export function uiStrings(language: SiteLanguage): UiStrings {
  return UI_STRINGS_BY_LANGUAGE[language];
}

/** The site language of a `lang` attribute ("zh-Hans" → "zh"; anything else is English). */
export function siteLanguageOf(lang: string | null | undefined): SiteLanguage {
  return /^zh\b/i.test(lang ?? "") ? "zh" : "en";
}

/** For the browser code: the strings of the page's language (its `<html lang>`). */
export function pageStrings(): UiStrings {
  return uiStrings(siteLanguageOf(typeof document === "undefined" ? "en" : document.documentElement.lang));
}

/** The localStorage key of the reader's theme choice ("light" | "dark"; absent: follow the system). */
export const THEME_STORAGE_KEY = "lossbook-theme";
