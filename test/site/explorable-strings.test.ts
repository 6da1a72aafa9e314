/**
 * The explorables' strings (scripts/site/explorable-strings.ts): every English
 * string has a Chinese counterpart of the same shape (the type requires the
 * keys; this checks that functions take the same arguments and nested lists
 * the same keys), the Chinese is Chinese (Han characters, full-width
 * punctuation, a space between Chinese and Latin letters or digits), and the
 * client code takes all its words from there.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXPLORABLE_STRINGS_BY_LANGUAGE, withCjkSpacing } from "../../scripts/site/explorable-strings";

const english = EXPLORABLE_STRINGS_BY_LANGUAGE.en as Record<string, unknown>;
const chinese = EXPLORABLE_STRINGS_BY_LANGUAGE.zh as Record<string, unknown>;
const HAN = /\p{Script=Han}/u;

/** A string's text, each function called with "0" for every argument. */
function sample(value: unknown): string {
  return typeof value === "function" ? String((value as (...args: string[]) => unknown)(...Array.from({ length: value.length }, () => "0"))) : String(value);
}

/** Visible text: tags and plotly's %{…} placeholders removed. */
const visible = (text: string) => text.replace(/<[^>]+>/g, "").replace(/%\{[^}]*\}/g, "");

/** Strings that are formulas or symbols only, the same in both languages. */
const LANGUAGE_NEUTRAL = new Set(["readoutSeparator", "softmaxTraceProbabilities", "softmaxProbabilities", "softmaxLossIsLog"]);
/** Strings that are formulas or punctuation only: Chinese in their punctuation. */
const FORMULAS = new Set(["marginRow", "optionSeparator"]);

describe("the explorables' strings", () => {
  it("have a Chinese counterpart of the same shape for every English string", () => {
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
    for (const key of Object.keys(english)) {
      const [en, zh] = [english[key], chinese[key]];
      expect(typeof zh, key).toBe(typeof en);
      if (typeof en === "function") expect((zh as (...args: unknown[]) => unknown).length, `${key}: arguments`).toBe(en.length);
      if (en !== null && typeof en === "object") {
        expect(Object.keys(zh as object).sort(), key).toEqual(Object.keys(en).sort());
        for (const [inner, value] of Object.entries(zh as Record<string, string>)) expect(value, `${key}.${inner}`).toMatch(HAN);
      }
    }
  });

  it("are Chinese in Chinese: Han characters, full-width punctuation next to them, spaces between Chinese and Latin or digits", () => {
    for (const key of Object.keys(english)) {
      const [en, zh] = [english[key], chinese[key]];
      if (en !== null && typeof en === "object") continue; // checked above
      const text = visible(sample(zh));
      if (LANGUAGE_NEUTRAL.has(key)) {
        expect(sample(zh), key).toBe(sample(en));
        continue;
      }
      expect(text, key).toMatch(FORMULAS.has(key) ? /[：，（）。]/u : HAN);
      expect(text, key).not.toBe(visible(sample(en)));
      expect(text, `${key}: ASCII punctuation next to Chinese`).not.toMatch(/\p{Script=Han}[,.:;!?()]|[,:;!?()]\p{Script=Han}/u);
      expect(text, `${key}: no space between Chinese and Latin or digits`).not.toMatch(/\p{Script=Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Script=Han}/u);
    }
  });

  it("spaces Chinese from Latin where a template's argument meets it", () => {
    expect(withCjkSpacing("调整Huber 损失的选项")).toBe("调整 Huber 损失的选项");
    expect(withCjkSpacing("调整平滑 L1 损失的选项")).toBe("调整平滑 L1 损失的选项");
    expect(withCjkSpacing("第3步")).toBe("第 3 步");
    expect((chinese.galleryLossLabel as (name: string) => string)("Huber 损失")).toBe("调整 Huber 损失的选项");
  });

  it("are the only words in the explorables' client code (no English sentence left in a string literal)", () => {
    const folder = join(__dirname, "../../scripts/site/client/explorables");
    for (const file of readdirSync(folder).filter((name) => name.endsWith(".ts"))) {
      const code = readFileSync(join(folder, file), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/^\s*\/\/.*$/gm, "")
        .replace(/\/\/ .*$/gm, "");
      // Quoted text with two English words in a row, other than errors for the console and names in code.
      const literals = [...code.matchAll(/(["'`])((?:(?!\1)[^\\\n]|\\.)*)\1/g)].map((match) => match[2]);
      const sentences = literals.filter((literal) => /\b[a-z]{2,}\s+[a-z]{2,}\b/i.test(literal.replace(/\$\{[^}]*\}|\$\{.*$|<[^>]*>/g, "")) && !/lossbook explorables|huber-delta:|^lines\+markers$|afterend|^[a-z -]*explorable-[a-z-]*$/.test(literal));
      expect(sentences, file).toEqual([]);
    }
  });
});
