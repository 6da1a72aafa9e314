/**
 * The figure builders' default titles, axis titles and legend names follow
 * setLanguage: Chinese when the language is zh-Hans, English otherwise; a
 * title the caller passes is used as it is.
 */
import { afterEach, describe, expect, it } from "vitest";
import { setLanguage } from "../../src/language";
import { contourPathPlot, decisionBoundaryPlot, fitPlot, gradientDescentPathPlot, lossCurvePlot, lossFunctionPlot } from "../../src/plot";

afterEach(() => setLanguage("en"));

/** Builds a figure in a language. */
function inLanguage<T>(language: "en" | "zh-Hans", build: () => T): T {
  setLanguage(language);
  try {
    return build();
  } finally {
    setLanguage("en");
  }
}

describe("default plot labels in Chinese", () => {
  it("lossFunctionPlot: title, axes and the loss names of the legend", () => {
    const zh = inLanguage("zh-Hans", () => lossFunctionPlot(["mse", { id: "huber", options: { delta: 0.5 } }]));
    expect(zh.layout.title.text).toBe("损失随残差的变化");
    expect(zh.layout.xaxis.title.text).toBe("残差 a = ŷ − y");
    expect(zh.layout.yaxis.title.text).toBe("损失 ℓ");
    expect(zh.data.map((trace) => trace.name)).toEqual(["均方误差", "Huber 损失（δ = 0.5）"]);
    const gradient = inLanguage("zh-Hans", () => lossFunctionPlot(["binaryCrossEntropy"], { what: "gradient" }));
    expect(gradient.layout.title.text).toBe("损失的梯度随预测概率的变化");
    expect(gradient.layout.yaxis.title.text).toBe("梯度 ∂ℓ/∂p");
    // The same numbers in both languages; only the words differ.
    const en = lossFunctionPlot(["mse", { id: "huber", options: { delta: 0.5 } }]);
    expect(zh.data.map((trace) => trace.y)).toEqual(en.data.map((trace) => trace.y));
    expect(en.data.map((trace) => trace.name)).toEqual(["Mean squared error", "Huber loss (δ = 0.5)"]);
  });

  it("lossCurvePlot, gradientDescentPathPlot, contourPathPlot, fitPlot and decisionBoundaryPlot", () => {
    setLanguage("zh-Hans");
    const curve = lossCurvePlot([{ name: "MSE", values: [3, 2, 1] }], { logY: true });
    expect([curve.layout.title.text, curve.layout.xaxis.title.text, curve.layout.yaxis.title.text]).toEqual(["每轮的训练损失", "轮（epoch）", "损失（对数坐标）"]);
    const path = gradientDescentPathPlot((t) => t * t, [{ name: "η = 0.1", thetas: [1, 0.8] }], { range: [-1, 1] });
    expect([path.layout.title.text, path.layout.xaxis.title.text, path.layout.yaxis.title.text]).toEqual(["在 f(θ) 上做梯度下降", "参数 θ", "目标函数 f(θ)"]);
    expect(path.data[1].text).toEqual(["第 0 步", "第 1 步"]);
    const contour = contourPathPlot((x, y) => x * x + y * y, [], { xRange: [-1, 1], yRange: [-1, 1], resolution: 5 });
    expect(contour.layout.title.text).toBe("在 f 的等高线上做梯度下降");
    const fit = fitPlot([0, 1, 2], [0, 1, 9], [], { title: "拟合", xTitle: "x", yTitle: "y", highlight: [false, false, true] });
    expect(fit.data.map((trace) => trace.name)).toEqual(["数据", "离群点"]);
    const boundary = decisionBoundaryPlot([[0, 0], [1, 1]], [0, 1], ([a]) => 1 / (1 + Math.exp(-a)), { title: "边界", xTitle: "x₁", yTitle: "x₂", resolution: 5 });
    expect(boundary.data.map((trace) => trace.name)).toEqual(["P(类别 1)", "决策边界（p = 0.5）", "类别 0", "类别 1"]);
    // A caller's own title stays as given.
    expect(lossCurvePlot([{ name: "MSE", values: [1] }], { title: "Mine" }).layout.title.text).toBe("Mine");
  });
});
