import { describe, expect, it } from "vitest";
import { groupLossesByAxis, losses } from "../../src/losses/registry";
import { lossFunctionPlot } from "../../src/plot";

describe("lossFunctionPlot", () => {
  it("draws MSE as a² over the residual, titled and labelled", () => {
    const figure = lossFunctionPlot(["mse"], { points: 7 });
    expect(figure.layout.title.text).toBe("Loss as a function of the residual");
    expect(figure.layout.xaxis.title.text).toBe("residual a = ŷ − y");
    expect(figure.layout.yaxis.title.text).toBe("loss ℓ");
    expect(figure.data[0]).toMatchObject({ name: "Mean squared error", x: [-3, -2, -1, 0, 1, 2, 3] });
    expect(figure.data[0].y).toEqual([9, 4, 1, 0, 1, 4, 9]);
  });

  it("passes per-loss options and names them; the Huber gradient is the residual clipped to ±δ", () => {
    const figure = lossFunctionPlot(["huber"], { what: "gradient", options: { huber: { delta: 0.5 } }, points: 7 });
    expect(figure.data[0].name).toBe("Huber loss (δ = 0.5)");
    expect(figure.data[0].y).toEqual([-0.5, -0.5, -0.5, 0, 0.5, 0.5, 0.5]);
    expect(figure.layout.yaxis.title.text).toBe("gradient ∂ℓ/∂ŷ");
    expect(figure.layout.title.text).toBe("Gradient of the loss as a function of the residual");
  });

  it("draws one loss with several options from {id, options, name} entries", () => {
    const figure = lossFunctionPlot([{ id: "huber", options: { delta: 0.5 } }, { id: "huber", options: { delta: 2 }, name: "wide" }], { points: 3 });
    expect(figure.data.map((t) => t.name)).toEqual(["Huber loss (δ = 0.5)", "wide"]);
    expect(figure.data[0].y).toEqual([0.5 * (3 - 0.25), 0, 0.5 * (3 - 0.25)]);
    expect(figure.data[1].y).toEqual([2 * (3 - 1), 0, 2 * (3 - 1)]);
  });

  it("puts classification losses on the logit axis with y = 1 (softmax with logits [z, 0])", () => {
    const figure = lossFunctionPlot(["binaryCrossEntropyWithLogits", "softmaxCrossEntropy", "hinge"], { points: 5, range: [-2, 2] });
    expect(figure.layout.xaxis.title.text).toMatch(/logit or score z/);
    const logistic = [-2, -1, 0, 1, 2].map((z) => Math.log1p(Math.exp(-z)));
    expect(figure.data[0].y as number[]).toEqual(logistic.map((v) => expect.closeTo(v, 12)));
    expect(figure.data[1].y as number[]).toEqual(logistic.map((v) => expect.closeTo(v, 12)));
    expect(figure.data[2].y).toEqual([3, 2, 1, 0, 0]);
  });

  it("refuses to mix losses that do not share an x-axis, and unknown ids", () => {
    expect(() => lossFunctionPlot(["mse", "hinge"])).toThrow(/do not share an x-axis \(residual: mse; logit: hinge\).*groupLossesByAxis/);
    expect(() => lossFunctionPlot(["binaryCrossEntropy", "klDivergence"])).toThrow(/probability: binaryCrossEntropy; distribution: klDivergence/);
    expect(() => lossFunctionPlot(["msee"])).toThrow(/unknown loss "msee"; known losses: mse/);
    expect(() => lossFunctionPlot(["binaryCrossEntropy"], { range: [-1, 1] })).toThrow(/inside \(0, 1\)/);
  });

  it("draws KL(p‖q) over q = (q₁, 1 − q₁) against p = (0.7, 0.3): zero with zero slope at q₁ = 0.7", () => {
    const value = lossFunctionPlot(["klDivergence"], { points: 5, range: [0.1, 0.9] });
    const gradient = lossFunctionPlot(["klDivergence"], { points: 5, range: [0.1, 0.9], what: "gradient" });
    expect(value.layout.xaxis.title.text).toMatch(/q₁ .* target p = \(0\.7, 0\.3\)/);
    expect(value.layout.title.text).toBe("Loss as a function of the predicted distribution");
    const qs = [0.1, 0.3, 0.5, 0.7, 0.9];
    const kl = (q: number) => 0.7 * Math.log(0.7 / q) + 0.3 * Math.log(0.3 / (1 - q));
    expect(value.data[0].y as number[]).toEqual(qs.map((q) => expect.closeTo(kl(q), 12)));
    expect(gradient.data[0].y as number[]).toEqual(qs.map((q) => expect.closeTo(-0.7 / q + 0.3 / (1 - q), 12)));
    expect((value.data[0].y as number[])[3]).toBeCloseTo(0, 15);
    expect(gradient.layout.yaxis.title.text).toBe("gradient ∂ℓ/∂q₁");
    expect(() => lossFunctionPlot(["klDivergence"], { range: [0, 1] })).toThrow(/inside \(0, 1\)/);
  });

  it("draws each group of groupLossesByAxis in one plot, on the axis it names", () => {
    const titles = new Set<string>();
    for (const group of groupLossesByAxis()) {
      const figure = lossFunctionPlot(group.ids, { points: 11 });
      expect(figure.data.map((trace) => trace.name)).toEqual(group.losses.map((info) => info.name));
      titles.add(figure.layout.xaxis.title.text);
    }
    expect(titles.size).toBe(groupLossesByAxis().length);
  });

  // Every registered loss, now and later: the plotted gradient must be the
  // derivative of the plotted value (central differences on the curve).
  for (const info of losses) {
    it(`${info.id}: the gradient curve is the derivative of the value curve`, () => {
      const points = 201;
      const values = lossFunctionPlot([info.id], { points }).data[0];
      const grads = lossFunctionPlot([info.id], { points, what: "gradient" }).data[0];
      const x = values.x as number[];
      const y = values.y as number[];
      const g = grads.y as number[];
      expect(y.every((v) => typeof v === "number")).toBe(true);
      for (let i = 1; i < points - 1; i++) {
        const numeric = (y[i + 1] - y[i - 1]) / (x[i + 1] - x[i - 1]);
        const kink = Math.abs(g[i + 1] - g[i - 1]) > 0.5; // a corner (MAE, hinge, quantile at 0)
        if (!kink) expect(Math.abs(numeric - g[i])).toBeLessThan(1e-2 * (1 + Math.abs(g[i])));
      }
    });
  }
});
