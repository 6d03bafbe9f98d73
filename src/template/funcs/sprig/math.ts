/**
 * Sprig's arithmetic: integer math in int64 (operands through cast.ToInt64, wrapping on
 * overflow), float math through exact decimals (see a-decimal.ts), and integer sequences.
 */
import { int64, sliceOf } from '../../value.ts';
import { def, type FuncMap } from '../types.ts';
import { toFloat64, toInt64 } from './a-cast.ts';
import {
  type Decimal,
  decimalAdd,
  decimalDiv,
  decimalFromFloat,
  decimalMul,
  decimalSub,
  decimalToFloat,
} from './a-decimal.ts';

const wrap = (v: bigint) => BigInt.asIntN(64, v);

function decimalOp(first: unknown, rest: unknown[], op: (a: Decimal, b: Decimal) => Decimal): number {
  let acc = decimalFromFloat(toFloat64(first));
  for (const x of rest) acc = op(acc, decimalFromFloat(toFloat64(x)));
  return decimalToFloat(acc);
}

function divide(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Error('runtime error: integer divide by zero');
  return wrap(a / b);
}

function remainder(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Error('runtime error: integer divide by zero');
  return a % b;
}

/** Sprig's untilStep: counts from start towards stop (exclusive); a wrong-way step gives []. */
export function untilStep(start: bigint, stop: bigint, step: bigint): bigint[] {
  const out: bigint[] = [];
  if (stop < start) {
    if (step >= 0n) return out;
    for (let i = start; i > stop; i = wrap(i + step)) out.push(i);
    return out;
  }
  if (step <= 0n) return out;
  for (let i = start; i < stop; i = wrap(i + step)) out.push(i);
  return out;
}

function seq(params: bigint[]): string {
  let list: bigint[];
  switch (params.length) {
    case 1: {
      const end = params[0]!;
      const inc = end < 1n ? -1n : 1n;
      list = untilStep(1n, end + inc, inc);
      break;
    }
    case 2: {
      const [start, end] = params as [bigint, bigint];
      const inc = end < start ? -1n : 1n;
      list = untilStep(start, end + inc, inc);
      break;
    }
    case 3: {
      const [start, step, end] = params as [bigint, bigint, bigint];
      let inc = 1n;
      if (end < start) {
        inc = -1n;
        if (step > 0n) return '';
      }
      list = untilStep(start, end + inc, step);
      break;
    }
    default:
      return '';
  }
  return list.join(' ');
}

function maxInt(a: unknown, rest: unknown[]): bigint {
  let m = toInt64(a);
  for (const x of rest) {
    const v = toInt64(x);
    if (v > m) m = v;
  }
  return m;
}

function minInt(a: unknown, rest: unknown[]): bigint {
  let m = toInt64(a);
  for (const x of rest) {
    const v = toInt64(x);
    if (v < m) m = v;
  }
  return m;
}

/** Sprig's round: half (or `roundOn`) rounds up by the fraction's sign-blind comparison. */
function round(a: unknown, places: bigint, roundOn: number[]): number {
  const on = roundOn.length > 0 ? roundOn[0]! : 0.5;
  const pow = 10 ** Number(places);
  const digit = pow * toFloat64(a);
  const frac = digit % 1;
  const r = frac >= on ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

export const mathFuncs: FuncMap = {
  add1: def(['interface {}'], (i: unknown) => int64(toInt64(i) + 1n)),
  add: def(
    [],
    (...xs: unknown[]) => int64(xs.reduce<bigint>((acc, x) => wrap(acc + toInt64(x)), 0n)),
    'interface {}',
  ),
  sub: def(['interface {}', 'interface {}'], (a: unknown, b: unknown) => int64(toInt64(a) - toInt64(b))),
  div: def(['interface {}', 'interface {}'], (a: unknown, b: unknown) =>
    int64(divide(toInt64(a), toInt64(b))),
  ),
  mod: def(['interface {}', 'interface {}'], (a: unknown, b: unknown) =>
    int64(remainder(toInt64(a), toInt64(b))),
  ),
  mul: def(
    ['interface {}'],
    (a: unknown, ...xs: unknown[]) =>
      int64(xs.reduce<bigint>((acc, x) => wrap(acc * toInt64(x)), toInt64(a))),
    'interface {}',
  ),
  add1f: def(['interface {}'], (i: unknown) => decimalOp(i, [1n], decimalAdd)),
  addf: def([], (...xs: unknown[]) => decimalOp(0, xs, decimalAdd), 'interface {}'),
  subf: def(['interface {}'], (a: unknown, ...xs: unknown[]) => decimalOp(a, xs, decimalSub), 'interface {}'),
  divf: def(['interface {}'], (a: unknown, ...xs: unknown[]) => decimalOp(a, xs, decimalDiv), 'interface {}'),
  mulf: def(['interface {}'], (a: unknown, ...xs: unknown[]) => decimalOp(a, xs, decimalMul), 'interface {}'),
  biggest: def(['interface {}'], (a: unknown, ...xs: unknown[]) => int64(maxInt(a, xs)), 'interface {}'),
  max: def(['interface {}'], (a: unknown, ...xs: unknown[]) => int64(maxInt(a, xs)), 'interface {}'),
  min: def(['interface {}'], (a: unknown, ...xs: unknown[]) => int64(minInt(a, xs)), 'interface {}'),
  maxf: def(
    ['interface {}'],
    (a: unknown, ...xs: unknown[]) => xs.reduce<number>((m, x) => Math.max(m, toFloat64(x)), toFloat64(a)),
    'interface {}',
  ),
  minf: def(
    ['interface {}'],
    (a: unknown, ...xs: unknown[]) => xs.reduce<number>((m, x) => Math.min(m, toFloat64(x)), toFloat64(a)),
    'interface {}',
  ),
  ceil: def(['interface {}'], (a: unknown) => Math.ceil(toFloat64(a))),
  floor: def(['interface {}'], (a: unknown) => Math.floor(toFloat64(a))),
  round: def(['interface {}', 'int'], (a: unknown, p: bigint, ...on: number[]) => round(a, p, on), 'float64'),
  until: def(['int'], (count: bigint) => sliceOf('int', untilStep(0n, count, count < 0n ? -1n : 1n))),
  untilStep: def(['int', 'int', 'int'], (start: bigint, stop: bigint, step: bigint) =>
    sliceOf('int', untilStep(start, stop, step)),
  ),
  seq: def([], (...params: bigint[]) => seq(params), 'int'),
};
