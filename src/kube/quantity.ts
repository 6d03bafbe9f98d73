/**
 * resource.Quantity (k8s.io/apimachinery/pkg/api/resource): a fixed-point number with a suffix
 * format. Parsing follows upstream's scanner and its two paths (an int64 fast path that keeps
 * the input text when it is already canonical, and an arbitrary-precision path that rounds up
 * to nano units and caps binary values at 2^63-1); String() is upstream's canonical form.
 * The amount is an exact unscaled bigint times 10^scale, so no float ever touches it.
 */

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/** Upstream's three parse errors, with their exact texts. */
export const quantityFormatMessage =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const quantityNumericMessage = 'unable to parse numeric part of quantity';
export const quantitySuffixMessage = "unable to parse quantity's suffix";

export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

const maxInt64 = (1n << 63n) - 1n;
const minInt64 = -(1n << 63n);
/** The most decimal digits the int64 fast path accepts (maxInt64Factors). */
const fastPathDigits = 18;
const nanoScale = -9;

const decimalSuffixes: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const decimalSuffixOf = new Map(Object.entries(decimalSuffixes).map(([s, e]) => [e, s]));
const binarySuffixOf = new Map(Object.entries(binarySuffixes).map(([s, e]) => [e, s]));

interface Scanned {
  positive: boolean;
  /** The signed number text (for the exact path), e.g. `-1.5`. */
  value: string;
  /** Integer digits without leading zeros ("0" when none), and fraction digits. */
  num: string;
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const suffixLetters = 'eEinumkKMGTP';

/** parseQuantityString: sign, integer digits, optional fraction, then the suffix letters and exponent. */
function scan(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  const numStart = pos;
  while (pos < end && isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos) || '0';
  if (pos >= end) return { positive, value: str, num, denom: '', suffix: '' };
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    const denomStart = pos;
    while (pos < end && isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
    if (pos >= end) return { positive, value: str, num, denom, suffix: '' };
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && suffixLetters.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  // anything left over (a second dot, a space, a letter outside the suffix set) is malformed
  if (pos < end) throw new QuantityError(quantityFormatMessage);
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

interface Suffix {
  base: 10 | 2;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(s: string): Suffix | undefined {
  if (s in decimalSuffixes) return { base: 10, exponent: decimalSuffixes[s], format: 'DecimalSI' };
  if (s in binarySuffixes) return { base: 2, exponent: binarySuffixes[s], format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E')) {
    // strconv.ParseInt(s[1:], 10, 64), then Go's int32 conversion (which wraps)
    if (!/^[+-]?\d+$/.test(s.slice(1))) return undefined;
    const n = BigInt(s.slice(1));
    if (n > maxInt64 || n < minInt64) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, n)), format: 'DecimalExponent' };
  }
  return undefined;
}

/** inf.Dec.SetString: an optional leading sign, digits with at most one dot, at least one digit. */
function parseDecimal(text: string): { unscaled: bigint; fractionDigits: number } | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const digits = `${m[2]}${m[3] ?? ''}`;
  const unscaled = BigInt(digits);
  return { unscaled: m[1] === '-' ? -unscaled : unscaled, fractionDigits: (m[3] ?? '').length };
}

const pow10 = (n: number) => 10n ** BigInt(n);
const abs = (n: bigint) => (n < 0n ? -n : n);

/** Divides by 10^digits, rounding away from zero; `exact` says nothing was lost. */
function shiftDownRoundingUp(value: bigint, digits: number): { value: bigint; exact: boolean } {
  if (digits <= 0) return { value, exact: true };
  // shifting past every digit leaves only the rounding unit (and spares a huge power of ten)
  if (digits > abs(value).toString().length)
    return value === 0n ? { value, exact: true } : { value: value < 0n ? -1n : 1n, exact: false };
  const d = pow10(digits);
  const q = value / d;
  const r = value % d;
  if (r === 0n) return { value: q, exact: true };
  return { value: value < 0n ? q - 1n : q + 1n, exact: false };
}

/** Removes the factors of `base` (only while the magnitude is at least `base`), as removeInt64Factors. */
function removeFactors(value: bigint, base: bigint): { value: bigint; times: number } {
  let v = abs(value);
  let times = 0;
  while (v >= base && v % base === 0n) {
    v /= base;
    times++;
  }
  return { value: value < 0n ? -v : v, times };
}

