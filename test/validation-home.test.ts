import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import * as checks from "../src/data/checks";
import * as validate from "../src/losses/validate";
import * as validation from "../src/validation";

const SRC = join(__dirname, "..", "src");
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : []));

describe("validation has one home (src/validation.ts)", () => {
  it("every layer imports its checks from src/validation.ts, not from the old losses/validate or data/checks", () => {
    const offenders = files(SRC)
      .filter((file) => !file.endsWith("losses/validate.ts") && !file.endsWith("data/checks.ts"))
      .filter((file) => /from "(\.\/validate|\.\/checks|\.\.\/losses\/validate|\.\.\/data\/checks)"/.test(readFileSync(file, "utf8")))
      .map((file) => relative(SRC, file));
    expect(offenders).toEqual([]);
  });

  it("the old paths re-export the same functions", () => {
    expect(validate.checkVector).toBe(validation.checkVector);
    expect(checks.checkInteger).toBe(validation.checkInteger);
    expect(checks.checkOptionsObject).toBe(validate.checkOptionsObject);
  });
});
