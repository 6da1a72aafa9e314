import { describe, expect, it } from "vitest";
import { LossbookError } from "../../src/errors";
import {
  barPlot,
  contourPathPlot,
  decisionBoundaryPlot,
  fitPlot,
  gradientDescentPathPlot,
  linePlot,
  lossCurvePlot,
  scatterPlot,
  type Figure,
} from "../../src/plot";

/** Every figure: titled, both axes labelled, plain JSON (no typed arrays, no NaN), the shared template. */
function expectWellFormed(figure: Figure, title: string, xTitle: string, yTitle: string): void {
  expect(figure.layout.title.text).toBe(title);
  expect(figure.layout.xaxis.title.text).toBe(xTitle);
  expect(figure.layout.yaxis.title.text).toBe(yTitle);
  expect(JSON.parse(JSON.stringify(figure))).toEqual(figure);
  expect(figure.layout.paper_bgcolor).toBe("rgba(0,0,0,0)");
  expect(figure.layout.font).toMatchObject({ size: 13 });
  expect(figure.config).toMatchObject({ responsive: true, displaylogo: false });
}

describe("linePlot", () => {
  const figure = linePlot(
    [
      { name: "squares", x: Float64Array.from([0, 1, 2]), y: Float64Array.from([0, 1, 4]) },
      { name: "gaps", x: [0, 1, 2], y: [1, Number.NaN, Infinity], mode: "lines+markers", dash: "dash" },
    ],
    { title: "T", xTitle: "x", yTitle: "y", logY: true },
  );

  it("makes one scatter trace per series with the values as plain arrays", () => {
    expectWellFormed(figure, "T", "x", "y");
    expect(figure.data).toHaveLength(2);
    expect(figure.data[0]).toMatchObject({ type: "scatter", name: "squares", x: [0, 1, 2], y: [0, 1, 4], mode: "lines" });
    expect(Array.isArray(figure.data[0].x)).toBe(true);
  });

  it("turns non-finite values into null gaps, keeps dash and mode, and sets a log axis", () => {
    expect(figure.data[1].y).toEqual([1, null, null]);
    expect(figure.data[1]).toMatchObject({ mode: "lines+markers", line: { dash: "dash" } });
    expect(figure.layout.yaxis.type).toBe("log");
    // Powers of ten on the ticks, not plotly's default SI suffixes ("100μ").
    expect(figure.layout.yaxis.exponentformat).toBe("power");
    expect(figure.data[0].line).not.toEqual(figure.data[1].line);
  });

  it("names the bad argument", () => {
    expect(() => linePlot([{ name: "a", x: [1, 2], y: [1] }], { title: "T", xTitle: "x", yTitle: "y" })).toThrow(/series\[0\]\.y: has length 1 but series\[0\]\.x has length 2/);
    expect(() => linePlot([{ name: "a", x: [1], y: [1] }], { title: "", xTitle: "x", yTitle: "y" })).toThrow(LossbookError);
    expect(() => linePlot([{ name: "a", x: [1], y: [1] }], { title: "T", xTitle: "x" } as never)).toThrow(/options\.yTitle/);
    expect(() => linePlot([], { title: "T", xTitle: "x", yTitle: "y" })).toThrow(/series: must be a non-empty array/);
  });
});

describe("scatterPlot", () => {
  it("draws markers only, one trace per group", () => {
    const figure = scatterPlot(
      [
        { name: "a", x: [1, 2], y: [3, 4] },
        { name: "b", x: [5], y: [6] },
      ],
      { title: "Points", xTitle: "u", yTitle: "v" },
    );
    expectWellFormed(figure, "Points", "u", "v");
    expect(figure.data.map((t) => t.mode)).toEqual(["markers", "markers"]);
    expect(figure.data[1]).toMatchObject({ x: [5], y: [6] });
  });
});

