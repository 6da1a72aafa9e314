import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { check } from "../../src/exercises";
import { lossQuizAnswers } from "../../src/exercises/quiz";
import { checkLineIn, checkOutputIn } from "../../src/exercises/stored-output";
import { setLanguage } from "../../src/language";

let printed: string[];
beforeEach(() => {
  printed = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void printed.push(args.join(" ")));
});
afterEach(() => {
  vi.restoreAllMocks();
  setLanguage("en");
});

/** What a check prints when run in `language`. */
function printedIn(language: string, run: () => unknown): string {
  setLanguage(language);
  printed = [];
  run();
  return printed.join("\n");
}

const meanSquaredError = (yTrue: number[], yPred: number[]) => yTrue.reduce((sum, y, i) => sum + (y - yPred[i]) ** 2, 0) / yTrue.length;
const quizAnswers = () => Object.fromEntries(Object.entries(lossQuizAnswers()).map(([id, accepted]) => [id, accepted[0]]));

describe("a check's stored output in Chinese", () => {
  it("is what the same passing check prints in the Chinese runtime, for a checker and for the loss quiz", () => {
    for (const run of [() => check.mse(meanSquaredError as never), () => check.chooseLoss(quizAnswers() as never)]) {
      const [english, chinese] = [printedIn("en", run), printedIn("zh-Hans", run)];
      expect(english).toMatch(/^✓ check\.\w+: (right on all \d+ test inputs|all \d+ problems right)\./);
      expect(chinese).toMatch(/^✓ check\.\w+：全部 \d+ /);
      expect(checkOutputIn(english, "zh-Hans")).toBe(chinese);
      expect(checkOutputIn(english, "en")).toBe(english);
    }
  });

  it("leaves other lines alone, including a failed check's report", () => {
    const failed = printedIn("en", () => check.mse(((yTrue: number[]) => yTrue.length) as never));
    expect(failed).toMatch(/^✗ check\.mse/);
    expect(checkOutputIn(failed, "zh-Hans")).toBe(failed);
    expect(checkLineIn("θ0 = 0.8955", "zh-Hans")).toBe("θ0 = 0.8955");
    expect(checkLineIn("  ✓ temperature: mse", "zh-Hans")).toBe("  ✓ temperature: mse");
  });
});
