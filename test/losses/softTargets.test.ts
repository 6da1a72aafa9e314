import { describe, expect, it } from "vitest";
import {
  binaryCrossEntropy,
  binaryCrossEntropyGrad,
  binaryCrossEntropyWithLogits,
  binaryCrossEntropyWithLogitsGrad,
  binaryCrossEntropyWithLogitsValueAndGrad,
  focal,
  focalValueAndGrad,
} from "../../src/losses";
import { expectClose } from "./helpers";

// Soft targets y ∈ [0, 1] (label smoothing, distillation, mixup) as PyTorch
// takes them; the peer fixtures (test/fixtures/peers.json) check the numbers
// against PyTorch, Keras and torchvision, these tests the properties that
// follow from the formulas.

const targets = [0, 0.28, 0.5, 0.9, 1];
const logits = [-3.1, -0.4, 0.25, 1.7, 6];
const probabilities = [0.04, 0.3, 0.5, 0.81, 0.999];

describe("soft targets", () => {
  it("binary cross-entropy is linear in the target: l(y) = (1 − y)·l(0) + y·l(1)", () => {
    for (const y of targets) {
      for (const [i, p] of probabilities.entries()) {
        const mixed = (1 - y) * binaryCrossEntropy([0], [p]) + y * binaryCrossEntropy([1], [p]);
        expectClose(binaryCrossEntropy([y], [p]), mixed, `p=${p}, y=${y} (${i})`, 1e-14);
      }
      for (const z of logits) {
        for (const posWeight of [1, 3]) {
          const options = { posWeight };
          const mixed = (1 - y) * binaryCrossEntropyWithLogits([0], [z], options) + y * binaryCrossEntropyWithLogits([1], [z], options);
          expectClose(binaryCrossEntropyWithLogits([y], [z], options), mixed, `z=${z}, y=${y}, posWeight ${posWeight}`, 1e-14);
        }
      }
    }
  });

  it("the loss is smallest where the prediction equals the target: the gradient vanishes at p = y and at z = logit(y)", () => {
    for (const y of [0.1, 0.28, 0.5, 0.9]) {
      expect(Math.abs(binaryCrossEntropyGrad([y], [y])[0])).toBeLessThan(1e-12);
      const z = Math.log(y / (1 - y));
      expect(Math.abs(binaryCrossEntropyWithLogitsGrad([y], [z])[0])).toBeLessThan(1e-15);
      // …and the minimum is the entropy of the target.
      const entropy = -(y * Math.log(y) + (1 - y) * Math.log(1 - y));
      expectClose(binaryCrossEntropyWithLogits([y], [z]), entropy, `entropy at y=${y}`, 1e-14);
      expectClose(binaryCrossEntropy([y], [y]), entropy, `entropy at y=${y}`, 1e-14);
    }
  });

  it("the logits gradient is σ(z) − y, and (1 − y)σ(z) − c·y·σ(−z) with posWeight c", () => {
    for (const y of targets) {
      for (const z of logits) {
        const sigmoid = 1 / (1 + Math.exp(-z));
        expectClose(binaryCrossEntropyWithLogitsGrad([y], [z]), [sigmoid - y], `z=${z}, y=${y}`, 1e-13, 1e-16);
        const { grad } = binaryCrossEntropyWithLogitsValueAndGrad([y], [z], { posWeight: 2.5 });
        expectClose(grad, [(1 - y) * sigmoid - 2.5 * y * (1 - sigmoid)], `posWeight, z=${z}, y=${y}`, 1e-13, 1e-16);
      }
    }
  });

  it("focal with γ = 0 and α switched off is binary cross-entropy, soft targets included", () => {
    const y = [0.28, 0.5, 0.9, 0, 1];
    const options = { gamma: 0, alpha: -1, reduction: "none" } as const;
    expectClose(focal(y, logits, options), binaryCrossEntropyWithLogits(y, logits, { reduction: "none" }), "value", 1e-14);
    expectClose(focalValueAndGrad(y, logits, options).grad, binaryCrossEntropyWithLogitsGrad(y, logits, { reduction: "none" }), "grad", 1e-13, 1e-16);
  });

  it("extremes stay finite and exact: logits ±1e4 and probabilities 0 and 1 with soft targets", () => {
    const y = [0.3, 0.3, 0.7, 0.7];
    // (1 − y)·z and y·|z| exactly as PyTorch's (1 − y)·z − log σ(z) rounds them (1 − 0.7 = 0.30000000000000004).
    expect(Array.from(binaryCrossEntropyWithLogits(y, [1e4, -1e4, 1e4, -1e4], { reduction: "none" }))).toEqual([(1 - 0.3) * 1e4, 0.3 * 1e4, (1 - 0.7) * 1e4, 0.7 * 1e4]);
    expect(Array.from(binaryCrossEntropyWithLogitsGrad(y, [1e4, -1e4, 1e4, -1e4], { reduction: "none" }))).toEqual([1 - 0.3, -0.3, 1 - 0.7, -0.7]);
    // p = 0 and 1 clamp each log at −100, as PyTorch.
    expectClose(binaryCrossEntropy(y, [0, 1, 0, 1], { reduction: "none" }), [30, 70, 70, 30], "BCE at p = 0, 1");
    const { value, grad } = focalValueAndGrad(y, [1e4, -1e4, 1e4, -1e4], { reduction: "none" });
    expect(Array.from(value).every(Number.isFinite) && Array.from(grad).every(Number.isFinite)).toBe(true);
  });
});
