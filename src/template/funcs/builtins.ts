/**
 * Go text/template's predefined functions (funcs.go). Parameters typed `reflect.Value` receive
 * the executor's raw value: `undefined` for Go's invalid Value, `null` for a nil interface.
 */
import { sprint, sprintf, sprintln } from '../fmt.ts';
import {
  compareStrings,
  goObjectMap,
  intValue,
  isMap,
  isTrue,
  isUnsigned,
  kindOf,
  MAP_TYPE,
  sliceElemType,
  sliceOf,
  TypedInt,
  typeOf,
} from '../value.ts';
import { type FuncDef, FuncError, type FuncMap } from './types.ts';

const RV = 'reflect.Value' as const;

/** indirectInterface: a nil interface becomes "no value". */
function concrete(v: unknown): unknown {
  if (v === null) return undefined;
  // a named map type with methods (Helm's .Files) indexes and measures as its map
  return goObjectMap(v) ?? v;
}

function fail(msg: string): never {
  throw new FuncError(msg);
}

// --- comparison --------------------------------------------------------------------------

type BasicKind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: unknown): BasicKind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  if (v instanceof TypedInt) return isUnsigned(v) ? 'uint' : 'int';
  return 'invalid';
}

const ERR_BAD_COMPARISON_TYPE = 'invalid type for comparison';
/** Go 1.25 names both types: "incompatible types for comparison: int and float64". */
function badComparison(a: unknown, b: unknown): never {
  fail(`incompatible types for comparison: ${typeOf(a)} and ${typeOf(b)}`);
}
const ERR_NO_COMPARISON = 'missing argument for comparison';

function isNilValue(v: unknown): boolean {
  return v === undefined || v === null;
}

function comparable(v: unknown): boolean {
  const k = kindOf(v);
  return k !== 'map' && k !== 'slice' && k !== 'func';
}

function eqValues(arg1: unknown, ...arg2: unknown[]): boolean {
  arg1 = concrete(arg1);
  if (arg2.length === 0) fail(ERR_NO_COMPARISON);
  const k1 = basicKind(arg1);
  for (let arg of arg2) {
    arg = concrete(arg);
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') t = intValue(arg1)! >= 0n && intValue(arg1) === intValue(arg);
      else if (k1 === 'uint' && k2 === 'int') t = intValue(arg)! >= 0n && intValue(arg1) === intValue(arg);
      else if (arg1 !== undefined && arg !== undefined) badComparison(arg1, arg);
    } else {
      switch (k1) {
        case 'bool':
        case 'float':
        case 'string':
          t = arg1 === arg;
          break;
        case 'int':
        case 'uint':
          t = intValue(arg1) === intValue(arg);
          break;
        default: {
          const ka = kindOf(arg1);
          const kb = kindOf(arg);
          if (ka !== kb && ka !== 'invalid' && kb !== 'invalid')
            fail(sprintf('non-comparable types %s: %v, %s: %v', arg1, typeOf(arg1), typeOf(arg), arg));
          if (isNilValue(arg1) || isNilValue(arg)) t = isNilValue(arg) === isNilValue(arg1);
          else {
            if (!comparable(arg)) fail(sprintf('non-comparable type %s: %v', arg, typeOf(arg)));
            t = arg1 === arg;
          }
        }
      }
    }
    if (t) return true;
  }
  return false;
}

function ltValues(arg1: unknown, arg2: unknown): boolean {
  arg1 = concrete(arg1);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') fail(ERR_BAD_COMPARISON_TYPE);
  arg2 = concrete(arg2);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') fail(ERR_BAD_COMPARISON_TYPE);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return intValue(arg1)! < 0n || intValue(arg1)! < intValue(arg2)!;
    if (k1 === 'uint' && k2 === 'int') return intValue(arg2)! >= 0n && intValue(arg1)! < intValue(arg2)!;
    badComparison(arg1, arg2);
  }
  switch (k1) {
    case 'bool':
      fail(ERR_BAD_COMPARISON_TYPE);
      break;
    case 'float':
      return (arg1 as number) < (arg2 as number);
    case 'int':
    case 'uint':
      return intValue(arg1)! < intValue(arg2)!;
    case 'string':
      return compareStrings(arg1 as string, arg2 as string) < 0;
  }
  return false;
}

function leValues(a: unknown, b: unknown): boolean {
  return ltValues(a, b) || eqValues(a, b);
}

// --- indexing ----------------------------------------------------------------------------

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function indexArg(index: unknown, cap: number): number {
  let x: bigint;
  const iv = intValue(index);
  if (iv !== undefined) x = iv;
  else if (index === undefined || index === null) fail('cannot index slice/array with nil');
  else fail(`cannot index slice/array with type ${typeOf(index)}`);
  if (x < 0n || x > BigInt(cap)) fail(`index out of range: ${x}`);
  return Number(x);
}

function mapElemZero(m: object): unknown {
  const t = (m as Record<symbol, string | undefined>)[MAP_TYPE];
  if (t === undefined || t.endsWith(']interface {}')) return null;
  if (t.endsWith(']string')) return '';
  if (t.endsWith(']bool')) return false;
  if (t.endsWith(']int')) return 0n;
  if (t.endsWith(']float64')) return 0;
  return null;
}

