/**
 * What the browser keeps of a reader's work, per chapter, in localStorage:
 * the code of every cell they edited and which checks passed. The index page
 * reads the same record to show progress per chapter.
 */
import type { nbformat } from "../../notebook";

export interface ChapterProgress {
  /** Cell number → the reader's code. */
  cells: Record<number, string>;
  /** Check cell number → whether its last run printed ✓. */
  checks: Record<number, boolean>;
  /** How many check cells the chapter has (written by the chapter page). */
  checkCount: number;
}

export const STORAGE_PREFIX = "lossbook-workbook:v1:";

export function loadProgress(slug: string): ChapterProgress {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_PREFIX + slug) ?? "null") as Partial<ChapterProgress> | null;
    return { cells: stored?.cells ?? {}, checks: stored?.checks ?? {}, checkCount: stored?.checkCount ?? 0 };
  } catch {
    return { cells: {}, checks: {}, checkCount: 0 };
  }
}

export function saveProgress(slug: string, progress: ChapterProgress): void {
  try {
    localStorage.setItem(STORAGE_PREFIX + slug, JSON.stringify(progress));
  } catch {
    // Storage full or disabled (private mode): the work stays on the page until it is closed.
  }
}

export function clearProgress(slug: string): void {
  try {
    localStorage.removeItem(STORAGE_PREFIX + slug);
  } catch {
    // nothing stored
  }
}

/** Whether a check cell's output says ✓ (true), ✗ (false), or neither (undefined): the checkers print one of them. */
export function checkOutcome(outputs: nbformat.IOutput[]): boolean | undefined {
  const text = outputs
    .filter((output) => output.output_type === "stream")
    .map((output) => {
      const stream = output as nbformat.IStream;
      return Array.isArray(stream.text) ? stream.text.join("") : stream.text;
    })
    .join("");
  if (/^✗ check\./m.test(text)) return false;
  if (/^✓ check\./m.test(text)) return true;
  return undefined;
}
