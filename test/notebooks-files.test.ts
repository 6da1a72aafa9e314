/**
 * The committed notebook files themselves (no kernel needed): small enough to
 * open and diff, every plot carrying a static image of its own figure, and no
 * output that needs another output (or a script) to show.
 */
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { listNotebooks, type Notebook } from "../scripts/notebook-runner";
import { PLOTLY_MIME, plotImageProblems } from "../scripts/notebook-images";

const MAX_BYTES = 400 * 1024;

describe("committed notebook files", () => {
  for (const path of listNotebooks()) {
    const name = basename(path);
    const notebook = JSON.parse(readFileSync(path, "utf8")) as Notebook;
    const outputs = notebook.cells.flatMap((cell) => cell.outputs ?? []);

    it(`${name} is at most 400 KB`, () => {
      expect(statSync(path).size).toBeLessThanOrEqual(MAX_BYTES);
    });

    it(`${name}: every plot has a PNG drawn from its own figure`, () => {
      expect(outputs.some((output) => output.data?.[PLOTLY_MIME] !== undefined)).toBe(true);
      expect(plotImageProblems(notebook)).toEqual([]);
    });

    it(`${name}: no output carries a script or JavaScript (each shows on its own)`, () => {
      for (const output of outputs) {
        expect(Object.keys(output.data ?? {})).not.toContain("application/javascript");
        expect(JSON.stringify(output.data?.["text/html"] ?? "")).not.toMatch(/<script/i);
      }
    });
  }

  it("plotImageProblems flags a plot without an image and an image of another figure", () => {
    const figure = { data: [{ y: [1, 2] }], layout: {} };
    const plot = (extra: Record<string, unknown>, metadata: Record<string, unknown>) => ({
      cell_type: "code",
      source: "show(f)",
      metadata: {},
      outputs: [{ output_type: "display_data", data: { [PLOTLY_MIME]: figure, ...extra }, metadata }],
    });
    const notebook = { cells: [plot({}, {}), plot({ "image/png": "iVBOR" }, { lossbook: { figure_sha256: "0000" } })], metadata: {}, nbformat: 4, nbformat_minor: 5 };
    const problems = plotImageProblems(notebook);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/cell 0 output 0 has a plot without an image\/png/);
    expect(problems[1]).toMatch(/cell 1 output 0: its image\/png was drawn from another figure/);
  });
});
