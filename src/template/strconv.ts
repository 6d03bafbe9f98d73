/**
 * The pieces of Go's strconv that fmt and the template functions reach: float formatting
 * (exact decimal expansion, round-half-even, Go's %e/%f/%g/%b/%x layouts), quoting with Go's
 * escape rules, and the Parse* functions with Go's accepted syntax and error texts.
 *
 * Go strings are UTF-8 bytes while ours are UTF-16; a lone surrogate stands for the bytes of its
 * WTF-8 encoding (an invalid sequence to Go), which is what Go would see for such input.
 */

// --- Errors ------------------------------------------------------------------------------

/** strconv.NumError: `strconv.ParseInt: parsing "x": invalid syntax`. */
export class NumError extends Error {
  constructor(
    readonly func: string,
    readonly num: string,
    readonly reason: string,
    /** What Go returns alongside the error (the clamped value for range errors). */
    readonly result: number | bigint = 0,
  ) {
    super(`strconv.${func}: parsing ${quote(num)}: ${reason}`);
    this.name = 'NumError';
  }
}

/** strconv.ErrSyntax as Unquote returns it. */
export class UnquoteSyntaxError extends Error {
  constructor() {
    super('invalid syntax');
    this.name = 'UnquoteSyntaxError';
  }
}

const ERR_SYNTAX = 'invalid syntax';
const ERR_RANGE = 'value out of range';

// --- Float decomposition -----------------------------------------------------------------

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

interface FloatParts {
  neg: boolean;
  /** Integer mantissa, including the implicit leading bit for normal numbers. */
  mant: bigint;
  /** Unbiased binary exponent: value = mant * 2^(exp - 52). */
  exp: number;
  /** 'inf' / 'nan' / undefined for finite values. */
  special?: 'inf' | 'nan';
}

function floatParts(x: number): FloatParts {
  f64[0] = x;
  const bits = u64[0]!;
  const neg = bits >> 63n === 1n;
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  if (exp === 0x7ff) return { neg, mant, exp, special: mant === 0n ? 'inf' : 'nan' };
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  return { neg, mant, exp: exp - 1023 };
}

// --- Decimal digits ----------------------------------------------------------------------

/** A decimal value 0.d1d2d3... * 10^dp; `d` has no leading or trailing zeros ("" is zero). */
interface Decimal {
  d: string;
  dp: number;
}

/** Shortest digits that round-trip, read from JS's Number-to-string (also shortest, closest). */
function shortestDecimal(a: number): Decimal {
  if (a === 0) return { d: '', dp: 0 };
  const s = String(a);
  const e = s.indexOf('e');
  const mant = e < 0 ? s : s.slice(0, e);
  const exp10 = e < 0 ? 0 : Number(s.slice(e + 1));
  const dot = mant.indexOf('.');
  const intLen = dot < 0 ? mant.length : dot;
  let d = dot < 0 ? mant : mant.slice(0, dot) + mant.slice(dot + 1);
  let lead = 0;
  while (lead < d.length && d.charCodeAt(lead) === 48) lead++;
  d = d.slice(lead);
  let end = d.length;
  while (end > 0 && d.charCodeAt(end - 1) === 48) end--;
  return { d: d.slice(0, end), dp: intLen - lead + exp10 };
}

/** The exact decimal expansion of a finite double's magnitude. */
function exactDecimal(mant: bigint, exp: number): Decimal {
  if (mant === 0n) return { d: '', dp: 0 };
  const e2 = exp - 52;
  let digits: string;
  let dp: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    dp = digits.length;
  } else {
    // mant / 2^k == mant * 5^k / 10^k
    digits = (mant * 5n ** BigInt(-e2)).toString();
    dp = digits.length + e2;
  }
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  return { d: digits.slice(0, end), dp };
}

/** Rounds to `nd` digits, half to even on the exact value (Go's decimal.Round). */
function roundDecimal(dec: Decimal, nd: number): Decimal {
  const { d, dp } = dec;
  if (nd < 0 || nd >= d.length) return dec;
  const c = d.charCodeAt(nd);
  let up: boolean;
  if (c === 53 && nd + 1 === d.length) up = nd > 0 && (d.charCodeAt(nd - 1) - 48) % 2 === 1;
  else up = c >= 53;
  if (!up) {
    let end = nd;
    while (end > 0 && d.charCodeAt(end - 1) === 48) end--;
    return { d: d.slice(0, end), dp };
  }
  let i = nd - 1;
  while (i >= 0 && d.charCodeAt(i) === 57) i--;
  if (i < 0) return { d: '1', dp: dp + 1 };
  return { d: d.slice(0, i) + String.fromCharCode(d.charCodeAt(i) + 1), dp };
}

