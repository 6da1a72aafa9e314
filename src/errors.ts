/**
 * The one error class of lossbook. Every check of a caller's input throws it,
 * naming the argument (and, where there is one, the first bad index) so that a
 * learner sees what to fix instead of a silent NaN.
 */
export class LossbookError extends Error {
  /** The argument that is wrong, e.g. `"yPred"` or `"options.delta"`. */
  readonly argument: string;
  /** The first offending index, when the problem is one element of an array. */
  readonly index?: number;

  constructor(argument: string, problem: string, index?: number) {
    const where = index === undefined ? argument : `${argument}[${index}]`;
    super(`${where}: ${problem}`);
    this.name = "LossbookError";
    this.argument = argument;
    this.index = index;
  }
}
