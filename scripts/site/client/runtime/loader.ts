/**
 * The workbook's loader: the only script of the workbook a page loads up
 * front (about 1 KB). On a chapter page it waits for the reader's first Run,
 * Run all, click into code or Shift+Enter, then imports the runtime
 * (workbook.ts, the editor, the worker) and hands the event on. If the reader
 * left edited code in this chapter, the runtime loads once the page is idle,
 * so the code is back in its cells. On the index it shows each chapter's
 * progress from localStorage.
 */
const PREFIX = "lossbook-workbook:v1:";
const script = document.currentScript as HTMLScriptElement | null;
const data = script?.dataset ?? {};
const absolute = (path: string | undefined) => new URL(path ?? "", document.baseURI).href;

type Workbook = {
  cell(n: number): unknown;
  runCell(cell: unknown): Promise<boolean>;
  runAll(): Promise<void>;
  stop(): void;
  openEditor(cell: unknown, focus?: boolean): unknown;
  toggleSolution(cell: unknown): void;
  download(): Promise<void>;
  reset(): void;
};
let loading: Promise<Workbook> | undefined;

function load(): Promise<Workbook> {
  loading ??= import(absolute(data.module)).then((module: { start(config: unknown): Workbook }) =>
    module.start({
      slug: data.slug,
      notebookFile: data.notebookFile,
      notebookUrl: absolute(data.notebookUrl),
      workerUrl: absolute(data.worker),
      markdownUrl: absolute(data.markdown),
      pageTitle: data.pageTitle,
      // The language the worker's library speaks (checker hints, plot labels): the page's own.
      language: document.documentElement.lang || "en",
    }),
  );
  return loading;
}

function cellNumberOf(target: Element): number | undefined {
  const cell = target.closest<HTMLElement>("[data-workbook-cell]");
  return cell ? Number(cell.dataset.workbookCell) : undefined;
}

/**
 * Every workbook control goes through here, before and after the runtime has
 * loaded: the buttons, a click into a cell's code (it becomes an editor),
 * and Shift+Enter or typing on a cell's code.
 */
function onControl(event: Event): void {
  const target = event.target as Element;
  const button = target.closest<HTMLButtonElement>(".cell-run, .workbook-show-solution, .workbook-bar button");
  const inCode = target.closest(".cell-input > pre, .workbook-student-code");
  const key = event.type === "keydown" ? (event as KeyboardEvent) : undefined;
  const shiftEnter = key !== undefined && key.key === "Enter" && key.shiftKey;
  if (key && !(inCode && (shiftEnter || (key.key.length === 1 && !key.ctrlKey && !key.metaKey && !key.altKey)))) return;
  if (!button && !inCode) return;
  if (key && button) return;
  event.preventDefault();
  const number = cellNumberOf(target);
  void load().then((workbook) => {
    const cell = number === undefined ? undefined : workbook.cell(number);
    if (button?.matches(".workbook-run-all")) void workbook.runAll();
    else if (button?.matches(".workbook-stop")) workbook.stop();
    else if (button?.matches(".workbook-download")) void workbook.download();
    else if (button?.matches(".workbook-reset")) workbook.reset();
    else if (cell && button?.matches(".workbook-show-solution")) workbook.toggleSolution(cell);
    else if (cell && (button || shiftEnter)) void workbook.runCell(cell);
    else if (cell) workbook.openEditor(cell, true);
  });
}

function startChapter(): void {
  if (!document.querySelector(".notebook") || !document.querySelector(".workbook-bar")) return;
  document.addEventListener("click", onControl);
  document.addEventListener("keydown", onControl);
  // A reader who left work in this chapter finds it in its cells: the runtime loads once the page is idle.
  if (data.slug && localStorage.getItem(PREFIX + data.slug)) {
    const idle = window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 200));
    idle(() => void load());
  }
}

/** "3 of 4 checks passed" beside each chapter the reader has worked in. */
function showIndexProgress(): void {
  for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement>(".toc-chapter .toc-title a[href$='.html']"))) {
    const slug = link.getAttribute("href")!.replace(/\.html$/, "");
    let stored: { checks?: Record<string, boolean>; checkCount?: number; cells?: Record<string, string> } | null = null;
    try {
      stored = JSON.parse(localStorage.getItem(PREFIX + slug) ?? "null");
    } catch {
      stored = null;
    }
    if (!stored) continue;
    const passed = Object.values(stored.checks ?? {}).filter(Boolean).length;
    const total = stored.checkCount ?? 0;
    const badge = document.createElement("span");
    badge.className = "toc-progress";
    // The words come from the page (ui-strings.ts, in the page's language), so this script stays small.
    badge.textContent = total > 0 ? (data.progress ?? "{passed} / {total}").replace("{passed}", String(passed)).replace("{total}", String(total)) : (data.workedIn ?? "");
    if (total > 0 && passed === total) badge.classList.add("is-complete");
    link.closest(".toc-chapter")?.querySelector(".toc-details")?.append(" ", badge);
  }
}

if (data.page === "index") showIndexProgress();
else startChapter();
