/**
 * Go reflection behaviours Sprig's list and dict functions lean on: reflect.DeepEqual, Sprig's
 * `empty`, mergo's isEmptyValue, `reflect.TypeOf(x).Kind()` checks and their panic texts, and
 * spf13/cast's ToInt (used by `slice` for its indices).
 */
import { formatValue } from '../../fmt.ts';
import {
  GO,
  type GoMap,
  hasKey,
  intValue,
  isGoObject,
  isMap,
  kindOf,
  mapGet,
  sliceElemType,
  TypedInt,
  typeOf,
} from '../../value.ts';
import { FuncError } from '../types.ts';

/** What Go's runtime says when Sprig calls reflect.TypeOf(nil).Kind(). */
export const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';

/**
 * The elements of a slice argument, or the error Sprig raises for other kinds. `nil` panics in
 * Go (reflect.TypeOf(nil) is a nil Type), hence NIL_DEREF rather than the function's message.
 */
export function sliceItems(v: unknown, message: (kind: string) => string): unknown[] {
  if (v === undefined || v === null) throw new FuncError(NIL_DEREF);
  if (Array.isArray(v)) return v;
  throw new FuncError(message(kindOf(v)));
}

/** reflect.DeepEqual over the value model: types must match exactly (int 1 != int64 1). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  if (a === undefined || a === null || b === undefined || b === null) {
    return (a === undefined || a === null) && (b === undefined || b === null);
  }
  if (typeof a !== typeof b) return false;
  if (a instanceof TypedInt || b instanceof TypedInt) {
    return a instanceof TypedInt && b instanceof TypedInt && a.kind === b.kind && a.value === b.value;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return false;
    if (sliceElemType(a) !== sliceElemType(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isGoObject(a) || isGoObject(b)) {
    if (!isGoObject(a) || !isGoObject(b)) return false;
    const x = a[GO];
    const y = b[GO];
    if (x.type !== y.type) return false;
    const fx = x.fields?.();
    const fy = y.fields?.();
    if (fx && fy) return fx.length === fy.length && fx.every(([, v], i) => deepEqual(v, fy[i]![1]));
    return (x.string?.() ?? '') === (y.string?.() ?? '') && x.string !== undefined;
  }
  if (isMap(a) && isMap(b)) {
    if (typeOf(a) !== typeOf(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => hasKey(b, k) && deepEqual(a[k], mapGet(b, k)));
  }
  return false;
}

/** Sprig's `empty` is mergo's isEmptyValue too: one definition serves both. */
export { isEmpty as isEmptyValue } from './defaults.ts';

/** Sprig's strval: strings as is, errors and Stringers via their method, the rest via %v. */
export function strval(v: unknown): string {
  return typeof v === 'string' ? v : formatValue(v);
}

/**
 * spf13/cast ToInt as Sprig's toInt uses it: integers and floats truncate, strings parse with
 * Go's base prefixes (after dropping a ".0..." suffix), bools are 0/1, anything else is 0.
 */
export function castToInt(v: unknown): bigint {
  const i = intValue(v);
  if (i !== undefined) return BigInt.asIntN(64, i);
  if (typeof v === 'number') return goFloatToInt(Math.trunc(v));
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') return parseGoInt(v.replace(/^([+-]?\d+)\.0*$/, '$1')) ?? 0n;
  return 0n;
}

/** strconv.ParseInt(s, 0, 64): optional sign, 0x/0o/0b/0 prefixes, `_` between digits. */
function parseGoInt(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m) return undefined;
  let body = m[2]!;
  if (body.includes('_')) {
    // Go's underscoreOK: `_` only between digits, or right after a base prefix
    const prefixed = /^0[xXoObB]/.test(body);
    const digits = prefixed ? body.slice(2) : body;
    if (digits.endsWith('_') || digits.includes('__') || (!prefixed && digits.startsWith('_')))
      return undefined;
    body = body.replaceAll('_', '');
  }
  let n: bigint;
  if (/^0[oO]/.test(body)) n = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) n = BigInt(`0o${body.slice(1)}`);
  else n = BigInt(body);
  if (m[1] === '-') n = -n;
  if (n > 0x7fffffffffffffffn || n < -0x8000000000000000n) return undefined;
  return n;
}

/** Go's float64 -> int conversion on amd64: out-of-range and NaN become math.MinInt64. */
export function goFloatToInt(x: number): bigint {
  if (!Number.isFinite(x) || x >= 2 ** 63 || x < -(2 ** 63)) return -0x8000000000000000n;
  return BigInt(Math.trunc(x));
}
