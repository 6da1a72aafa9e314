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

  /**
   * How Node (and so the tslab kernel, which prints a failed cell's error with
   * console.error) shows the error: its message and the learner's own line,
   * without the frames inside lossbook and Node (15 lines of internals that
   * say nothing to a learner). `error.stack` keeps them all for debugging.
   */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return learnerView(this);
  }
}

/** Stack frames that are not the learner's code: lossbook itself, Node's internals, tslab and vm plumbing. */
const INTERNAL_FRAME = /[\\/](dist|src|node_modules)[\\/]|\(node:|at node:|^\s*at (Script\.runInThisContext|Object\.runInThisContext|new Promise)/;

/** `Name: message`, then the first stack frame outside lossbook (the cell that called it), if any. */
export function learnerView(error: Error): string {
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  const own = frames.find((line) => !INTERNAL_FRAME.test(line));
  return own === undefined ? `${error.name}: ${error.message}` : `${error.name}: ${error.message}\n${own}`;
}
