/** Inline math and the Chinese punctuation after it stay on one line (markdown.ts); English text renders as before. */
import { describe, expect, it } from "vitest";
import { createMarkdownRenderer, type MarkdownEnv } from "../../scripts/site/markdown";

const env = (): MarkdownEnv => ({ location: { file: "test.ipynb", cell: 1 } }) as unknown as MarkdownEnv;

describe("inline math before Chinese punctuation", () => {
  it("wraps a short formula and the punctuation right after it in one no-wrap span, and nothing else", async () => {
    const md = await createMarkdownRenderer((code) => code);
    const html = md.render("在 $\\delta = 0.5$，损失是 $x$。平方 $a^2$ 和 $b$ 都不变", env());
    expect(html.match(/<span class="math-nowrap">/g)?.length).toBe(2);
    expect(html).toMatch(/<span class="math-nowrap"><span class="katex">[\s\S]*?δ[\s\S]*?<\/span>，<\/span>损失是/);
    expect(html).toMatch(/<span class="math-nowrap"><span class="katex">[\s\S]*?<\/span>。<\/span>平方/);
    // Math not followed by Chinese punctuation is rendered as it was.
    expect(html).toContain(md.renderInline("平方 $a^2$ 和 $b$ 都不变", env()));
  });

  it("leaves a long formula breakable, and English punctuation and text unchanged", async () => {
    const md = await createMarkdownRenderer((code) => code);
    const long = "$\\frac{1}{n}\\sum L_\\delta(a_i) = \\frac{1}{2}\\cdot\\frac{1}{n}\\sum a_i^2 = \\frac{1}{2} L_{MSE}$";
    expect(md.render(`于是 ${long}，成立`, env())).not.toContain("math-nowrap");
    const english = "At $x = 4$, it predicts $5.00$. Then $a$; and $b$: done";
    expect(md.render(english, env())).not.toContain("math-nowrap");
  });
});
