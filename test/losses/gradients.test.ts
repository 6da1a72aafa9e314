import { describe, expect, it } from "vitest";
import { checkGradient } from "../../src/calculus";
import { losses, type LossInfo } from "../../src/losses";
import { flattenRows, OPTION_SETS, randomInput, randomWeights, toRows } from "./inputs";

type Case = [string, LossInfo, Record<string, unknown>, "indices" | "rows"];

function cases(): Case[] {
  const out: Case[] = [];
  for (const info of losses) {
    const kinds: ("indices" | "rows")[] = info.id === "softmaxCrossEntropy" ? ["indices", "rows"] : ["indices"];
    for (const kind of kinds) {
      for (const extra of OPTION_SETS[info.id]) {
        for (const reduction of ["mean", "sum", "none"]) {
          for (const weighted of [false, true]) {
            const options: Record<string, unknown> = { ...extra, reduction };
            if (weighted) options.weights = randomWeights(7, 8);
            const label = `${info.id} ${kind === "rows" ? "probability rows " : ""}${JSON.stringify(options)}`;
            out.push([label, info, options, kind]);
          }
        }
      }
    }
  }
  return out;
}

/** The scalar whose gradient grad() returns: the reduced loss, or Σ of the "none" losses. */
function scalar(value: number | Float64Array): number {
  return typeof value === "number" ? value : value.reduce((a, b) => a + b, 0);
}

describe("every gradient agrees with central finite differences", () => {
  it.each(cases())("%s", (_label, info, options, kind) => {
    for (const seed of [1, 2, 3]) {
      const { yTrue, yPred } = randomInput(info, seed * 101 + 5, 8, kind);
      let check;
      if (info.input === "matrix") {
        const width = (yPred as number[][])[0].length;
        check = checkGradient(
          (x) => scalar(info.value(yTrue, toRows(x, width), options)),
          (x) => flattenRows(info.grad(yTrue, toRows(x, width), options)),
          flattenRows(yPred as number[][]),
          { absoluteTolerance: 0 },
        );
      } else {
        check = checkGradient(
          (x) => scalar(info.value(yTrue, x, options)),
          (x) => info.grad(yTrue, x, options),
          yPred as number[],
          { absoluteTolerance: 0 },
        );
      }
      expect(check.ok, `seed ${seed}: max abs error ${check.maxAbsoluteError}, max rel ${check.maxRelativeError}`).toBe(true);
      expect(check.maxAbsoluteError).toBeLessThan(1e-7);
    }
  });
});
