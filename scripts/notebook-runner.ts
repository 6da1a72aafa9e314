/**
 * Shared logic of `npm run notebooks`, `npm run jupyter` and the notebook
 * tests: find Jupyter, register the tslab kernel from this project's
 * node_modules, execute a notebook through `jupyter nbconvert`, normalise the
 * result so that re-execution is byte-identical, and check outputs.
 */
import { execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, join, resolve } from "node:path";

/** The repository root (this file lives in scripts/). */
export const repoRoot = realpathSync(resolve(__dirname, ".."));
export const notebooksDir = join(repoRoot, "notebooks");
/** The Jupyter config with tslab-specific hooks (execution counts, no silently skipped cells). */
export const executionConfig = join(repoRoot, "scripts", "notebook-execution-config.py");
const tslabBinary = join(repoRoot, "node_modules", ".bin", "tslab");

/** Seconds a single cell may run before nbconvert gives up. */
export const CELL_TIMEOUT_SECONDS = 120;

/** Where Jupyter is: the `jupyter` launcher and the Python it runs on. */
export interface JupyterInstall {
  jupyter: string;
  python: string;
}

export const INSTALL_JUPYTER_HELP = [
  "Jupyter (Notebook, nbconvert and nbclient) is needed to run the notebooks. Install it with",
  "  Debian/Ubuntu: sudo apt-get install jupyter-notebook jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel",
  "  or with pip:   python3 -m pip install --user notebook nbconvert nbclient ipykernel",
  "then run the command again.",
].join("\n");

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, command);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The interpreter named by a script's `#!` line (`#!/usr/bin/env python3` is looked up on PATH). */
function shebangInterpreter(script: string): string | undefined {
  try {
    const first = readFileSync(script, "utf8").split("\n", 1)[0];
    if (!first.startsWith("#!")) return undefined;
    const parts = first.slice(2).trim().split(/\s+/);
    if (basename(parts[0]) === "env") return parts[1] === undefined ? undefined : onPath(parts[1]);
    return parts[0];
  } catch {
    return undefined;
  }
}

/** The first `jupyter` launcher of `candidates` that exists, has every `jupyter-<sub>` beside it and names a Python that exists. */
function firstInstall(candidates: string[], needs: string[]): JupyterInstall | undefined {
  for (const jupyter of candidates) {
    if (!existsSync(jupyter)) continue;
    const dir = dirname(jupyter);
    if (!needs.every((sub) => existsSync(join(dir, `jupyter-${sub}`)))) continue;
    const python = shebangInterpreter(jupyter);
    if (python !== undefined && existsSync(python)) return { jupyter, python };
  }
  return undefined;
}

/**
 * Finds a Jupyter that has nbconvert and the classic Notebook beside it:
 * $JUPYTER if set, then /usr/bin/jupyter (Debian's), then `jupyter` on PATH.
 * Returns undefined when there is none.
 */
export function findJupyter(needs: ("nbconvert" | "notebook")[] = ["nbconvert"]): JupyterInstall | undefined {
  const candidates = [process.env.JUPYTER, "/usr/bin/jupyter", onPath("jupyter")].filter((c): c is string => c !== undefined && c !== "");
  return firstInstall(candidates, needs);
}

/**
 * The virtual environment `npm run jupyter:install` creates (JupyterLab 4,
 * Notebook 7 and plotly's JupyterLab renderer), inside node_modules so that it
 * goes with the checkout and is never committed.
 */
export const jupyterVenvDir = join(repoRoot, "node_modules", ".cache", "lossbook-venv");
/** What that environment holds: the front ends, and plotly for its JupyterLab renderer of plotly outputs. */
export const JUPYTER_VENV_PACKAGES = ["jupyterlab>=4,<5", "notebook>=7,<8", "plotly"];

/**
 * Finds JupyterLab 4 (with Notebook 7 beside it when `notebook` is asked
 * for): this checkout's virtual environment first, then $JUPYTER_LAB, then
 * `jupyter-lab` on PATH. Returns undefined when there is none.
 */
export function findJupyterLab(needs: ("lab" | "notebook")[] = ["lab"]): JupyterInstall | undefined {
  const fromLab = (lab: string | undefined) => (lab === undefined || lab === "" ? undefined : join(dirname(lab), "jupyter"));
  const candidates = [join(jupyterVenvDir, "bin", "jupyter"), fromLab(process.env.JUPYTER_LAB), fromLab(onPath("jupyter-lab"))].filter((c): c is string => c !== undefined);
  return firstInstall(candidates, needs);
}

