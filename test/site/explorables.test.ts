/**
 * The explorables without a browser: each one's figure at its initial state,
 * computed by its own module from the props the build embeds, equals the
 * figure the notebook committed (so the static fallback and the first
 * interactive frame agree); the build fails, naming notebook and cell id,
 * when an attached cell is gone; warm-started refits track cold fits.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import * as library from "../../src/index";
import { ATTACHMENTS, committedFigure, committedText, findAttachedCell, galleryExplorableProps, prepareExplorables, type Attachment } from "../../scripts/site/explorables";
import { readNotebook } from "../../scripts/site/notebook";
import { SiteBuildError } from "../../scripts/site/errors";
import { lossAndGradientFigure } from "../../scripts/site/gallery";
import { anscombeFigure, refit, unscale, type AnscombeData } from "../../scripts/site/client/explorables/anscombe";
import { pathFigure, runsFor, type GradientDescentProps } from "../../scripts/site/client/explorables/gradient-descent";
import { huberDeltaFigure, type HuberDeltaProps } from "../../scripts/site/client/explorables/huber-delta";
import { quantileFigure, refitQuantile, type QuantileData, type QuantileLine } from "../../scripts/site/client/explorables/quantile";
import { focalFigure, type FocalProps } from "../../scripts/site/client/explorables/focal";
import { atMargin, type MarginProps } from "../../scripts/site/client/explorables/margin";
import { softmaxState, type SoftmaxProps } from "../../scripts/site/client/explorables/softmax";
import { galleryLossFigure } from "../../scripts/site/client/explorables/gallery-loss";
import type { Figure } from "../../scripts/site/client/explorables/plots";

const notebookOf = (attachment: Attachment) => readNotebook(join(__dirname, "../../notebooks", `${attachment.notebook}.ipynb`), `notebooks/${attachment.notebook}.ipynb`);
const attachment = (explorable: string, cellId?: string) => ATTACHMENTS.find((entry) => entry.explorable === explorable && (cellId === undefined || entry.cellId === cellId))!;

/** Every trace's name, mode and points, for comparing figures (the committed outputs keep 6 significant digits, as show() writes them). */
function expectSameTraces(actual: { data: Array<Record<string, unknown>> }, expected: { data: Array<Record<string, unknown>> }, label: string): void {
  expect(actual.data.map((trace) => trace.name), label).toEqual(expected.data.map((trace) => trace.name));
  expected.data.forEach((trace, k) => {
    const other = actual.data[k];
    expect(other.mode, `${label}, trace ${trace.name}`).toEqual(trace.mode);
    for (const axis of ["x", "y"] as const) {
      const want = trace[axis] as Array<number | null>;
      const got = other[axis] as Array<number | null>;
      expect(got.length, `${label}, ${trace.name}.${axis}`).toBe(want.length);
      want.forEach((value, i) => {
        if (value === null) expect(got[i]).toBeNull();
        else expect(Math.abs((got[i] as number) - value), `${label}, ${trace.name}.${axis}[${i}]: ${got[i]} vs ${value}`).toBeLessThanOrEqual(5e-6 * Math.abs(value) + 1e-12);
      });
    }
  });
  expect((actual as Figure).layout?.title).toEqual((expected as Figure).layout?.title);
}

