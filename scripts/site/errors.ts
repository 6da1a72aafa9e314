/**
 * The one error the site build throws for a problem in its input: it names the
 * notebook and the cell, so the author can go straight to the spot.
 */
export class SiteBuildError extends Error {
  override name = "SiteBuildError";
  constructor(
    /** Path of the notebook (or other input) relative to the repository. */
    readonly file: string,
    /** 1-based cell number as Jupyter shows it (undefined for a whole-file problem). */
    readonly cell: number | undefined,
    readonly problem: string,
  ) {
    super(`${file}${cell === undefined ? "" : `, cell ${cell}`}: ${problem}`);
  }
}

/** Where in the input a piece of text comes from, for error messages. */
export interface SourceLocation {
  file: string;
  cell?: number;
}
