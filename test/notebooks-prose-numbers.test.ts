import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { listNotebooks } from "../scripts/notebook-runner";
import { checkProseNumbers, matchesOutput, quotedNumbers, readNotebook, type NotebookJson } from "../scripts/prose-numbers";

/**
 * Numbers the prose computes itself, from constants or from other printed
 * numbers, rather than quoting an output (each checked by hand; the test
 * fails if one is no longer in the prose, so the list cannot go stale).
 */
/** Keyed by the notebook's name without its number. */
const derivedInProse: Record<string, { numbers: string[]; why: string }[]> = {
  "background": [
    { numbers: ["0.81", "0.19"], why: "1 − 0.9² of a residual shrinking from 1 to 0.9" },
    { numbers: ["46.5", "0.845"], why: "the exact minimiser Σxᵢ(yᵢ − 1.5)/Σxᵢ² = 46.5/55 by hand" },
  ],
  "core-concepts": [
    { numbers: ["13.8", "1.2545", "0.6873"], why: "the sums of the five points and θ* = 27.6/22, derived in the text" },
    { numbers: ["0.0909", "1.44", "-0.75", "0.93"], why: "2/22, 1.2², 1 − 0.07·25 and 1 − 0.07: step factors" },
  ],
  "mean-squared-error": [
    { numbers: ["10.2"], why: "the mistyped point's residual 16 − 5.8, whose square 104.04 is printed" },
    { numbers: ["0.986"], why: "1 − 0.02 × 0.69, the step factor along the flat direction" },
  ],
  "cross-entropy": [
    { numbers: ["0.89"], why: "the sum of the four other printed per-sample losses" },
    { numbers: ["0.693"], why: "log 2" },
    { numbers: ["84.1"], why: "Φ(1), the Bayes accuracy of the two clouds" },
    { numbers: ["0.056", "0.050"], why: "the printed boundary coefficients divided by 1.9711" },
  ],
  "huber": [
    { numbers: ["12.74", "8.84"], why: "data points of Anscombe III (printed in the data table further down)" },
    { numbers: ["-3.24"], why: "9.5 − 12.74 by hand (the fitted table prints −3.241 later)" },
    { numbers: ["12.5", "0.25", "2.375", "10.5"], why: "½·5² and Huber at a = 5 by hand, read off the plot" },
    { numbers: ["0.154", "0.048"], why: "slope differences of printed slopes (0.4997 − 0.3454, 0.3930 − 0.3454)" },
    { numbers: ["1.345", "0.95", "0.6745"], why: "constants of the δ rule and of the MAD" },
  ],
  "code-practice": [
    { numbers: ["0.96"], why: "e^−0.037, from the printed loss" },
    { numbers: ["0.95"], why: "a probability level described, not printed" },
  ],
  "more-losses": [{ numbers: ["-1.28", "1.28", "13.8"], why: "normal quantiles z₀.₁, z₀.₉ and 10 + 3·1.28" }],
  "deep-learning": [{ numbers: ["0.412"], why: "P(female) = 1 − 4 · 0.147 from the printed output gradient, worked out in the text" }],
  "applications-and-faq": [
    { numbers: ["0.11"], why: "β = 1/9" },
    { numbers: ["80.6 %"], why: "the interval coverage printed in notebook 07" },
    { numbers: ["-0.69"], why: "−log 2, where the MSE gradient peaks" },
    { numbers: ["1.4826", "16.1", "0.933"], why: "the MAD constant, −log 10⁻⁷ and 1 − ⅔·0.1" },
  ],
};

/** The fewest checked numbers a notebook may have: fewer would mean the check has stopped seeing its prose. */
const MINIMUM_CHECKED_PER_NOTEBOOK = 10;

