/**
 * Sprig's dict functions over map[string]interface{}. `merge`/`mergeOverwrite` follow
 * dario.cat/mergo v1.0 (Merge / MergeWithOverwrite into a *map): they mutate and return the
 * destination, deep-merge nested maps in place, and never merge slices element-wise.
 * Go iterates maps in random order; where Sprig exposes that order (`keys`, `values`) we use
 * sorted order, which is one of the orders Go may produce.
 */
import {
  type GoMap,
  hasKey,
  isGoObject,
  isMap,
  MAP_TYPE,
  mapGet,
  mapSet,
  newMap,
  sliceElemType,
  sliceOf,
  sortedKeys,
  typeOf,
} from '../../value.ts';
import { def, FuncError, type FuncMap } from '../types.ts';
import { isEmptyValue, strval } from './b-reflect.ts';

function dict(...kv: unknown[]): GoMap {
  const out = newMap();
  for (let i = 0; i < kv.length; i += 2) {
    mapSet(out, strval(kv[i]), i + 1 < kv.length ? kv[i + 1] : '');
  }
  return out;
}

function get(d: GoMap, key: string): unknown {
  return hasKey(d, key) ? d[key] : '';
}

function set(d: GoMap, key: string, value: unknown): GoMap {
  mapSet(d, key, value);
  return d;
}

function unset(d: GoMap, key: string): GoMap {
  delete d[key];
  return d;
}

function pluck(key: string, ...dicts: GoMap[]): unknown[] {
  return dicts.filter((d) => hasKey(d, key)).map((d) => d[key]);
}

function keys(...dicts: GoMap[]): string[] {
  return sliceOf(
    'string',
    dicts.flatMap((d) => sortedKeys(d)),
  );
}

function values(d: GoMap): unknown[] {
  return sortedKeys(d).map((k) => d[k]);
}

function pick(d: GoMap, ...names: string[]): GoMap {
  const out = newMap();
  for (const k of names) if (hasKey(d, k)) mapSet(out, k, d[k]);
  return out;
}

function omit(d: GoMap, ...names: string[]): GoMap {
  const out = newMap();
  const skip = new Set(names);
  for (const k of sortedKeys(d)) if (!skip.has(k)) mapSet(out, k, d[k]);
  return out;
}

/**
 * mergo's deepMerge for one map level. Quirks kept from mergo: without overwrite, a dst value
 * that is empty (0, false, "", nil, empty map/slice) is replaced; a nil src value is skipped
 * (with overwrite it sets nil); nested maps merge into the dst's own map object; a slice is
 * taken whole when overwriting or when the dst map is still empty.
 */
function mergeMap(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const key of sortedKeys(src)) {
    const s = src[key];
    const present = hasKey(dst, key);
    const d = mapGet(dst, key);
    if (s === null || s === undefined) {
      if (overwrite) mapSet(dst, key, null);
      continue;
    }
    if (isMap(s)) {
      if (isMap(d)) mergeMap(d, s, overwrite);
    } else if (Array.isArray(s)) {
      let merged: unknown = present && d !== null ? d : sliceOf(sliceElemType(s), []);
      // mergo tests the emptiness of the enclosing maps here, not of the slices
      if (overwrite || Object.keys(dst).length === 0) merged = s;
      mapSet(dst, key, merged);
    }
    if (present && !isEmptyValue(d)) {
      if (Array.isArray(s)) continue;
      if (isMap(s) && isMap(d)) continue;
    }
    if (overwrite || !present || isEmptyValue(d)) mapSet(dst, key, s);
  }
}

function merge(dst: GoMap, ...srcs: GoMap[]): GoMap {
  for (const src of srcs) mergeMap(dst, src, false);
  return dst;
}

function mergeOverwrite(dst: GoMap, ...srcs: GoMap[]): GoMap {
  for (const src of srcs) mergeMap(dst, src, true);
  return dst;
}

/** copystructure.Copy: maps and slices are copied recursively, keeping their Go types. */
function deepCopy(v: unknown): unknown {
  if (v === undefined || v === null) {
    throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  }
  return copyValue(v);
}

function copyValue(v: unknown): unknown {
  if (Array.isArray(v)) return sliceOf(sliceElemType(v), v.map(copyValue));
  if (isMap(v)) {
    const out = newMap();
    const mapType = (v as Record<symbol, unknown>)[MAP_TYPE];
    if (mapType !== undefined) Object.defineProperty(out, MAP_TYPE, { value: mapType });
    for (const k of Object.keys(v)) mapSet(out, k, copyValue(v[k]));
    return out;
  }
  return v;
}

/** Go's text for a failed `x.(T)` type assertion on an interface{}. */
function assertionError(v: unknown, want: string): FuncError {
  const got = v === undefined || v === null ? 'nil' : typeOf(v);
  return new FuncError(`interface conversion: interface {} is ${got}, not ${want}`);
}

function asStringMap(v: unknown): GoMap {
  if (isMap(v) && !isGoObject(v) && typeOf(v) === 'map[string]interface {}') return v;
  throw assertionError(v, 'map[string]interface {}');
}

function dig(...ps: unknown[]): unknown {
  if (ps.length < 3) throw new FuncError('dig needs at least three arguments');
  let d = asStringMap(ps[ps.length - 1]);
  const fallback = ps[ps.length - 2];
  const path = ps.slice(0, -2).map((k) => {
    if (typeof k !== 'string') throw assertionError(k, 'string');
    return k;
  });
  for (let i = 0; ; i++) {
    if (!hasKey(d, path[i]!)) return fallback;
    const step = d[path[i]!];
    if (i === path.length - 1) return step;
    d = asStringMap(step);
  }
}

const MAP = 'map[string]interface {}';

export const dictFuncs: FuncMap = {
  dict: def([], dict, 'interface {}'),
  get: def([MAP, 'string'], get),
  set: def([MAP, 'string', 'interface {}'], set),
  unset: def([MAP, 'string'], unset),
  hasKey: def([MAP, 'string'], (d: GoMap, k: string) => hasKey(d, k)),
  pluck: def(['string'], pluck, MAP),
  keys: def([], keys, MAP),
  values: def([MAP], values),
  pick: def([MAP], pick, 'string'),
  omit: def([MAP], omit, 'string'),
  merge: def([MAP], merge, MAP),
  mustMerge: def([MAP], merge, MAP),
  mergeOverwrite: def([MAP], mergeOverwrite, MAP),
  mustMergeOverwrite: def([MAP], mergeOverwrite, MAP),
  deepCopy: def(['interface {}'], deepCopy),
  mustDeepCopy: def(['interface {}'], deepCopy),
  dig: def([], dig, 'interface {}'),
};
