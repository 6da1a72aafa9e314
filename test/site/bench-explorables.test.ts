import { describe, expect, it } from "vitest";
import { slowComputeFrames, type ExplorableBenchResult } from "../../scripts/site/bench-explorables";

/** A result with the given compute frames (the first `moves` from the keyboard, the rest from the drag). */
function result(computeFrames: number[], moves: number): ExplorableBenchResult {
  const nan = Number.NaN;
  return { name: "07 quantile τ", firstDraw: nan, moves, computeMedian: nan, computeWorst: Math.max(...computeFrames), computeFrames, redrawMedian: nan, redrawWorst: nan, fullMedian: nan, fullWorst: nan, dragRedraws: computeFrames.length - moves, longTasks: 0, longestTask: 0, longestFrameGap: 0 };
}

describe("slowComputeFrames", () => {
  it("names each frame over 16 ms by its keyboard move or drag frame, in order", () => {
    expect(slowComputeFrames(result([22.5, 3, 16, 16.1, 2, 40], 4))).toBe("07 quantile τ: compute over 16 ms in 3 of 6 frames (ms): #1 22.5, #4 16.1, drag 2 40.0");
  });

  it("is undefined when every frame is within 16 ms", () => {
    expect(slowComputeFrames(result([1, 16, 2], 2))).toBeUndefined();
  });
});