describe("the initial state of each explorable is the committed static figure", () => {
  it("02 gradient descent: the three runs and their path figure", () => {
    const entry = attachment("gradient-descent");
    const props = entry.props(library) as GradientDescentProps;
    const { rates, runs } = runsFor(props, props.learningRates[props.controlled], props.start);
    expectSameTraces(pathFigure(props, rates, runs), committedFigure(notebookOf(entry), entry), "02");
  });

  it("05 Huber δ: loss and derivative, the δ = 1 curve recomputed", () => {
    for (const cellId of ["cell-22", "cell-24"]) {
      const entry = attachment("huber-delta", cellId);
      const props = entry.props(library) as HuberDeltaProps;
      const committed = committedFigure(notebookOf(entry), entry) as Figure;
      expectSameTraces(huberDeltaFigure(committed, props, props.delta), committed, cellId);
      // Another δ changes exactly that curve.
      const moved = huberDeltaFigure(committed, props, 2.5);
      expect(moved.data.map((trace) => trace.name)).toContain("Huber δ = 2.5");
    }
  });

  it("05 Anscombe III: the MSE, MAE and Huber fits and the clean line", () => {
    const entry = attachment("anscombe");
    const data = entry.props(library) as AnscombeData;
    expectSameTraces(anscombeFigure(data, data.y, data.refits.map((loss) => loss.fit)), committedFigure(notebookOf(entry), entry), "05 Anscombe");
    // The embedded fits are the notebook's calls: a cold refit from the props gives them again.
    data.refits.forEach((loss) => expect(refit(data, loss, data.y)).toEqual(loss.fit));
  });

  it("07 quantile regression: the three lines", () => {
    const entry = attachment("quantile");
    const data = entry.props(library) as QuantileData;
    expectSameTraces(quantileFigure(data, data.lines), committedFigure(notebookOf(entry), entry), "07 quantile");
    expect(refitQuantile(data, 0.5)).toEqual(data.lines[1]);
  });

  it("07 focal: the classification losses at γ = 2, α = 0.25; the margin figure's curves at every m", () => {
    const focal = attachment("focal");
    expectSameTraces(focalFigure(focal.props(library) as FocalProps, { gamma: 2, alpha: 0.25 }), committedFigure(notebookOf(focal), focal), "07 focal");
    const margin = attachment("margin");
    const props = margin.props(library) as MarginProps;
    const committed = committedFigure(notebookOf(margin), margin);
    // The readout's gradient at m is the committed curve's value at m (m on the grid of 301 points over [−3, 3]).
    for (const m of [-2, 0, 1, 2.5]) {
      const index = Math.round(((m + 3) / 6) * 300);
      atMargin(props, m).forEach((entry, k) => expect(entry.gradient).toBeCloseTo((committed.data[k].y as number[])[index], 6));
    }
  });

  it("04 softmax: the numbers the committed cell printed", () => {
    const entry = attachment("softmax");
    const props = entry.props(library) as SoftmaxProps;
    const state = softmaxState(props.logits, props.trueClass, props.labelSmoothing);
    const printed = committedText(notebookOf(entry), entry);
    const line = (label: string) => printed.split("\n").find((row) => row.startsWith(label))!;
    expect(line("softmax(z) ")).toContain(state.probabilities.map((p) => p.toFixed(4)).join(", "));
    expect(line("softmaxCrossEntropy")).toContain(state.loss.toFixed(4));
    expect(line("softmax(z) − onehot")).toContain(state.gradient.map((g) => g.toFixed(4)).join(", "));
  });

  it("gallery: each adjustable card at the registry defaults is the build's figure", () => {
    const adjustable = library.losses.filter((loss) => galleryExplorableProps(loss) !== undefined);
    expect(adjustable.map((loss) => loss.id).sort()).toEqual(["binaryCrossEntropyWithLogits", "focal", "huber", "quantile", "smoothL1", "softmaxCrossEntropy"]);
    for (const loss of adjustable) {
      expectSameTraces(galleryLossFigure(loss.id, { ...loss.defaults }), lossAndGradientFigure(loss, library.lossFunctionPlot), loss.id);
    }
  });
});

