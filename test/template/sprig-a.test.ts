/**
 * Sprig part A (strings, conversion, math, defaults, reflection, encoding, paths, url) against
 * outputs recorded from the real helm v4.1.4. Each case in testdata/sprig-a/cases.json holds the
 * call (function name and Go-typed arguments), the template helm ran, and what it printed for
 * `printf "%T|%v"` of the result, or the error text after `error calling NAME: `.
 *
 * Argument encoding: a JSON string is a Go string, a bare number an int (or float64 if it has a
 * fraction), `{i}` int, `{i64}` int64, `{f}` float64 (a string for NaN/Inf), `{u}` a missing
 * value, `{l}` []interface{}, `{ss}` []string, `{m}` map[string]interface{}.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { conversionFuncs } from '../../src/template/funcs/sprig/conversion.ts';
import { defaultFuncs } from '../../src/template/funcs/sprig/defaults.ts';
import { encodingFuncs } from '../../src/template/funcs/sprig/encoding.ts';
import { mathFuncs } from '../../src/template/funcs/sprig/math.ts';
import { pathFuncs } from '../../src/template/funcs/sprig/paths.ts';
import { reflectionFuncs } from '../../src/template/funcs/sprig/reflection.ts';
import { stringFuncs } from '../../src/template/funcs/sprig/strings.ts';
import { urlFuncs } from '../../src/template/funcs/sprig/url.ts';
import type { FuncMap } from '../../src/template/funcs/types.ts';
import { int64, isMap, sliceOf, sortedKeys, TypedInt, typeOf } from '../../src/template/value.ts';

const funcs: FuncMap = {
  ...stringFuncs,
  ...conversionFuncs,
  ...mathFuncs,
  ...defaultFuncs,
  ...reflectionFuncs,
  ...encodingFuncs,
  ...pathFuncs,
  ...urlFuncs,
};

type Arg = unknown;
interface Case {
  call: [string, ...Arg[]];
  template: string;
  want?: string;
  err?: string;
}

const cases: Case[] = JSON.parse(
  readFileSync(new URL('./testdata/sprig-a/cases.json', import.meta.url), 'utf8'),
);

function decode(a: Arg): unknown {
  if (a === null || typeof a === 'string' || typeof a === 'boolean') return a;
  if (typeof a === 'number') return Number.isInteger(a) ? BigInt(a) : a;
  const o = a as Record<string, unknown>;
  if ('i' in o) return BigInt(o.i as string);
  if ('i64' in o) return int64(BigInt(o.i64 as string));
  if ('f' in o) return typeof o.f === 'string' ? parseSpecial(o.f) : Number(o.f);
  if ('u' in o) return undefined;
  if ('l' in o) return (o.l as Arg[]).map(decode);
  if ('ss' in o) return sliceOf('string', [...(o.ss as string[])]);
  if ('m' in o) {
    const m: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o.m as Record<string, Arg>)) m[k] = decode(v);
    return m;
  }
  throw new Error(`unknown argument encoding ${JSON.stringify(a)}`);
}

function parseSpecial(s: string): number {
  if (/^[+-]?inf$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  return Number(s);
}

/** Go's strconv 'g' with shortest precision (exponent form from 1e+06 up), as %v prints a float64. */
function goFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mant, e] = x.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    const digits = mant.replace('.', '').replace('-', '');
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${x < 0 ? '-' : ''}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(x);
}

/** `%v` of a result, for the value shapes these functions return. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof TypedInt) return String(v.value);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isMap(v))
    return `map[${sortedKeys(v)
      .map((k) => `${k}:${goValue(v[k])}`)
      .join(' ')}]`;
  throw new Error(`cannot print ${String(v)}`);
}

function run(c: Case): { out: string } | { err: string } {
  const [name, ...args] = c.call;
  const f = funcs[name];
  if (!f) throw new Error(`no function ${name}`);
  try {
    const v = f.fn(...args.map(decode));
    return { out: `${typeOf(v)}|${goValue(v)}` };
  } catch (e) {
    return { err: (e as Error).message };
  }
}

const byFunction = new Map<string, Case[]>();
for (const c of cases) {
  const list = byFunction.get(c.call[0]) ?? [];
  list.push(c);
  byFunction.set(c.call[0], list);
}

describe.each([...byFunction.keys()])('%s', (name) => {
  test.each(byFunction.get(name)!.map((c) => [c.template, c] as const))('%s', (_, c) => {
    expect(run(c)).toEqual(c.err !== undefined ? { err: c.err } : { out: c.want });
  });
});

test('every function of part A has recorded cases, except the random shuffle', () => {
  const missing = Object.keys(funcs).filter((n) => !byFunction.has(n) && n !== 'shuffle');
  expect(missing).toEqual([]);
});

test('shuffle permutes runes', () => {
  const s = 'héllo wörld 日本';
  const out = funcs.shuffle!.fn(s) as string;
  expect([...out].sort()).toEqual([...s].sort());
});

test('parameter declarations follow the Go signatures', () => {
  expect(funcs.indent!.params).toEqual(['int', 'string']);
  expect(funcs.quote!.variadic).toBe('interface {}');
  expect(funcs.round!.params).toEqual(['interface {}', 'int']);
  expect(funcs.round!.variadic).toBe('float64');
  expect(funcs.seq!.variadic).toBe('int');
  expect(funcs.urlJoin!.params).toEqual(['map[string]interface {}']);
});
