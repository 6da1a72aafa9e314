/**
 * The language setting and the Chinese learner messages of src/exercises:
 * every English message has its Chinese pair (read from the source with the
 * TypeScript parser, so a new English-only message fails here), and a wrong
 * answer checked with the language set to Chinese prints a Chinese hint that
 * names the same numbers as the English one.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { check, lossQuiz } from "../../src/exercises";
import { stripSolution } from "../../src/exercises/notebook-exercises";
import { LossbookError } from "../../src/errors";
import { currentLanguage, normalizeLanguage, say, setLanguage } from "../../src/language";

const CJK = /[\u4e00-\u9fff]/;
const repoRoot = join(__dirname, "..", "..");

let printed: string[];
beforeEach(() => {
  printed = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    printed.push(args.join(" "));
  });
});
afterEach(() => {
  setLanguage("en");
  vi.restoreAllMocks();
});

describe("setLanguage / currentLanguage", () => {
  it("is English by default, switches to Chinese and back, and keeps the setting on globalThis", () => {
    expect(currentLanguage()).toBe("en");
    expect(setLanguage("zh-Hans")).toBeUndefined();
    expect(currentLanguage()).toBe("zh-Hans");
    expect((globalThis as unknown as Record<symbol, { language: string }>)[Symbol.for("lossbook.language")].language).toBe("zh-Hans");
    expect(say({ en: "right", zh: "正确" })).toBe("正确");
    setLanguage("en");
    expect(say({ en: "right", zh: "正确" })).toBe("right");
  });

  it("accepts the usual spellings of Simplified Chinese and rejects other languages with a LossbookError naming the argument", () => {
    for (const name of ["zh", "zh-CN", "ZH-hans", "zh-Hans-CN"]) expect(normalizeLanguage(name)).toBe("zh-Hans");
    expect(normalizeLanguage("en-GB")).toBe("en");
    expect(normalizeLanguage("zh-Hant")).toBeUndefined();
    expect(() => setLanguage("fr")).toThrow(LossbookError);
    expect(() => setLanguage("fr")).toThrow(/^language: must be "en" or "zh-Hans"/);
    expect(currentLanguage()).toBe("en");
  });
});

/** The text of a string or template literal, with each `${…}` written as its expression. */
function literalText(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression, source: ts.SourceFile): string {
  if (!ts.isTemplateExpression(node)) return node.text;
  return node.head.text + node.templateSpans.map((span) => `\${${span.expression.getText(source)}}` + span.literal.text).join("");
}

/** The `${…}` expressions of a template literal (none for a plain string). */
function placeholders(node: ts.Expression, source: ts.SourceFile): string[] {
  return ts.isTemplateExpression(node) ? node.templateSpans.map((span) => span.expression.getText(source)).sort() : [];
}

/** True for text a learner reads as an English phrase: three words of letters or more. */
const isEnglishPhrase = (text: string) =>
  text
    .replace(/\$\{[^}]*\}|`[^`]*`/g, " ")
    .split(/\s+/)
    .filter((word) => /^\(?[a-z][a-z']+[,.:;?)]*$/i.test(word) && !/[a-z][A-Z]/.test(word)).length >= 3;

const MESSAGE_FILES = [
  ...["checkers.ts", "network.ts", "framework.ts", "quiz.ts"].map((name) => join(repoRoot, "src", "exercises", name)),
  join(repoRoot, "src", "validation.ts"),
];

describe("every learner message of src/exercises and src/validation.ts has a Chinese pair", () => {
  for (const path of MESSAGE_FILES) {
    it(path.slice(repoRoot.length + 1), () => {
      const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
      const unpaired: string[] = [];
      let pairs = 0;
      const visit = (node: ts.Node): void => {
        if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
          const text = literalText(node, source);
          const inImport = ts.isImportDeclaration(node.parent) || ts.isExternalModuleReference(node.parent);
          if (!inImport && isEnglishPhrase(text) && !CJK.test(text)) {
            const property = node.parent;
            const pair = ts.isPropertyAssignment(property) && property.name.getText(source) === "en" ? property.parent : undefined;
            const zh = pair && ts.isObjectLiteralExpression(pair)
              ? pair.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === "zh")
              : undefined;
            const zhText = zh && (ts.isStringLiteral(zh.initializer) || ts.isNoSubstitutionTemplateLiteral(zh.initializer) || ts.isTemplateExpression(zh.initializer))
              ? literalText(zh.initializer, source)
              : undefined;
            if (zh === undefined) {
              unpaired.push(text);
            } else if (zhText !== undefined) {
              // The Chinese is Chinese and interpolates the same values (numbers, inputs) as the English.
              expect(zhText, text).toMatch(CJK);
              const enPlaceholders = placeholders(node, source);
              const zhPlaceholders = placeholders(zh.initializer, source);
              for (const value of enPlaceholders) expect(zhPlaceholders.some((p) => p.includes(value.replace(/\.en$/, ".zh"))), `${text}: ${value}`).toBe(true);
              pairs += 1;
            } else {
              pairs += 1; // e.g. `zh: \`…${question.why.zh}\`` built from another pair
            }
          }
          return;
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      expect(unpaired).toEqual([]);
      expect(pairs).toBeGreaterThan(2);
    });
  }
});

/** The numbers a message names, in order (so that the English and the Chinese can be compared). */
const numbersIn = (message: string) => (message.match(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/g) ?? []).map(Number);

/** Runs a checker in a language and returns its message. */
function messageIn(language: "en" | "zh-Hans", run: () => { message: string }): string {
  setLanguage(language);
  try {
    return run().message;
  } finally {
    setLanguage("en");
  }
}

