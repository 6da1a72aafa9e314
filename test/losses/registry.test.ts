import { chineseStyleProblems } from "../../scripts/translations";
import katex from "katex";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as lossbook from "../../src";
import * as lossModule from "../../src/losses";
import { getLoss, losses } from "../../src/losses";

const exported = lossModule as unknown as Record<string, unknown>;

/** Names of exported loss functions: functions `foo` that come with `fooGrad` and `fooValueAndGrad`. */
const lossFunctionNames = Object.keys(exported).filter(
  (name) => typeof exported[name] === "function" && typeof exported[`${name}Grad`] === "function" && typeof exported[`${name}ValueAndGrad`] === "function",
);

describe("the registry", () => {
  it("types value by reduction: per-sample losses are a Float64Array, mean and sum a number, with no cast", () => {
    const perSample = getLoss("huber").value([0, 1], [0.5, 3], { reduction: "none", delta: 1 });
    expectTypeOf(perSample).toEqualTypeOf<Float64Array>();
    expect(Array.from(perSample)).toEqual([0.125, 1.5]);
    const mean = getLoss("huber").value([0, 1], [0.5, 3]);
    expectTypeOf(mean).toEqualTypeOf<number>();
    expect(mean).toBe(0.8125);
    expectTypeOf(getLoss("mse").value([0], [1], { reduction: "sum" })).toEqualTypeOf<number>();
  });

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

/** Flattens rows (matrix losses) into one vector, and back. */
function flatten(yPred: readonly number[] | readonly (readonly number[])[]) {
  if (typeof yPred[0] === "number") return { x: Float64Array.from(yPred as readonly number[]), rebuild: (flat: Float64Array) => flat, flat: (g: unknown) => g as Float64Array };
  const rows = yPred as readonly (readonly number[])[];
  const width = rows[0].length;
  return {
    x: Float64Array.from(rows.flat()),
    rebuild: (flat: Float64Array) => rows.map((_, r) => flat.subarray(r * width, (r + 1) * width)),
    flat: (g: unknown) => Float64Array.from((g as Float64Array[]).flatMap((row) => Array.from(row))),
  };
}

describe("registry axes and examples", () => {
  it.each(losses.map((info) => [info.id, info] as const))("%s: its example is valid input and its gradient passes checkGradient", (_id, info) => {
    const { yTrue, yPred, options } = info.example;
    expect(Object.isFrozen(info.example) && Object.isFrozen(yTrue) && Object.isFrozen(yPred)).toBe(true);
    expect(yPred.length, "at least two samples").toBeGreaterThanOrEqual(2);
    const value = info.value(yTrue, yPred, options);
    expect(Number.isFinite(value) && value > 0, "a positive finite loss").toBe(true);
    const { x, rebuild, flat } = flatten(yPred);
    const check = lossbook.checkGradient(
      (point) => info.value(yTrue, rebuild(point), options) as number,
      (point) => flat(info.grad(yTrue, rebuild(point), options)),
      x,
    );
    expect(check.ok, `max abs error ${check.maxAbsoluteError}`).toBe(true);
    // The check can fail: a gradient off by a factor is caught at the same point.
    const wrong = lossbook.checkGradient(
      (point) => info.value(yTrue, rebuild(point), options) as number,
      (point) => flat(info.grad(yTrue, rebuild(point), options)).map((g) => 1.01 * g),
      x,
    );
    expect(wrong.ok).toBe(false);
    // The fused function agrees with the separate ones on the example.
    const fused = info.valueAndGrad(yTrue, yPred, options) as { value: number; grad: unknown };
    expect(fused.value).toBeCloseTo(value, 14);
    expect(Array.from(flat(fused.grad))).toEqual(Array.from(flat(info.grad(yTrue, yPred, options))));
  });

  it("gives every loss the axis its inputs call for", () => {
    const byAxis = Object.fromEntries(lossbook.groupLossesByAxis().map((group) => [group.axis, group.ids]));
    expect(byAxis).toEqual({
      residual: ["mse", "mae", "huber", "smoothL1", "logCosh", "quantile"],
      logRate: ["poissonNLL"],
      probability: ["binaryCrossEntropy"],
      logit: ["binaryCrossEntropyWithLogits", "softmaxCrossEntropy", "hinge", "squaredHinge", "focal"],
      distribution: ["klDivergence"],
    });
    // Consistent with the other metadata: residual losses are the regression losses on real numbers,
    // logit losses the classification losses on unbounded scores.
    for (const info of losses) {
      expect(info.axis === "residual", info.id).toBe(info.task === "regression" && info.predictions === "real numbers");
      expect(info.axis === "logit", info.id).toBe(info.task === "classification" && !info.predictions.startsWith("probabilit"));
    }
  });

  it("groupLossesByAxis keeps registry order, covers every loss once, and groups a selection", () => {
    const groups = lossbook.groupLossesByAxis();
    expect(groups.flatMap((group) => group.ids).sort()).toEqual(losses.map((info) => info.id).sort());
    for (const group of groups) {
      expect(group.losses.map((info) => info.id)).toEqual(group.ids);
      expect(group.label.length).toBeGreaterThan(0);
      const positions = group.ids.map((id) => losses.findIndex((info) => info.id === id));
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
    const classification = lossbook.groupLossesByAxis(losses.filter((info) => info.task === "classification"));
    expect(classification.map((group) => group.axis)).toEqual(["probability", "logit"]);
    expect(() => lossbook.groupLossesByAxis([{ ...losses[0], axis: "angle" } as never])).toThrow(/needs an axis .* got "angle" for "mse"/);
  });
});

describe("Chinese names", () => {
  it("put a space between Chinese and Latin letters or digits, as the Chinese edition does", () => {
    for (const info of losses) {
      expect(info.nameZh, info.id).not.toMatch(/\p{Script=Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Script=Han}/u);
      expect(info.nameZh, info.id).toMatch(/\p{Script=Han}/u);
    }
  });

  it("every entry has its when-to-use line in Chinese too (the Chinese gallery's only source), spaced and punctuated as the Chinese edition is", () => {
    for (const info of losses) {
      expect(info.whenToUseZh, info.id).toMatch(/\p{Script=Han}/u);
      expect(chineseStyleProblems(info.whenToUseZh), info.id).toEqual([]);
      // The numbers and option names of the English line survive the translation.
      for (const token of info.whenToUse.match(/\d+(?:\.\d+)?%?|\b(?:posWeight|delta|tau)\b/g) ?? []) expect(info.whenToUseZh, `${info.id}: ${token}`).toContain(token);
    }
  });
});
