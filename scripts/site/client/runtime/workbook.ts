/**
 * The workbook in a chapter page: every code cell runnable and editable in
 * place. Loaded by loader.ts on the reader's first Run or edit (nothing of it
 * is fetched before). It
 * - turns a cell's code into a CodeMirror editor when the reader clicks or
 *   types in it (exercise cells start as the student version);
 * - runs cells in a Web Worker (worker.ts) one after another, renders the
 *   outputs it sends with the site's own renderer (scripts/site/outputs.ts,
 *   the code that renders the kernel's outputs in the static page) and draws
 *   figures through client/plots.js (window.lossbookDrawFigures);
 * - Stop terminates the worker and starts a fresh one;
 * - keeps the reader's code and passed checks in localStorage per chapter
 *   (Reset forgets them) and builds "Download my notebook".
 */
import { renderOutputs, type OutputContext } from "../../outputs";
import type { nbformat } from "../../notebook";
import { createCellEditor, type CellEditor } from "../editor/editor";
import { cellDeclaring } from "./cell-names";
import { setMarkdownChunk, type MarkdownChunk } from "./markdown-browser";
import { pageStrings, siteLanguageOf } from "../../ui-strings";
import { LANGUAGE_CELL_ID } from "../../../../src/exercises/notebook-exercises";
import { checkOutcome, loadProgress, saveProgress, clearProgress, type ChapterProgress } from "./storage";

export interface WorkbookConfig {
  /** Page slug ("05-huber"). */
  slug: string;
  /** The notebook file name ("05-huber.ipynb") and its URL, for Download my notebook. */
  notebookFile: string;
  notebookUrl: string;
  workerUrl: string;
  markdownUrl: string;
  pageTitle: string;
  /** The page's `<html lang>` ("en", "zh-Hans"): the worker calls setLanguage with it. */
  language?: string;
}

const STRINGS = pageStrings();

type Output = nbformat.IOutput;

interface Cell {
  number: number;
  element: HTMLElement;
  /** The code as published (the solution for exercises). */
  original: string;
  /** The student version (exercise cells only). */
  student?: string;
  isExercise: boolean;
  isCheck: boolean;
  /** The code the cell runs: the editor's text, or what the reader left last time. */
  code: string;
  editor?: CellEditor;
  /** The outputs of the last run, as nbformat outputs (for the tests and Download). */
  outputs?: Output[];
  runButton: HTMLButtonElement;
  status: HTMLElement;
}

interface Done {
  type: "done";
  id: number;
  ok: boolean;
  milliseconds: number;
  missingName?: string;
}

const FIGURE_NUMBER_START = 10_000;

export class Workbook {
  readonly cells: Cell[];
  private worker!: Worker;
  private ready!: Promise<void>;
  private nextRunId = 1;
  private figureNumber = FIGURE_NUMBER_START;
  private running = new Map<number, { cell: Cell; outputs: Output[]; resolve(done: Done): void }>();
  private runAllActive = false;
  private stopped = false;
  private markdown?: Promise<MarkdownChunk>;
  private progress: ChapterProgress;
  private readonly bar: HTMLElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly statusLine: HTMLElement;
  /** Resolves when the first output of the page's first run is on screen (the benchmark waits for it). */
  firstOutput?: number;

  constructor(readonly config: WorkbookConfig) {
    this.progress = loadProgress(config.slug);
    this.bar = document.querySelector<HTMLElement>(".workbook-bar")!;
    this.stopButton = this.bar.querySelector<HTMLButtonElement>(".workbook-stop")!;
    this.statusLine = this.bar.querySelector<HTMLElement>(".workbook-status")!;
    this.cells = Array.from(document.querySelectorAll<HTMLElement>(".code-cell[data-workbook-cell]")).map((element) => this.readCell(element));
    this.progress.checkCount = this.cells.filter((cell) => cell.isCheck).length;
    saveProgress(config.slug, this.progress);
    this.startWorker();
    for (const cell of this.cells) if (cell.isExercise || this.progress.cells[cell.number] !== undefined) this.openEditor(cell, false);
    this.showProgress();
  }

