/**
 * The workbook's Web Worker: the notebook kernel of the browser. It holds
 * the library (bundled from src/ by scripts/site/library-bundle.ts), one
 * scope shared by all cells (tslab's semantics, see cell-code.ts), and
 * turns what a cell prints or shows into nbformat outputs, which it posts to
 * the page: `stream` (console.log → stdout, console.error/warn → stderr,
 * formatted by Node's util.format as extracted in node-inspect-extracted,
 * so the text is the kernel's), `display_data` (the bundles of show(),
 * showTable, showMath, showMarkdown, through the library's own
 * setDisplayPublisher) and `error`.
 *
 * Messages in:  { type: "language", language } (the page's, before any run: setLanguage),
 *               { type: "run", id, code }
 * Messages out: { type: "ready" } once loaded, { type: "output", id, output },
 *               { type: "done", id, ok, milliseconds, declared, missingName? }
 * The page stops a runaway cell by terminating this worker and starting a
 * fresh one; the worker's own CSP (set by the server) forbids network requests.
 */
import { format, inspect } from "node-inspect-extracted";
import * as lossbook from "../../../../src/index";
import { setDisplayPublisher, type MimeBundle } from "../../../../src/plot/show";
import { CellSyntaxError, prepareCell, syntaxErrorMessage } from "./cell-code";
import { createCellScope, NameNotDefined } from "./scope";

interface RunMessage {
  type: "run";
  id: number;
  code: string;
}

type Output =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: Record<string, unknown>; metadata: Record<string, unknown> }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

const post = (message: unknown) => (self as unknown as { postMessage(message: unknown): void }).postMessage(message);
let currentId = -1;
const emit = (output: Output) => post({ type: "output", id: currentId, output });

/** console.* as the kernel prints them: util.format of the arguments and a newline. */
function installConsole(): void {
  const stream = (name: "stdout" | "stderr") => (...args: unknown[]) => emit({ output_type: "stream", name, text: `${format(...args)}\n` });
  const stdout = stream("stdout");
  const stderr = stream("stderr");
  Object.assign(console, { log: stdout, info: stdout, debug: stdout, error: stderr, warn: stderr });
}

/**
 * show() publishes through the library's publisher hook; plotly.js is never
 * inlined in the browser (the page has its own), so show() is told it was sent.
 */
function installDisplay(): void {
  setDisplayPublisher((bundle: MimeBundle) => emit({ output_type: "display_data", data: bundle.data, metadata: bundle.metadata }));
  const state = (globalThis as unknown as Record<symbol, { plotlySent: boolean } | undefined>)[Symbol.for("lossbook.show")];
  if (state) state.plotlySent = true;
}

const cells = createCellScope({ lossbook });

function errorOutput(error: unknown): Output {
  if (error instanceof Error) {
    return { output_type: "error", ename: error.name, evalue: error.message, traceback: [`${error.name}: ${error.message}`] };
  }
  return { output_type: "error", ename: "Error", evalue: inspect(error), traceback: [`Uncaught ${inspect(error)}`] };
}

async function run(message: RunMessage): Promise<void> {
  currentId = message.id;
  const started = performance.now();
  let ok = true;
  let missingName: string | undefined;
  let declared: string[] = [];
  try {
    const prepared = prepareCell(message.code);
    declared = prepared.declared;
    const value = await cells.run(prepared);
    // tslab prints the value of a last expression with console.log unless it is null or undefined.
    if (prepared.returnsValue && value !== null && value !== undefined) console.log(value);
  } catch (error) {
    ok = false;
    if (error instanceof NameNotDefined) missingName = error.missingName;
    if (error instanceof CellSyntaxError) emit({ output_type: "error", ename: "SyntaxError", evalue: syntaxErrorMessage(error, lossbook.currentLanguage()), traceback: [] });
    else emit(errorOutput(error));
  }
  post({ type: "done", id: message.id, ok, milliseconds: performance.now() - started, declared, missingName });
}

/**
 * The worker's own limits, for hosts that send no Content-Security-Policy:
 * a learner's code makes no network request (the page's DOM is out of a
 * worker's reach anyway).
 */
function removeNetwork(): void {
  for (const name of ["fetch", "XMLHttpRequest", "WebSocket", "EventSource", "importScripts", "WebTransport"]) {
    Object.defineProperty(self, name, {
      configurable: false,
      // A function, not an arrow: `new XMLHttpRequest()` must reach the message too.
      value: function unavailable() {
        throw new Error(`${name} is not available in the workbook: code here runs offline (run the notebook in Jupyter to use the network).`);
      },
    });
  }
}

installConsole();
installDisplay();
removeNetwork();
let queue = Promise.resolve();
self.addEventListener("message", (event: MessageEvent<RunMessage | { type: "language"; language: string }>) => {
  const message = event.data;
  // The library's own setting (src/language): checker hints, plot labels and input errors in the page's language.
  if (message?.type === "language") queue = queue.then(() => lossbook.setLanguage(lossbook.normalizeLanguage(message.language) ?? "en"));
  if (message?.type === "run") queue = queue.then(() => run(message));
});
post({ type: "ready" });