/** Runs a command and resolves with its output; rejects with stderr on a non-zero exit. */
export function run(command: string, args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 0,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
      },
      (error, stdout, stderr) => {
        if (error) {
          const failure = new Error(`${basename(command)} ${args.join(" ")} failed (${error.code ?? error.signal}):\n${quietStderr(stderr)}`);
          reject(failure);
        } else {
          resolvePromise({ stdout, stderr });
        }
      },
    );
  });
}

/** Drops Python's debugger/frozen-modules chatter from Jupyter's stderr. */
export function quietStderr(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => !/Debugger warning|frozen modules|Xfrozen_modules|PYDEVD_DISABLE_FILE_VALIDATION|^0\.00s - /.test(line))
    .join("\n")
    .trim();
}

/**
 * This checkout's own Jupyter data folder: the tslab kernel is registered
 * here (never system-wide or per user), so that two checkouts, or a system
 * kernel somebody else installed, are left alone.
 */
export const jupyterDataDir = join(repoRoot, "node_modules", ".cache", "lossbook-jupyter");

/**
 * Puts this checkout's Jupyter data folder first on JUPYTER_PATH in
 * `process.env`, so every Jupyter this process starts from now on (nbconvert,
 * Notebook, JupyterLab, `kernelspec list`) finds this checkout's tslab kernel
 * before any other kernel named tslab.
 */
export function useProjectJupyterPath(): void {
  const prepend = (variable: string, own: string) => {
    const rest = (process.env[variable] ?? "").split(delimiter).filter((dir) => dir !== "" && dir !== own);
    process.env[variable] = [own, ...rest].join(delimiter);
  };
  prepend("JUPYTER_PATH", join(jupyterDataDir, "share", "jupyter"));
  // Configuration (classic Notebook's nbconfig, which enables the plotly renderer) lives in etc/jupyter.
  prepend("JUPYTER_CONFIG_PATH", join(jupyterDataDir, "etc", "jupyter"));
}

/** The classic Notebook extension that draws plotly outputs, and the plotly.js it loads. */
const classicPlotlyRenderer = {
  name: "lossbook-plotly",
  source: join(repoRoot, "scripts", "jupyter-extensions", "lossbook-plotly.js"),
  plotly: join(repoRoot, "node_modules", "plotly.js-cartesian-dist-min", "plotly-cartesian.min.js"),
};

/**
 * Installs the classic Notebook renderer for plotly outputs
 * (scripts/jupyter-extensions/lossbook-plotly.js) into this checkout's Jupyter
 * folder and enables it there (nbconfig/notebook.d), so classic Notebook draws
 * the interactive plot; other checkouts and system-wide Jupyter are untouched.
 * JupyterLab and Notebook 7 use the `plotly` package's own renderer.
 */
export function installClassicPlotlyRenderer(): void {
  const { name, source, plotly } = classicPlotlyRenderer;
  const extensionDir = join(jupyterDataDir, "share", "jupyter", "nbextensions", name);
  const configDir = join(jupyterDataDir, "etc", "jupyter", "nbconfig", "notebook.d");
  mkdirSync(extensionDir, { recursive: true });
  mkdirSync(configDir, { recursive: true });
  copyFileSync(source, join(extensionDir, "main.js"));
  copyFileSync(plotly, join(extensionDir, "plotly-cartesian.min.js"));
  writeFileSync(join(configDir, `${name}.json`), `${JSON.stringify({ load_extensions: { [`${name}/main`]: true } }, null, 2)}\n`);
}

/**
 * Makes sure the `tslab` kernel that Jupyter finds starts this project's tslab
 * (node_modules/.bin/tslab): registers it under {@link jupyterDataDir} when it
 * is not there yet (`tslab install --prefix`), never touching a system-wide
 * or per-user kernel; installs the classic Notebook plotly renderer beside it.
 * Returns what it did with the kernel.
 */
