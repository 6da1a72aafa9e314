import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getLoss, losses, peerTable } from "../../src/losses";
import { expectClose, RELATIVE } from "./helpers";

/** A case of test/fixtures/peers.json (scripts/peers/make-peer-fixtures.py). */
interface PeerCase {
  loss: string;
  peer: string;
  call: string;
  name: string;
  yTrue: number[] | number[][];
  yPred: number[] | number[][];
  options: Record<string, unknown>;
  value: number | number[];
  grad: number[] | number[][] | null;
  relation?: { scale?: number; named?: string };
  peerInput?: { yTrue: number[] };
}

const fixture = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "peers.json"), "utf8")) as { versions: Record<string, string>; cases: PeerCase[] };

type Numbers = number | number[] | number[][];
const map = (x: Numbers, f: (v: number, i: number, j: number) => number): Numbers =>
  (typeof x === "number" ? f(x, 0, 0) : (x as (number | number[])[]).map((v, i) => (typeof v === "number" ? f(v, i, 0) : v.map((u, j) => f(u, i, j))))) as Numbers;
const reduce = (perSample: number[], reduction: unknown): number | number[] =>
  reduction === "none" ? perSample : perSample.reduce((a, b) => a + b, 0) / (reduction === "sum" ? 1 : perSample.length);

const KERAS_EPSILON = 1e-7;
/**
 * Keras 3 computes `ops.mean` in result_type(dtype, "float32"), which its type
 * lattice makes float32 even for float64 inputs, so every Keras loss is rounded
 * to float32 (2^−24 ≈ 6e−8 relative) along the way: compared at 1e−6, and its
 * per-sample values are proved to be lossbook's rounded to float32.
 */
const KERAS_RELATIVE = 1e-6;

/** lossbook's value and gradient turned into the peer's, by the case's relation (the registry's statement). */
function expected(c: PeerCase): { value: Numbers; grad: Numbers } {
  const info = getLoss(c.loss);
  const { value, grad } = info.valueAndGrad(c.yTrue, c.yPred, c.options) as { value: number | Float64Array; grad: Float64Array | Float64Array[] };
  let v: Numbers = typeof value === "number" ? value : Array.from(value);
  let g = Array.from(grad as ArrayLike<number | ArrayLike<number>>, (row) => (typeof row === "number" ? row : Array.from(row))) as Numbers;
  const scale = c.relation?.scale ?? 1;
  v = map(v, (x) => scale * x);
  g = map(g, (x) => scale * x);
  const reduction = c.options.reduction;
  const n = c.yPred.length;
  const per = reduction === "mean" ? 1 / n : 1;
  switch (c.relation?.named) {
    case undefined:
      break;
    case "kerasPoissonEpsilon": {
      // Keras Poisson on rates μ = e^z: μ − y·log(μ + ε), ε = 1e−7, instead of e^z − y·z.
      const y = c.yTrue as number[];
      const z = c.yPred as number[];
      const offset = reduce(y.map((yi, i) => yi * (z[i] - Math.log(Math.exp(z[i]) + KERAS_EPSILON))), reduction);
      v = typeof v === "number" ? v + (offset as number) : (v as number[]).map((x, i) => x + (offset as number[])[i]);
      g = (g as number[]).map((x, i) => x + per * y[i] * (KERAS_EPSILON / (Math.exp(z[i]) + KERAS_EPSILON)));
      break;
    }
    case "poissonDeviance": {
      // sklearn: 2·mean(y·log(y/μ) − y + μ) = 2·(lossbook mean − mean(y − y·log y)), 0·log 0 = 0.
      const y = c.yTrue as number[];
      v = 2 * ((v as number) - y.reduce((a, yi) => a + yi - (yi > 0 ? yi * Math.log(yi) : 0), 0) / n);
      break;
    }
    case "kerasClipsTargets": {
      // Keras clips p to [1e−7, 1]: a 0 in p adds ε·log(ε/q) to its row instead of 0, and −ε/q to the gradient.
      const p = c.yTrue as number[][];
      const q = c.yPred as number[][];
      const rowOffsets = p.map((row, i) => row.reduce((a, pj, j) => a + (pj === 0 ? KERAS_EPSILON * Math.log(KERAS_EPSILON / q[i][j]) : 0), 0));
      const offset = reduce(rowOffsets, reduction);
      v = typeof v === "number" ? v + (offset as number) : (v as number[]).map((x, i) => x + (offset as number[])[i]);
      g = (g as number[][]).map((row, i) => row.map((x, j) => x + (p[i][j] === 0 ? (-per * KERAS_EPSILON) / q[i][j] : 0)));
      break;
    }
    case "kerasClipsProbabilities": {
      // Keras clips p to [1e−7, 1 − 1e−7] (its gradient is 0 where it clipped); lossbook clamps log p at −100.
      const p = (c.yPred as number[]).map((x) => Math.min(Math.max(x, KERAS_EPSILON), 1 - KERAS_EPSILON));
      const clipped = info.valueAndGrad(c.yTrue, p, c.options) as { value: number | Float64Array; grad: Float64Array };
      v = typeof clipped.value === "number" ? clipped.value : Array.from(clipped.value);
      g = Array.from(clipped.grad, (x, i) => (p[i] === (c.yPred as number[])[i] ? x : 0));
      break;
    }
    default:
      throw new Error(`unknown relation ${c.relation?.named}`);
  }
  return { value: v, grad: g };
}