describe("lossCurvePlot", () => {
  it("plots each history against epochs 1…n with default labels", () => {
    const figure = lossCurvePlot([
      { name: "run A", values: [4, 2, 1] },
      { name: "run B", values: Float64Array.from([3, 1]) },
    ]);
    expectWellFormed(figure, "Training loss per epoch", "epoch", "loss");
    expect(figure.data[0]).toMatchObject({ name: "run A", x: [1, 2, 3], y: [4, 2, 1] });
    expect(figure.data[1]).toMatchObject({ x: [1, 2], y: [3, 1] });
  });

  it("draws a validation curve dashed next to its training curve; a linear axis keeps plotly's default format", () => {
    const figure = lossCurvePlot([
      { name: "training", values: [3, 2] },
      { name: "validation", values: [3.5, 2.5], dash: "dash" },
    ]);
    expect(figure.data.map((trace) => (trace.line as { dash: string }).dash)).toEqual(["solid", "dash"]);
    expect(figure.data[1].x).toEqual([1, 2]);
    expect(figure.layout.yaxis.type).toBeUndefined();
    expect(figure.layout.yaxis.exponentformat).toBeUndefined();
  });

  it("can start at epoch 0 and use a log scale", () => {
    const figure = lossCurvePlot([{ name: "r", values: [1, 0.1] }], { firstEpoch: 0, logY: true, title: "Own" });
    expect(figure.data[0].x).toEqual([0, 1]);
    expect(figure.layout.yaxis).toMatchObject({ type: "log", exponentformat: "power" });
    expect(figure.layout.title.text).toBe("Own");
  });
});

describe("gradientDescentPathPlot", () => {
  const f = (theta: number) => (theta - 1) ** 2;
  const figure = gradientDescentPathPlot(f, [{ name: "η = 0.4", thetas: [3, 1.4, 1.08, Infinity] }], { range: [-1, 3] });

  it("draws f over the range and each path's iterates on the curve", () => {
    expectWellFormed(figure, "Gradient descent on f(θ)", "parameter θ", "objective f(θ)");
    expect(figure.data).toHaveLength(2);
    const curve = figure.data[0];
    const xs = curve.x as number[];
    expect(xs[0]).toBe(-1);
    expect(xs[xs.length - 1]).toBe(3);
    expect(curve.y).toEqual(xs.map(f));
    const path = figure.data[1];
    expect(path).toMatchObject({ name: "η = 0.4", mode: "lines+markers" });
    expect(path.x).toEqual([3, 1.4, 1.08, null]);
    expect((path.y as number[]).slice(0, 3)).toEqual([4, f(1.4), f(1.08)]);
    expect(path.text).toEqual(["step 0", "step 1", "step 2", "step 3"]);
  });

  it("names the curve after the objective when asked (a loss L(θ) instead of f(θ))", () => {
    const named = gradientDescentPathPlot(f, [{ name: "η = 0.4", thetas: [3, 1.4] }], { range: [-1, 3], curveName: "L(θ)" });
    expectWellFormed(named, "Gradient descent on L(θ)", "parameter θ", "objective L(θ)");
    expect(named.data[0].name).toBe("L(θ)");
    expect(named.data[1].hovertemplate).toContain("L(θ) = ");
    expect(() => gradientDescentPathPlot(f, [{ name: "η", thetas: [3] }], { range: [-1, 3], curveName: "" })).toThrow(/options\.curveName/);
  });

  it("fixes the axes to the range and the curve, so a diverging path leaves the view", () => {
    expect(figure.layout.xaxis.range).toEqual([-1, 3]);
    const [low, high] = figure.layout.yaxis.range as [number, number];
    expect(low).toBeLessThan(0);
    expect(high).toBeGreaterThan(4);
    expect(high).toBeLessThan(5);
  });

  it("rejects a bad range", () => {
    expect(() => gradientDescentPathPlot(f, [{ name: "p", thetas: [0] }], { range: [2, 1] })).toThrow(/options\.range: must have low < high/);
  });
});

describe("contourPathPlot", () => {
  const f = (x: number, y: number) => x * x + 10 * y * y;
  const figure = contourPathPlot(f, [{ name: "path", points: [[2, 1], [1, 0.5], [0, 0]] }], {
    xRange: [-2, 2],
    yRange: [-1, 1],
    resolution: 5,
  });

  it("samples f on the grid with rows along y, as plotly's z expects", () => {
    expectWellFormed(figure, "Gradient descent on the contours of f", "θ₀", "θ₁");
    const contour = figure.data[0];
    expect(contour.type).toBe("contour");
    expect(contour.x).toEqual([-2, -1, 0, 1, 2]);
    expect(contour.y).toEqual([-1, -0.5, 0, 0.5, 1]);
    const z = contour.z as number[][];
    expect(z).toHaveLength(5);
    expect(z[0][4]).toBe(f(2, -1));
    expect(z[3][1]).toBe(f(-1, 0.5));
  });

  it("draws each path through its points", () => {
    expect(figure.data[1]).toMatchObject({ type: "scatter", name: "path", x: [2, 1, 0], y: [1, 0.5, 0], mode: "lines+markers" });
    expect(() => contourPathPlot(f, [{ name: "p", points: [[1, 2, 3]] as never }], { xRange: [0, 1], yRange: [0, 1] })).toThrow(/paths\[0\]\.points\[0\]: each point must be \[x, y\]/);
  });
});

