/** The site's small pure helpers. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { woff2OnlyKatexCss } from "../../scripts/site/assets";
import { compactNumbers, figureTitle } from "../../scripts/site/figures";
import { codeWithBreaks, formatInput } from "../../scripts/site/gallery";
import { jsonForScript, slugify, stripAnsi } from "../../scripts/site/html";
import { renderOutline } from "../../scripts/site/layout";
import { parseChapterTitle } from "../../scripts/site/notebook";
import { coveredSections } from "../../scripts/site/render-notebook";
import { countSections, SECTION_WIDTHS, withSectionHeights } from "../../scripts/site/section-heights";

describe("parseChapterTitle", () => {
  it("splits number, English and Chinese titles as the notebooks write them", () => {
    expect(parseChapterTitle("3.1 Mean Squared Error (均方误差)")).toEqual({ section: "3.1", english: "Mean Squared Error", chinese: "均方误差" });
    expect(parseChapterTitle("3.3 Huber Loss（Huber损失）")).toEqual({ section: "3.3", english: "Huber Loss", chinese: "Huber损失" });
    expect(parseChapterTitle("1. Background (背景介绍)")).toEqual({ section: "1", english: "Background", chinese: "背景介绍" });
    expect(parseChapterTitle("6–9 Applications and FAQ (实际应用场景 · 常见问题与解答)")).toEqual({ section: "6–9", english: "Applications and FAQ", chinese: "实际应用场景 · 常见问题与解答" });
    expect(parseChapterTitle("Why (not) accuracy")).toEqual({ section: "", english: "Why (not) accuracy", chinese: "" });
  });
});

describe("slugify", () => {
  it("makes ASCII ids that start with a letter: section number and non-Latin text dropped, accents removed", () => {
    expect(slugify("3.1.2 Operation steps (操作步骤)")).toBe("operation-steps");
    expect(slugify("1 Background (背景介绍)")).toBe("background");
    expect(slugify("  Why cross-entropy — and not MSE?  ")).toBe("why-cross-entropy-and-not-mse");
    expect(slugify("Café à la Huber")).toBe("cafe-a-la-huber");
    expect(slugify("2x2 eigenvalues")).toBe("section-2x2-eigenvalues");
    expect(slugify("∑∑")).toBe("section");
    expect(slugify("背景介绍")).toBe("section");
  });
});

describe("compactNumbers", () => {
  it("rounds non-integers to 6 significant digits and leaves everything else alone", () => {
    expect(compactNumbers({ x: [0.1 + 0.2, 1e-12 / 3, 42, -Infinity], name: "a", nested: { y: 2 / 3 } })).toEqual({
      x: [0.3, 3.33333e-13, 42, -Infinity],
      name: "a",
      nested: { y: 0.666667 },
    });
  });

  it("reads a figure title given as text or as {text}", () => {
    expect(figureTitle({ data: [], layout: { title: "Plain" } })).toBe("Plain");
    expect(figureTitle({ data: [], layout: { title: { text: "<b>Bold</b> title" } } })).toBe("Bold title");
    expect(figureTitle({ data: [] })).toBe("");
  });
});

describe("html helpers", () => {
  it("embeds JSON in a script element without a way to close it", () => {
    const text = jsonForScript({ html: "</script><script>alert(1)</script>", amp: "a & b", separator: "\u2028" });
    expect(text).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(text)).toEqual({ html: "</script><script>alert(1)</script>", amp: "a & b", separator: "\u2028" });
  });

  it("removes terminal colours from tracebacks", () => {
    expect(stripAnsi("\u001b[0;31mError\u001b[0m: \u001b[1mbad\u001b[22m")).toBe("Error: bad");
  });
});

describe("woff2OnlyKatexCss", () => {
  it("drops the woff and ttf fallbacks from KaTeX's stylesheet", () => {
    const css = readFileSync(require.resolve("katex/dist/katex.min.css"), "utf8");
    const rewritten = woff2OnlyKatexCss(css);
    expect(rewritten).not.toMatch(/\.woff\)|\.ttf\)/);
    expect(rewritten.match(/@font-face/g)?.length).toBe(css.match(/@font-face/g)?.length);
  });
});

describe("renderOutline", () => {
  const heading = (level: number, id: string) => ({ level, id, html: id, text: id });

  it("nests level-3 headings under their level-2 heading and skips other levels", () => {
    const html = renderOutline([heading(1, "title"), heading(2, "a"), heading(3, "a1"), heading(3, "a2"), heading(2, "b"), heading(4, "deep")]);
    expect(html).toBe(
      '<ol class="outline"><li><a href="#a">a</a><ol class="outline"><li><a href="#a1">a1</a></li><li><a href="#a2">a2</a></li></ol></li><li><a href="#b">b</a></li></ol>',
    );
  });

  it("keeps the list valid when a page starts with a level-3 heading", () => {
    expect(renderOutline([heading(3, "x"), heading(2, "y")])).toBe('<ol class="outline"><li><a href="#x">x</a></li><li><a href="#y">y</a></li></ol>');
  });
});

describe("gallery code formatting", () => {
  it("writes example inputs as TypeScript literals", () => {
    expect(formatInput([[2, 0.5, -1], [0.1, 0.3]])).toBe("[[2, 0.5, -1], [0.1, 0.3]]");
    expect(formatInput({ delta: 1, reduction: "sum" })).toBe('{ delta: 1, reduction: "sum" }');
  });

  it("lets long names wrap after dots, underscores and before 'And', never inside a number", () => {
    expect(codeWithBreaks("torch.nn.functional.binary_cross_entropy")).toBe("torch.<wbr>nn.<wbr>functional.<wbr>binary_<wbr>cross_<wbr>entropy");
    expect(codeWithBreaks("huberValueAndGrad")).toBe("huberValue<wbr>AndGrad");
    expect(codeWithBreaks("huber([0.5, 2.25], [1])")).toBe("huber([0.5, 2.25], [1])");
    expect(codeWithBreaks("f(x) < 1 && y")).toBe("f(<wbr>x) &lt; 1 &amp;&amp; y");
  });
});

describe("coveredSections", () => {
  it("reads the sections of the Source sentence, not every § mentioned in the opening cell", () => {
    const cell = "# 1 Background\n\nChapter 3 covers MSE (§3.1).\n\nSource: §1 (1.1 and 1.2) of *Loss Functions*; see also §4.\n";
    expect(coveredSections(cell)).toEqual(["§1"]);
    expect(coveredSections("Source: §3.3 and §4.3 of the document (it breaks off in §4.3)")).toEqual(["§3.3", "§4.3"]);
  });
  it("falls back to every § of the cell when there is no Source sentence", () => {
    expect(coveredSections("Covers §2 and §2.1, again §2")).toEqual(["§2", "§2.1"]);
  });
});

describe("withSectionHeights", () => {
  const html = '<article class="notebook"><div class="cell markdown-cell"><p>a</p></div><div class="cell code-cell" id="cell-3"><pre>b</pre></div><div class="cells">not a cell</div></article><section class="loss-card" aria-labelledby="x"></section>';
  const heights = Object.fromEntries(SECTION_WIDTHS.map((width, i) => [width, [100 + i, 200.5 + i, 300 + i]]));

  it("puts each section's heights on it in document order, and which of its boxes scroll", () => {
    expect(countSections(html)).toBe(3);
    const result = withSectionHeights(html, { ...heights, scrolling: { 375: [[], [0], []], 412: [[], [0, 2], []] } });
    expect(result).toContain(`<div class="cell markdown-cell has-height" style="${SECTION_WIDTHS.map((width, i) => `--h-${width}:${100 + i}px`).join(";")}"><p>a</p>`);
    expect(result).toContain(`<div class="cell code-cell has-height" style="${SECTION_WIDTHS.map((width, i) => `--h-${width}:${200.5 + i}px`).join(";")}" data-scrolling="375=0;412=0.2" id="cell-3">`);
    expect(result).toContain('<section class="loss-card has-height" style="--h-375:300px;');
    expect(result).toContain('<div class="cells">not a cell</div>');
  });

  it("leaves a section as it was when a width has no height for it", () => {
    const partial = { ...heights, 1440: [100, 200] };
    const result = withSectionHeights(html, partial);
    expect(result.match(/has-height/g)).toHaveLength(2);
    expect(result).toContain('<section class="loss-card" aria-labelledby="x">');
  });
});
