import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/data";
import { losses } from "../../src/losses";

/**
 * Some losses run the training case (no weights, no per-sample output, the
 * default options) in a loop of its own. Those loops must give the very numbers
 * of the general loop, bit for bit: the general loop is reached here with
 * weights of 1 (a factor that changes no number), which the fast paths do not take.
 */
const n = 2001;
const random = createRandom(77);
const classes = 7;
const labels = Float64Array.from({ length: n }, () => Math.floor(random.next() * classes));
const logitRows = Array.from({ length: n }, () => Float64Array.from({ length: classes }, () => 4 * random.normal()));
// Extremes inside the rows: huge logits and ties.
logitRows[3].fill(1e4);
logitRows[4][2] = -1e4;
logitRows[5][0] = 1e4;
logitRows[6].fill(-2.5); // ties everywhere
logitRows[7][6] = 50; // the maximum in the last (odd-count tail) class

function general<T>(run: (options: Record<string, unknown>) => T, rows: number): T {
  return run({ weights: new Float64Array(rows).fill(1) });
}

describe("fast paths of the training case agree bit for bit with the general loop", () => {
  it("softmaxCrossEntropy with class indices", () => {
    const info = losses.find((loss) => loss.id === "softmaxCrossEntropy")!;
    for (const reduction of ["mean", "sum"] as const) {
      const fast = info.valueAndGrad(labels, logitRows, { reduction } as never) as { value: number; grad: Float64Array[] };
      const slow = general((options) => info.valueAndGrad(labels, logitRows, { reduction, ...options } as never), n) as typeof fast;
      expect(fast.value).toBe(slow.value);
      expect(fast.grad.map((row) => Array.from(row))).toEqual(slow.grad.map((row) => Array.from(row)));
      expect(info.value(labels, logitRows, { reduction } as never)).toBe(slow.value);
      expect(Array.from(info.grad(labels, logitRows, { reduction } as never)[5] as Float64Array)).toEqual(Array.from(slow.grad[5]));
    }
  });

  it("softmaxCrossEntropy with one and two classes (the row maximum's shortest cases)", () => {
    const info = losses.find((loss) => loss.id === "softmaxCrossEntropy")!;
    for (const width of [1, 2, 3]) {
      const rows = logitRows.map((row) => row.slice(0, width));
      const targets = labels.map((y) => y % width);
      const fast = info.valueAndGrad(targets, rows) as { value: number; grad: Float64Array[] };
      const slow = general((options) => info.valueAndGrad(targets, rows, options as never), n) as typeof fast;
      expect(fast.value).toBe(slow.value);
      expect(fast.grad.map((row) => Array.from(row))).toEqual(slow.grad.map((row) => Array.from(row)));
    }
  });
});