function indexValue(item: unknown, ...indexes: unknown[]): unknown {
  item = concrete(item);
  if (item === undefined) fail('index of untyped nil');
  for (let index of indexes) {
    index = concrete(index);
    if (item === null || item === undefined) fail('index of nil pointer');
    if (typeof item === 'string') {
      const bytes = encoder.encode(item);
      const x = indexArg(index, bytes.length);
      // Go indexes one past the end and lets reflect panic.
      if (x === bytes.length) fail('reflect: string index out of range');
      item = new TypedInt('uint8', BigInt(bytes[x]));
    } else if (Array.isArray(item)) {
      const x = indexArg(index, item.length);
      if (x === item.length) fail('reflect: slice index out of range');
      item = item[x];
    } else if (isMap(item)) {
      if (index === undefined) fail('value is nil; should be of type string');
      if (typeof index !== 'string') fail(`value has type ${typeOf(index)}; should be string`);
      item = Object.hasOwn(item, index) ? item[index] : mapElemZero(item);
    } else {
      fail(`can't index item of type ${typeOf(item)}`);
    }
  }
  return item;
}

function sliceValue(item: unknown, ...indexes: unknown[]): unknown {
  item = concrete(item);
  if (item === undefined) fail('slice of untyped nil');
  if (indexes.length > 3) fail(`too many slice indexes: ${indexes.length}`);
  let len: number;
  let bytes: Uint8Array | undefined;
  if (typeof item === 'string') {
    if (indexes.length === 3) fail('cannot 3-index slice a string');
    bytes = encoder.encode(item);
    len = bytes.length;
  } else if (Array.isArray(item)) {
    len = item.length;
  } else fail(`can't slice item of type ${typeOf(item)}`);
  const idx = [0, len, len];
  for (let i = 0; i < indexes.length; i++) idx[i] = indexArg(indexes[i], len);
  if (idx[0] > idx[1]) fail(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) fail(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes !== undefined) return decoder.decode(bytes.subarray(idx[0], idx[1]));
  const arr = item as unknown[];
  return sliceOf(sliceElemType(arr), arr.slice(idx[0], idx[1]));
}

function lengthOf(item: unknown): bigint {
  if (item === null) fail('len of nil pointer');
  item = goObjectMap(item) ?? item;
  if (item === undefined) fail('reflect: call of reflect.Value.Type on zero Value');
  if (typeof item === 'string') return BigInt(encoder.encode(item).length);
  if (Array.isArray(item)) return BigInt(item.length);
  if (isMap(item)) return BigInt(Object.keys(item).length);
  fail(`len of type ${typeOf(item)}`);
}

// --- escaping ----------------------------------------------------------------------------

/** Go's evalArgs: one string is used as is; anything else is Sprint-ed, nil as "<no value>". */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(...args.map((a) => (a === null || a === undefined ? '<no value>' : a)));
}

export function htmlEscapeString(s: string): string {
  return s.replace(/["'&<>\0]/g, (c) => {
    switch (c) {
      case '"':
        return '&#34;';
      case "'":
        return '&#39;';
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      default:
        return '\uFFFD';
    }
  });
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

export function jsEscapeString(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (c < 0x20) out += `\\u00${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (c < 0x80 || PRINTABLE.test(ch)) out += ch;
    else out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of encoder.encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

// --- call --------------------------------------------------------------------------------

function callValue(name: string, fn: unknown, ...args: unknown[]): unknown {
  fn = concrete(fn);
  if (fn === undefined) fail('call of nil');
  if (typeof fn !== 'function') fail(`non-function ${name} of type ${typeOf(fn)}`);
  return (fn as (...a: unknown[]) => unknown)(...args.map((a) => (a === undefined ? null : a)));
}

function def(params: FuncDef['params'], fn: FuncDef['fn'], variadic?: FuncDef['variadic']): FuncDef {
  return variadic ? { fn, params, variadic } : { fn, params };
}

/** Go's builtins; `and`/`or` are short-circuited by the executor, which sees them by identity. */
export const builtinFuncs: FuncMap = {
  and: def(
    [RV],
    (...args: unknown[]) => {
      for (const a of args) if (!isTrue(concrete(a))) return a;
      return args[args.length - 1];
    },
    RV,
  ),
  or: def(
    [RV],
    (...args: unknown[]) => {
      for (const a of args) if (isTrue(concrete(a))) return a;
      return args[args.length - 1];
    },
    RV,
  ),
  not: def([RV], (a: unknown) => !isTrue(concrete(a))),
  len: def([RV], lengthOf),
  index: def([RV], indexValue, RV),
  slice: def([RV], sliceValue, RV),
  eq: def([RV], eqValues, RV),
  ne: def([RV, RV], (a: unknown, b: unknown) => !eqValues(a, b)),
  lt: def([RV, RV], ltValues),
  le: def([RV, RV], leValues),
  gt: def([RV, RV], (a: unknown, b: unknown) => !leValues(a, b)),
  ge: def([RV, RV], (a: unknown, b: unknown) => !ltValues(a, b)),
  print: def([], (...a: unknown[]) => sprint(...a), 'interface {}'),
  printf: def(['string'], (f: string, ...a: unknown[]) => sprintf(f, ...a), 'interface {}'),
  println: def([], (...a: unknown[]) => sprintln(...a), 'interface {}'),
  html: def([], (...a: unknown[]) => htmlEscapeString(evalArgs(a)), 'interface {}'),
  js: def([], (...a: unknown[]) => jsEscapeString(evalArgs(a)), 'interface {}'),
  urlquery: def([], (...a: unknown[]) => queryEscape(evalArgs(a)), 'interface {}'),
  call: def([RV], callValue, RV),
};