  private readCell(element: HTMLElement): Cell {
    const number = Number(element.dataset.workbookCell);
    const isExercise = element.classList.contains("cell-exercise");
    const studentScript = element.querySelector<HTMLScriptElement>("script.cell-student-source");
    const student = studentScript ? (JSON.parse(studentScript.textContent ?? '""') as string) : undefined;
    const sourceScript = element.querySelector<HTMLScriptElement>("script.cell-source");
    const original = sourceScript ? (JSON.parse(sourceScript.textContent ?? '""') as string) : "";
    const saved = this.progress.cells[number];
    return {
      number,
      element,
      original,
      student,
      isExercise,
      isCheck: element.classList.contains("cell-check"),
      code: saved ?? student ?? original,
      runButton: element.querySelector<HTMLButtonElement>(".cell-run")!,
      status: element.querySelector<HTMLElement>(".cell-run-status")!,
    };
  }

  cell(number: number): Cell | undefined {
    return this.cells.find((cell) => cell.number === number);
  }

  // ------------------------------------------------------------ editing

  /** Replaces the cell's highlighted code with an editor holding the cell's code. */
  openEditor(cell: Cell, focus = true): CellEditor {
    if (!cell.editor) {
      const host = document.createElement("div");
      host.className = "cell-editor";
      const shown = cell.element.querySelector<HTMLElement>(cell.isExercise ? ".workbook-student-code" : ".cell-input > pre");
      if (shown) shown.replaceWith(host);
      else cell.element.querySelector(".cell-toolbar")?.before(host);
      cell.editor = createCellEditor(host, {
        doc: cell.code,
        label: STRINGS.codeOfCell(cell.number),
        onRun: () => void this.runCell(cell),
        onChange: (code) => {
          cell.code = code;
          this.progress.cells[cell.number] = code;
          saveProgress(this.config.slug, this.progress);
        },
      });
    }
    if (focus) cell.editor.focus();
    return cell.editor;
  }

  // ------------------------------------------------------------ running