export async function ensureTslabKernel(install: JupyterInstall): Promise<"present" | "registered"> {
  useProjectJupyterPath();
  installClassicPlotlyRenderer();
  const { stdout } = await run(install.jupyter, ["kernelspec", "list", "--json"]);
  const specs = (JSON.parse(stdout) as { kernelspecs: Record<string, { spec: { argv: string[] } }> }).kernelspecs;
  const argv0 = specs.tslab?.spec.argv[0];
  if (argv0 !== undefined && existsSync(argv0) && realpathSync(argv0) === realpathSync(tslabBinary)) return "present";
  if (!existsSync(tslabBinary)) throw new Error(`${tslabBinary} is missing; run npm install first.`);
  await run(tslabBinary, ["install", `--python=${install.python}`, `--binary=${tslabBinary}`, `--prefix=${jupyterDataDir}`]);
  return "registered";
}

/** Marks notebooks as trusted so that classic Notebook runs their saved HTML/JS outputs (the plots). */
export async function trustNotebooks(install: JupyterInstall, paths: string[]): Promise<void> {
  if (paths.length > 0) await run(install.python, ["-m", "nbformat.sign", ...paths]);
}

/** The committed notebooks, in order. */
export function listNotebooks(dir = notebooksDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Executes a notebook in place with nbconvert on the tslab kernel (cwd: the
 * notebook's folder), then normalises it. Rejects with nbconvert's report
 * (the failing cell and its error) when a cell fails.
 */
export async function executeNotebook(install: JupyterInstall, path: string, timeoutSeconds = CELL_TIMEOUT_SECONDS): Promise<{ seconds: number }> {
  const started = performance.now();
  await run(
    install.jupyter,
    [
      "nbconvert",
      "--to",
      "notebook",
      "--execute",
      "--inplace",
      "--ExecutePreprocessor.kernel_name=tslab",
      `--ExecutePreprocessor.timeout=${timeoutSeconds}`,
      `--config=${executionConfig}`,
      basename(path),
    ],
    { cwd: dirname(path) },
  );
  await normalizeNotebook(install, path);
  return { seconds: (performance.now() - started) / 1000 };
}

/** nbformat's writer, so a rewritten notebook is formatted exactly as nbconvert writes it. */
const NORMALIZE_PY = `
import sys, nbformat
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
for cell in nb.cells:
    cell.metadata.pop("execution", None)
nbformat.write(nb, path)
`;

/**
 * Removes volatile fields: per-cell `metadata.execution` timestamps (written
 * by JupyterLab or nbclient's record_timing). Our execution never writes them,
 * so the file is rewritten only when an older run left some behind.
 */
export async function normalizeNotebook(install: JupyterInstall, path: string): Promise<void> {
  const notebook = JSON.parse(readFileSync(path, "utf8")) as Notebook;
  if (notebook.cells.some((cell) => cell.metadata?.execution !== undefined)) {
    await run(install.python, ["-c", NORMALIZE_PY, path]);
  }
}

/**
 * Executes a copy of a notebook in a temporary folder (which sees this
 * project's node_modules, so `import … from "lossbook"` resolves) and returns
 * the executed notebook's text; the original is untouched.
 */
export async function executeCopy(install: JupyterInstall, path: string): Promise<{ original: string; text: string; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), "lossbook-notebook-"));
  try {
    symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
    const copy = join(dir, basename(path));
    // The exact text that is executed: a later edit of the file cannot mix in.
    const original = readFileSync(path, "utf8");
    writeFileSync(copy, original);
    const { seconds } = await executeNotebook(install, copy);
    return { original, text: readFileSync(copy, "utf8"), seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `work` on every item with at most `limit` running at once; results keep the input order. */
export async function mapWithLimit<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(workers);
  return results;
}

// ------------------------------------------------------------------ checks

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  id?: string;
  source: string | string[];
  metadata?: { tags?: string[]; execution?: unknown; [key: string]: unknown };
  outputs?: Output[];
  execution_count?: number | null;
}
export interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name?: string }; [key: string]: unknown };
  nbformat: number;
  nbformat_minor: number;
}

const joinText = (text: string | string[] | undefined) => (Array.isArray(text) ? text.join("") : (text ?? ""));

/**
 * Problems in an executed notebook: error output (an `error` output or text
 * on stderr, which is where tslab reports errors) in a cell not tagged
 * `raises-exception`; a `raises-exception` cell that did not fail; a code cell
 * that was not run. Returns readable descriptions (empty when all is well).
 */