describe("warm-started refits", () => {
  it("Anscombe: dragging the outlier down step by step, the warm lines stay on the cold fits (MAE within its own settling error)", () => {
    const data = anscombeData();
    let lines = data.refits.map((loss) => loss.fit);
    let worst = [0, 0, 0];
    for (let step = 1; step <= 40; step++) {
      const y = data.y.slice();
      y[data.outlier] = data.y[data.outlier] - step * 0.15;
      lines = data.refits.map((loss, k) => refit(data, loss, y, lines[k]));
      data.refits.forEach((loss, k) => {
        const cold = unscale(refit(data, loss, y), data.mean, data.std);
        const warm = unscale(lines[k], data.mean, data.std);
        worst[k] = Math.max(worst[k], Math.abs(warm.slope - cold.slope));
      });
    }
    expect(worst[0]).toBeLessThan(1e-8); // MSE
    expect(worst[1]).toBeLessThan(2e-3); // MAE: the cold fit itself is 3e-4 from the exact minimiser
    expect(worst[2]).toBeLessThan(1e-6); // Huber
    // With the outlier at 6.74, on the far side of the ten points, MSE has moved most.
    const final = data.refits.map((_, k) => unscale(lines[k], data.mean, data.std).slope);
    expect(final[0]).toBeLessThan(0.345);
  });

  it("quantile: changes of τ refit warm to within 0.03 (units of y, which spans 0 to 15) of the exact minimiser, as the notebook's cold fit is", () => {
    const data = attachment("quantile").props(library) as QuantileData;
    const at = (l: QuantileLine, x: number) => l.weight * ((x - data.mean) / data.std) + l.bias;
    const gap = (a: QuantileLine, b: QuantileLine) => Math.max(...[0, 5, 10].map((x) => Math.abs(at(a, x) - at(b, x))));
    // Steps of the slider up to 0.9, then a jump to 0.3; and Home / End jumps from one end to the other.
    const paths = [[0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.3], [0.05, 0.95], [0.95, 0.05]];
    for (const path of paths) {
      let line = data.lines[1];
      for (const tau of path) line = refitQuantile(data, tau, line);
      const tau = path[path.length - 1];
      const exact = exactQuantileLine(data.xTrainScaled, data.yTrain, tau);
      const cold = refitQuantile(data, tau);
      expect(gap(cold, exact), `cold fit at τ = ${tau}`).toBeLessThan(0.03);
      expect(gap(line, exact), `warm fit at τ = ${tau} after ${path.join(" → ")}`).toBeLessThan(0.03);
      expect(gap(line, cold), `warm against cold at τ = ${tau}`).toBeLessThan(0.03);
    }
  });
});

/**
 * The exact τ-quantile regression line of y on one feature, by brute force: the
 * pinball loss is convex and piecewise linear in (w, b), so a minimiser lies on
 * a vertex, a line through two data points; it tries all of them (O(n³)).
 */
function exactQuantileLine(x: ArrayLike<number>, y: ArrayLike<number>, tau: number): QuantileLine {
  const n = x.length;
  const loss = (w: number, b: number) => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const a = w * x[i] + b - y[i];
      total += a > 0 ? (1 - tau) * a : -tau * a;
    }
    return total;
  };
  let best = { tau, weight: 0, bias: 0, loss: Number.POSITIVE_INFINITY };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (x[i] === x[j]) continue;
      const weight = (y[j] - y[i]) / (x[j] - x[i]);
      const bias = y[i] - weight * x[i];
      const value = loss(weight, bias);
      if (value < best.loss) best = { tau, weight, bias, loss: value };
    }
  }
  return { tau, weight: best.weight, bias: best.bias };
}

function anscombeData(): AnscombeData {
  return attachment("anscombe").props(library) as AnscombeData;
}

describe("the table of attachments", () => {
  it("names cells that exist, with the output each explorable takes over", () => {
    for (const entry of ATTACHMENTS) expect(() => findAttachedCell(notebookOf(entry), entry), `${entry.notebook} ${entry.cellId}`).not.toThrow();
  });

  it("fails the build naming the notebook and the cell id when the cell is gone", async () => {
    const entry = attachment("anscombe");
    const notebook = notebookOf(entry);
    notebook.content.cells = notebook.content.cells.filter((cell) => cell.id !== entry.cellId);
    const error = await prepareExplorables([notebook], () => {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SiteBuildError);
    expect((error as Error).message).toContain("notebooks/05-huber.ipynb");
    expect((error as Error).message).toContain('"cell-37"');
    expect((error as Error).message).toContain("no longer exists");
  });
});
