/**
 * Sprig's default/empty family. Sprig's notion of "empty" is reflect-based and differs from
 * template truthiness in one place: a struct (time.Time, .Release, ...) is never empty.
 */
import { GO, isGoObject, isMap, TypedInt } from '../../value.ts';
import { def, FuncError, type FuncMap } from '../types.ts';

/** Sprig's empty: the zero value of its type; nil, "", 0, false, empty list or map. */
export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'boolean':
      return !v;
    case 'bigint':
      return v === 0n;
    case 'number':
      return v === 0;
    case 'function':
      return false;
  }
  if (v instanceof TypedInt) return v.value === 0n;
  if (Array.isArray(v)) return v.length === 0;
  if (isGoObject(v)) {
    const info = v[GO];
    // structs never count as empty; other kinds (pointers, funcs) only when nil
    if (
      info.kind === 'map' ||
      info.kind === 'slice' ||
      info.kind === 'array' ||
      info.kind === 'string' ||
      info.kind === 'ptr'
    )
      return info.isZero?.() ?? false;
    return false;
  }
  if (isMap(v)) return Object.keys(v).length === 0;
  return false;
}

export const defaultFuncs: FuncMap = {
  default: def(
    ['interface {}'],
    (d: unknown, ...given: unknown[]) => (given.length === 0 || isEmpty(given[0]) ? d : given[0]),
    'interface {}',
  ),
  empty: def(['interface {}'], isEmpty),
  coalesce: def([], (...vs: unknown[]) => vs.find((v) => !isEmpty(v)) ?? null, 'interface {}'),
  all: def([], (...vs: unknown[]) => vs.every((v) => !isEmpty(v)), 'interface {}'),
  any: def([], (...vs: unknown[]) => vs.some((v) => !isEmpty(v)), 'interface {}'),
  ternary: def(['interface {}', 'interface {}', 'bool'], (vt: unknown, vf: unknown, cond: boolean) =>
    cond ? vt : vf,
  ),
  fail: def(['string'], (msg: string) => {
    throw new FuncError(msg);
  }),
};