// --- Layouts -----------------------------------------------------------------------------

function zeros(n: number): string {
  return n > 0 ? '0'.repeat(n) : '';
}

/** %e: d.ddddde±dd with `prec` fraction digits. */
function layoutE(neg: boolean, dec: Decimal, prec: number, e: 'e' | 'E'): string {
  const { d, dp } = dec;
  let s = neg ? '-' : '';
  s += d.length === 0 ? '0' : d[0];
  if (prec > 0) {
    const frac = d.slice(1, prec + 1);
    s += `.${frac}${zeros(prec - frac.length)}`;
  }
  let exp = d.length === 0 ? 0 : dp - 1;
  let sign = '+';
  if (exp < 0) {
    sign = '-';
    exp = -exp;
  }
  return `${s}${e}${sign}${exp < 10 ? '0' : ''}${exp}`;
}

/** %f: ddd.ddd with `prec` fraction digits. */
function layoutF(neg: boolean, dec: Decimal, prec: number): string {
  const { d, dp } = dec;
  let s = neg ? '-' : '';
  if (dp > 0) {
    const int = d.slice(0, dp);
    s += int + zeros(dp - int.length);
  } else s += '0';
  if (prec > 0) {
    let frac = '';
    // digits d[dp .. dp+prec), with zeros where that range falls outside d
    const start = dp;
    if (start < 0) frac = zeros(Math.min(-start, prec));
    frac += d.slice(Math.max(start, 0), Math.max(start + prec, 0));
    s += `.${frac}${zeros(prec - frac.length)}`;
  }
  return s;
}

/** %b: mantissa "p" binary exponent, as Go prints it (`4503599627370496p-52`). */
function layoutB(p: FloatParts): string {
  const e = p.exp - 52;
  return `${p.neg ? '-' : ''}${p.mant}p${e >= 0 ? '+' : ''}${e}`;
}

