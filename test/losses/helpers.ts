import { expect } from "vitest";

/** Relative tolerance of every fixture comparison (float64 against PyTorch float64). */
export const RELATIVE = 1e-10;
/**
 * Absolute floor for values that are (nearly) 0, where a relative test is
 * meaningless: e.g. PyTorch computes BCE-with-logits at z = −30, y = 0 as
 * −30 + 30 + log(1 + e^−30) and keeps only ~2 digits of the 9.4e−14 result.
 */
export const ABSOLUTE = 1e-15;

type Numeric = number | ArrayLike<number> | ArrayLike<ArrayLike<number>>;

function flatten(value: Numeric): number[] {
  if (typeof value === "number") return [value];
  const out: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (typeof item === "number") out.push(item);
    else out.push(...Array.from(item as ArrayLike<number>));
  }
  return out;
}

/** Index and size of the worst element-wise mismatch beyond rel·|want| + abs, or undefined. */
export function mismatch(got: Numeric, want: Numeric, relative = RELATIVE, absolute = ABSOLUTE) {
  const g = flatten(got);
  const w = flatten(want);
  if (g.length !== w.length) return { index: -1, got: g.length, want: w.length, error: Infinity };
  let worst: { index: number; got: number; want: number; error: number } | undefined;
  for (let i = 0; i < w.length; i++) {
    const error = Math.abs(g[i] - w[i]);
    const allowed = relative * Math.abs(w[i]) + absolute;
    if (!(error <= allowed) && (worst === undefined || error / allowed > worst.error)) {
      worst = { index: i, got: g[i], want: w[i], error: error / allowed };
    }
  }
  return worst;
}

/** Asserts `got` matches `want` element-wise to rel·|want| + abs. */
export function expectClose(got: Numeric, want: Numeric, label: string, relative = RELATIVE, absolute = ABSOLUTE): void {
  const bad = mismatch(got, want, relative, absolute);
  expect(bad, `${label}: ${JSON.stringify(bad)}`).toBeUndefined();
}

