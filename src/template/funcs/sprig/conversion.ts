/**
 * Sprig's conversions. They never fail: spf13/cast answers 0 for anything it cannot convert,
 * and atoi/toDecimal drop their strconv errors.
 */
import { sprint } from '../../fmt.ts';
import { int64 } from '../../value.ts';
import { def, type FuncMap } from '../types.ts';
import { parseInt64, toFloat64, toInt64 } from './a-cast.ts';

export const conversionFuncs: FuncMap = {
  // strconv.Atoi: a syntax error gives 0, an out-of-range number its clamped value
  atoi: def(['string'], (s: string) => {
    const r = parseInt64(s, 10);
    return r.ok ? r.value : r.kind === 'range' ? r.value : 0n;
  }),
  int64: def(['interface {}'], (v: unknown) => int64(toInt64(v))),
  int: def(['interface {}'], (v: unknown) => toInt64(v)),
  float64: def(['interface {}'], (v: unknown) => toFloat64(v)),
  // reads the value's printed form as an octal number (unix file modes)
  toDecimal: def(['interface {}'], (v: unknown) => {
    const r = parseInt64(sprint(v ?? null), 8);
    return int64(r.ok ? r.value : 0n);
  }),
};