/** Go's int64(f) on amd64: truncation, and the "integer indefinite" value for NaN and overflow. */
export function goInt64OfFloat(f: number): bigint {
  if (Number.isNaN(f) || f >= 2 ** 63 || f < -(2 ** 63)) return minInt64;
  return BigInt(Math.trunc(f));
}

const clampInt64 = (n: bigint) => (n > maxInt64 ? maxInt64 : n < minInt64 ? minInt64 : n);

export class Quantity {
  /** value = unscaled * 10^scale; `format` is '' for the Go zero value Quantity{}. */
  private constructor(
    readonly unscaled: bigint,
    readonly scale: number,
    readonly format: QuantityFormat | '',
    /** The text kept from parsing when it was already canonical (upstream's cached `s`). */
    private readonly text?: string,
  ) {}

  /** The Go zero value: prints "0", takes the format of the first quantity added to it. */
  static zero(): Quantity {
    return new Quantity(0n, 0, '');
  }

  /** NewScaledQuantity-style construction: value * 10^scale in `format`. */
  static of(value: bigint | number, scale = 0, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value), scale, format);
  }

  /** resource.ParseQuantity; throws QuantityError with upstream's message. */
  static parse(str: string): Quantity {
    if (str.length === 0) throw new QuantityError(quantityFormatMessage);
    if (str === '0') return new Quantity(0n, 0, 'DecimalSI', str);
    const { positive, value, num, denom, suffix } = scan(str);
    const suf = interpretSuffix(suffix);
    if (!suf) throw new QuantityError(quantitySuffixMessage);
    const { base, exponent, format } = suf;

    let precision: number;
    let scale = 0;
    let mantissa = 1n;
    if (format === 'BinarySI') {
      if (exponent >= 0 && denom.length === 0) {
        mantissa = 1n << BigInt(exponent);
        // float32(exponent)*3/10, truncated: 1Mi carries about 6 decimal digits
        precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
      } else precision = -1;
    } else {
      scale = exponent;
      precision = fastPathDigits - (num.length + denom.length);
    }

    if (precision >= 0) {
      scale -= denom.length;
      if (scale >= nanoScale) {
        const shifted = num + denom;
        const digits = BigInt(shifted);
        const product = digits * mantissa;
        if (product <= maxInt64) {
          const result = positive ? product : -product;
          // an input already in canonical form is kept as written (sign, leading zeros and all)
          const canonical =
            format === 'BinarySI'
              ? exponent % 10 === 0 && (digits & 7n) !== 0n
              : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
          return new Quantity(result, scale, format, canonical ? str : undefined);
        }
      }
    }

    const parsed = parseDecimal(value);
    if (!parsed) throw new QuantityError(quantityNumericMessage);
    let amount = abs(parsed.unscaled);
    const negative = parsed.unscaled < 0n;
    let amountScale = -parsed.fractionDigits;
    if (base === 10) amountScale += exponent;
    else amount *= 1n << BigInt(exponent);
    // non-zero amounts round up to whole nano units: asking for a little gets a little
    if (amount !== 0n && amountScale < nanoScale) {
      amount = shiftDownRoundingUp(amount, nanoScale - amountScale).value;
      amountScale = nanoScale;
    }
    let outFormat: QuantityFormat = format;
    if (format === 'BinarySI' && compareAmounts(amount, amountScale, maxInt64, 0) > 0) {
      amount = maxInt64;
      amountScale = 0;
    }
    if (format === 'BinarySI' && amount !== 0n && compareAmounts(amount, amountScale, 1n, 0) < 0)
      outFormat = 'DecimalSI';
    return new Quantity(negative ? -amount : amount, amountScale, outFormat);
  }

  /**
   * Quantity.UnmarshalJSON over a value JSON.parse produced: strings are trimmed and parsed,
   * numbers parsed from their JSON text, null is zero; anything else fails the format check.
   */
  static fromJSON(value: unknown): Quantity {
    if (value === null) return Quantity.zero();
    if (typeof value === 'string') return Quantity.parse(value.trim());
    // JavaScript prints numbers as Go's encoding/json does (shortest form, exponent past 1e21)
    if (typeof value === 'number') return Quantity.parse(String(value));
    throw new QuantityError(quantityFormatMessage);
  }

  isZero(): boolean {
    return this.unscaled === 0n;
  }

  sign(): number {
    return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
  }

  cmp(y: Quantity): number {
    return compareAmounts(this.unscaled, this.scale, y.unscaled, y.scale);
  }

  /** Quantity.Add: a zero receiver takes the format of y. */
  add(y: Quantity): Quantity {
    const format = this.isZero() ? y.format : this.format;
    if (y.isZero()) return new Quantity(this.unscaled, this.scale, format);
    if (this.isZero()) return new Quantity(y.unscaled, y.scale, format);
    const scale = Math.min(this.scale, y.scale);
    const sum = this.unscaled * pow10(this.scale - scale) + y.unscaled * pow10(y.scale - scale);
    return new Quantity(sum, scale, format);
  }

  sub(y: Quantity): Quantity {
    return this.add(new Quantity(-y.unscaled, y.scale, y.format));
  }

  neg(): Quantity {
    return new Quantity(-this.unscaled, this.scale, this.format);
  }

  /** ScaledValue: ceil(q / 10^scale) away from zero, saturated to int64. */
  scaledValue(scale: number): bigint {
    if (this.unscaled === 0n) return 0n;
    const delta = this.scale - scale;
    if (delta >= 0) {
      // past 10^19 any non-zero value overflows int64
      if (delta > 19) return this.unscaled < 0n ? minInt64 : maxInt64;
      return clampInt64(this.unscaled * pow10(delta));
    }
    if (-delta > 19) return this.unscaled < 0n ? -1n : 1n;
    return clampInt64(shiftDownRoundingUp(this.unscaled, -delta).value);
  }

  /** Value(): whole units, rounded away from zero. */
  value(): bigint {
    return this.scaledValue(0);
  }

  /** MilliValue(): thousandths, rounded away from zero. */
  milliValue(): bigint {
    return this.scaledValue(-3);
  }

  /** The canonical text (Quantity.String / MarshalJSON). */
  toString(): string {
    if (this.text !== undefined) return this.text;
    if (this.unscaled === 0n) return '0';
    let format: QuantityFormat =
      this.format === 'BinarySI' || this.format === 'DecimalSI' ? this.format : 'DecimalExponent';
    let rounded = 0n;
    if (format === 'BinarySI') {
      if (this.cmp(Quantity.of(-1024)) > 0 && this.cmp(Quantity.of(1024)) < 0) format = 'DecimalSI';
      else {
        const r = shiftDownRoundingUp(this.unscaled, -this.scale);
        rounded = this.scale >= 0 ? this.unscaled * pow10(this.scale) : r.value;
        // a binary value with a fraction shows as decimal rather than lose precision
        if (!r.exact) format = 'DecimalSI';
      }
    }
    if (format === 'BinarySI') {
      const { value, times } = removeFactors(rounded, 1024n);
      return `${value}${binarySuffixOf.get(times * 10) ?? ''}`;
    }
    const reduced = removeFactors(this.unscaled, 10n);
    let mantissa = reduced.value;
    let exponent = this.scale + reduced.times;
    while (exponent % 3 !== 0) {
      mantissa *= 10n;
      exponent--;
    }
    // a decimal exponent beyond the suffix table prints with no suffix at all, as upstream
    const suffix =
      format === 'DecimalSI' ? (decimalSuffixOf.get(exponent) ?? '') : exponent === 0 ? '' : `e${exponent}`;
    return `${mantissa}${suffix}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

function compareAmounts(a: bigint, aScale: number, b: bigint, bScale: number): number {
  const aSign = a === 0n ? 0 : a < 0n ? -1 : 1;
  const bSign = b === 0n ? 0 : b < 0n ? -1 : 1;
  if (aSign !== bSign) return aSign > bSign ? 1 : -1;
  if (aSign === 0) return 0;
  // settle what the magnitudes decide before writing out a far exponent in digits
  const aMagnitude = abs(a).toString().length + aScale;
  const bMagnitude = abs(b).toString().length + bScale;
  if (aMagnitude !== bMagnitude) return aMagnitude > bMagnitude ? aSign : -aSign;
  const scale = Math.min(aScale, bScale);
  const x = a * pow10(aScale - scale);
  const y = b * pow10(bScale - scale);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** A quantity's canonical text, or the parse error upstream's decoder reports. */
export function canonicalQuantity(value: unknown): string {
  return Quantity.fromJSON(value).toString();
}

/**
 * kubectl describe's percentage: int64(float64(part) / float64(whole) * 100), Go's float
 * arithmetic and amd64 conversion included (0/0 prints as the minimum int64).
 */
export function percentOf(part: bigint, whole: bigint): string {
  return String(goInt64OfFloat((Number(part) / Number(whole)) * 100));
}
