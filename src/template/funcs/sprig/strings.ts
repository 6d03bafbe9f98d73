/**
 * Sprig's string functions. Several take their subject last so they pipe well
 * (`"foo" | repeat 3`), and several (trunc, substr, abbrev) count bytes, not characters.
 */
import { sprintf } from '../../fmt.ts';
import { isSlice, MAP_TYPE, sliceOf } from '../../value.ts';
import { def, type FuncMap } from '../types.ts';
import {
  abbreviateFull,
  camelToLower,
  deleteWhiteSpace,
  initials,
  shuffleRunes,
  swapCase,
  toPascalCase,
  uncapitalize,
  wrapCustom,
} from './a-casing.ts';
import { strval } from './a-cast.ts';
import {
  byteLen,
  byteSlice,
  goRepeat,
  goSplitN,
  goTitle,
  goToLower,
  goToUpper,
  trimCutset,
  trimSpace,
} from './a-gostring.ts';

/** Sprig's strslice: a list's non-nil elements as strings; nil as no strings; else one. */
export function toStringSlice(v: unknown): string[] {
  if (isSlice(v)) {
    return sliceOf('string', v.filter((x) => x !== null && x !== undefined).map(strval));
  }
  if (v === null || v === undefined) return sliceOf('string', []);
  return sliceOf('string', [strval(v)]);
}

/** A Go map[string]string. */
function stringMap(entries: string[]): Record<string, string> {
  const m: Record<string, string> = {};
  Object.defineProperty(m, MAP_TYPE, { value: 'map[string]string', enumerable: false });
  entries.forEach((part, i) => {
    m[`_${i}`] = part;
  });
  return m;
}

function nonNil(args: unknown[]): unknown[] {
  return args.filter((a) => a !== null && a !== undefined);
}

/** Go's `s[start:end]` bounds panics, as the runtime words them. */
function sliceBounds(s: string, start: number | undefined, end: number | undefined): string {
  const len = byteLen(s);
  if (end !== undefined && end < 0) throw new Error(`runtime error: slice bounds out of range [:${end}]`);
  if (end !== undefined && end > len)
    throw new Error(`runtime error: slice bounds out of range [:${end}] with length ${len}`);
  const from = start ?? 0;
  const to = end ?? len;
  if (from > to) throw new Error(`runtime error: slice bounds out of range [${from}:${to}]`);
  return byteSlice(s, from, to);
}

const num = (n: bigint) => Number(n);

export const stringFuncs: FuncMap = {
  hello: def([], () => 'Hello!'),
  abbrev: def(['int', 'string'], (width: bigint, s: string) => {
    if (width < 4n) return s;
    return abbreviateFull(s, 0, num(width)) ?? '';
  }),
  abbrevboth: def(['int', 'int', 'string'], (left: bigint, right: bigint, s: string) => {
    if (right < 4n || (left > 0n && right < 7n)) return s;
    return abbreviateFull(s, num(left), num(right)) ?? '';
  }),
  trunc: def(['int', 'string'], (c: bigint, s: string) => {
    const len = byteLen(s);
    const n = num(c);
    if (n < 0 && len + n > 0) return byteSlice(s, len + n);
    if (n >= 0 && len > n) return byteSlice(s, 0, n);
    return s;
  }),
  trim: def(['string'], trimSpace),
  upper: def(['string'], goToUpper),
  lower: def(['string'], goToLower),
  title: def(['string'], goTitle),
  untitle: def(['string'], uncapitalize),
  substr: def(['int', 'int', 'string'], (start: bigint, end: bigint, s: string) => {
    const a = num(start);
    const b = num(end);
    if (a < 0) return sliceBounds(s, undefined, b);
    if (b < 0 || b > byteLen(s)) return sliceBounds(s, a, undefined);
    return sliceBounds(s, a, b);
  }),
  repeat: def(['int', 'string'], (count: bigint, s: string) => goRepeat(s, count)),
  trimall: def(['string', 'string'], (cutset: string, s: string) => trimCutset(s, cutset)),
  trimAll: def(['string', 'string'], (cutset: string, s: string) => trimCutset(s, cutset)),
  trimSuffix: def(['string', 'string'], (suffix: string, s: string) =>
    suffix !== '' && s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s,
  ),
  trimPrefix: def(['string', 'string'], (prefix: string, s: string) =>
    s.startsWith(prefix) ? s.slice(prefix.length) : s,
  ),
  nospace: def(['string'], deleteWhiteSpace),
  initials: def(['string'], initials),
  swapcase: def(['string'], swapCase),
  shuffle: def(['string'], shuffleRunes),
  snakecase: def(['string'], (s: string) => camelToLower(s, 0x5f)),
  // Sprig pins camelcase to upper camel case (xstrings.ToPascalCase)
  camelcase: def(['string'], toPascalCase),
  kebabcase: def(['string'], (s: string) => camelToLower(s, 0x2d)),
  wrap: def(['int', 'string'], (l: bigint, s: string) => wrapCustom(s, num(l), '', false)),
  wrapWith: def(['int', 'string', 'string'], (l: bigint, sep: string, s: string) =>
    wrapCustom(s, num(l), sep, true),
  ),
  contains: def(['string', 'string'], (sub: string, s: string) => s.includes(sub)),
  hasPrefix: def(['string', 'string'], (p: string, s: string) => s.startsWith(p)),
  hasSuffix: def(['string', 'string'], (p: string, s: string) => s.endsWith(p)),
  quote: def(
    [],
    (...args: unknown[]) =>
      nonNil(args)
        .map((a) => sprintf('%q', strval(a)))
        .join(' '),
    'interface {}',
  ),
  squote: def(
    [],
    (...args: unknown[]) =>
      nonNil(args)
        .map((a) => sprintf("'%v'", a))
        .join(' '),
    'interface {}',
  ),
  cat: def(
    [],
    (...args: unknown[]) => {
      const vals = nonNil(args);
      return sprintf(vals.map(() => '%v').join(' '), ...vals);
    },
    'interface {}',
  ),
  indent: def(['int', 'string'], (spaces: bigint, s: string) => indent(num(spaces), s)),
  nindent: def(['int', 'string'], (spaces: bigint, s: string) => `\n${indent(num(spaces), s)}`),
  replace: def(['string', 'string', 'string'], (old: string, repl: string, s: string) =>
    goReplaceAll(s, old, repl),
  ),
  plural: def(['string', 'string', 'int'], (one: string, many: string, count: bigint) =>
    count === 1n ? one : many,
  ),
  toString: def(['interface {}'], strval),
  split: def(['string', 'string'], (sep: string, s: string) => stringMap(goSplitN(s, sep, -1))),
  splitList: def(['string', 'string'], (sep: string, s: string) => sliceOf('string', goSplitN(s, sep, -1))),
  splitn: def(['string', 'int', 'string'], (sep: string, n: bigint, s: string) =>
    stringMap(goSplitN(s, sep, num(n))),
  ),
  toStrings: def(['interface {}'], toStringSlice),
  join: def(['string', 'interface {}'], (sep: string, v: unknown) => toStringSlice(v).join(sep)),
};

function indent(spaces: number, s: string): string {
  const pad = goRepeat(' ', BigInt(spaces));
  return pad + s.replaceAll('\n', `\n${pad}`);
}

/** strings.Replace(s, old, new, -1): an empty `old` inserts at every rune boundary. */
function goReplaceAll(s: string, old: string, repl: string): string {
  if (old === repl) return s;
  if (old !== '') return s.split(old).join(repl);
  return repl + Array.from(s).join(repl) + (s === '' ? '' : repl);
}
