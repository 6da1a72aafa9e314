import { inspect } from "node:util";
import { currentLanguage, say, sayIn, type Language } from "../language";
import { isNotWrittenYetMessage } from "./notebook-exercises";

/** True when an error is the stub's "Not written yet: …" or 还没有写：… (the student version's placeholder). */
export function isNotWrittenYet(error: unknown): boolean {
  return error instanceof Error && isNotWrittenYetMessage(error.message);
}

/** The check's report for an exercise whose answer cell still holds the stub. */
export function notWrittenYetMessage(title: string): string {
  return say({
    en: `✗ ${title}: not written yet. Write your code in the exercise cell above, where it says YOUR CODE HERE, run that cell, then run this check again.`,
    zh: `✗ ${title}：还没有写。请在上面的练习单元格中 YOUR CODE HERE 处写下你的代码，运行该单元格，再运行这项检查。`,
  });
}

/** The report of a check that passed every one of its `caseCount` test inputs, e.g. "✓ check.mse: right on all 4 test inputs." */
export function passedMessage(title: string, caseCount: number, language: Language = currentLanguage()): string {
  return sayIn({ en: `✓ ${title}: right on all ${caseCount} test inputs.`, zh: `✓ ${title}：全部 ${caseCount} 个测试输入都正确。` }, language);
}

/** The English {@link passedMessage} as a line of output: the title and the number of test inputs. */
export const PASSED_MESSAGE_EN = /^✓ (check\.\w+): right on all (\d+) test inputs\.$/;

/** What a checker returns (and prints): whether the learner's function passed, and the message. */
export interface CheckResult {
  readonly passed: boolean;
  readonly message: string;
}

/**
 * A result whose console form is empty: the checker has already printed its
 * message, and a notebook cell ending in `check.x(f);` would otherwise print
 * the same text a second time as the cell's value.
 */
export function checkResult(passed: boolean, message: string): CheckResult {
  const result = { passed, message };
  Object.defineProperty(result, inspect.custom, { value: () => "", enumerable: false });
  return Object.freeze(result);
}

/** One input of a checker, with the library's answer for it. */
export interface CheckCase<Args extends unknown[]> {
  args: Args;
  /** The right answer, computed by the library (the one source of truth). */
  expected: number | number[];
  /** What this case probes, e.g. "a large negative z (overflow)". */
  about?: string;
  /** A hint specific to this case, used when no mistake is diagnosed. */
  hint?: string;
}

/** A checker: the cases, how to name the inputs, and what to say when an answer is wrong. */
export interface CheckerSpec<Args extends unknown[]> {
  /** The name after `check.`, e.g. `"sigmoid"`. */
  name: string;
  /** Names of the learner function's parameters, to print the input, e.g. `["yTrue", "yPred"]`. */
  parameters: string[];
  /** The expected shape of the answer. */
  returns: "number" | "array";
  cases: () => CheckCase<Args>[];
  /** The conceptual hint when nothing more specific applies. */
  hint: string;
  /**
   * Recognises a typical mistake from the answer, e.g. a flipped sign, and
   * returns a hint about it (or undefined).
   */
  diagnose?: (got: number | number[], expected: number | number[], args: Args) => string | undefined;
  /** Accepted error: |got − expected| ≤ absolute + relative·|expected| (defaults 1e-9 and 1e-6). */
  absolute?: number;
  relative?: number;
}

/** A number for messages: exact enough to see a difference, without float noise. */
export function formatNumber(value: unknown): string {
  if (typeof value !== "number") return describeValue(value);
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(10)));
}

/** A value for messages: numbers, arrays of them (long ones shortened), or a description. */
export function describeValue(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    const shown = items.slice(0, 8).map(describeValue);
    if (items.length > 8) shown.push(say({ en: `… (${items.length} values)`, zh: `…（共 ${items.length} 个值）` }));
    return `[${shown.join(", ")}]`;
  }
  if (value === undefined) return say({ en: "undefined (did you forget to return?)", zh: "undefined（是不是忘了 return？）" });
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return say({ en: "a function", zh: "一个函数" });
  if (value instanceof Promise) return say({ en: "a Promise (make your function synchronous)", zh: "一个 Promise（请把函数写成同步的）" });
  if (typeof value === "object") return inspect(value, { depth: 2, breakLength: Infinity });
  return String(value);
}

/** The input as `name = value` pairs. */
function describeInput(parameters: string[], args: unknown[]): string {
  return args.map((arg, i) => `${parameters[i] ?? say({ en: `argument ${i + 1}`, zh: `第 ${i + 1} 个参数` })} = ${describeValue(arg)}`).join(", ");
}

/** True when got is within the tolerance of expected (NaN never is). */
export function close(got: number, expected: number, absolute = 1e-9, relative = 1e-6): boolean {
  if (typeof got !== "number" || Number.isNaN(got)) return false;
  if (!Number.isFinite(expected)) return got === expected;
  return Math.abs(got - expected) <= absolute + relative * Math.abs(expected);
}

