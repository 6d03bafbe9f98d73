/**
 * fmt against outputs recorded from the real helm (scripts/record-fmt.mjs): each golden case is
 * a template call such as `printf "%05d" 42`; its arguments are built here as the template
 * engine would build them (int literals are int, float literals float64, `list`/`dict`/`int64`/
 * `float64`/`toStrings`/`until`/`semver` as Sprig returns them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFloat, formatValue, quote, sprint, sprintf, sprintln } from '../../src/template/fmt.ts';
import { parseGoFloat, parseGoInt, unquote } from '../../src/template/strconv.ts';
import { GO, type GoObject, int64, sliceOf, TypedInt } from '../../src/template/value.ts';

interface GoldenCase {
  call: string;
  out: string;
}

const golden: GoldenCase[] = JSON.parse(
  readFileSync(join(import.meta.dirname, 'testdata/fmt/golden.json'), 'utf8'),
);

// --- a small reader for the argument syntax used in cases.txt ---------------------------

type Node = { lit: unknown } | { call: string; args: Node[] };

function tokenize(src: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ') {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push(c);
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      tokens.push(src.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < src.length && !' ()'.includes(src[j]!)) j++;
      tokens.push(src.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

function literal(tok: string): unknown {
  if (tok[0] === '"') return unquote(tok);
  if (tok[0] === "'") return BigInt(unquote(tok).codePointAt(0)!);
  if (tok === 'true' || tok === 'false') return tok === 'true';
  if (tok === 'nil') return null;
  // text/template: integer constants are int; anything with . e p (outside hex) is float64
  if (/^[-+]?(0[xX][0-9a-fA-F_]+|[0-9_]+)$/.test(tok)) return parseGoInt(tok, 0, 64);
  return parseGoFloat(tok);
}

function parse(tokens: string[]): Node[] {
  let pos = 0;
  const node = (): Node => {
    const tok = tokens[pos++]!;
    if (tok !== '(') return { lit: literal(tok) };
    const name = tokens[pos++]!;
    const args: Node[] = [];
    while (tokens[pos] !== ')') args.push(node());
    pos++;
    return { call: name, args };
  };
  const out: Node[] = [];
  while (pos < tokens.length) out.push(node());
  return out;
}

function semver(s: string): GoObject {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(s);
  if (!m) throw new Error(`bad semver ${s}`);
  const [major, minor, patch] = [m[1], m[2], m[3]].map((x) => new TypedInt('uint64', BigInt(x ?? 0)));
  const pre = m[4] ?? '';
  const metadata = m[5] ?? '';
  return {
    [GO]: {
      type: '*semver.Version',
      kind: 'ptr',
      string: () =>
        `${major!.value}.${minor!.value}.${patch!.value}${pre ? `-${pre}` : ''}${metadata ? `+${metadata}` : ''}`,
      fields: () => [
        ['major', major],
        ['minor', minor],
        ['patch', patch],
        ['pre', pre],
        ['metadata', metadata],
        ['original', s],
      ],
    },
  };
}

/** Sprig's conversions as the cases use them (cast.ToInt64 / cast.ToFloat64 swallow errors). */
const FUNCS: Record<string, (...args: any[]) => unknown> = {
  list: (...xs: unknown[]) => xs,
  dict: (...kv: unknown[]) => {
    const m: Record<string, unknown> = {};
    for (let i = 0; i < kv.length; i += 2) m[kv[i] as string] = kv[i + 1];
    return m;
  },
  int64: (x: unknown) => {
    if (typeof x === 'bigint') return int64(x);
    try {
      return int64(parseGoInt((x as string).replace(/\.0*$/, ''), 0, 0));
    } catch {
      return int64(0n);
    }
  },
  float64: (x: unknown) => {
    if (typeof x === 'bigint') return Number(x);
    try {
      return parseGoFloat(x as string);
    } catch {
      return 0;
    }
  },
  toStrings: (xs: unknown[]) =>
    sliceOf(
      'string',
      xs.map((x) => (typeof x === 'string' ? x : sprintf('%v', x))),
    ),
  until: (n: bigint) =>
    sliceOf(
      'int',
      Array.from({ length: Number(n) }, (_, i) => BigInt(i)),
    ),
  semver: (s: string) => semver(s),
  // the recorder's chart holds hi.txt = "hé\n"
  '.Files.GetBytes': () =>
    sliceOf(
      'uint8',
      Array.from(new TextEncoder().encode('h\u00e9\n'), (b) => new TypedInt('uint8', BigInt(b))),
    ),
};