describe("prose numbers: the checker itself", () => {
  const notebook = (markdown: string, printed: string): NotebookJson => ({
    cells: [
      { cell_type: "code", source: "", outputs: [{ output_type: "stream", text: printed }] },
      { cell_type: "markdown", source: markdown },
    ],
  });

  it("finds the quoted decimals and skips section numbers, code, headings and short numbers", () => {
    const found = quotedNumbers("## 3.2.1 Definition\nThe loss is 0.4189 (§4.2, Exercise 4.1, `1e-6`, `0.375`), $H = 0.8018$, 84.7 %, −0.9975, 0.5 and 2.", 7);
    expect(found.map((q) => q.text)).toEqual(["0.4189", "0.8018", "84.7 %", "−0.9975"]);
    expect(found[3].value).toBe(-0.9975);
    expect(found[2].percent).toBe(true);
  });

  it("matches a printed number by rounding, either sign, and a fraction as a percentage", () => {
    const [q] = quotedNumbers("0.4189");
    expect(matchesOutput(q, [0.418919])).toBe(true);
    expect(matchesOutput(q, [0.41899])).toBe(false);
    expect(matchesOutput(quotedNumbers("84.7 %")[0], [0.847])).toBe(true);
    expect(matchesOutput(quotedNumbers("0.9975")[0], [-0.9975])).toBe(true);
  });

  it("flags a quoted number that the outputs no longer contain", () => {
    const stale = checkProseNumbers(notebook("The loss is 0.4189 and the accuracy 84.7 %.", "loss 0.4190\naccuracy 0.847"));
    expect(stale.unmatched.map((q) => q.text)).toEqual(["0.4189"]);
    expect(stale.checked.map((q) => q.text)).toEqual(["84.7 %"]);
    const fresh = checkProseNumbers(notebook("The loss is 0.4189.", "loss 0.418919"));
    expect(fresh.unmatched).toEqual([]);
    expect(fresh.checked).toHaveLength(1);
  });

  it("looks only at outputs before the markdown cell and the code cells right after it", () => {
    const later: NotebookJson = {
      cells: [
        { cell_type: "markdown", source: "We will get 0.4189." },
        { cell_type: "code", source: "", outputs: [{ output_type: "stream", text: "0.418919" }] },
        { cell_type: "markdown", source: "Then 2.6079." },
        { cell_type: "markdown", source: "Unrelated." },
        { cell_type: "code", source: "", outputs: [{ output_type: "stream", text: "2.6079" }] },
      ],
    };
    const report = checkProseNumbers(later);
    expect(report.checked.map((q) => q.text)).toEqual(["0.4189"]);
    expect(report.unmatched.map((q) => q.text)).toEqual(["2.6079"]);
  });
});

describe("prose numbers of the committed notebooks", () => {
  const notebooks = listNotebooks();
  it("finds the notebooks", () => {
    expect(notebooks.length).toBeGreaterThanOrEqual(8);
  });

  it("fails a real notebook whose outputs are cleared", () => {
    const notebook = readNotebook(notebooks.find((path) => path.includes("cross-entropy")) ?? notebooks[0]);
    const cleared: NotebookJson = { cells: notebook.cells.map((cell) => ({ ...cell, outputs: cell.cell_type === "code" ? [] : undefined })) };
    const report = checkProseNumbers(cleared);
    expect(report.checked.length).toBeLessThan(MINIMUM_CHECKED_PER_NOTEBOOK);
    expect(report.unmatched.length).toBeGreaterThan(20);
  });

  for (const path of notebooks) {
    const name = basename(path, ".ipynb");
    const topic = name.replace(/^\d+-/, ""); // the exceptions survive a renumbering of the notebooks
    it(`${name}: every number quoted in the prose is in the outputs it follows or introduces`, () => {
      const report = checkProseNumbers(readNotebook(path));
      const allowed = (derivedInProse[topic] ?? []).flatMap((group) => group.numbers);
      const unexplained = report.unmatched.filter((q) => !allowed.includes(q.text)).map((q) => `cell ${q.cell}: ${q.text}`);
      expect(unexplained, "quoted in markdown but printed by no output before it (re-run the notebook and update the prose)").toEqual([]);
      const stillDerived = new Set(report.unmatched.map((q) => q.text));
      expect(allowed.filter((text) => !stillDerived.has(text)), "listed as derived but no longer an unmatched number of this notebook").toEqual([]);
      expect(report.checked.length).toBeGreaterThanOrEqual(MINIMUM_CHECKED_PER_NOTEBOOK);
    });
  }
});
