import { LossbookError } from "../errors";
import { describe } from "../losses/validate";

/** Throws unless `value` is an integer in [min, max]; returns it. */
export function checkInteger(argument: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
    throw new LossbookError(argument, `must be an integer ${range}, got ${describe(value)}`);
  }
  return value;
}

/** Throws unless `value` is a finite number in [min, max] (ends included); returns it. */
export function checkNumberInRange(argument: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new LossbookError(argument, `must be a number between ${min} and ${max}, got ${describe(value)}`);
  }
  return value;
}

/** Throws unless `value` is a finite number; returns it. */
export function checkFiniteNumber(argument: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new LossbookError(argument, `must be a finite number, got ${describe(value)}`);
  }
  return value;
}

/** Throws unless `options` is undefined or a plain object. */
export function checkOptionsObject(options: unknown, argument = "options"): void {
  if (options !== undefined && (options === null || typeof options !== "object" || Array.isArray(options))) {
    throw new LossbookError(argument, `must be an object, got ${describe(options)}`);
  }
}
