/**
 * Fast, accurate e^x and log(1 + x) for the transcendental losses' hot loops,
 * in plain JavaScript (V8 inlines them; `Math.exp`/`Math.log1p` are calls into
 * the runtime's fdlibm port and dominated those loops).
 *
 * - {@link exp}: x = (64k + j)·ln2/64 + r with |r| ≤ ln2/128 (Cody–Waite
 *   reduction with a two-part ln 2), e^x = 2^k · 2^(j/64) · e^r, e^r − 1 by its
 *   degree-6 Taylor polynomial (remainder < 1e−18), 2^(j/64) from a two-part
 *   table. Measured maximum relative error against Math.exp: see
 *   test/losses/fastMath.test.ts (≤ 1 ulp, 2.3e−16) over 2·10⁶ points in [−745, 709]
 *   and fast-check's doubles over the whole normal range; exact 1 at 0, 0 below −745.2, Infinity above
 *   709.8, NaN for NaN.
 * - {@link log1pUnit}: log(1 + x) for x ∈ [0, 1] (what softplus needs, x = e^−|z|)
 *   as 2·atanh(s) with s = x/(2 + x) ∈ [0, ⅓], atanh(s)/s a degree-10 polynomial in
 *   s² fitted on Chebyshev nodes (fit error 1.2e−18). Measured maximum relative
 *   error against Math.log1p: 4.5e−16 (2 ulp) for normal x; exact 0 at 0; a
 *   subnormal x (e^−|z| beyond |z| = 708) within one subnormal step, 2^−1074.
 *
 * - {@link log}: x = 2^k·m with k from the high word of x (m ∈ [√½, √2)),
 *   log m by log1pUnit's polynomial, plus k·ln 2 in two parts; within 3 ulp
 *   of Math.log for every positive double.
 * - {@link logCosh}, {@link tanh}: polynomials for |a| ≤ ½ and the two kernels
 *   above beyond; measured maximum relative errors against 50-digit values are
 *   in test/losses/fastMath.test.ts; {@link logCoshWithTanh} gives both from one
 *   e^−2|a|, bit for bit the same numbers.
 *
 * All stay within a few ulp, so the peer fixtures still agree to 1e−10; the
 * tests check each bound on fixed grids and, with fast-check, on doubles drawn
 * over the whole range.
 *
 * Speed: these loops are bound by the latency of each element's chain of
 * dependent operations (the CPU overlaps only a few elements), so the
 * polynomials are evaluated by Estrin's scheme (terms paired by powers of the
 * argument) rather than Horner's, and nothing waits on a failed store-to-load
 * forwarding (see log). WebAssembly SIMD (f64x2) was measured as the
 * alternative: the same exp, vectorised, took 6–7 ns per element against this
 * one's 7 in the same process, before copying the arrays into the module's
 * memory and the gradient out (2.3–3.2 ns per element, as much as a whole
 * mse pass), so it would not pay.
 */

const LOG2E_64 = 64 / Math.LN2;
/**
 * ln2/64 in two parts (fdlibm's ln2_hi, ln2_lo, divided by 64): the high part
 * has 32 significant bits, so k·LN2_64_HIGH is exact for |k| < 2^20, and the
 * sum carries ln 2 to ~80 bits (Math.LN2 alone would err by 2e−14 at x = −700).
 */
const LN2_64_HIGH = 6.93147180369123816490e-1 / 64;
const LN2_64_LOW = 1.90821492927058770002e-10 / 64;
/** 1.5·2^52: adding and subtracting it rounds a double to the nearest integer (|x| < 2^51). */
const ROUNDER = 6755399441055744;
const EXP_MIN = -745.2;
const EXP_MAX = 709.8;

/**
 * Every kernel here reads its double constants from a module-level
 * Float64Array at a constant index instead of writing them as literals: V8
 * (TurboFan, x64) materialises each double literal inside the loop as two
 * instructions (an integer move and a move into a vector register), while a
 * constant index into such an array becomes one memory operand of the
 * arithmetic instruction. The same numbers, so the same results bit for bit;
 * exp alone took 15–19 % less time (5.4 against 6.4 ns/element, one process).
 */
const EXP_CONSTANTS = Float64Array.of(EXP_MIN, EXP_MAX, EXP_MIN - 1, EXP_MAX + 1, LOG2E_64, ROUNDER, LN2_64_HIGH, LN2_64_LOW, 1 / 2, 1 / 6, 1 / 24, 1 / 120, 1 / 720);
/** Indices into EXP_CONSTANTS: the clamp, the reduction, the Taylor coefficients 1/2!…1/6!. */
const BELOW = 0;
const ABOVE = 1;
const UNDERFLOW = 2;
const OVERFLOW = 3;
const SCALE = 4;
const ROUND = 5;
const STEP_HIGH = 6;
const STEP_LOW = 7;
const C2 = 8;
const C3 = 9;
const C4 = 10;
const C5 = 11;
const C6 = 12;