function evaluate(n: Node): unknown {
  if ('lit' in n) return n.lit;
  const fn = FUNCS[n.call];
  if (!fn) throw new Error(`unknown function ${n.call}`);
  return fn(...n.args.map(evaluate));
}

function run(call: string): string {
  const [name, ...rest] = tokenize(call);
  const args = parse(rest).map(evaluate);
  switch (name) {
    case 'printf':
      return sprintf(args[0] as string, ...args.slice(1));
    case 'print':
      return sprint(...args);
    case 'println':
      return sprintln(...args);
  }
  throw new Error(`unknown call ${call}`);
}

describe('fmt matches helm v4.1.4', () => {
  it.each(golden.map((g) => [g.call, g.out] as const))('%s', (call, out) => {
    expect(run(call)).toBe(out);
  });
});

// --- {{ . }} printing and the exported helpers ------------------------------------------

describe('formatValue ({{ . }})', () => {
  const cases: [string, unknown, string][] = [
    ['missing value', undefined, '<no value>'],
    ['nil', null, '<nil>'],
    ['string', 'héllo', 'héllo'],
    ['int', -42n, '-42'],
    ['int64', int64(7n), '7'],
    ['uint8', new TypedInt('uint8', 300n), '44'],
    ['float', 1e6, '1e+06'],
    ['float int-valued', 3, '3'],
    ['float small', 0.00001, '1e-05'],
    ['negative zero', -0, '-0'],
    ['bool', false, 'false'],
    ['slice', [1n, 'a', null, [2.5]], '[1 a <nil> [2.5]]'],
    ['map', { b: 1n, a: { c: 'd' } }, 'map[a:map[c:d] b:1]'],
    ['stringer', semver('1.2.3'), '1.2.3'],
  ];
  it.each(cases)('%s', (_, v, out) => {
    expect(formatValue(v)).toBe(out);
  });

  it('prints the target of a pointer without String() as a struct', () => {
    const p: GoObject = {
      [GO]: {
        type: '*chart.Metadata',
        kind: 'ptr',
        fields: () => [
          ['Name', 'x'],
          ['Version', '1'],
        ],
      },
    };
    expect(formatValue(p)).toBe('{x 1}');
    expect(sprintf('%v|%+v|%#v', p, p, p)).toBe(
      '&{x 1}|&{Name:x Version:1}|&chart.Metadata{Name:"x", Version:"1"}',
    );
  });

  it('prefers Error() over String()', () => {
    const e: GoObject = {
      [GO]: { type: '*errors.errorString', kind: 'ptr', error: () => 'boom', string: () => 'no' },
    };
    expect(sprint(e, 1n)).toBe('boom 1');
    expect(sprintf('%q|%x|%10s', e, e, e)).toBe('"boom"|626f6f6d|      boom');
  });

  it('uses GoString() for %#v when the object has one', () => {
    const t = {
      [GO]: {
        type: 'time.Time',
        kind: 'struct',
        string: () => '2020-01-01 00:00:00 +0000 UTC',
        goString: () => 'time.Date(2020, time.January, 1, 0, 0, 0, 0, time.UTC)',
      },
    } as GoObject;
    expect(sprintf('%v|%#v|%8.4v', t, t, t)).toBe(
      '2020-01-01 00:00:00 +0000 UTC|time.Date(2020, time.January, 1, 0, 0, 0, 0, time.UTC)|    2020',
    );
  });

  it('treats a missing operand of Sprint like nil', () => {
    expect(sprint(undefined, 1n)).toBe('<nil> 1');
    expect(sprintf('%v|%s', undefined, undefined)).toBe('<nil>|%!s(<nil>)');
  });

  it('prints byte slices as Go prints []byte', () => {
    const b = sliceOf('uint8', [104n, 105n]);
    expect(sprintf('%s|%x|%q|%v|%#v|%d', b, b, b, b, b, b)).toBe(
      'hi|6869|"hi"|[104 105]|[]byte{0x68, 0x69}|[104 105]',
    );
    expect(sprintf('%T', new Uint8Array([1]))).toBe('[]uint8');
  });

  it('exports strconv-compatible helpers', () => {
    expect(formatFloat(0.1, 'e', 20)).toBe('1.00000000000000005551e-01');
    expect(formatFloat(1e21, 'g', -1)).toBe('1e+21');
    expect(formatFloat(-2.5, 'x', -1)).toBe('-0x1.4p+01');
    expect(quote('a"\n\u00e9\u0001')).toBe('"a\\"\\n\u00e9\\x01"');
  });
});
