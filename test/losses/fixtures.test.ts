import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getLoss, losses } from "../../src/losses";
import { expectClose } from "./helpers";

interface FixtureCase {
  loss: string;
  name: string;
  reference: string;
  yTrue: number[] | number[][];
  yPred: number[] | number[][];
  options: Record<string, unknown>;
  value: number | number[];
  grad: number[] | number[][];
}

const fixture = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "losses.json"), "utf8")) as {
  cases: FixtureCase[];
};

describe("fixtures from PyTorch 1.13 / scikit-learn 1.2 / Keras formulas in torch (1e-10 relative; the real peers are in peers.test.ts)", () => {
  it("cover every registered loss with every reduction", () => {
    for (const info of losses) {
      const reductions = new Set(fixture.cases.filter((c) => c.loss === info.id).map((c) => c.options.reduction));
      expect([...reductions].sort(), info.id).toEqual(["mean", "none", "sum"]);
      expect(fixture.cases.some((c) => c.loss === info.id && c.options.weights !== undefined), info.id).toBe(true);
    }
  });

  describe.each(losses.map((info) => info.id))("%s", (id) => {
    const info = getLoss(id);
    const cases = fixture.cases.filter((c) => c.loss === id);
    it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
      const value = info.value(c.yTrue, c.yPred, c.options);
      expectClose(value, c.value, "value");
      const grad = info.grad(c.yTrue, c.yPred, c.options);
      expectClose(grad, c.grad, "grad");
      const fused = info.valueAndGrad(c.yTrue, c.yPred, c.options);
      expectClose(fused.value, c.value, "fused value");
      expectClose(fused.grad, c.grad, "fused grad");
      // Typed-array inputs give the same numbers as plain arrays.
      if (info.input === "vector") {
        const typed = info.valueAndGrad(Float64Array.from(c.yTrue as number[]), Float64Array.from(c.yPred as number[]), c.options);
        expectClose(typed.value, c.value, "typed value");
        expectClose(typed.grad, c.grad, "typed grad");
      }
    });
  });
});
