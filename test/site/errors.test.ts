/**
 * The build refuses input it would render wrongly, and says where: a TeX
 * error, an error output in a cell not tagged raises-exception, a plot trace
 * the site's plotly bundle cannot draw, a folder it did not make.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, loadGalleryLibrary, type GalleryLibrary } from "../../scripts/site/build";
import { SiteBuildError } from "../../scripts/site/errors";

let dir: string;
let library: GalleryLibrary;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lossbook-site-errors-"));
  library = await loadGalleryLibrary();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const title = { cell_type: "markdown", metadata: {}, source: ["# 9.9 Broken (坏的)\n"] };

function notebookWith(name: string, cells: object[]): string {
  const path = join(dir, name);
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" }, language_info: { name: "typescript" } },
    cells: [title, ...cells],
  };
  writeFileSync(path, JSON.stringify(notebook));
  return path;
}

async function buildError(notebook: string): Promise<SiteBuildError> {
  const error = await buildSite({ notebooks: [notebook], outDir: join(dir, `out-${Math.random().toString(36).slice(2)}`), library, compress: false }).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SiteBuildError);
  return error as SiteBuildError;
}

describe("site build errors", () => {
  it("fails on a TeX error, naming the notebook, the cell and the formula", async () => {
    const path = notebookWith("math-error.ipynb", [{ cell_type: "markdown", metadata: {}, source: ["Fine $a^2$, broken $$\\frac{1}{$$ here.\n"] }]);
    const error = await buildError(path);
    expect(error.message).toContain("math-error.ipynb");
    expect(error.cell).toBe(2);
    expect(error.message).toContain("cell 2");
    expect(error.message).toContain("\\frac{1}{");
  });

  it("fails on an unknown TeX command in inline math too", async () => {
    const path = notebookWith("inline-error.ipynb", [{ cell_type: "markdown", metadata: {}, source: ["Text.\n"] }, { cell_type: "markdown", metadata: {}, source: ["A $\\notacommand{x}$ b.\n"] }]);
    const error = await buildError(path);
    expect(error.message).toMatch(/inline-error\.ipynb, cell 3: math error in \$\\notacommand\{x\}\$/);
  });

  const errorOutput = { output_type: "error", ename: "TypeError", evalue: "x is not a function", traceback: ["\u001b[31mTypeError: x is not a function\u001b[0m"] };

  it("fails on an error output in a cell not tagged raises-exception", async () => {
    const path = notebookWith("unmarked-error.ipynb", [{ cell_type: "code", metadata: {}, execution_count: 1, source: ["x();"], outputs: [errorOutput] }]);
    const error = await buildError(path);
    expect(error.message).toContain("unmarked-error.ipynb, cell 2");
    expect(error.message).toContain("TypeError: x is not a function");
    expect(error.message).toContain("raises-exception");
  });

  it("renders the same error output when the cell is tagged raises-exception", async () => {
    const path = notebookWith("marked-error.ipynb", [{ cell_type: "code", metadata: { tags: ["raises-exception"] }, execution_count: 1, source: ["x();"], outputs: [errorOutput] }]);
    const result = await buildSite({ notebooks: [path], outDir: join(dir, "marked"), library, compress: false });
    expect(result.pages.map((page) => page.file)).toContain("marked-error.html");
  });

  it("fails on a plot trace type the site's plotly bundle cannot hold (WebGL, maps)", async () => {
    const figure = { data: [{ type: "surface", z: [[1, 2], [3, 4]] }], layout: { title: { text: "3-D" } } };
    const path = notebookWith("surface.ipynb", [
      { cell_type: "code", metadata: {}, execution_count: 1, source: ["show(fig);"], outputs: [{ output_type: "display_data", metadata: {}, data: { "application/vnd.plotly.v1+json": figure, "text/plain": "fig" } }] },
    ]);
    const error = await buildError(path);
    expect(error.message).toContain("surface.ipynb, cell 2");
    expect(error.message).toContain('"surface"');
    expect(error.message).toContain("cannot go into the site's plotly.js bundle");
  });

  it("fails on a notebook without a title heading", async () => {
    const path = join(dir, "untitled.ipynb");
    writeFileSync(path, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "markdown", metadata: {}, source: "No heading here." }] }));
    const error = await buildError(path);
    expect(error.message).toContain("untitled.ipynb");
    expect(error.message).toContain("level-1 heading");
  });

  it("refuses to empty an output folder it did not make", async () => {
    const foreign = join(dir, "foreign");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "keep.txt"), "mine");
    const path = notebookWith("fine.ipynb", []);
    const error = await buildSite({ notebooks: [path], outDir: foreign, library, compress: false }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(SiteBuildError);
    expect((error as Error).message).toContain("refusing to delete it");
  });
});
