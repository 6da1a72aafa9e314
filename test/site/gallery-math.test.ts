/** The registry formulas' \text{…} words on the Chinese gallery. */
import { describe, expect, it } from "vitest";
import { chineseMathWords } from "../../scripts/site/gallery";
import { losses } from "../../src/losses";

describe("chineseMathWords", () => {
  it("leaves no Latin word inside \\text{} of any registry formula or gradient", () => {
    for (const loss of losses) {
      for (const tex of [loss.formula, loss.gradient]) {
        expect(chineseMathWords(tex, loss.id)).not.toMatch(/\\text\{[^}]*[A-Za-z]/);
      }
    }
  });

  it("writes the phrases in Chinese order and keeps the math", () => {
    expect(chineseMathWords(String.raw`a & \text{otherwise}`, "t")).toBe(String.raw`a & \text{其他情况}`);
    expect(chineseMathWords(String.raw`\operatorname{sign}(\hat y - y) \quad (0 \text{ at } \hat y = y)`, "t")).toBe(String.raw`\operatorname{sign}(\hat y - y) \quad (\hat y = y \text{ 时为 } 0)`);
    expect(chineseMathWords(String.raw`\quad (= \sigma(z) - y \text{ for } c = 1)`, "t")).toBe(String.raw`\quad (c = 1 \text{ 时为 } \sigma(z) - y)`);
    expect(chineseMathWords(String.raw`c = \texttt{posWeight} \text{ (default 1)}`, "t")).toBe(String.raw`c = \texttt{posWeight} \text{（默认为 1）}`);
  });

  it("names the loss and the phrase that has no Chinese yet", () => {
    expect(() => chineseMathWords(String.raw`x \text{ if } y`, 'loss "huber" formula')).toThrow(/loss "huber" formula: "\\text\{ if \}" has no Chinese/);
  });
});
