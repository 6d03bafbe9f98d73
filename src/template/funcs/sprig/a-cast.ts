/**
 * The conversions Sprig borrows from spf13/cast v1.7 (ToInt64, ToInt, ToFloat64) and the strconv
 * parsers they rely on. cast swallows every error and answers 0, so a value it cannot convert
 * (a map, a malformed string, an out-of-range number) becomes 0 rather than failing the template.
 */
import { formatValue } from '../../fmt.ts';
import { GO, isGoObject, TypedInt } from '../../value.ts';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

export type ParseIntResult =
  | { ok: true; value: bigint }
  | { ok: false; kind: 'syntax' }
  | { ok: false; kind: 'range'; value: bigint };

function lower(c: string): string {
  return c.toLowerCase();
}

/** Go's rule for `_` in number literals: only between digits, or right after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(lower(s[1]!))) {
    i = 2;
    saw = '0';
    hex = lower(s[1]!) === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
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

function digitValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 97 + 10;
  if (code >= 65 && code <= 90) return code - 65 + 10;
  return 99;
}

/** strconv.ParseInt(s, base, 64); base 0 reads Go prefixes (0x, 0o, 0b, leading 0) and `_`. */
export function parseInt64(s0: string, base: number): ParseIntResult {
  if (s0 === '') return { ok: false, kind: 'syntax' };
  let s = s0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  const base0 = base === 0;
  if (s === '') return { ok: false, kind: 'syntax' };
  if (base0) {
    base = 10;
    if (s[0] === '0') {
      if (s.length >= 3 && lower(s[1]!) === 'b') {
        base = 2;
        s = s.slice(2);
      } else if (s.length >= 3 && lower(s[1]!) === 'o') {
        base = 8;
        s = s.slice(2);
      } else if (s.length >= 3 && lower(s[1]!) === 'x') {
        base = 16;
        s = s.slice(2);
      } else {
        base = 8;
        s = s.slice(1);
      }
    }
  }
  let n = 0n;
  let overflow = false;
  let sawUnderscore = false;
  const b = BigInt(base);
  for (const c of s) {
    if (c === '_' && base0) {
      sawUnderscore = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= base) return { ok: false, kind: 'syntax' };
    if (!overflow) {
      n = n * b + BigInt(d);
      if (n > 1n << 64n) overflow = true;
    }
  }
  if (sawUnderscore && !underscoreOK(s0)) return { ok: false, kind: 'syntax' };
  if (!overflow) {
    const v = neg ? -n : n;
    if (v >= INT64_MIN && v <= INT64_MAX) return { ok: true, value: v };
  }
  return { ok: false, kind: 'range', value: neg ? INT64_MIN : INT64_MAX };
}

const DEC_FLOAT = /^[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F_]*)\.?([0-9a-fA-F_]*)[pP]([+-]?[0-9_]+)$/;

/** strconv.ParseFloat(s, 64): undefined on a syntax or range error. */
export function parseFloat64(s: string): number | undefined {
  const special = parseSpecialFloat(s);
  if (special !== undefined) return special;
  if (s.includes('_') && !underscoreOK(s)) return undefined;
  let v: number;
  if (DEC_FLOAT.test(s)) {
    const plain = s.replaceAll('_', '');
    if (!/[0-9]/.test(plain.split(/[eE]/)[0]!)) return undefined;
    v = Number(plain);
  } else {
    const m = HEX_FLOAT.exec(s);
    if (!m) return undefined;
    const intPart = m[2]!.replaceAll('_', '');
    const fracPart = m[3]!.replaceAll('_', '');
    if (intPart === '' && fracPart === '') return undefined;
    const mant = BigInt(`0x${intPart}${fracPart}` === '0x' ? '0' : `0x${intPart}${fracPart}`);
    const exp = Number(m[4]!.replaceAll('_', '')) - 4 * fracPart.length;
    v = mant === 0n ? 0 : Number(mant) * 2 ** exp;
    if (m[1] === '-') v = -v;
  }
  if (!Number.isFinite(v)) return undefined;
  return v;
}

function parseSpecialFloat(s: string): number | undefined {
  const l = s.toLowerCase();
  if (l === 'nan') return Number.NaN;
  const body = l[0] === '+' || l[0] === '-' ? l.slice(1) : l;
  if (body === 'inf' || body === 'infinity')
    return l[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return undefined;
}

/** cast's trimZeroDecimal: "10.00" -> "10", so a float-looking whole number parses as an int. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') {
      foundZero = true;
    } else {
      return s;
    }
  }
  return s;
}

/** Go's float64 -> int64 conversion as amd64 does it: out of range and NaN give MinInt64. */
export function floatToInt64(f: number): bigint {
  if (Number.isNaN(f) || f >= 2 ** 63 || f < -(2 ** 63)) return INT64_MIN;
  return BigInt(Math.trunc(f));
}

/** cast.ToInt64 (and cast.ToInt: Go's int is 64-bit here). Failures give 0. */
export function toInt64(v: unknown): bigint {
  if (v === undefined || v === null) return 0n;
  switch (typeof v) {
    case 'bigint':
      return BigInt.asIntN(64, v);
    case 'number':
      return floatToInt64(v);
    case 'boolean':
      return v ? 1n : 0n;
    case 'string': {
      const r = parseInt64(trimZeroDecimal(v), 0);
      return r.ok ? r.value : 0n;
    }
  }
  if (v instanceof TypedInt) return BigInt.asIntN(64, v.value);
  return 0n;
}

/** cast.ToFloat64. Failures give 0. */
export function toFloat64(v: unknown): number {
  if (v === undefined || v === null) return 0;
  switch (typeof v) {
    case 'bigint':
      return Number(v);
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return parseFloat64(v) ?? 0;
  }
  if (v instanceof TypedInt) return Number(v.value);
  return 0;
}

/** Sprig's strval: strings as they are, errors and Stringers by their methods, else `%v`. */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return formatValue(null);
  if (isGoObject(v)) {
    const info = v[GO];
    const s = info.error?.() ?? info.string?.();
    if (s !== undefined) return s;
  }
  return formatValue(v);
}
