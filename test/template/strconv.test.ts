/**
 * strconv pieces not reachable through printf (printf's golden cases in fmt.test.ts cover
 * FormatFloat and Quote against the real helm). Error texts are Go's NumError format:
 * `strconv.ParseInt: parsing "x": invalid syntax`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  atoi,
  canBackquote,
  formatFloat,
  formatInt,
  itoa,
  NumError,
  parseBool,
  parseGoFloat,
  parseGoInt,
  parseGoUint,
  quote,
  quoteRune,
  quoteRuneToASCII,
  quoteToASCII,
  unquote,
} from '../../src/template/strconv.ts';

type Outcome = { ok: unknown } | { err: string; result?: unknown };

function outcome(f: () => unknown): Outcome {
  try {
    return { ok: f() };
  } catch (e) {
    if (e instanceof NumError)
      return e.reason === 'value out of range' ? { err: e.message, result: e.result } : { err: e.message };
    return { err: (e as Error).message };
  }
}

describe('ParseInt / ParseUint / Atoi', () => {
  const cases: [string, number, number, Outcome][] = [
    ['123', 10, 64, { ok: 123n }],
    ['-123', 10, 64, { ok: -123n }],
    ['+7', 10, 64, { ok: 7n }],
    ['-0x1f', 0, 64, { ok: -31n }],
    ['0X1F', 0, 64, { ok: 31n }],
    ['0b101', 0, 8, { ok: 5n }],
    ['0o17', 0, 64, { ok: 15n }],
    ['017', 0, 64, { ok: 15n }],
    ['0', 0, 64, { ok: 0n }],
    ['1_000', 0, 64, { ok: 1000n }],
    ['0x_1f', 0, 64, { ok: 31n }],
    ['0_7', 0, 64, { ok: 7n }],
    ['zz', 36, 64, { ok: 1295n }],
    ['1_000', 10, 64, { err: 'strconv.ParseInt: parsing "1_000": invalid syntax' }],
    ['_1', 0, 64, { err: 'strconv.ParseInt: parsing "_1": invalid syntax' }],
    ['1_', 0, 64, { err: 'strconv.ParseInt: parsing "1_": invalid syntax' }],
    ['1__0', 0, 64, { err: 'strconv.ParseInt: parsing "1__0": invalid syntax' }],
    ['0x', 0, 64, { err: 'strconv.ParseInt: parsing "0x": invalid syntax' }],
    ['', 10, 64, { err: 'strconv.ParseInt: parsing "": invalid syntax' }],
    ['-', 10, 64, { err: 'strconv.ParseInt: parsing "-": invalid syntax' }],
    ['12a', 10, 64, { err: 'strconv.ParseInt: parsing "12a": invalid syntax' }],
    [' 1', 10, 64, { err: 'strconv.ParseInt: parsing " 1": invalid syntax' }],
    ['a\n', 10, 64, { err: 'strconv.ParseInt: parsing "a\\n": invalid syntax' }],
    ['1', 1, 64, { err: 'strconv.ParseInt: parsing "1": invalid base 1' }],
    ['1', 37, 64, { err: 'strconv.ParseInt: parsing "1": invalid base 37' }],
    ['1', 10, 65, { err: 'strconv.ParseInt: parsing "1": invalid bit size 65' }],
    ['127', 10, 8, { ok: 127n }],
    ['128', 10, 8, { err: 'strconv.ParseInt: parsing "128": value out of range', result: 127n }],
    ['-128', 10, 8, { ok: -128n }],
    ['-129', 10, 8, { err: 'strconv.ParseInt: parsing "-129": value out of range', result: -128n }],
    ['9223372036854775807', 10, 0, { ok: 9223372036854775807n }],
    ['-9223372036854775808', 10, 0, { ok: -9223372036854775808n }],
    [
      '9223372036854775808',
      10,
      64,
      {
        err: 'strconv.ParseInt: parsing "9223372036854775808": value out of range',
        result: 9223372036854775807n,
      },
    ],
    [
      '-99999999999999999999',
      10,
      64,
      {
        err: 'strconv.ParseInt: parsing "-99999999999999999999": value out of range',
        result: -9223372036854775808n,
      },
    ],
  ];
  it.each(cases)('ParseInt(%j, %d, %d)', (s, base, bits, want) => {
    expect(outcome(() => parseGoInt(s, base, bits))).toEqual(want);
  });

  const ucases: [string, number, number, Outcome][] = [
    ['18446744073709551615', 10, 64, { ok: 18446744073709551615n }],
    [
      '18446744073709551616',
      10,
      64,
      {
        err: 'strconv.ParseUint: parsing "18446744073709551616": value out of range',
        result: 18446744073709551615n,
      },
    ],
    ['-1', 10, 64, { err: 'strconv.ParseUint: parsing "-1": invalid syntax' }],
    ['256', 10, 8, { err: 'strconv.ParseUint: parsing "256": value out of range', result: 255n }],
    ['ff', 16, 8, { ok: 255n }],
  ];
  it.each(ucases)('ParseUint(%j, %d, %d)', (s, base, bits, want) => {
    expect(outcome(() => parseGoUint(s, base, bits))).toEqual(want);
  });

  it('Atoi names itself in errors', () => {
    expect(atoi('42')).toBe(42n);
    expect(outcome(() => atoi('4x'))).toEqual({ err: 'strconv.Atoi: parsing "4x": invalid syntax' });
    expect(outcome(() => atoi('99999999999999999999'))).toEqual({
      err: 'strconv.Atoi: parsing "99999999999999999999": value out of range',
      result: 9223372036854775807n,
    });
  });

  it('FormatInt / Itoa', () => {
    expect(formatInt(255n, 16)).toBe('ff');
    expect(formatInt(-255n, 2)).toBe('-11111111');
    expect(formatInt(35n, 36)).toBe('z');
    expect(itoa(-12n)).toBe('-12');
    expect(() => formatInt(1n, 1)).toThrow();
  });
});

describe('ParseFloat', () => {
  const cases: [string, Outcome][] = [
    ['1.5', { ok: 1.5 }],
    ['-0', { ok: -0 }],
    ['.5', { ok: 0.5 }],
    ['5.', { ok: 5 }],
    ['+.5e-3', { ok: 0.0005 }],
    ['1E3', { ok: 1000 }],
    ['1_000.5', { ok: 1000.5 }],
    ['0x1p-2', { ok: 0.25 }],
    ['0x1.8p1', { ok: 3 }],
    ['0x.8p0', { ok: 0.5 }],
    ['0X1P+2', { ok: 4 }],
    ['0x1p-1074', { ok: 5e-324 }],
    ['0x1p-1075', { ok: 0 }],
    ['0x1.8p-1074', { ok: 1e-323 }],
    ['0x1.00000000000008p0', { ok: 1 }],
    ['0x1.00000000000018p0', { ok: 1.0000000000000004 }],
    ['0x1.000000000000081p0', { ok: 1.0000000000000002 }],
    ['0x1.fffffffffffffp1023', { ok: 1.7976931348623157e308 }],
    ['1e-400', { ok: 0 }],
    ['2.2250738585072011e-308', { ok: 2.225073858507201e-308 }],
    ['inf', { ok: Infinity }],
    ['-Infinity', { ok: -Infinity }],
    ['+INF', { ok: Infinity }],
    ['NaN', { ok: NaN }],
    ['1e400', { err: 'strconv.ParseFloat: parsing "1e400": value out of range', result: Infinity }],
    ['-1e400', { err: 'strconv.ParseFloat: parsing "-1e400": value out of range', result: -Infinity }],
    [
      '0x1.fffffffffffff8p1023',
      { err: 'strconv.ParseFloat: parsing "0x1.fffffffffffff8p1023": value out of range', result: Infinity },
    ],
    ['0x1', { err: 'strconv.ParseFloat: parsing "0x1": invalid syntax' }],
    ['+nan', { err: 'strconv.ParseFloat: parsing "+nan": invalid syntax' }],
    ['infin', { err: 'strconv.ParseFloat: parsing "infin": invalid syntax' }],
    ['.', { err: 'strconv.ParseFloat: parsing ".": invalid syntax' }],
    ['1e', { err: 'strconv.ParseFloat: parsing "1e": invalid syntax' }],
    ['1e+', { err: 'strconv.ParseFloat: parsing "1e+": invalid syntax' }],
    ['_1', { err: 'strconv.ParseFloat: parsing "_1": invalid syntax' }],
    ['1__0', { err: 'strconv.ParseFloat: parsing "1__0": invalid syntax' }],
    [' 1', { err: 'strconv.ParseFloat: parsing " 1": invalid syntax' }],
    ['', { err: 'strconv.ParseFloat: parsing "": invalid syntax' }],
  ];
  it.each(cases)('ParseFloat(%j)', (s, want) => {
    const got = outcome(() => parseGoFloat(s));
    expect(got).toEqual(want);
    if ('ok' in want && Object.is(want.ok, -0)) expect(Object.is((got as { ok: number }).ok, -0)).toBe(true);
  });
});

describe('ParseBool', () => {
  it.each(['1', 't', 'T', 'true', 'TRUE', 'True'])('%s is true', (s) => expect(parseBool(s)).toBe(true));
  it.each(['0', 'f', 'F', 'false', 'FALSE', 'False'])('%s is false', (s) => expect(parseBool(s)).toBe(false));
  it.each(['yes', 'tRUE', '', ' true'])('%j is an error', (s) => {
    expect(outcome(() => parseBool(s))).toEqual({
      err: `strconv.ParseBool: parsing ${quote(s)}: invalid syntax`,
    });
  });
});

describe('Quote family', () => {
  const cases: [string, string, string][] = [
    ['plain', 'abc', '"abc"'],
    ['escapes', '\x07\b\f\n\r\t\v\\"', '"\\a\\b\\f\\n\\r\\t\\v\\\\\\""'],
    ['control and DEL', '\x00\x1f\x7f', '"\\x00\\x1f\\x7f"'],
    ['printable unicode', 'héllo 日本 😀', '"héllo 日本 😀"'],
    [
      'non-printable unicode',
      '\u00a0\u00ad\u2028\ufeff\u{e0001}',
      '"\\u00a0\\u00ad\\u2028\\ufeff\\U000e0001"',
    ],
    ['lone surrogate as invalid bytes', 'a\ud800b', '"a\\xed\\xa0\\x80b"'],
  ];
  it.each(cases)('Quote: %s', (_, s, want) => {
    expect(quote(s)).toBe(want);
    expect(unquote(want)).toBe(s.includes('\ud800') ? unquote(want) : s);
  });

  it('QuoteToASCII', () => {
    expect(quoteToASCII('héllo 😀\n')).toBe('"h\\u00e9llo \\U0001f600\\n"');
  });

  it('QuoteRune', () => {
    expect(quoteRune(65)).toBe("'A'");
    expect(quoteRune(39)).toBe("'\\''");
    expect(quoteRune(34)).toBe("'\"'");
    expect(quoteRune(0xd800)).toBe("'\uFFFD'");
    expect(quoteRune(0x110000)).toBe("'\uFFFD'");
    expect(quoteRuneToASCII(0x263a)).toBe("'\\u263a'");
    expect(quoteRuneToASCII(0x1f600)).toBe("'\\U0001f600'");
  });

  it('CanBackquote', () => {
    expect(canBackquote('a\tb "x" é')).toBe(true);
    expect(canBackquote('a`b')).toBe(false);
    expect(canBackquote('a\nb')).toBe(false);
    expect(canBackquote('\ufeff')).toBe(false);
    expect(canBackquote('\x7f')).toBe(false);
  });
});

describe('Unquote', () => {
  const ok: [string, string][] = [
    ['"abc"', 'abc'],
    ['"\\x41\\101\\u00e9\\U0001F600"', 'AAé😀'],
    ['"\\xc3\\xa9"', 'é'],
    ['"\\\'"'.replace("\\'", "'"), "'"],
    ['`a\\nb`', 'a\\nb'],
    ['`a\r\nb`', 'a\nb'],
    ["'a'", 'a'],
    ["'\\''", "'"],
    ["'\\x41'", 'A'],
    ["'日'", '日'],
    ['""', ''],
  ];
  it.each(ok)('Unquote(%j)', (s, want) => expect(unquote(s)).toBe(want));

  const bad = [
    '',
    '"',
    'abc',
    '"abc',
    "'ab'",
    "''",
    '"a"b"',
    '"\\q"',
    '"\\x4"',
    '"\\400"',
    '"\\\'"',
    "'\\\"'",
    '"a\nb"',
    '`a`b`',
    '"\\ud800"',
    '"\\U00110000"',
  ];
  it.each(bad)('Unquote(%j) is invalid syntax', (s) => {
    expect(() => unquote(s)).toThrow('invalid syntax');
  });
});

describe('FormatFloat properties', () => {
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
  it('shortest %g, %e and %f round-trip', () => {
    fc.assert(
      fc.property(finite, (x) => {
        for (const f of ['g', 'e', 'f'] as const)
          expect(Object.is(parseGoFloat(formatFloat(x, f, -1)), x)).toBe(true);
      }),
    );
  });
  it('%.16e round-trips and %.Nf stays within half an ulp of the last digit', () => {
    fc.assert(
      fc.property(finite, fc.integer({ min: 0, max: 20 }), (x, p) => {
        expect(Object.is(parseGoFloat(formatFloat(x, 'e', 16)), x)).toBe(true);
        if (Math.abs(x) < 1e15) {
          const y = Number(formatFloat(x, 'f', p));
          expect(Math.abs(y - x)).toBeLessThanOrEqual(0.5 * 10 ** -p + Math.abs(x) * 2 ** -52);
        }
      }),
    );
  });
  it('%x round-trips through ParseFloat', () => {
    fc.assert(
      fc.property(finite, (x) => {
        expect(Object.is(parseGoFloat(formatFloat(x, 'x', -1)), x)).toBe(true);
      }),
    );
  });
  it('ties round half to even on the exact binary value', () => {
    expect(formatFloat(0.125, 'f', 2)).toBe('0.12');
    expect(formatFloat(0.375, 'f', 2)).toBe('0.38');
    expect(formatFloat(2.5, 'e', 0)).toBe('2e+00');
    expect(formatFloat(1.5, 'x', 0)).toBe('0x1p+01');
    expect(formatFloat(2.675, 'f', 2)).toBe('2.67');
  });
});
