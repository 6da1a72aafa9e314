/**
 * The Chinese edition cannot drift from the English: every translation file
 * under notebooks/zh/ covers each markdown cell of its notebook, was made from
 * the cell's current English text (else it is "stale"), keeps its formulas,
 * inline code, link targets and numbers, and follows the Chinese spacing and
 * punctuation rules. The rules themselves are shown to fail on bad input.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { listNotebooks } from "../scripts/notebook-runner";
import {
  chineseStyleProblems,
  invariantDifferences,
  readTranslation,
  skeleton,
  translationPath,
  translateNotebook,
  translationProblems,
  type TranslationFile,
} from "../scripts/translations";

const notebook = (cells: { id: string; cell_type: string; source: string }[]) => ({ cells });

describe("translation rules", () => {
  const english = "The loss $L = \\frac{1}{n}\\sum_i a_i^2$ of `mse` is 0.4189 for [n = 5](#data) points.";
  const good = "`mse` 的损失 $L = \\frac{1}{n}\\sum_i a_i^2$ 在 [n = 5](#data) 个点上是 0.4189。";

  it("accepts a translation that keeps formulas, code, links and numbers", () => {
    expect(invariantDifferences(english, good)).toEqual([]);
    expect(chineseStyleProblems(good)).toEqual([]);
  });

  it("names a changed formula, a lost code span, a changed link and a changed number", () => {
    const bad = "`mae` 的损失 $L = \\frac{1}{n}\\sum_i a_i$ 在 [n = 5](#other) 个点上是 0.419。";
    const problems = invariantDifferences(english, bad).join("\n");
    expect(problems).toMatch(/formulas differ.*missing "L=\\\\frac\{1\}\{n\}\\\\sum_ia_i\^2"/);
    expect(problems).toMatch(/code differ.*missing "mse".*not in the English "mae"/);
    expect(problems).toMatch(/links differ.*missing "#data"/);
    expect(problems).toMatch(/numbers differ.*missing "0.4189".*not in the English "0.419"/);
  });

  it("reads inline math over a line break as one formula, as the site's markdown-it does (but not over a blank line)", () => {
    const broken = "The derivative is $-\\tau(1 - F)\n= F - \\tau$, zero when $F = \\tau$.";
    expect(invariantDifferences(broken, "导数为 $-\\tau(1 - F) = F - \\tau$，当 $F = \\tau$ 时为零。")).toEqual([]);
    expect(invariantDifferences(broken, "导数为 $-\\tau(1 - F) = F + \\tau$，当 $F = \\tau$ 时为零。").join("\n")).toMatch(/formulas differ.*missing "-\\\\tau\(1-F\)=F-\\\\tau"/);
    expect(chineseStyleProblems("导数为 $-\\tau\n= F$ 时为零")).toEqual([]);
    expect(invariantDifferences("a $5 cost\n\nand $6 more", "a $5 cost\n\nand $6 more")).toEqual([]);
    expect(invariantDifferences("price $5\n\nand $6", "price $5\n\nand $7").join("\n")).toMatch(/numbers differ/);
  });

  it("lets the words inside \\text{} be translated", () => {
    expect(invariantDifferences("$\\text{loss} = 1$", "$\\text{损失} = 1$")).toEqual([]);
  });

  it("flags Chinese set tight against Latin letters, digits or math, and half-width punctuation after Chinese", () => {
    expect(chineseStyleProblems("均方误差MSE是0.5")[0]).toMatch(/needs a space.*"差M".*"E是".*"是0"/);
    expect(chineseStyleProblems("损失$L$很小")[0]).toMatch(/needs a space/);
    expect(chineseStyleProblems("损失很小,然后变大.")[0]).toMatch(/half-width punctuation.*"小,".*"大\."/);
    expect(chineseStyleProblems("损失很小，然后变大。`code` 里的 a,b 不算")).toEqual([]);
  });

  it("reports missing, stale and orphaned cells, and a skeleton keeps what is fresh", () => {
    const nb = notebook([
      { id: "a", cell_type: "markdown", source: "First 1.5" },
      { id: "b", cell_type: "markdown", source: "Second, changed" },
      { id: "c", cell_type: "markdown", source: "Third" },
      { id: "d", cell_type: "code", source: "const x = 1;" },
    ]);
    const file: TranslationFile = {
      language: "zh-Hans",
      notebook: "01-x.ipynb",
      cells: {
        a: { english: "First 1.5", translation: "第一 1.5" },
        b: { english: "Second", translation: "第二" },
        gone: { english: "Old", translation: "旧" },
      },
    };
    const problems = translationProblems(nb, file, "zh").join("\n");
    expect(problems).toMatch(/cell b is stale/);
    expect(problems).toMatch(/cell c is not translated/);
    expect(problems).toMatch(/cell gone has a translation but no longer exists/);
    expect(problems).not.toMatch(/cell a/);
    const updated = skeleton(nb, "01-x.ipynb", "zh", file);
    expect(Object.keys(updated.cells)).toEqual(["a", "b", "c"]);
    expect(updated.cells.a.translation).toBe("第一 1.5");
    expect(updated.cells.b).toEqual({ english: "Second, changed", translation: "", previous: "第二" });
    expect(translationProblems(nb, updated, "zh").join("\n")).toMatch(/cell b is not translated/);
  });
});

describe("the Chinese translations of the notebooks", () => {
  const translated = listNotebooks().filter((path) => existsSync(translationPath(path, "zh")));

  it("cover every notebook (a new notebook needs its Chinese file: npm run translations -- --skeleton NN)", () => {
    const missing = listNotebooks().filter((path) => !translated.includes(path)).map((path) => basename(path));
    expect(missing).toEqual([]);
    expect(translated.length).toBeGreaterThanOrEqual(9);
  });

  for (const path of translated) {
    it(`${basename(path)}: every markdown cell translated from its current English, formulas and numbers kept`, () => {
      const nb = JSON.parse(readFileSync(path, "utf8"));
      const file = readTranslation(translationPath(path, "zh"))!;
      expect(file.notebook).toBe(basename(path));
      expect(translationProblems(nb, file, "zh")).toEqual([]);
    });
  }
});

describe("translateNotebook", () => {
  it("swaps fresh translations into the markdown cells, keeps code and stale cells, and marks the language", () => {
    const nb = {
      cells: [
        { id: "a", cell_type: "markdown", source: ["First ", "1.5"] },
        { id: "b", cell_type: "markdown", source: "Second, changed" },
        { id: "d", cell_type: "code", source: "const x = 1;" },
      ],
      metadata: { kernelspec: { name: "tslab" } },
    };
    const file: TranslationFile = {
      language: "zh-Hans",
      notebook: "01-x.ipynb",
      cells: { a: { english: "First 1.5", translation: "第一 1.5" }, b: { english: "Second", translation: "第二" } },
    };
    const zh = translateNotebook(nb, file, "01-x.ipynb");
    expect(zh.cells.map((cell) => cell.source)).toEqual(["第一 1.5", "Second, changed", "const x = 1;"]);
    expect(zh.metadata).toEqual({ kernelspec: { name: "tslab" }, lossbook: { language: "zh-Hans" } });
    expect(() => translateNotebook(nb, file, "02-y.ipynb")).toThrow(/for 01-x.ipynb, not 02-y.ipynb/);
  });

  it("gives every committed translation's notebook Chinese markdown in every prose cell", () => {
    for (const path of listNotebooks().filter((p) => existsSync(translationPath(p, "zh")))) {
      const nb = JSON.parse(readFileSync(path, "utf8"));
      const zh = translateNotebook(nb, readTranslation(translationPath(path, "zh"))!, basename(path));
      const prose = zh.cells.filter((cell: { cell_type: string }) => cell.cell_type === "markdown");
      expect(prose.length).toBeGreaterThan(5);
      for (const cell of prose) expect(String(cell.source), `${basename(path)} ${cell.id}`).toMatch(/\p{Script=Han}/u);
    }
  });
});