/** 2^(j/64), j = 0…63, as the nearest double (HIGH) and the rest (LOW), from 50-digit values (mpmath). */
// prettier-ignore
const FRACTION_POWERS_HIGH = Float64Array.of(1.0, 1.0108892860517005, 1.0218971486541166, 1.0330248790212284, 1.0442737824274138, 1.0556451783605572, 1.0671404006768237, 1.0787607977571199, 1.0905077326652577, 1.102382583307841, 1.1143867425958924, 1.1265216186082418, 1.1387886347566916, 1.1511892299529827, 1.1637248587775775, 1.1763969916502812, 1.189207115002721, 1.202156731452703, 1.215247359980469, 1.22848053610687, 1.241857812073484, 1.255380757024691, 1.2690509571917332, 1.2828700160787783, 1.2968395546510096, 1.3109612115247644, 1.3252366431597413, 1.339667524053303, 1.3542555469368927, 1.3690024229745905, 1.383909881963832, 1.3989796725383112, 1.4142135623730951, 1.42961333839197, 1.4451808069770467, 1.460917794180647, 1.4768261459394993, 1.4929077282912648, 1.5091644275934228, 1.5255981507445384, 1.5422108254079407, 1.559004400237837, 1.5759808451078865, 1.593142151342267, 1.6104903319492543, 1.6280274218573478, 1.645755478153965, 1.6636765803267364, 1.681792830507429, 1.7001063537185235, 1.718619298122478, 1.7373338352737062, 1.7562521603732995, 1.7753764925265212, 1.7947090750031072, 1.8142521755003989, 1.8340080864093424, 1.8539791250833855, 1.8741676341103, 1.8945759815869656, 1.9152065613971474, 1.9360617934922943, 1.9571441241754002, 1.978456026387951);
const FRACTION_POWERS_LOW = Float64Array.of(0.0, -1.5234778603368577e-17, 5.109225028973444e-17, 7.600838874027088e-18, 8.551889705537965e-17, 1.759325738772092e-18, -7.899853966841582e-17, -6.656660436056593e-17, -3.046782079812471e-17, 5.2660368715706944e-17, 1.0410278456845571e-16, 5.165856758795457e-17, 8.912812676025408e-17, 3.250710218863827e-17, 3.8292048369240935e-17, 5.554203254218079e-17, 3.982015231465646e-17, 6.644981499252301e-17, -7.712630692681488e-17, -1.89878163130253e-17, 4.658027591836937e-17, -6.7113898212968784e-18, 2.667932131342186e-18, 1.713594918243561e-17, 2.5382502794888315e-17, -7.181536135519454e-17, -2.8587312100388614e-17, 8.927282594831732e-17, 7.70094837980299e-17, 9.593797919118849e-17, -6.770511658794786e-17, -9.614213209051323e-17, -9.667293313452913e-17, -1.2031642489053655e-17, -3.0237581349939873e-17, -5.600377186075216e-17, -3.483994556892796e-17, 1.4192920154284036e-17, -1.016455327754295e-16, -1.1024941712342561e-16, 7.949834809697621e-17, 3.7812070533575275e-17, -1.0136916471278304e-17, -1.0094406542311964e-16, 2.4707192569797888e-17, -6.712955084707084e-17, -1.0125679913674773e-16, 5.8909926967131e-17, 8.199010020581497e-17, -8.0237193703977e-18, -1.851380418263111e-17, 3.164389299292957e-17, 2.960140695448873e-17, 6.429731796556572e-17, 1.8227458427912087e-17, -9.969531538920349e-17, 3.283107224245627e-17, 9.761887490727594e-17, -6.122763413004143e-17, 3.4034035352165297e-17, -1.0619946056195963e-16, 1.0332385960676326e-16, 8.960767791036668e-17, 4.0388753109278167e-17);

/** 2^k for k = −600…600 (2^k is applied as two halves, so that no partial product leaves the normal range), index k + 600. */
const POWER_OFFSET = 600;
const INTEGER_POWERS = Float64Array.from({ length: 2 * POWER_OFFSET + 1 }, (_, i) => 2 ** (i - POWER_OFFSET));

/**
 * e^x within 1.5 ulp (see the module comment). Branches only on the clamp
 * to [−745.2, 709.8], which real data takes rarely.
 */