export function executionProblems(notebook: Notebook): string[] {
  const problems: string[] = [];
  if (notebook.metadata.kernelspec?.name !== "tslab") problems.push(`the kernel is ${JSON.stringify(notebook.metadata.kernelspec?.name)}, not "tslab"`);
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code" || joinText(cell.source).trim() === "") return;
    const where = `cell ${index} (${joinText(cell.source).split("\n")[0].slice(0, 60)})`;
    const allowed = cell.metadata?.tags?.includes("raises-exception") ?? false;
    const errors = (cell.outputs ?? []).filter((o) => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr"));
    if (cell.execution_count === null || cell.execution_count === undefined) problems.push(`${where} has no execution count: it did not run`);
    if (!allowed && errors.length > 0) {
      const first = errors[0];
      const text = first.output_type === "error" ? `${first.ename}: ${first.evalue}` : joinText(first.text);
      problems.push(`${where} wrote an error:\n${text.split("\n").slice(0, 12).join("\n")}`);
    }
    if (allowed && errors.length === 0) problems.push(`${where} is tagged raises-exception but raised nothing`);
  });
  return problems;
}

/**
 * Makes text that varies with the machine comparable: absolute paths into
 * this (or any) checkout's dist/ or node_modules/ become `<repo>/…`
 * (error stack traces name them).
 */
function machineIndependent(text: string): string {
  return text.replace(/(?:[A-Za-z]:)?(?:[\\/][^\s:()'"`\\/]+)+?[\\/](dist|node_modules|src)[\\/]/g, "<repo>/$1/");
}

/**
 * An output without what is drawn from it after execution: the `image/png`
 * of a plotly figure and its metadata (scripts/notebook-images.ts adds them;
 * plotImageProblems checks that they match the figure).
 */
function withoutPlotImage(output: Output): Output {
  if (output.data?.["application/vnd.plotly.v1+json"] === undefined) return output;
  const { "image/png": _image, ...data } = output.data;
  const { "image/png": _size, lossbook: _hash, ...metadata } = output.metadata ?? {};
  return { ...output, data, metadata };
}

/** What a cell must reproduce: its source, its outputs and its execution count. */
function comparableCell(cell: Cell): unknown {
  return {
    cell_type: cell.cell_type,
    source: joinText(cell.source),
    execution_count: cell.execution_count ?? null,
    outputs: (cell.outputs ?? []).map((output) => JSON.parse(machineIndependent(JSON.stringify(withoutPlotImage(output))))),
    tags: cell.metadata?.tags ?? [],
  };
}

/**
 * How a freshly executed notebook differs from the committed one, ignoring
 * what is volatile by nature (cell ids nbconvert invents for id-less cells,
 * execution timestamps, the kernel's version in the notebook metadata, paths
 * of this checkout in stack traces). Empty when the committed outputs are fresh.
 */
export function staleOutputs(committed: Notebook, executed: Notebook): string[] {
  if (committed.cells.length !== executed.cells.length) return [`it has ${committed.cells.length} cells, the executed copy ${executed.cells.length}`];
  const code = committed.cells.filter((cell) => cell.cell_type === "code" && joinText(cell.source).trim() !== "");
  if (code.length > 0 && code.every((cell) => cell.execution_count === null || cell.execution_count === undefined)) {
    return ["it has never been executed: run `npm run notebooks` and commit the outputs"];
  }
  const differences: string[] = [];
  committed.cells.forEach((cell, index) => {
    const before = JSON.stringify(comparableCell(cell));
    const after = JSON.stringify(comparableCell(executed.cells[index]));
    if (before === after) return;
    let at = 0;
    while (at < before.length && before[at] === after[at]) at++;
    const excerpt = (s: string) => JSON.stringify(s.slice(Math.max(0, at - 60), at + 80));
    differences.push(`cell ${index} differs:\n    committed: ${excerpt(before)}\n    executed:  ${excerpt(after)}`);
  });
  if (differences.length > 3) return [...differences.slice(0, 3), `… and ${differences.length - 3} more cells differ: run \`npm run notebooks\``];
  return differences;
}

/** Starts a process in its own process group (so that it and its children can be stopped together). */
export function spawnGroup(command: string, args: string[], cwd?: string) {
  return spawn(command, args, {
    cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
  });
}