describe(`peer fixtures: ${Object.values(fixture.versions).join(", ")} (1e-10 relative)`, () => {
  it("cover every registered loss, each with at least two peers (one framework has pinball and squared hinge)", () => {
    for (const info of losses) {
      const peers = new Set(fixture.cases.filter((c) => c.loss === info.id).map((c) => c.peer));
      expect(peers.size, info.id).toBeGreaterThanOrEqual(["quantile", "squaredHinge"].includes(info.id) ? 1 : 2);
    }
  });

  it("peerTable lists every registry peer once, with its difference where there is one", () => {
    const rows = peerTable();
    expect(rows.length).toBe(losses.reduce((total, info) => total + info.peers.length, 0));
    const kl = rows.filter((row) => row.loss === "klDivergence" && row.library === "PyTorch");
    expect(kl.map((row) => row.peerName)).toEqual(["torch.nn.functional.kl_div"]);
    expect(kl[0].difference).toMatch(/batchmean/);
    expect(rows.find((row) => row.peerName === "torch.nn.functional.mse_loss")?.difference).toBe("");
    expect(peerTable([getLoss("focal")]).map((row) => row.library)).toEqual(["PyTorch", "Keras", "optax"]);
    expect(() => peerTable("focal" as never)).toThrow(/entries: must be an array/);
  });

  it("have their notes in Chinese too: a conventionZh for every convention, a differenceZh for every difference and none without one", () => {
    const han = /\p{Script=Han}/u;
    for (const row of peerTable()) {
      const where = `${row.loss} ${row.peerName}`;
      expect(row.conventionZh, where).toMatch(han);
      expect(row.conventionZh, where).not.toBe(row.convention);
      expect(row.differenceZh === "", where).toBe(row.difference === "");
      if (row.difference !== "") {
        expect(row.differenceZh, where).toMatch(han);
        // The formulas and code names of a note stay as they are in its translation.
        for (const token of row.difference.match(/[A-Za-z_]+\([^()]*\)|\d+e−\d+/g) ?? []) expect(row.differenceZh, `${where}: ${token}`).toContain(token);
      }
    }
  });

  it("match the registry: each case's peer is listed for its loss, each listed peer has cases, each relation has a stated difference", () => {
    const entryOf = (c: PeerCase) => getLoss(c.loss).peers.filter((p) => p.library === c.peer && c.call.includes(p.name.split(".").pop() as string));
    for (const c of fixture.cases) {
      const entries = entryOf(c);
      expect(entries.length, `${c.loss}: ${c.call}`).toBeGreaterThan(0);
      if (c.relation !== undefined || c.peerInput !== undefined) {
        // Keras's weighted mean (Σwᵢlᵢ/n) is part of its stated convention; every other relation is a stated difference.
        const stated = entries.some((p) => p.difference !== undefined || (c.options.weights !== undefined && p.convention.includes("Σwᵢlᵢ/n")));
        expect(stated, `${c.loss}: ${c.call} differs, so the registry must say how`).toBe(true);
      }
    }
    for (const info of losses) {
      expect(info.peers.length, info.id).toBeGreaterThan(0);
      for (const peer of info.peers) {
        const cases = fixture.cases.filter((c) => c.loss === info.id && entryOf(c).includes(peer));
        expect(cases.length, `${info.id}: ${peer.library} ${peer.name}`).toBeGreaterThan(0);
      }
    }
  });

  it.each(fixture.cases.map((c) => [`${c.loss} vs ${c.peer} ${c.call}: ${c.name}`, c] as const))("%s", (_label, c) => {
    const want = expected(c);
    const relative = c.peer === "Keras" ? KERAS_RELATIVE : RELATIVE;
    expectClose(want.value, c.value, "value", relative);
    if (c.grad !== null) expectClose(want.grad, c.grad, "grad", relative, c.peer === "Keras" ? 1e-12 : undefined);
  });

  it("Keras's per-sample losses are lossbook's rounded to float32 (its float32 mean), exactly", () => {
    const perSample = fixture.cases.filter((c) => c.peer === "Keras" && c.options.reduction === "none" && c.relation === undefined);
    expect(perSample.length).toBeGreaterThan(15);
    let exact = 0;
    let total = 0;
    for (const c of perSample) {
      const want = expected(c).value as number[];
      for (const [i, got] of (c.value as number[]).entries()) {
        total++;
        if (got === Math.fround(want[i])) exact++;
        // Within one float32 rounding of lossbook's float64 value in any case.
        expect(Math.abs(got - want[i]), `${c.loss} ${c.name} [${i}]`).toBeLessThanOrEqual(2 ** -23 * Math.abs(want[i]) + 1e-300);
      }
    }
    // Most are the nearest float32 exactly; the rest differ by Keras computing in float32 before its mean.
    expect(exact / total).toBeGreaterThan(0.5);
  });
});