export function exp(x: number): number {
  const K = EXP_CONSTANTS;
  const clamped = x < K[BELOW] ? K[UNDERFLOW] : x > K[ABOVE] ? K[OVERFLOW] : x;
  const kf = clamped * K[SCALE] + K[ROUND] - K[ROUND];
  const r = clamped - kf * K[STEP_HIGH] - kf * K[STEP_LOW];
  const k = kf | 0;
  const j = k & 63;
  // e^r − 1 (no rounding at 1), then 2^(j/64)·e^r = HIGH + (LOW + HIGH·(e^r − 1)): one rounding at the end.
  // Estrin's scheme (pairs of terms joined by r²): a shorter chain of dependent
  // operations than Horner's, which is what bounds this loop's speed.
  const r2 = r * r;
  const expm1R = r + r2 * (K[C2] + r * K[C3] + r2 * (K[C4] + r * K[C5] + r2 * K[C6]));
  const high = FRACTION_POWERS_HIGH[j];
  const mantissa = high + (FRACTION_POWERS_LOW[j] + high * expm1R);
  // 2^(k >> 6) as 2^half · 2^rest, so that a result near the smallest normal
  // double is rounded once (no subnormal intermediate). x NaN gives k = 0, r NaN: NaN.
  const power = k >> 6;
  const half = power >> 1;
  return INTEGER_POWERS[half + POWER_OFFSET] * mantissa * INTEGER_POWERS[power - half + POWER_OFFSET];
}

/** atanh(s)/s = A[0] + A[1]·t + … + A[10]·t¹⁰, t = s² (a Float64Array: see EXP_CONSTANTS). */
const A = Float64Array.of(1.0, 0.3333333333333307, 0.20000000000094656, 0.14285714272520955, 0.11111112052466518, 0.09090870008906127, 0.07693315371624586, 0.06650081100282697, 0.060558960079100006, 0.041588104702145766, 0.08528287251473514);

/** log(1 + x) for x ∈ [0, 1] within 2 ulp (see the module comment); no range check. */
export function log1pUnit(x: number): number {
  const s = x / (2 + x);
  return 2 * s * atanhRatio(s * s);
}

/**
 * atanh(s)/s = A[0] + t·(A[1] + A[2]·t + … + A[10]·t⁹) with t = s² ≤ ⅑, the bracket by
 * Estrin's scheme (see exp); the leading 1 + t·(…) is added last, so that its
 * rounding stays the only one at full size.
 */
function atanhRatio(t: number): number {
  const t2 = t * t;
  const t4 = t2 * t2;
  const t8 = t4 * t4;
  return A[0] + t * (A[1] + t * A[2] + t2 * (A[3] + t * A[4]) + t4 * (A[5] + t * A[6] + t2 * (A[7] + t * A[8])) + t8 * (A[9] + t * A[10]));
}

/** One double and its two 32-bit halves (little-endian: [1] is the high word with the exponent). */
const DOUBLE = new Float64Array(1);
const WORDS = new Int32Array(DOUBLE.buffer);
const MIN_NORMAL = 2 ** -1022;
/** √½'s high word: the reduction below puts the mantissa m in [√½, √2). */
const SQRT_HALF_HIGH_WORD = 0x3fe6a09e;
const LN2_HIGH = 6.93147180369123816490e-1;
const LN2_LOW = 1.90821492927058770002e-10;
/** LN2_HIGH, LN2_LOW as a Float64Array (see EXP_CONSTANTS). */
const LOG_CONSTANTS = Float64Array.of(LN2_HIGH, LN2_LOW);
/** 2^−h for h = −512…512 (index h + 512): k ∈ [−1022, 1024] is applied as two halves, each a normal double. */
const INVERSE_OFFSET = 512;
const INVERSE_POWERS = Float64Array.from({ length: 2 * INVERSE_OFFSET + 1 }, (_, i) => 2 ** -(i - INVERSE_OFFSET));

/**
 * Natural log of x within 3 ulp (measured against Math.log in
 * test/losses/fastMath.test.ts): x = 2^k·m with m ∈ [√½, √2) read from the
 * bits of x, log m = log1pUnit's polynomial on f = m − 1 (exact), plus k·ln 2
 * in two parts. 0, subnormals, Infinity and NaN go to Math.log (exact −Infinity
 * at 0, as the clamped logs of binary cross-entropy need).
 */
export function log(x: number): number {
  if (!(x >= MIN_NORMAL && x < Infinity)) return Math.log(x);
  DOUBLE[0] = x;
  // k such that m = x·2^−k lands in [√½, √2) (musl's reduction, on the high
  // word only). m is made by multiplying with 2^−k (exact) rather than by
  // writing the word back: a 4-byte store read back as 8 bytes cannot be
  // forwarded from the store buffer and stalled this loop to 3× Math.log's time.
  const k = ((WORDS[1] + (0x3ff00000 - SQRT_HALF_HIGH_WORD)) >> 20) - 0x3ff;
  const half = k >> 1;
  const f = x * INVERSE_POWERS[half + INVERSE_OFFSET] * INVERSE_POWERS[k - half + INVERSE_OFFSET] - 1;
  const s = f / (2 + f);
  return k * LOG_CONSTANTS[0] + (2 * s * atanhRatio(s * s) + k * LOG_CONSTANTS[1]);
}