/** %x/%X: -0x1.hhhhp±dd, rounded half-even to `prec` hex digits (shortest when prec < 0). */
function layoutX(p: FloatParts, prec: number, upper: boolean): string {
  let mant = p.mant;
  let exp = p.exp;
  if (mant === 0n) exp = 0;
  // normalise so the leading 1 sits at bit 60
  mant <<= 8n;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(60 - prec * 4);
    const extra = mant & ((1n << shift) - 1n);
    mant >>= shift;
    const half = 1n << (shift - 1n);
    if (extra > half || (extra === half && (mant & 1n) === 1n)) mant++;
    mant <<= shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = (n: bigint) => {
    const c = '0123456789abcdef'[Number(n)]!;
    return upper ? c.toUpperCase() : c;
  };
  let s = `${p.neg ? '-' : ''}0${upper ? 'X' : 'x'}${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  if (prec < 0 && mant !== 0n) {
    s += '.';
    while (mant !== 0n) {
      s += hex((mant >> 60n) & 15n);
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  } else if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      s += hex((mant >> 60n) & 15n);
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  }
  s += upper ? 'P' : 'p';
  if (exp < 0) {
    s += '-';
    exp = -exp;
  } else s += '+';
  return s + (exp < 10 ? `0${exp}` : String(exp));
}

export type FloatFormat = 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X';

/** strconv.FormatFloat(x, fmt, prec, 64); prec < 0 asks for the shortest round-trip digits. */
export function formatFloat(x: number, fmt: FloatFormat, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (fmt === 'b' || fmt === 'x' || fmt === 'X') {
    const p = floatParts(x);
    return fmt === 'b' ? layoutB(p) : layoutX(p, prec, fmt === 'X');
  }
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  if (prec < 0) {
    const dec = shortestDecimal(a);
    const nd = dec.d.length;
    switch (fmt) {
      case 'e':
      case 'E':
        return layoutE(neg, dec, Math.max(nd - 1, 0), fmt);
      case 'f':
        return layoutF(neg, dec, Math.max(nd - dec.dp, 0));
      default: {
        const exp = dec.dp - 1;
        // shortest %g decides with precision 6: %e below 1e-4 and from 1e6 (1e+06)
        if (exp < -4 || exp >= 6) return layoutE(neg, dec, nd - 1, fmt === 'g' ? 'e' : 'E');
        return layoutF(neg, dec, Math.max(nd - dec.dp, 0));
      }
    }
  }
  if (fmt === 'f') return fixedF(neg, a, prec);
  if (fmt === 'e' || fmt === 'E') return layoutE(neg, significantDigits(a, prec + 1), prec, fmt);
  let gp = prec === 0 ? 1 : prec;
  const dec = significantDigits(a, gp);
  const nd = dec.d.length;
  let eprec = gp;
  if (eprec > nd && nd >= dec.dp) eprec = nd;
  const exp = dec.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (gp > nd) gp = nd;
    return layoutE(neg, dec, gp - 1, fmt === 'g' ? 'e' : 'E');
  }
  if (gp > dec.dp) gp = nd;
  return layoutF(neg, dec, Math.max(gp - dec.dp, 0));
}

/** |x| rounded to `n` significant digits, half to even. */
function significantDigits(a: number, n: number): Decimal {
  if (a === 0) return { d: '', dp: 0 };
  // JS toExponential is exact but rounds ties up; a tie shows as a trailing 5 one digit further
  if (n <= 100) {
    const longer = a.toExponential(n);
    if (longer.charCodeAt(longer.indexOf('e') - 1) !== 53) return parseExponential(a.toExponential(n - 1));
  }
  const p = floatParts(a);
  return roundDecimal(exactDecimal(p.mant, p.exp), n);
}

/** Digits of JS's d.ddde±x form, trailing zeros dropped. */
function parseExponential(s: string): Decimal {
  const e = s.indexOf('e');
  let d = s.charCodeAt(1) === 46 ? s[0] + s.slice(2, e) : s.slice(0, e);
  let end = d.length;
  while (end > 0 && d.charCodeAt(end - 1) === 48) end--;
  d = d.slice(0, end);
  return { d, dp: Number(s.slice(e + 1)) + 1 };
}

/** %f with a precision: JS toFixed is exact but rounds ties away from zero, Go to even. */
function fixedF(neg: boolean, a: number, prec: number): string {
  if (a < 1e21 && prec <= 100) {
    const scaled = a * 2 ** (prec + 1);
    // an exact tie needs exactly prec+1 fractional binary digits
    const tie = Number.isInteger(scaled) && !Number.isInteger(a * 2 ** prec);
    if (!tie) {
      const s = a.toFixed(prec);
      return neg ? `-${s}` : s;
    }
  }
  const p = floatParts(a);
  const exact = exactDecimal(p.mant, p.exp);
  return layoutF(neg, roundDecimal(exact, exact.dp + prec), prec);
}

/** fmt's %v of a float64 (shortest %g); the common magnitudes print exactly as JS does. */
export function formatFloatShortest(x: number): string {
  const a = x < 0 ? -x : x;
  if (a >= 1e-4 && a < 1e6) return String(x);
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  return formatFloat(x, 'g', -1);
}

// --- Integers ----------------------------------------------------------------------------

/** strconv.FormatInt / FormatUint: base 2..36, lower-case digits. */
export function formatInt(i: bigint, base = 10): string {
  if (base < 2 || base > 36) throw new Error('strconv: illegal AppendInt/FormatInt base');
  return i.toString(base);
}

export function itoa(i: bigint | number): string {
  return typeof i === 'bigint' ? i.toString() : String(Math.trunc(i));
}

function lowerAscii(c: string): string {
  return c >= 'A' && c <= 'Z' ? String.fromCharCode(c.charCodeAt(0) + 32) : c;
}

/** Go's rule for `_` in number literals: only between digits, or after a base prefix. */
function underscoreOK(s: string): boolean {
  // saw: '^' start, '0' digit or prefix, '_' underscore, '!' anything else
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0') {
    const b = lowerAscii(s[1]!);
    if (b === 'b' || b === 'o' || b === 'x') {
      i = 2;
      saw = '0';
      hex = b === 'x';
    }
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    const lc = lowerAscii(c);
    if ((c >= '0' && c <= '9') || (hex && lc >= 'a' && lc <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 122) return l - 97 + 10;
  return 99;
}

/** strconv.ParseUint(s, base, bitSize). */
export function parseGoUint(s: string, base = 10, bitSize = 64, fn = 'ParseUint'): bigint {
  if (s === '') throw new NumError(fn, s, ERR_SYNTAX);
  const base0 = base === 0;
  const s0 = s;
  if (base >= 2 && base <= 36) {
    // explicit base
  } else if (base === 0) {
    base = 10;
    if (s[0] === '0') {
      const b = s.length >= 3 ? lowerAscii(s[1]!) : '';
      if (b === 'b') {
        base = 2;
        s = s.slice(2);
      } else if (b === 'o') {
        base = 8;
        s = s.slice(2);
      } else if (b === 'x') {
        base = 16;
        s = s.slice(2);
      } else {
        base = 8;
        s = s.slice(1);
      }
    }
  } else throw new NumError(fn, s0, `invalid base ${base}`);
  if (bitSize === 0) bitSize = 64;
  else if (bitSize < 0 || bitSize > 64) throw new NumError(fn, s0, `invalid bit size ${bitSize}`);
  const maxVal = (1n << BigInt(bitSize)) - 1n;
  const b = BigInt(base);
  let n = 0n;
  let underscores = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 95 && base0) {
      underscores = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= base) throw new NumError(fn, s0, ERR_SYNTAX);
    n = n * b + BigInt(d);
    if (n > maxVal) throw new NumError(fn, s0, ERR_RANGE, maxVal);
  }
  if (underscores && !underscoreOK(s0)) throw new NumError(fn, s0, ERR_SYNTAX);
  return n;
}

/** strconv.ParseInt(s, base, bitSize); range errors carry Go's clamped value in `result`. */
export function parseGoInt(s: string, base = 10, bitSize = 64): bigint {
  const fn = 'ParseInt';
  if (s === '') throw new NumError(fn, s, ERR_SYNTAX);
  const s0 = s;
  let neg = false;
  if (s[0] === '+') s = s.slice(1);
  else if (s[0] === '-') {
    neg = true;
    s = s.slice(1);
  }
  let un: bigint;
  try {
    un = parseGoUint(s, base, bitSize, fn);
  } catch (e) {
    if (!(e instanceof NumError) || e.reason !== ERR_RANGE) {
      if (e instanceof NumError) throw new NumError(fn, s0, e.reason);
      throw e;
    }
    un = e.result as bigint;
  }
  const bits = bitSize === 0 ? 64 : bitSize;
  const cutoff = 1n << BigInt(bits - 1);
  if (!neg && un >= cutoff) throw new NumError(fn, s0, ERR_RANGE, cutoff - 1n);
  if (neg && un > cutoff) throw new NumError(fn, s0, ERR_RANGE, -cutoff);
  return neg ? -un : un;
}

/** strconv.Atoi. */
export function atoi(s: string): bigint {
  try {
    return parseGoInt(s, 10, 0);
  } catch (e) {
    if (e instanceof NumError) throw new NumError('Atoi', s, e.reason, e.result);
    throw e;
  }
}

/** strconv.ParseBool. */
export function parseBool(s: string): boolean {
  switch (s) {
    case '1':
    case 't':
    case 'T':
    case 'true':
    case 'TRUE':
    case 'True':
      return true;
    case '0':
    case 'f':
    case 'F':
    case 'false':
    case 'FALSE':
    case 'False':
      return false;
  }
  throw new NumError('ParseBool', s, ERR_SYNTAX);
}

/** Go's special float spellings: [+-]inf, [+-]infinity, nan (any case); length consumed. */
function parseSpecial(s: string): { value: number; n: number } | undefined {
  let sign = 1;
  let i = 0;
  if (s[0] === '+' || s[0] === '-') {
    if (s.length === 1) return undefined;
    if (s[0] === '-') sign = -1;
    i = 1;
  }
  const rest = s.slice(i).toLowerCase();
  if (rest.startsWith('inf')) {
    const n = rest.startsWith('infinity') ? 8 : 3;
    return { value: sign * Infinity, n: i + n };
  }
  if (i === 0 && rest.startsWith('nan')) return { value: NaN, n: 3 };
  return undefined;
}

/** strconv.ParseFloat(s, 64): decimal and hex (0x1.8p3) forms, underscores, inf/nan. */
export function parseGoFloat(s: string): number {
  const fn = 'ParseFloat';
  const special = parseSpecial(s);
  if (special) {
    if (special.n !== s.length) throw new NumError(fn, s, ERR_SYNTAX);
    return special.value;
  }
  let i = 0;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') {
    neg = s[i] === '-';
    i++;
  }
  let base = 10;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    base = 16;
    i += 2;
  }
  let mant = '';
  let sawDot = false;
  let sawDigits = false;
  let underscores = false;
  let fracDigits = 0;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c === '_') {
      underscores = true;
      continue;
    }
    if (c === '.') {
      if (sawDot) break;
      sawDot = true;
      continue;
    }
    const d = digitValue(c.charCodeAt(0));
    if (d >= base) break;
    sawDigits = true;
    mant += c;
    if (sawDot) fracDigits++;
  }
  if (!sawDigits) throw new NumError(fn, s, ERR_SYNTAX);
  let exp = 0;
  const expChar = base === 16 ? 'p' : 'e';
  if (i < s.length && lowerAscii(s[i]!) === expChar) {
    i++;
    let esign = 1;
    if (s[i] === '+' || s[i] === '-') {
      if (s[i] === '-') esign = -1;
      i++;
    }
    let sawExpDigits = false;
    for (; i < s.length; i++) {
      const c = s[i]!;
      if (c === '_') {
        underscores = true;
        continue;
      }
      if (c < '0' || c > '9') break;
      sawExpDigits = true;
      if (exp < 10000) exp = exp * 10 + (c.charCodeAt(0) - 48);
    }
    if (!sawExpDigits) throw new NumError(fn, s, ERR_SYNTAX);
    exp *= esign;
  } else if (base === 16) throw new NumError(fn, s, ERR_SYNTAX);
  if (i !== s.length) throw new NumError(fn, s, ERR_SYNTAX);
  if (underscores && !underscoreOK(s)) throw new NumError(fn, s, ERR_SYNTAX);
  let value: number;
  if (base === 10) {
    value = Number(
      `${mant.slice(0, mant.length - fracDigits) || '0'}.${mant.slice(mant.length - fracDigits)}e${exp}`,
    );
  } else value = hexToFloat(BigInt(`0x${mant}`), exp - 4 * fracDigits);
  if (neg) value = -value;
  if (value === Infinity || value === -Infinity) throw new NumError(fn, s, ERR_RANGE, value);
  return value;
}

/** mant * 2^exp rounded half-even to a double (Infinity on overflow). */
function hexToFloat(mant: bigint, exp: number): number {
  if (mant === 0n) return 0;
  const len = mant.toString(2).length;
  // value = 1.xxx * 2^top
  const top = exp + len - 1;
  if (top > 1023) return Infinity;
  // keep 53 significant bits, fewer for subnormals (lowest bit weighs 2^-1074)
  const lowBit = Math.max(top - 52, -1074);
  const drop = lowBit - exp;
  let m = mant;
  if (drop > 0) {
    const d = BigInt(drop);
    const rem = mant & ((1n << d) - 1n);
    m = mant >> d;
    const half = 1n << (d - 1n);
    if (rem > half || (rem === half && (m & 1n) === 1n)) m++;
    return Number(m) * 2 ** lowBit;
  }
  return Number(m) * 2 ** exp;
}

// --- Quoting -----------------------------------------------------------------------------

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(r: number): boolean {
  if (r < 0x7f) return r >= 0x20;
  if (r < 0xa1) return false;
  if (r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) return false;
  return PRINTABLE.test(String.fromCodePoint(r));
}

/** UTF-8 bytes of a string; a lone surrogate becomes its 3-byte (invalid to Go) encoding. */
export function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

function hexPad(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function escapeRune(r: number, q: number, asciiOnly: boolean): string {
  if (r === q || r === 92) return `\\${String.fromCharCode(r)}`;
  if (asciiOnly ? r < 0x80 && isPrint(r) : isPrint(r)) return String.fromCodePoint(r);
  switch (r) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return `\\x${hexPad(r, 2)}`;
  if (r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) r = 0xfffd;
  if (r < 0x10000) return `\\u${hexPad(r, 4)}`;
  return `\\U${hexPad(r, 8)}`;
}

function quoteWith(s: string, q: number, asciiOnly: boolean): string {
  const qc = String.fromCharCode(q);
  let out = qc;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // printable ASCII other than the quote and backslash: the overwhelmingly common case
    if (c >= 0x20 && c < 0x7f && c !== q && c !== 92) {
      out += s[i];
      continue;
    }
    let r = c;
    if (c >= 0xd800 && c < 0xe000) {
      const lo = c < 0xdc00 && i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (lo >= 0xdc00 && lo < 0xe000) {
        r = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      } else {
        // lone surrogate: invalid UTF-8 to Go, escaped byte by byte
        for (const b of utf8Bytes(s[i]!)) out += `\\x${hexPad(b, 2)}`;
        continue;
      }
    }
    out += escapeRune(r, q, asciiOnly);
  }
  return out + qc;
}

/** strconv.Quote. */
export function quote(s: string): string {
  return quoteWith(s, 34, false);
}

/** strconv.QuoteToASCII. */
export function quoteToASCII(s: string): string {
  return quoteWith(s, 34, true);
}

function validRune(r: number): boolean {
  return r >= 0 && r <= 0x10ffff && !(r >= 0xd800 && r < 0xe000);
}

/** strconv.QuoteRune: an invalid code point is quoted as U+FFFD. */
export function quoteRune(r: number): string {
  return `'${escapeRune(validRune(r) ? r : 0xfffd, 39, false)}'`;
}

/** strconv.QuoteRuneToASCII. */
export function quoteRuneToASCII(r: number): string {
  return `'${escapeRune(validRune(r) ? r : 0xfffd, 39, true)}'`;
}

/** strconv.CanBackquote: single line, no backquote, no control characters but tab, no BOM. */
export function canBackquote(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 9) || c === 0x60 || c === 0x7f || c === 0xfeff) return false;
    if (c >= 0xd800 && c < 0xe000) {
      const lo = c < 0xdc00 && i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (!(lo >= 0xdc00 && lo < 0xe000)) return false;
      i++;
    }
  }
  return true;
}

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
};

/**
 * strconv.Unquote: "double-quoted" (escapes), `raw` (no \r kept) or 'r' (one rune).
 * Throws UnquoteSyntaxError ("invalid syntax") as Go returns ErrSyntax.
 */
export function unquote(s: string): string {
  const n = s.length;
  if (n < 2) throw new UnquoteSyntaxError();
  const q = s[0];
  if (q !== s[n - 1]) throw new UnquoteSyntaxError();
  const body = s.slice(1, n - 1);
  if (q === '`') {
    if (body.includes('`')) throw new UnquoteSyntaxError();
    return body.includes('\r') ? body.replaceAll('\r', '') : body;
  }
  if (q !== '"' && q !== "'") throw new UnquoteSyntaxError();
  if (body.includes('\n')) throw new UnquoteSyntaxError();
  // decoded as UTF-8 bytes so \x and octal escapes combine as Go's do
  const bytes: number[] = [];
  let runes = 0;
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === q) throw new UnquoteSyntaxError();
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...utf8Bytes(ch));
      i += ch.length;
      runes++;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) throw new UnquoteSyntaxError();
    i += 2;
    runes++;
    if (e in SIMPLE_ESCAPES) bytes.push(SIMPLE_ESCAPES[e]!);
    else if (e === q) bytes.push(q.charCodeAt(0));
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i, i + len);
      if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) throw new UnquoteSyntaxError();
      i += len;
      const v = Number.parseInt(hex, 16);
      if (e === 'x') {
        if (q === "'" && v >= 0x80) bytes.push(...utf8Bytes(String.fromCodePoint(v)));
        else bytes.push(v);
      } else {
        if (!validRune(v)) throw new UnquoteSyntaxError();
        bytes.push(...utf8Bytes(String.fromCodePoint(v)));
      }
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(oct)) throw new UnquoteSyntaxError();
      const v = Number.parseInt(oct, 8);
      if (v > 255) throw new UnquoteSyntaxError();
      i += 2;
      if (q === "'" && v >= 0x80) bytes.push(...utf8Bytes(String.fromCodePoint(v)));
      else bytes.push(v);
    } else throw new UnquoteSyntaxError();
  }
  if (q === "'" && runes !== 1) throw new UnquoteSyntaxError();
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(bytes));
}
