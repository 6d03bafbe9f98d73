/** Sprig's reflection helpers: Go type and kind names, and reflect.DeepEqual. */
import { GO, isGoObject, isMap, kindOf, MAP_TYPE, sliceElemType, TypedInt, typeOf } from '../../value.ts';
import { def, type FuncMap } from '../types.ts';

/** reflect.DeepEqual over the Go value model: types must match exactly, NaN is unequal. */
export function deepEqual(a: unknown, b: unknown): boolean {
  const na = a === undefined ? null : a;
  const nb = b === undefined ? null : b;
  if (na === null || nb === null) return na === nb;
  if (typeOf(na) !== typeOf(nb)) return false;
  if (na instanceof TypedInt) return na.value === (nb as TypedInt).value;
  if (typeof na === 'function') return false;
  if (typeof na !== 'object') return na === nb;
  if (Array.isArray(na)) {
    const bb = nb as unknown[];
    if (sliceElemType(na) !== sliceElemType(bb) || na.length !== bb.length) return false;
    return na.every((x, i) => deepEqual(x, bb[i]));
  }
  if (isGoObject(na)) {
    if (na === nb) return true;
    const fa = na[GO].fields?.();
    const fb = (nb as typeof na)[GO].fields?.();
    if (fa && fb)
      return fa.length === fb.length && fa.every(([k, v], i) => k === fb[i]![0] && deepEqual(v, fb[i]![1]));
    return na[GO].string?.() !== undefined && na[GO].string?.() === (nb as typeof na)[GO].string?.();
  }
  if (isMap(na) && isMap(nb)) {
    if ((na as Record<symbol, unknown>)[MAP_TYPE] !== (nb as Record<symbol, unknown>)[MAP_TYPE]) return false;
    const ka = Object.keys(na);
    if (ka.length !== Object.keys(nb).length) return false;
    return ka.every((k) => Object.hasOwn(nb, k) && deepEqual(na[k], nb[k]));
  }
  return false;
}

export const reflectionFuncs: FuncMap = {
  typeOf: def(['interface {}'], (v: unknown) => typeOf(v)),
  typeIs: def(['string', 'interface {}'], (target: string, v: unknown) => target === typeOf(v)),
  typeIsLike: def(['string', 'interface {}'], (target: string, v: unknown) => {
    const t = typeOf(v);
    return target === t || `*${target}` === t;
  }),
  kindOf: def(['interface {}'], (v: unknown) => kindOf(v)),
  kindIs: def(['string', 'interface {}'], (target: string, v: unknown) => target === kindOf(v)),
  deepEqual: def(['interface {}', 'interface {}'], deepEqual),
};