/**
 * softplus(x) = log(1 + e^x) = max(x, 0) + log(1 + e^−|x|) with the fast kernels;
 * the same numbers as the stable `softplus` of stable.ts to a few ulp.
 */
export function fastSoftplus(x: number): number {
  return 0.5 * (x + Math.abs(x)) + log1pUnit(exp(-Math.abs(x)));
}

/** log cosh(a)/a² and tanh(a)/a as polynomials in t = a² on [0, ¼] (|a| ≤ ½), fitted on Chebyshev nodes (fit error < 1e−18). */
const LOG_COSH = [0.5, -0.08333333333333333, 0.022222222222221675, -0.0067460317459906854, 0.002186948852020666, -0.0007386029242139612,
  0.0002565800399342522, -9.098450042171507e-05, 3.274598684350305e-05, -1.1812510680004164e-05, 4.00214685303507e-06, -9.527697272970619e-07];
const TANH = [1.0, -0.33333333333333326, 0.1333333333333197, -0.053968253967230144, 0.021869488496366572, -0.008863234615884882,
  0.003592114690275831, -0.0014557055722566273, 0.0005891924950962649, -0.00023551211764152608, 8.674196633479676e-05, -2.1871986268862967e-05];
// These two stay literals: read from a Float64Array (see EXP_CONSTANTS) the log-cosh loop took 7 % longer.
const [L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11] = LOG_COSH;
const [T0, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11] = TANH;

/** Below this |a| log cosh and tanh come from their polynomials (no cancellation), above from e^−2|a|. */
const SMALL_RESIDUAL = 0.5;

/**
 * log cosh a for any finite a within 8 ulp (5 measured, just above |a| = ½ where the second form cancels a little; 2 elsewhere): a²·P(a²) for |a| ≤ ½, else
 * |a| − log 2 + log(1 + e^−2|a|) (no overflow up to |a| = 1e308).
 */
export function logCosh(a: number): number {
  const m = Math.abs(a);
  if (m <= SMALL_RESIDUAL) return logCoshSmall(a * a);
  return logCoshLarge(m, exp(-2 * m));
}

/** tanh a within 3 ulp: a·P(a²) for |a| ≤ ½, else sign(a)·(1 − e)/(1 + e) with e = e^−2|a|. */
export function tanh(a: number): number {
  const m = Math.abs(a);
  if (m <= SMALL_RESIDUAL) return tanhSmall(a, a * a);
  return tanhLarge(a, m, exp(-2 * m));
}

/**
 * log cosh a, writing scale·tanh a into grad[i]: the two functions above from
 * one e^−2|a| (what the log-cosh loss's fused pass needs), the same numbers.
 */
export function logCoshWithTanh(a: number, scale: number, grad: Float64Array, i: number): number {
  const m = Math.abs(a);
  if (m <= SMALL_RESIDUAL) {
    const t = a * a;
    grad[i] = scale * tanhSmall(a, t);
    return logCoshSmall(t);
  }
  const e = exp(-2 * m);
  grad[i] = scale * tanhLarge(a, m, e);
  return logCoshLarge(m, e);
}

/** log cosh a = t·P(t), t = a² ≤ ¼, by Estrin's scheme (see exp). */
function logCoshSmall(t: number): number {
  const t2 = t * t;
  const t4 = t2 * t2;
  const t8 = t4 * t4;
  return t * (L0 + t * L1 + t2 * (L2 + t * L3) + t4 * (L4 + t * L5 + t2 * (L6 + t * L7)) + t8 * (L8 + t * L9 + t2 * (L10 + t * L11)));
}

/** log cosh a = |a| − log 2 + log(1 + e) with e = e^−2|a|. */
function logCoshLarge(m: number, e: number): number {
  return m - Math.LN2 + log1pUnit(e);
}

/** tanh a = a·(T0 + t·Q(t)), t = a² ≤ ¼, Q by Estrin's scheme, the leading 1 added last. */
function tanhSmall(a: number, t: number): number {
  const t2 = t * t;
  const t4 = t2 * t2;
  const t8 = t4 * t4;
  return a * (T0 + t * (T1 + t * T2 + t2 * (T3 + t * T4) + t4 * (T5 + t * T6 + t2 * (T7 + t * T8)) + t8 * (T9 + t * T10 + t2 * T11)));
}

/** tanh a = sign(a)·(1 − e)/(1 + e) with e = e^−2|a|. */
function tanhLarge(a: number, m: number, e: number): number {
  return ((1 - e) / (1 + e)) * (a / m);
}
