import katex from "katex";
import { describe, expect, it } from "vitest";
import * as lossbook from "../../src";
import * as lossModule from "../../src/losses";
import { getLoss, losses } from "../../src/losses";

const exported = lossModule as unknown as Record<string, unknown>;

/** Names of exported loss functions: functions `foo` that come with `fooGrad` and `fooValueAndGrad`. */
const lossFunctionNames = Object.keys(exported).filter(
  (name) => typeof exported[name] === "function" && typeof exported[`${name}Grad`] === "function" && typeof exported[`${name}ValueAndGrad`] === "function",
);

describe("the registry", () => {
  it("lists every exported loss function exactly once, under its function name", () => {
    expect(lossFunctionNames.length).toBeGreaterThanOrEqual(14);
    const ids = losses.map((info) => info.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...lossFunctionNames].sort());
    for (const info of losses) {
      expect(info.value, info.id).toBe(exported[info.id]);
      expect(info.grad, info.id).toBe(exported[`${info.id}Grad`]);
      expect(info.valueAndGrad, info.id).toBe(exported[`${info.id}ValueAndGrad`]);
      expect(exported[`${info.id}Info`], info.id).toBe(info);
      expect(getLoss(info.id)).toBe(info);
    }
  });

  it("has every loss the issue asks for", () => {
    const required = ["mse", "mae", "huber", "smoothL1", "logCosh", "quantile", "binaryCrossEntropy", "binaryCrossEntropyWithLogits",
      "softmaxCrossEntropy", "hinge", "squaredHinge", "focal", "klDivergence", "poissonNLL"];
    for (const id of required) expect(getLoss(id).id).toBe(id);
    // …and the whole library re-exports them from "lossbook".
    for (const id of required) expect((lossbook as Record<string, unknown>)[id]).toBe(exported[id]);
  });

  it.each(losses.map((info) => [info.id, info] as const))("%s has complete metadata and valid LaTeX", (_id, info) => {
    for (const field of ["name", "nameZh", "formula", "gradient", "whenToUse", "reference", "targets", "predictions"] as const) {
      expect(info[field].trim().length, field).toBeGreaterThan(0);
    }
    expect(info.nameZh).toMatch(/[\u4e00-\u9fff]/);
    expect(["regression", "classification", "distribution"]).toContain(info.task);
    expect(info.input).toBe(["softmaxCrossEntropy", "klDivergence"].includes(info.id) ? "matrix" : "vector");
    for (const latex of [info.formula, info.gradient]) {
      expect(latex).not.toContain("$");
      expect(() => katex.renderToString(latex, { throwOnError: true, strict: "ignore" })).not.toThrow();
    }
    for (const value of Object.values(info.defaults)) expect(Number.isFinite(value)).toBe(true);
    expect(Object.isFrozen(losses)).toBe(true);
  });

  it("defaults are the values the functions really use when the option is left out", () => {
    for (const info of losses) {
      if (Object.keys(info.defaults).length === 0) continue;
      const [yTrue, yPred] =
        info.input === "matrix" ? [[0, 2], [[1, -0.5, 2], [0.3, 0, -1]]]
          : info.task === "classification" ? [[0, 1, 1], [-1.5, 0.3, 2.5]]
            : [[0, 1, 2], [1.7, 0.2, 2.1]];
      expect(info.value(yTrue, yPred, info.defaults), info.id).toBe(info.value(yTrue, yPred));
    }
  });
});