describe("fitPlot", () => {
  const x = [0, 1, 2, 10];
  const y = [1, 3, 5, 0];
  const figure = fitPlot(x, y, [{ name: "ŷ = 1 + 2x", predict: (v) => 1 + 2 * v }], {
    title: "Fit",
    xTitle: "x",
    yTitle: "y",
    highlight: [false, false, false, true],
  });

  it("splits highlighted points into their own trace", () => {
    expectWellFormed(figure, "Fit", "x", "y");
    expect(figure.data[0]).toMatchObject({ name: "data", x: [0, 1, 2], y: [1, 3, 5], mode: "markers" });
    expect(figure.data[1]).toMatchObject({ name: "outliers", x: [10], y: [0] });
  });

  it("draws each line across the data's x range", () => {
    const line = figure.data[2];
    const xs = line.x as number[];
    expect(xs[0]).toBeLessThan(0);
    expect(xs[xs.length - 1]).toBeGreaterThan(10);
    expect(line.y).toEqual(xs.map((v) => 1 + 2 * v));
  });

  it("leaves out the outlier trace when nothing is highlighted", () => {
    const plain = fitPlot(x, y, [], { title: "Fit", xTitle: "x", yTitle: "y" });
    expect(plain.data).toHaveLength(1);
    expect(() => fitPlot(x, [1], [], { title: "Fit", xTitle: "x", yTitle: "y" })).toThrow(/y: has length 1 but x has length 4/);
  });
});

describe("decisionBoundaryPlot", () => {
  const X = [
    [0, 0],
    [1, 0],
    [3, 3],
    [4, 3],
  ];
  const y = [0, 0, 1, 1];
  const probability = (point: number[]) => 1 / (1 + Math.exp(-(point[0] + point[1] - 3.5)));
  const figure = decisionBoundaryPlot(X, y, probability, { title: "Boundary", xTitle: "x₁", yTitle: "x₂", resolution: 7 });

  it("shades the predicted probability over a padded box and marks p = 0.5", () => {
    expectWellFormed(figure, "Boundary", "x₁", "x₂");
    const [field, boundary] = figure.data;
    const xs = field.x as number[];
    const ys = field.y as number[];
    expect(xs[0]).toBeLessThan(0);
    expect(xs[6]).toBeGreaterThan(4);
    expect((field.z as number[][])[2][5]).toBeCloseTo(probability([xs[5], ys[2]]), 15);
    expect(boundary.contours).toMatchObject({ type: "constraint", operation: "=", value: 0.5 });
  });

  it("draws each class as its own marker trace", () => {
    expect(figure.data[2]).toMatchObject({ name: "class 0", x: [0, 1], y: [0, 0] });
    expect(figure.data[3]).toMatchObject({ name: "class 1", x: [3, 4], y: [3, 3] });
  });

  it("rejects labels other than 0 and 1 and rows that are not 2-D", () => {
    expect(() => decisionBoundaryPlot(X, [0, 1, 2, 1], probability, { title: "B", xTitle: "a", yTitle: "b" })).toThrow(/y\[2\]: labels must be 0 or 1/);
    expect(() => decisionBoundaryPlot([[1, 2, 3]], [0], probability, { title: "B", xTitle: "a", yTitle: "b" })).toThrow(/X\[0\]: each row must hold 2 features/);
  });
});

describe("barPlot", () => {
  it("makes grouped bars, one trace per series", () => {
    const figure = barPlot(
      { categories: ["MSE", "MAE"], series: [{ name: "train", values: [1, 2] }, { name: "test", values: [1.5, 2.5] }] },
      { title: "Bars", xTitle: "loss", yTitle: "error" },
    );
    expectWellFormed(figure, "Bars", "loss", "error");
    expect(figure.layout.barmode).toBe("group");
    expect(figure.data[1]).toMatchObject({ type: "bar", name: "test", x: ["MSE", "MAE"], y: [1.5, 2.5] });
    expect(() => barPlot({ categories: ["a"], series: [{ name: "s", values: [1, 2] }] }, { title: "B", xTitle: "a", yTitle: "b" })).toThrow(/bars\.series\[0\]\.values: has length 2/);
  });

  it("labels a log axis with powers of ten", () => {
    const figure = barPlot({ categories: ["a", "b"], series: [{ name: "s", values: [1e-4, 1] }] }, { title: "B", xTitle: "a", yTitle: "b", logY: true });
    expect(figure.layout.yaxis).toMatchObject({ type: "log", exponentformat: "power" });
  });
});