/** Element-wise {@link close} for arrays of equal length. */
export function allClose(got: ArrayLike<number>, expected: ArrayLike<number>, absolute = 1e-9, relative = 1e-6): boolean {
  if (got.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (!close(got[i], expected[i], absolute, relative)) return false;
  return true;
}

/** Copies arrays (deeply) so that a learner's function cannot change the checker's data. */
function copyArgs<Args extends unknown[]>(args: Args): Args {
  return args.map((arg) => (Array.isArray(arg) ? structuredClone(arg) : arg)) as Args;
}

/**
 * Why `got` is not an answer of the right shape, or undefined if it is:
 * a number for "number", an array (or typed array) of numbers of the
 * expected length for "array".
 */
function shapeProblem(got: unknown, expected: number | number[], returns: "number" | "array"): string | undefined {
  if (returns === "number") {
    if (typeof got !== "number") return say({ en: `it should return a number, but returned ${describeValue(got)}`, zh: `你的函数应当返回一个数，却返回了 ${describeValue(got)}` });
    return undefined;
  }
  if (!Array.isArray(got) && !ArrayBuffer.isView(got)) return say({ en: `it should return an array of numbers, but returned ${describeValue(got)}`, zh: `你的函数应当返回一个数组（元素都是数），却返回了 ${describeValue(got)}` });
  const items = got as ArrayLike<unknown>;
  const length = (expected as number[]).length;
  if (items.length !== length) return say({ en: `it should return ${length} numbers, but returned ${items.length}: ${describeValue(got)}`, zh: `你的函数应当返回 ${length} 个数，却返回了 ${items.length} 个：${describeValue(got)}` });
  for (let i = 0; i < items.length; i++) {
    if (typeof items[i] !== "number") return say({ en: `element ${i} should be a number, but is ${describeValue(items[i])}`, zh: `第 ${i} 个元素应当是数，却是 ${describeValue(items[i])}` });
  }
  return undefined;
}

/** Runs a checker on the learner's function, prints ✓ or ✗ with a hint, and returns the result. Never throws. */
export function runChecker<Args extends unknown[]>(spec: CheckerSpec<Args>, learnerFunction: unknown): CheckResult {
  const finish = (passed: boolean, message: string): CheckResult => {
    console.log(message);
    return checkResult(passed, message);
  };
  const title = `check.${spec.name}`;
  if (typeof learnerFunction !== "function") {
    const example = `${title}(my${spec.name[0].toUpperCase()}${spec.name.slice(1)})`;
    return finish(
      false,
      say({
        en: `✗ ${title}: give it your function, e.g. ${example}; it got ${describeValue(learnerFunction)}.`,
        zh: `✗ ${title}：请把你的函数传给它，例如 ${example}；它收到的是 ${describeValue(learnerFunction)}。`,
      }),
    );
  }
  const cases = spec.cases();
  for (const testCase of cases) {
    const input = describeInput(spec.parameters, testCase.args);
    const about = testCase.about === undefined ? "" : say({ en: ` (${testCase.about})`, zh: `（${testCase.about}）` });
    const hintLabel = say({ en: "  Hint: ", zh: "  提示：" });
    let got: unknown;
    try {
      got = (learnerFunction as (...args: Args) => unknown)(...copyArgs(testCase.args));
    } catch (error) {
      if (isNotWrittenYet(error)) return finish(false, notWrittenYetMessage(title));
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : describeValue(error);
      const head = say({ en: `✗ ${title}: your function threw an error for ${input}${about}:`, zh: `✗ ${title}：输入 ${input}${about}${about === "" ? " " : ""}时，你的函数抛出了错误：` });
      return finish(false, [head, `    ${reason}`, `${hintLabel}${testCase.hint ?? spec.hint}`].join("\n"));
    }
    const problem = shapeProblem(got, testCase.expected, spec.returns);
    if (problem !== undefined) {
      const head = say({ en: `✗ ${title}: for ${input}${about} ${problem}.`, zh: `✗ ${title}：输入 ${input}${about}${about === "" ? " " : ""}时，${problem}。` });
      return finish(false, [head, `${hintLabel}${testCase.hint ?? spec.hint}`].join("\n"));
    }
    const answer = spec.returns === "number" ? (got as number) : Array.from(got as ArrayLike<number>);
    const right =
      spec.returns === "number"
        ? close(answer as number, testCase.expected as number, spec.absolute, spec.relative)
        : allClose(answer as number[], testCase.expected as number[], spec.absolute, spec.relative);
    if (!right) {
      let diagnosis: string | undefined;
      try {
        diagnosis = spec.diagnose?.(answer, testCase.expected, testCase.args);
      } catch {
        diagnosis = undefined;
      }
      return finish(
        false,
        [
          say({ en: `✗ ${title}: wrong answer for ${input}${about}`, zh: `✗ ${title}：输入 ${input}${about}${about === "" ? " " : ""}时答案不对` }),
          say({ en: `    expected: ${describeValue(testCase.expected)}`, zh: `    应为：${describeValue(testCase.expected)}` }),
          say({ en: `    got:      ${describeValue(answer)}`, zh: `    得到：${describeValue(answer)}` }),
          `${hintLabel}${diagnosis ?? testCase.hint ?? spec.hint}`,
        ].join("\n"),
      );
    }
  }
  return finish(true, passedMessage(title, cases.length));
}
