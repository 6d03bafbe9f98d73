/**
 * The slice of shopspring/decimal v1.4 that Sprig's float math (addf, subf, mulf, divf, add1f)
 * goes through: every operand becomes the decimal of its shortest float64 spelling, the
 * arithmetic is exact (division rounds half away from zero at 16 places), and the result is the
 * float64 nearest the exact decimal. That is why `addf 0.1 0.2` is 0.3 in Helm, not
 * 0.30000000000000004.
 */

/** coefficient * 10^exponent */
export interface Decimal {
  readonly coef: bigint;
  readonly exp: number;
}

/** Decimal places kept by Div (decimal.DivisionPrecision). */
const DIVISION_PRECISION = 16;

/** decimal.NewFromFloat: panics (throws) on NaN and infinities, as the Go library does. */
export function decimalFromFloat(f: number): Decimal {
  if (Number.isNaN(f)) throw new Error('Cannot create a Decimal from NaN');
  if (!Number.isFinite(f)) throw new Error(`Cannot create a Decimal from ${f > 0 ? '+Inf' : '-Inf'}`);
  if (f === 0) return { coef: 0n, exp: 0 };
  // toExponential() without digits is the shortest round-tripping spelling, like Go's
  const [mant, e] = f.toExponential().split('e') as [string, string];
  const [whole, frac = ''] = mant.split('.') as [string, string?];
  return { coef: BigInt(whole + frac), exp: Number(e) - frac.length };
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  if (a.exp === b.exp) return [a.coef, b.coef, a.exp];
  if (a.exp < b.exp) return [a.coef, b.coef * pow10(b.exp - a.exp), a.exp];
  return [a.coef * pow10(a.exp - b.exp), b.coef, b.exp];
}

export function decimalAdd(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return { coef: x + y, exp };
}

export function decimalSub(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return { coef: x - y, exp };
}

export function decimalMul(a: Decimal, b: Decimal): Decimal {
  return { coef: a.coef * b.coef, exp: a.exp + b.exp };
}

/** decimal.Div: quotient at 16 decimal places, the last rounded half away from zero. */
export function decimalDiv(a: Decimal, b: Decimal): Decimal {
  if (b.coef === 0n) throw new Error('decimal division by 0');
  const scale = -DIVISION_PRECISION;
  // a/b = (ca/cb) * 10^(ea-eb); express the quotient in units of 10^scale
  const shift = a.exp - b.exp - scale;
  let num = a.coef;
  let den = b.coef;
  if (shift >= 0) num *= pow10(shift);
  else den *= pow10(-shift);
  let q = num / den;
  const r = num % den;
  const twiceRem = (r < 0n ? -r : r) * 2n;
  const absDen = den < 0n ? -den : den;
  if (twiceRem >= absDen) q += a.coef < 0n !== b.coef < 0n ? -1n : 1n;
  return { coef: q, exp: scale };
}

/** Decimal.Float64: the float64 nearest the exact value. */
export function decimalToFloat(d: Decimal): number {
  if (d.coef === 0n) return 0;
  return Number(`${d.coef}e${d.exp}`);
}