  private startWorker(): void {
    this.worker = new Worker(this.config.workerUrl);
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (event: MessageEvent) => {
        if (event.data?.type === "ready") resolve();
      };
      this.worker.addEventListener("message", onMessage);
      this.worker.addEventListener("error", (event) => reject(new Error(`the workbook runtime did not start: ${event.message}`)), { once: true });
    });
    this.worker.addEventListener("message", (event) => this.onMessage(event.data));
    // Before any cell (messages are handled in order): checker hints and plot labels in the page's language.
    this.worker.postMessage({ type: "language", language: this.config.language ?? "en" });
  }

  private onMessage(message: { type: string; id: number; output?: Output; ok?: boolean; milliseconds?: number; missingName?: string }): void {
    const run = this.running.get(message.id);
    if (!run) return;
    if (message.type === "output" && message.output) {
      run.outputs.push(message.output);
      void this.renderCell(run.cell, run.outputs);
    } else if (message.type === "done") {
      this.running.delete(message.id);
      run.resolve(message as Done);
    }
  }

  /** Runs one cell; resolves with whether it ran without error. */
  async runCell(cell: Cell): Promise<boolean> {
    const code = cell.editor ? cell.editor.code() : cell.code;
    this.stopped = false;
    this.setRunning(true);
    cell.element.classList.add("is-running", "has-run");
    cell.element.classList.remove("is-stale");
    cell.status.textContent = STRINGS.running;
    const outputs: Output[] = [];
    cell.outputs = outputs;
    await this.renderCell(cell, outputs);
    await this.ready;
    const id = this.nextRunId++;
    const done = await new Promise<Done>((resolve) => {
      this.running.set(id, { cell, outputs, resolve });
      this.worker.postMessage({ type: "run", id, code });
    });
    cell.element.classList.remove("is-running");
    if (done.missingName) this.explainMissingName(cell, done.missingName);
    cell.status.textContent = done.ok ? STRINGS.ranIn(Math.round(done.milliseconds)) : this.stopped ? STRINGS.stopped : STRINGS.stoppedWithError;
    if (cell.isCheck) {
      const outcome = checkOutcome(outputs);
      if (outcome !== undefined) {
        this.progress.checks[cell.number] = outcome;
        saveProgress(this.config.slug, this.progress);
        this.showProgress();
      }
    }
    if (this.running.size === 0 && !this.runAllActive) this.setRunning(false);
    return done.ok;
  }

  async runAll(): Promise<void> {
    this.runAllActive = true;
    this.stopped = false;
    this.setRunning(true);
    try {
      for (const cell of this.cells) {
        if (this.stopped) return;
        const ok = await this.runCell(cell);
        if (!ok) {
          this.announce(STRINGS.runAllStoppedAt(cell.number));
          return;
        }
      }
      this.announce(STRINGS.ranEveryCell);
    } finally {
      this.runAllActive = false;
      if (!this.stopped) this.setRunning(false);
    }
  }

  /** Ends the running code at once: the worker is terminated and a fresh one started. */
  stop(): void {
    this.stopped = true;
    this.worker.terminate();
    for (const [id, run] of this.running) {
      run.cell.element.classList.remove("is-running");
      run.cell.status.textContent = STRINGS.stopped;
      run.resolve({ type: "done", id, ok: false, milliseconds: 0 });
    }
    this.running.clear();
    for (const cell of this.cells) if (cell.outputs) cell.element.classList.add("is-stale");
    this.startWorker();
    this.setRunning(false);
    this.announce(STRINGS.stoppedRestarted);
  }

  private setRunning(running: boolean): void {
    this.stopButton.hidden = !running;
    this.bar.classList.toggle("is-running", running);
  }

  private announce(text: string): void {
    this.statusLine.textContent = text;
  }

  private explainMissingName(cell: Cell, name: string): void {
    const sources = this.cells.filter((other) => other !== cell).map((other) => ({ number: other.number, source: other.editor ? other.editor.code() : other.code }));
    const defining = cellDeclaring(name, sources);
    const note = document.createElement("p");
    note.className = "workbook-hint";
    if (defining !== undefined) {
      note.innerHTML = STRINGS.nameDefinedIn(defining);
    } else {
      note.innerHTML = STRINGS.nameNotDefined;
    }
    note.querySelector("code")!.textContent = name;
    this.outputsElement(cell).append(note);
  }

  // ------------------------------------------------------------ outputs

  private outputsElement(cell: Cell): HTMLElement {
    let element = cell.element.querySelector<HTMLElement>(".cell-outputs");
    if (!element) {
      element = document.createElement("div");
      element.className = "cell-outputs";
      cell.element.append(element);
    }
    return element;
  }

  private needsMarkdown(outputs: Output[]): boolean {
    return outputs.some((output) => {
      const data = (output as nbformat.IDisplayData).data;
      return data !== undefined && (data["text/markdown"] !== undefined || data["text/latex"] !== undefined) && data["application/vnd.plotly.v1+json"] === undefined;
    });
  }

  private loadMarkdown(): Promise<MarkdownChunk> {
    this.markdown ??= import(/* @vite-ignore */ this.config.markdownUrl).then(async (module: { loadMarkdown(): Promise<MarkdownChunk> }) => {
      const chunk = await module.loadMarkdown();
      setMarkdownChunk(chunk);
      return chunk;
    });
    return this.markdown;
  }

  /** Renders the outputs so far with the site's renderer, as the static page renders the kernel's. */
  private async renderCell(cell: Cell, outputs: Output[]): Promise<void> {
    const markdown = this.needsMarkdown(outputs) ? await this.loadMarkdown() : undefined;
    if (cell.outputs !== outputs) return; // a newer run of the cell has started
    const location = { file: this.config.notebookFile, cell: cell.number };
    const env = markdown ? markdown.createMarkdownEnv(location) : ({ location, headings: [], warnings: [], notebookSlugs: new Set<string>() } as unknown as OutputContext["env"]);
    const context: OutputContext = {
      location,
      errorExpected: true,
      slug: this.config.slug,
      pageTitle: this.config.pageTitle,
      markdown: markdown ? markdown.renderer : { render: () => "" } as unknown as OutputContext["markdown"],
      env,
      writeAsset: (path, contents) => (path.endsWith(".svg") ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(String(contents))}` : ""),
      nextFigureNumber: () => ++this.figureNumber,
      language: siteLanguageOf(this.config.language),
    };
    const rendered = renderOutputs(outputs, context);
    const element = this.outputsElement(cell);
    element.innerHTML = rendered.html;
    cell.element.classList.toggle("has-figure", rendered.figures > 0);
    if (outputs.length > 0 && this.firstOutput === undefined) this.firstOutput = performance.now();
    const figures = Array.from(element.querySelectorAll<HTMLElement>(".plotly-figure"));
    const draw = (window as unknown as { lossbookDrawFigures?: (elements: HTMLElement[]) => void }).lossbookDrawFigures;
    if (figures.length > 0 && draw) draw(figures);
  }

  // ------------------------------------------------------------ progress, reset, download

  private showProgress(): void {
    const total = this.progress.checkCount;
    if (total === 0) return;
    const passed = Object.values(this.progress.checks).filter(Boolean).length;
    const element = this.bar.querySelector<HTMLElement>(".workbook-progress");
    if (element) element.textContent = STRINGS.checksPassed(passed, total);
  }

  reset(): void {
    clearProgress(this.config.slug);
    location.reload();
  }

  /** The chapter's notebook with the reader's code in its cells (outputs of changed cells cleared). */
  async notebookWithEdits(): Promise<nbformat.INotebookContent> {
    const response = await fetch(this.config.notebookUrl);
    const notebook = (await response.json()) as nbformat.INotebookContent;
    // The page numbers the notebook's own cells; a Chinese download also has the language cell, which the page does not show.
    const pageCells = notebook.cells.filter((cell) => cell.id !== LANGUAGE_CELL_ID);
    for (const cell of this.cells) {
      const code = cell.editor ? cell.editor.code() : cell.code;
      const target = pageCells[cell.number - 1] as nbformat.ICodeCell | undefined;
      if (!target || target.cell_type !== "code") continue;
      const before = Array.isArray(target.source) ? target.source.join("") : target.source;
      if (before === code) continue;
      target.source = code.split(/(?<=\n)/);
      target.outputs = [];
      target.execution_count = null;
    }
    return notebook;
  }

  async download(): Promise<void> {
    const notebook = await this.notebookWithEdits();
    const blob = new Blob([`${JSON.stringify(notebook, null, 1)}\n`], { type: "application/x-ipynb+json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = this.config.notebookFile;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  /** "Show solution": opens (or closes) the worked solution of an exercise below its editor. */
  toggleSolution(cell: Cell): void {
    const button = cell.element.querySelector<HTMLButtonElement>(".workbook-show-solution");
    const details = cell.element.querySelector<HTMLDetailsElement>("details.solution");
    if (!button || !details) return;
    details.open = !details.open;
    button.setAttribute("aria-expanded", String(details.open));
    button.textContent = details.open ? STRINGS.hideSolution : STRINGS.showSolution;
  }

  /** For the equivalence test and the benchmark: put each exercise's worked solution in its editor. */
  useSolutions(): void {
    for (const cell of this.cells) if (cell.isExercise) this.openEditor(cell, false).setCode(cell.original);
    this.progress.cells = {};
    saveProgress(this.config.slug, this.progress);
  }
}

/** Starts the workbook (called by loader.ts, which routes the page's controls to it). */
export function start(config: WorkbookConfig): Workbook {
  const workbook = new Workbook(config);
  (window as unknown as { lossbookWorkbook: Workbook }).lossbookWorkbook = workbook;
  return workbook;
}
