/**
 * Long number arrays of a figure as plotly.js typed arrays (`{dtype, bdata,
 * shape?}`, base64 float32), and back. Pure (no Node), so the site's browser
 * code reads the committed figures with the same functions show() writes them with.
 */
/** Arrays of at least this many numbers are stored as base64 float32 in a figure's bundle. */
export const TYPED_ARRAY_MIN_LENGTH = 64;

/** A plotly.js typed array: `{dtype, bdata, shape?}` (plotly.js ≥ 2.28 and plotly.py ≥ 6 read and write it). */
export interface EncodedTypedArray {
  dtype: "f4";
  bdata: string;
  shape?: string;
}

/** Base64 of bytes, with btoa (Node ≥ 16 and every browser have it), so lossbook needs no Buffer. */
function base64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

const isNumberList = (value: unknown): value is number[] => Array.isArray(value) && value.every((v) => typeof v === "number");

/**
 * A long array of numbers as a plotly.js typed array of float32 (little
 * endian, 7 significant digits: exact enough for any plot), or a matrix (a
 * contour's z) with its shape "rows,columns"; anything else unchanged.
 * Pretty-printed by the notebook file format, one number takes ~20 bytes;
 * as base64 float32, 5.3.
 */
export function encodeNumberArray(value: unknown): unknown {
  if (isNumberList(value) && value.length >= TYPED_ARRAY_MIN_LENGTH) {
    return { dtype: "f4", bdata: base64(new Uint8Array(new Float32Array(value).buffer)) } satisfies EncodedTypedArray;
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isNumberList)) {
    const columns = (value[0] as number[]).length;
    if (columns > 0 && value.every((row) => (row as number[]).length === columns) && value.length * columns >= TYPED_ARRAY_MIN_LENGTH) {
      return { dtype: "f4", bdata: base64(new Uint8Array(new Float32Array((value as number[][]).flat()).buffer)), shape: `${value.length},${columns}` } satisfies EncodedTypedArray;
    }
  }
  return value;
}

const isEncodedTypedArray = (value: unknown): value is EncodedTypedArray =>
  value !== null && typeof value === "object" && (value as EncodedTypedArray).dtype === "f4" && typeof (value as EncodedTypedArray).bdata === "string";

/**
 * The inverse of {@link encodeNumberArray}: a plotly.js float32 typed array
 * back to a list of numbers (a matrix when it has a shape), anything else
 * unchanged. For code that reads a figure's numbers from a notebook output.
 */
export function decodeNumberArray(value: unknown): unknown {
  if (!isEncodedTypedArray(value)) return value;
  const binary = atob(value.bdata);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const numbers = Array.from(new Float32Array(bytes.buffer));
  if (value.shape === undefined) return numbers;
  const [rows, columns] = value.shape.split(",").map(Number);
  return Array.from({ length: rows }, (_, r) => numbers.slice(r * columns, (r + 1) * columns));
}

/** A figure from a notebook output with every encoded array decoded by {@link decodeNumberArray} (a deep copy). */
export function decodeFigure<T>(figure: T): T {
  const decode = (value: unknown): unknown => {
    const decoded = decodeNumberArray(value);
    if (decoded !== value) return decoded;
    if (Array.isArray(value)) return value.map(decode);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, decode(v)]));
  };
  return decode(figure) as T;
}

