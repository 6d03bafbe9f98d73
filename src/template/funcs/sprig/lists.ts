/**
 * Sprig's list functions. They accept any slice kind through reflection ([]interface{},
 * []string, ...) and, except for `slice`, always return []interface{}. The non-`must` forms
 * panic where the `must` forms return an error; text/template turns both into the same
 * "error calling NAME: MSG", so each pair shares one body here.
 */
import { compareStrings, sliceElemType, sliceOf } from '../../value.ts';
import { def, type FuncDef, FuncError, type FuncMap } from '../types.ts';
import { castToInt, deepEqual, goFloatToInt, isEmptyValue, sliceItems, strval } from './b-reflect.ts';

function push(list: unknown, v: unknown): unknown[] {
  return [...sliceItems(list, (k) => `Cannot push on type ${k}`), v];
}

function prepend(list: unknown, v: unknown): unknown[] {
  return [v, ...sliceItems(list, (k) => `Cannot prepend on type ${k}`)];
}

function first(list: unknown): unknown {
  const items = sliceItems(list, (k) => `Cannot find first on type ${k}`);
  return items.length === 0 ? null : items[0];
}

function last(list: unknown): unknown {
  const items = sliceItems(list, (k) => `Cannot find last on type ${k}`);
  return items.length === 0 ? null : items[items.length - 1];
}

function rest(list: unknown): unknown[] {
  return sliceItems(list, (k) => `Cannot find rest on type ${k}`).slice(1);
}

function initial(list: unknown): unknown[] {
  return sliceItems(list, (k) => `Cannot find initial on type ${k}`).slice(0, -1);
}

function reverse(list: unknown): unknown[] {
  return [...sliceItems(list, (k) => `Cannot find reverse on type ${k}`)].reverse();
}

function compact(list: unknown): unknown[] {
  return sliceItems(list, (k) => `Cannot compact on type ${k}`).filter((x) => !isEmptyValue(x));
}

function uniq(list: unknown): unknown[] {
  const out: unknown[] = [];
  for (const x of sliceItems(list, (k) => `Cannot find uniq on type ${k}`)) {
    if (!out.some((y) => deepEqual(x, y))) out.push(x);
  }
  return out;
}

function without(list: unknown, ...omit: unknown[]): unknown[] {
  return sliceItems(list, (k) => `Cannot find without on type ${k}`).filter(
    (x) => !omit.some((o) => deepEqual(x, o)),
  );
}

function has(needle: unknown, haystack: unknown): boolean {
  // Sprig checks for a nil haystack before reflecting on it
  if (haystack === undefined || haystack === null) return false;
  return sliceItems(haystack, (k) => `Cannot find has on type ${k}`).some((x) => deepEqual(needle, x));
}

const MAKESLICE = 'runtime error: makeslice: len out of range';

/** Sprig computes the chunk count in float64, so size 0 or negative sizes hit Go's makeslice. */
function chunk(size: bigint, list: unknown): unknown[][] {
  const items = sliceItems(list, (k) => `Cannot chunk type ${k}`);
  const l = items.length;
  const n = Number(size);
  const count = goFloatToInt(Math.floor((l - 1) / n)) + 1n;
  if (count < 0n) throw new FuncError(MAKESLICE);
  const out: unknown[][] = [];
  for (let i = 0n; i < count; i++) {
    let clen = size;
    if (i === count - 1n) {
      clen = goFloatToInt(Math.floor(l % n));
      if (clen === 0n) clen = size;
    }
    if (clen < 0n) throw new FuncError(MAKESLICE);
    const part: unknown[] = [];
    for (let j = 0n; j < clen; j++) {
      const ix = i * size + j;
      if (ix >= BigInt(l)) throw new FuncError(`runtime error: index out of range [${ix}] with length ${l}`);
      part.push(items[Number(ix)]);
    }
    out.push(part);
  }
  return sliceOf('[]interface {}', out);
}

/** Sprig's `slice` (it replaces text/template's builtin in Helm): keeps the slice's type. */
function slice(list: unknown, ...indices: unknown[]): unknown {
  const items = sliceItems(list, (k) => `list should be type of slice or array but ${k}`);
  if (items.length === 0) return null;
  const start = indices.length > 0 ? castToInt(indices[0]) : 0n;
  const end = indices.length > 1 ? castToInt(indices[1]) : BigInt(items.length);
  if (start < 0n || end < start || end > BigInt(items.length)) {
    throw new FuncError('reflect.Value.Slice: slice index out of bounds');
  }
  return sliceOf(sliceElemType(items), items.slice(Number(start), Number(end)));
}

function concat(...lists: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const l of lists) out.push(...sliceItems(l, (k) => `Cannot concat type ${k} as list`));
  return out;
}

/**
 * Sprig's strslice then sort.Strings. A []string is sorted in place (Go sorts the caller's
 * backing array); nil elements of []interface{} are dropped; a non-slice becomes [strval(x)].
 */
function sortAlpha(list: unknown): string[] {
  if (!Array.isArray(list)) return sliceOf('string', [strval(list)]);
  const strs =
    sliceElemType(list) === 'string'
      ? (list as string[])
      : list.filter((x) => x !== null && x !== undefined).map(strval);
  strs.sort(compareStrings);
  return sliceOf('string', strs);
}

/** A function and its must* twin: same body, same error text. */
function withMust(name: string, d: FuncDef): FuncMap {
  return { [name]: d, [`must${name[0]!.toUpperCase()}${name.slice(1)}`]: d };
}

export const listFuncs: FuncMap = {
  list: def([], (...v: unknown[]) => v, 'interface {}'),
  tuple: def([], (...v: unknown[]) => v, 'interface {}'),
  ...withMust('append', def(['interface {}', 'interface {}'], push)),
  ...withMust('push', def(['interface {}', 'interface {}'], push)),
  ...withMust('prepend', def(['interface {}', 'interface {}'], prepend)),
  ...withMust('first', def(['interface {}'], first)),
  ...withMust('last', def(['interface {}'], last)),
  ...withMust('rest', def(['interface {}'], rest)),
  ...withMust('initial', def(['interface {}'], initial)),
  ...withMust('reverse', def(['interface {}'], reverse)),
  ...withMust('compact', def(['interface {}'], compact)),
  ...withMust('uniq', def(['interface {}'], uniq)),
  ...withMust('without', def(['interface {}'], without, 'interface {}')),
  ...withMust('has', def(['interface {}', 'interface {}'], has)),
  ...withMust('chunk', def(['int', 'interface {}'], chunk)),
  ...withMust('slice', def(['interface {}'], slice, 'interface {}')),
  concat: def([], concat, 'interface {}'),
  sortAlpha: def(['interface {}'], sortAlpha),
};