describe("checks answer in Chinese when the language is zh-Hans", () => {
  const mistakes: [string, () => { message: string }][] = [
    ["check.mse, the squared errors summed instead of averaged", () => check.mse((t: number[], p: number[]) => t.reduce((s, y, i) => s + (p[i] - y) ** 2, 0))],
    ["check.residuals, signs flipped", () => check.residuals((t: number[], p: number[]) => t.map((y, i) => y - p[i]))],
    ["check.sigmoid, σ(−z)", () => check.sigmoid((z: number) => 1 / (1 + Math.exp(z)))],
    ["check.huberGrad, no clipping", () => check.huberGrad((a: number) => a)],
    ["check.softmax, the wrong length", () => check.softmax((z: number[]) => z.slice(1))],
    ["check.accuracy, a function that throws", () => check.accuracy(() => { throw new RangeError("boom 42"); })],
    ["check.hinge, not a function", () => check.hinge(3 as never)],
    ["check.logSigmoid, σ formed first", () => check.logSigmoid((z: number) => Math.log(1 / (1 + Math.exp(-z))))],
    ["check.momentumVelocity, PyTorch's buffer", () => check.momentumVelocity((v: number[], g: number[], _eta: number, mu: number) => v.map((vi, k) => mu * vi + g[k]))],
    ["check.chooseLoss, every answer mse", () => check.chooseLoss(Object.fromEntries(lossQuiz.map((q) => [q.id, "mse"])))],
  ];
  for (const [about, run] of mistakes) {
    it(about, () => {
      const english = messageIn("en", run);
      const chinese = messageIn("zh-Hans", run);
      expect(chinese).not.toBe(english);
      expect(chinese.startsWith("✗")).toBe(true);
      // Each line is Chinese (beyond code and formulas), and no English label is left.
      for (const line of chinese.split("\n")) if (isEnglishPhrase(line.replace(/`[^`]*`/g, ""))) expect(line).toMatch(CJK);
      expect(chinese).not.toMatch(/Hint:|expected:|got:|wrong answer/);
      // The same numbers: the input, the expected and the obtained values.
      expect(numbersIn(chinese).sort()).toEqual(numbersIn(english).sort());
    });
  }

  it("names the input, the expected and the obtained value of check.mse in the Chinese hint", () => {
    setLanguage("zh-Hans");
    const result = check.mse((t: number[], p: number[]) => t.reduce((s, y, i) => s + (p[i] - y) ** 2, 0));
    expect(result.passed).toBe(false);
    expect(result.message).toBe(
      [
        "✗ check.mse：输入 yTrue = [3, -0.5, 2, 7], yPred = [2.5, 0, 2, 8] 时答案不对",
        "    应为：0.375",
        "    得到：1.5",
        "  提示：你只把平方误差加了起来；再除以样本数 n 才是平均值。",
      ].join("\n"),
    );
    expect(printed).toEqual([result.message]);
  });

  it("says 'not written yet' and 'all right' in Chinese, and the quiz problems read in the current language", () => {
    setLanguage("zh-Hans");
    expect(check.sigmoid(() => { throw new Error("Not written yet: mySigmoid still has its placeholder"); }).message).toMatch(/^✗ check\.sigmoid：还没有写。/);
    // The Chinese student version's stub (stripSolution in zh-Hans) is recognised as well.
    const chineseStub = stripSolution("function mySigmoid(z: number): number {\n  // BEGIN SOLUTION\n  return z;\n  // END SOLUTION\n}", "test", "mySigmoid", "zh-Hans");
    expect(chineseStub).toContain('throw new Error("还没有写：mySigmoid 仍是占位代码；请在 YOUR CODE HERE 处写好它，再运行该单元格。");');
    const thrown = chineseStub.match(/throw new Error\("([^"]+)"\)/)![1];
    expect(check.sigmoid(() => { throw new Error(thrown); }).message).toMatch(/^✗ check\.sigmoid：还没有写。/);
    expect(check.sigmoid((z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)))).message).toBe("✓ check.sigmoid：全部 9 个测试输入都正确。");
    expect(lossQuiz[0].problem).toMatch(CJK);
    setLanguage("en");
    expect(lossQuiz[0].problem).toMatch(/^Predict tomorrow's temperature/);
    expect(Object.keys(lossQuiz[0])).toEqual(["id", "problem"]);
  });
});

describe("the common LossbookError messages of src/validation.ts in Chinese", () => {
  const messageOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("did not throw");
  };
  it("a length mismatch, a non-finite entry, an empty array, bad labels and weights: Chinese with the same argument, index and numbers", async () => {
    const { huber, mse, binaryCrossEntropy, softmaxCrossEntropy } = await import("../../src/losses");
    const cases: (() => unknown)[] = [
      () => huber([1, 2], [1]),
      () => mse([1, NaN], [1, 2]),
      () => mse([], []),
      () => binaryCrossEntropy([2, 0], [0.5, 0.5]),
      () => mse([1, 2], [1, 2], { weights: [1] }),
      () => mse([1, 2], [1, 2], { weights: [0, 0] }),
      () => softmaxCrossEntropy([0], [[1, 2], [3]]),
    ];
    for (const run of cases) {
      const english = messageOf(run);
      setLanguage("zh-Hans");
      const chinese = messageOf(run);
      setLanguage("en");
      expect(chinese, english).toMatch(CJK);
      // The argument (and index) the English names come first, unchanged.
      expect(chinese.split(": ")[0]).toBe(english.split(": ")[0]);
      expect(numbersIn(chinese).sort()).toEqual(numbersIn(english).sort());
    }
    setLanguage("zh-Hans");
    expect(messageOf(() => huber([1, 2], [1]))).toBe("yPred: 长度是 1，而 yTrue 的长度是 2；两者必须相同");
  });
});
